import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { lineRow } from '../model/build.js';
import type { Block, Extracted, Row } from '../model/intermediate.js';
import { unwrapQuoted } from './text.js';

/** The line ending the file uses, as csv-parse would discover it: the first one in the text. */
function recordDelimiter(text: string): string {
  const at = text.search(/[\r\n]/);
  if (at < 0 || text[at] === '\n') return '\n';
  return text[at + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * Comma-separated values as spreadsheet programs save them: quoted cells may hold commas and line
 * breaks. Blank records end a table, as in tab-separated text; a record with one field is a
 * paragraph.
 */
export function extractCsv(text: string, encoding: string): Extracted {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      // csv-parse would look for it at every byte until it finds one: a file of one long line
      // cost three allocations per byte
      record_delimiter: recordDelimiter(text),
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError(`not readable as CSV: ${(err as Error).message.split('\n')[0]}`, line ? { line } : {});
  }
  const blocks: Block[] = [];
  let table: Row[] | null = null;
  for (const { record, info } of records) {
    const fields = record.map((f) => f.trim());
    const nonEmpty = fields.filter((f) => f !== '');
    if (nonEmpty.length === 0) {
      table = null;
    } else if (fields.length === 1) {
      table = null;
      blocks.push({ kind: 'paragraph', text: fields[0]!, page: null, line: info.lines });
    } else {
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table, page: null });
      }
      table.push(lineRow(fields.map(unwrapQuoted), info.lines));
    }
  }
  return { format: 'csv', pages: null, encoding, blocks, warnings: [] };
}
