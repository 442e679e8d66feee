import type { Cell, Extracted } from '../model/intermediate.js';
import { dropSpaces, normalizeText } from './normalize.js';

/** A cell as the parser sees it: normalised text and its key (no whitespace). */
export interface ParseCell {
  text: string;
  key: string;
  col: number;
  colSpan: number;
  rowSpan: number;
  /** The intermediate cell it was read from (its page and box), or null for a paragraph. */
  source: Cell | null;
}

/** One row of the document stream: a table row, or a paragraph as a one-cell row. */
export interface ParseRow {
  /** All cells, empty ones included, ordered by column. */
  cells: ParseCell[];
  /** Index of the table in the document, or null for a paragraph. */
  table: number | null;
  /** Index of the row in its table. */
  index: number;
  page: number | null;
  line: number | null;
}

/** Flatten the blocks into one stream of rows with normalised cells. */
export function toRows(doc: Extracted): ParseRow[] {
  const rows: ParseRow[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind === 'paragraph') {
      const text = cellText(block.text);
      if (text === '') return;
      rows.push({ cells: [keyed(text, 0, 1, 1, null)], table: null, index: 0, page: block.page, line: block.line });
      return;
    }
    block.rows.forEach((row, index) => {
      const cells = row.cells.map((c) => keyed(cellText(c.text), c.col, c.colSpan, c.rowSpan, c));
      // extractors give cells in column order: sorted only where they do not (sort is stable)
      if (!cells.every((c, i) => i === 0 || cells[i - 1]!.col <= c.col)) cells.sort((a, b) => a.col - b.col);
      const page = row.page ?? row.cells.find((c) => c.page !== null)?.page ?? null;
      rows.push({ cells, table: b, index, page, line: row.line });
    });
  });
  return rows;
}

function keyed(text: string, col: number, colSpan: number, rowSpan: number, source: Cell | null): ParseCell {
  return { text, key: dropSpaces(text), col, colSpan, rowSpan, source };
}

/**
 * Normalised cell text. Quotes are kept: where quoting is syntax (tab- and comma-separated
 * text) the extractor has already removed it, and elsewhere a quote is printed on the page.
 */
function cellText(raw: string): string {
  return normalizeText(raw);
}

/** The non-empty cells of a row: the row's own array where no cell is empty (most rows), so never to be changed. */
export function filled(row: ParseRow): readonly ParseCell[] {
  return row.cells.every((c) => c.key !== '') ? row.cells : row.cells.filter((c) => c.key !== '');
}

/** The first non-empty cell right of `cell` in its row. */
export function nextFilled(row: ParseRow, cell: ParseCell): ParseCell | undefined {
  return row.cells.find((c) => c.col >= cell.col + cell.colSpan && c.key !== '');
}

/** The cell that starts right after `cell` in its row (may be empty), or undefined. */
export function rightOf(row: ParseRow, cell: ParseCell): ParseCell | undefined {
  return row.cells.find((c) => c.col === cell.col + cell.colSpan);
}

/** Non-empty cells of `row` overlapping the columns of `cell`. */
export function under(row: ParseRow, cell: ParseCell): ParseCell[] {
  const end = cell.col + cell.colSpan;
  return filled(row).filter((c) => c.col < end && c.col + c.colSpan > cell.col);
}

