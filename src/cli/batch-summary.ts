import { printable } from '../errors.js';
import { Chalk } from 'chalk';
import { join } from 'node:path';
import type { Manifest } from '../batch/manifest.js';
import { MANIFEST, TABLE_FILES, WORKBOOK } from '../batch/names.js';
import { clock, rate } from './progress.js';

export interface SummaryInput {
  manifest: Manifest;
  /** Warning codes, most frequent first. */
  warningCodes: readonly [string, number][];
  elapsedMs: number;
  /** Pages converted in this run. */
  pages: number;
  /** The output folder as given, or null when streaming to stdout. */
  outDir: string | null;
  color: boolean;
  /** Files of the output folder that could not be written (a full disk …): left out of the last line. */
  unwritten?: readonly string[];
}

const SHOWN_FAILURES = 50;
const SHOWN_CODES = 5;

/** The end-of-batch report on stderr: a table of counts, every failure by name, then what was written. */
export function renderSummary(s: SummaryInput): string {
  const c = new Chalk({ level: s.color ? 1 : 0 });
  const { totals, inputs, notes } = s.manifest;
  const by = (status: string) => inputs.filter((e) => e.status === status);
  const sums = (status: string) => {
    const es = by(status);
    return [es.length, ...(['forms', 'indicators', 'warnings'] as const).map((k) => es.reduce((n, e) => n + (e[k] ?? 0), 0))];
  };
  const rows: [string, (number | null)[]][] = [
    ['converted', sums('converted')],
    ['skipped', sums('skipped')],
    ['failed', [totals.failed, null, null, null]],
    ['total', [totals.inputs, totals.forms, totals.indicators, totals.warnings]],
  ];
  const head = ['inputs', 'forms', 'indicators', 'warnings'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(([, v]) => String(v[i] ?? '').length)));
  const line = (label: string, cells: string[]) =>
    (label.padEnd(10) + cells.map((v, i) => '  ' + v.padStart(widths[i]!)).join('')).trimEnd();
  const paint = (label: string, text: string): string =>
    label === 'failed' && totals.failed ? c.red(text) : label === 'total' ? c.bold(text) : text;
  const out = [c.dim(line('', head))];
  for (const [label, v] of rows) out.push(paint(label, line(label, v.map((x) => (x === null ? '' : String(x))))));

  const failed = by('failed');
  if (failed.length) {
    out.push('', c.red(`${failed.length} failed:`));
    for (const e of failed.slice(0, SHOWN_FAILURES)) out.push(`  ${e.error ?? printable(e.path)}`);
    if (failed.length > SHOWN_FAILURES) out.push(c.dim(`  … ${failed.length - SHOWN_FAILURES} more in manifest.json`));
  }
  if (s.warningCodes.length) out.push('', warningLine(s.warningCodes, s.outDir));
  if (notes.length) out.push('', ...notes.map((n) => c.dim(`note: ${n}`)));

  out.push('');
  if (totals.converted === 0 && totals.skipped > 0) {
    out.push(`Nothing converted: ${totals.skipped} input${totals.skipped === 1 ? '' : 's'} unchanged since the last run were skipped (--force converts them again).`);
  }
  const took = clock(s.elapsedMs) + (totals.converted ? `, ${rate(s.pages, totals.converted, s.elapsedMs)}` : '');
  out.push(s.outDir ? `${s.outDir}: ${written(s.outDir, totals.inputs - totals.failed, s.unwritten ?? [])} (${took}).` : `Done (${took}).`);
  return out.join('\n') + '\n';
}

const FOLDER_FILES = [...Object.values(TABLE_FILES), WORKBOOK, MANIFEST];

/** "5 JSON files, indicators.csv, …": what the folder holds now, without what could not be written. */
function written(outDir: string, documents: number, unwritten: readonly string[]): string {
  const missing = new Set(unwritten);
  const files = FOLDER_FILES.filter((f) => !missing.has(join(outDir, f)));
  const json = documents - (unwritten.length - (FOLDER_FILES.length - files.length));
  return [`${json} JSON file${json === 1 ? '' : 's'}`, ...files].join(', ');
}

/** "Warnings by code: missing-value 41, unknown-label 12, … — every one in out/warnings.csv." */
function warningLine(codes: readonly [string, number][], outDir: string | null): string {
  const shown = codes.slice(0, SHOWN_CODES).map(([code, n]) => `${code} ${n}`);
  if (codes.length > SHOWN_CODES) shown.push(`${codes.length - SHOWN_CODES} more code${codes.length - SHOWN_CODES === 1 ? '' : 's'}`);
  const where = outDir ? `every one in ${join(outDir, 'warnings.csv')}` : "every one in each document's warnings";
  return `Warnings by code: ${shown.join(', ')} — ${where}.`;
}
