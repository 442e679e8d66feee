import type { Document } from '../model/document.js';
import { allWarnings } from '../report.js';
import { type CsvTable, toCsv } from '../write/csv.js';
import { toJson } from '../write/json.js';

/** What a batch needs from each document; workers render only that, off the main thread. */
export interface Wants {
  /** The per-input JSON file (pretty, as `ptarget parse -o x.json` writes it). */
  json: boolean;
  /** One compact line for --format ndjson. */
  line: boolean;
  /** CSV rows (no header, no BOM) for these tables. */
  tables: CsvTable[];
}

export interface Rendered {
  format: string;
  pages: number | null;
  forms: number;
  indicators: number;
  warnings: number;
  json?: string;
  line?: string;
  csv: Partial<Record<CsvTable, string>>;
}

export function render(doc: Document, wants: Wants): Rendered {
  const out: Rendered = {
    format: doc.source.format,
    pages: doc.source.pages,
    forms: doc.forms.length,
    indicators: doc.forms.reduce((n, f) => n + f.indicators.length, 0),
    warnings: allWarnings(doc).length,
    csv: {},
  };
  if (wants.json) out.json = toJson(doc);
  if (wants.line) out.line = JSON.stringify(doc) + '\n';
  for (const t of wants.tables) out.csv[t] = csvRows(doc, t);
  return out;
}

/** The header line of a CSV table, as toCsv writes it (without BOM). */
export function csvHeader(table: CsvTable): string {
  return toCsv([], table, { bom: false });
}

/**
 * A document's CSV rows without the header, cut from toCsv's own output so that header +
 * concatenated rows is byte for byte what toCsv writes for all the documents at once.
 */
export function csvRows(doc: Document, table: CsvTable): string {
  const header = csvHeader(table);
  const all = toCsv([doc], table, { bom: false });
  if (!all.startsWith(header)) throw new Error('toCsv output does not start with its header');
  return all.slice(header.length);
}
