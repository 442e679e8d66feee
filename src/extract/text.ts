import { lineRow, MAX_ROW_CELLS, wideLine } from '../model/build.js';
import type { Block, Extracted, Row } from '../model/intermediate.js';
import type { Warning } from '../model/warning.js';

/**
 * Tab-separated text, as PDF converters, OCR tools and spreadsheet copy-paste give it. Each line
 * with a tab is a table row (cells by tab position); a blank line ends a table (exports put one
 * at each page break); a line without tabs is a paragraph. A cell may be double-quoted to hold
 * tabs or line breaks, as spreadsheet programs write it. (A file with no tab at all is a text
 * layout: see layout-text.ts.)
 */
export function extractText(text: string, encoding: string): Extracted {
  const blocks: Block[] = [];
  const warnings: Warning[] = [];
  let table: Row[] | null = null;
  for (const { text: record, line } of splitRecords(text)) {
    const fields = splitFields(record, MAX_ROW_CELLS);
    if (!fields) {
      const wide = wideLine(record, line);
      blocks.push(wide.block);
      warnings.push(wide.warning);
      table = null;
      continue;
    }
    if (!fields.some((f) => f.trim() !== '')) {
      table = null;
      continue;
    }
    if (fields.length === 1) {
      table = null;
      blocks.push({ kind: 'paragraph', text: fields[0]!.trim(), page: null, line });
      continue;
    }
    if (!table) {
      table = [];
      blocks.push({ kind: 'table', rows: table, page: null });
    }
    table.push(lineRow(fields.map((f) => unwrapQuoted(f.trim())), line));
  }
  return { format: 'text', pages: null, encoding, blocks, warnings };
}

interface Record_ {
  text: string;
  line: number;
}

/** Split into records, keeping a quoted cell's tabs and line breaks inside its record. */
function splitRecords(text: string): Record_[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Record_[] = [];
  for (let i = 0; i < raw.length; i++) {
    let rec = raw[i]!;
    const start = i;
    // An opening quote at a cell start whose closing quote is on a later line: join the lines.
    while (hasOpenQuote(rec) && i + 1 < raw.length && i - start < 50) rec += '\n' + raw[++i];
    if (hasOpenQuote(rec)) {
      // never closed: read the lines as they are
      i = start;
      rec = raw[i]!;
    }
    out.push({ text: rec, line: start + 1 });
  }
  return out;
}

// character codes, not rec[k]: a one-character string of a CJK character is a new string each time
const QUOTE = 0x22;
const TAB = 0x09;

function hasOpenQuote(rec: string): boolean {
  let k = rec.indexOf('"');
  if (k < 0) return false; // most records: no character visited
  let open = false;
  let cellStart = k === 0 || rec.charCodeAt(k - 1) === TAB;
  for (; k < rec.length; k++) {
    const c = rec.charCodeAt(k);
    if (open) {
      if (c === QUOTE) {
        if (rec.charCodeAt(k + 1) === QUOTE) k++;
        else open = false;
      }
    } else if (c === QUOTE && cellStart) {
      open = true;
    }
    cellStart = c === TAB;
  }
  return open;
}

/**
 * The fields of a record: split at tabs, a quoted cell read without its quotes (`""` inside it is
 * one quote). Null when the record has more than `max` fields. Fields are slices of the record,
 * not built a character at a time: a record can be tens of megabytes.
 */
function splitFields(rec: string, max: number): string[] | null {
  const fields: string[] = [];
  for (let k = 0; ; k++) {
    if (fields.length >= max) return null;
    if (rec.charCodeAt(k) === QUOTE && closesCleanly(rec, k)) {
      // every lone quote after the opening one closes the cell (closesCleanly saw to that)
      let cell = '';
      let from = k + 1;
      for (;;) {
        const q = rec.indexOf('"', from);
        if (rec.charCodeAt(q + 1) === QUOTE) {
          cell += rec.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        fields.push(cell + rec.slice(from, q));
        k = q + 1;
        break;
      }
    } else {
      const tab = rec.indexOf('\t', k);
      const end = tab < 0 ? rec.length : tab;
      fields.push(rec.slice(k, end));
      k = end;
    }
    if (k >= rec.length) return fields;
  }
}

/** A quote opens a quoted cell only when a matching quote ends the cell. */
function closesCleanly(rec: string, open: number): boolean {
  for (let k = rec.indexOf('"', open + 1); k >= 0; k = rec.indexOf('"', k + 1)) {
    if (rec.charCodeAt(k + 1) === QUOTE) {
      k++;
      continue;
    }
    return k + 1 === rec.length || rec.charCodeAt(k + 1) === TAB;
  }
  return false;
}

/**
 * A cell still wrapped whole in a pair of quotes after the quoting was read: some exports quote
 * a cell twice (`"""1.完成…"""`), so the pair is syntax too, not text.
 */
export function unwrapQuoted(text: string): string {
  if (text.charCodeAt(0) !== 0x22) return text; // most cells: no regex run
  const quoted = /^"([^"]*)"$/.exec(text);
  return quoted ? quoted[1]!.trim() : text;
}
