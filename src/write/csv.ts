import { stringify } from 'csv-stringify/sync';
import type { CellValue, Table } from './tables.js';
import type { StreamWriter, Target } from './writer.js';

/** UTF-8 byte-order mark: Excel and WPS read a double-clicked CSV as UTF-8 only with it. */
const BOM = '\uFEFF';

export interface CsvOptions {
  /** Keep text cells as printed even where a spreadsheet would read them as a formula. */
  raw: boolean;
}

/** A text cell a spreadsheet program would run as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** …unless it is a plain signed number, which a spreadsheet reads as that number and nothing else. */
const SIGNED_NUMBER = /^[+-](\d+(\.\d*)?|\.\d+)%?$/;

/**
 * A text cell made safe to open in a spreadsheet: one that begins with =, +, -, @, a tab or a
 * carriage return gets a leading apostrophe, so `=365(天)` shows as text instead of #VALUE!, and a
 * cell from an untrusted PDF cannot run a formula. Numbers (typed cells, negative ones included)
 * are never touched, nor is text that is just a signed number ("-5", "+3.5%").
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !SIGNED_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * Every CSV line goes through here: RFC 4180 — a field holding a delimiter, a quote or any line
 * break (a bare "\n" too, not only the CRLF that ends records) is quoted; CRLF line ends; numbers
 * as JavaScript prints them.
 */
function lines(rows: readonly CellValue[][], opts: CsvOptions): string {
  const cells = opts.raw ? rows : rows.map((row) => row.map((v) => (typeof v === 'string' ? defuseFormula(v) : v)));
  return stringify(cells as CellValue[][], {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { number: (n) => String(n) },
  });
}

/**
 * Long-format CSV of one table: a header line, then the rows of each document. The byte-order
 * mark belongs in files, not in a stream another program reads.
 */
export function csvWriter(table: Table, opts: CsvOptions): StreamWriter {
  return {
    kind: 'stream',
    documents: 'many',
    head: (target: Target) => (target === 'file' ? BOM : '') + lines([[...table.columns]], opts),
    part: (doc) => lines(table.rows(doc), opts),
    tail: () => '',
  };
}
