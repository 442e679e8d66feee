import { oneLine, printable } from '../errors.js';
import { Chalk } from 'chalk';
import { allWarnings, indicatorCount } from '../model/counts.js';
import type { Document } from '../model/document.js';
import type { Warning } from '../model/warning.js';

const SHOWN = 12;

function where(w: Warning): string {
  const parts = [w.form !== null ? `form ${w.form}` : null, w.page !== null ? `page ${w.page}` : null, w.line !== null ? `line ${w.line}` : null];
  return parts.filter(Boolean).join(', ');
}

/** The short summary printed on stderr after a conversion: counts, then the first warnings. */
export function summarize(doc: Document, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const warnings = allWarnings(doc);
  const indicators = indicatorCount(doc);
  const lines = [
    `${c.bold(printable(doc.source.path))}: ${doc.forms.length} form${doc.forms.length === 1 ? '' : 's'}, ${indicators} indicator${indicators === 1 ? '' : 's'}` +
      (warnings.length ? `, ${c.yellow(`${warnings.length} warning${warnings.length === 1 ? '' : 's'}`)}` : ''),
  ];
  if (doc.source.encoding && doc.source.encoding !== 'utf-8') {
    lines.push(c.dim(`  read as ${doc.source.encoding.toUpperCase()} (not UTF-8)`));
  }
  for (const w of warnings.slice(0, SHOWN)) {
    const at = where(w);
    lines.push(`  ${c.yellow(w.code)}${at ? c.dim(` (${at})`) : ''}: ${oneLine(w.message)}`);
  }
  if (warnings.length > SHOWN) lines.push(c.dim(`  … ${warnings.length - SHOWN} more in the output's "warnings"`));
  return lines.join('\n') + '\n';
}
