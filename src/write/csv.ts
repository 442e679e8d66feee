import { stringify } from 'csv-stringify/sync';
import type { CellValue, Table } from './tables.js';
import type { StreamWriter, Target } from './writer.js';

/** UTF-8 byte-order mark: Excel and WPS read a double-clicked CSV as UTF-8 only with it. */
const BOM = '\uFEFF';

/** Every CSV line goes through here: RFC 4180 quoting, CRLF line ends, numbers as JavaScript prints them. */
function lines(rows: readonly CellValue[][]): string {
  return stringify(rows as CellValue[][], { record_delimiter: 'windows', cast: { number: (n) => String(n) } });
}

/**
 * Long-format CSV of one table: a header line, then the rows of each document. The byte-order
 * mark belongs in files, not in a stream another program reads.
 */
export function csvWriter(table: Table): StreamWriter {
  return {
    kind: 'stream',
    documents: 'many',
    head: (target: Target) => (target === 'file' ? BOM : '') + lines([[...table.columns]]),
    part: (doc) => lines(table.rows(doc)),
    tail: () => '',
  };
}
