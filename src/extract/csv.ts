import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { lineRow, MAX_ROW_CELLS, wideLine } from '../model/build.js';
import type { Block, Extracted, Row } from '../model/intermediate.js';
import type { Warning } from '../model/warning.js';
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
 * paragraph. A line of more commas than any table has cells is read as text (see MAX_ROW_CELLS),
 * the text around it as CSV.
 */
export function extractCsv(text: string, encoding: string): Extracted {
  const delimiter = recordDelimiter(text);
  const blocks: Block[] = [];
  const warnings: Warning[] = [];
  let table: Row[] | null = null;
  let at = 0;
  let firstLine = 1;
  const readRecords = (segment: string): void => {
    for (const { record, info } of parseRecords(segment, delimiter, firstLine - 1)) {
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
  };
  for (const wide of wideLines(text, delimiter === '\r' ? '\r' : '\n')) {
    readRecords(text.slice(at, wide.start));
    const { block, warning } = wideLine(text.slice(wide.start, wide.end), wide.line);
    blocks.push(block);
    warnings.push(warning);
    table = null;
    at = wide.end + 1;
    firstLine = wide.line + 1;
  }
  readRecords(text.slice(at));
  return { format: 'csv', pages: null, encoding, blocks, warnings };
}

type Record_ = { record: string[]; info: { lines: number } };

/** The records of a stretch of the file whose first line is line `offset` + 1. */
function parseRecords(segment: string, delimiter: string, offset: number): Record_[] {
  if (segment === '') return [];
  let records: Record_[];
  try {
    records = parse(segment, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      // csv-parse would look for it at every byte until it finds one: a file of one long line
      // cost three allocations per byte
      record_delimiter: delimiter,
    }) as unknown as Record_[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError(`not readable as CSV: ${(err as Error).message.split('\n')[0]}`, line ? { line: line + offset } : {});
  }
  if (offset) for (const r of records) r.info.lines += offset;
  return records;
}

/** Lines of more than MAX_ROW_CELLS fields (counting every comma: a quoted one too), in order. */
function* wideLines(text: string, newline: string): Generator<{ start: number; end: number; line: number }> {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const nl = text.indexOf(newline, start);
    const end = nl < 0 ? text.length : nl;
    // only a line longer than the limit can hold that many commas
    if (end - start > MAX_ROW_CELLS && commasIn(text, start, end) >= MAX_ROW_CELLS) {
      yield { start, end: end > start && text[end - 1] === '\r' ? end - 1 : end, line };
    }
    start = end + 1;
  }
}

function commasIn(text: string, start: number, end: number): number {
  let n = 0;
  for (let k = text.indexOf(',', start); k >= 0 && k < end; k = text.indexOf(',', k + 1)) n++;
  return n;
}
