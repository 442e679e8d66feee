import type { Cell, Row } from '../../model/intermediate.js';

/**
 * Table geometry from WordprocessingML. A `w:tr` lists its `w:tc`s left to right, after
 * `w:gridBefore` empty grid columns; each cell covers `w:gridSpan` grid columns. Vertical
 * merges are written as one cell per row (`w:vMerge="restart"` then `w:vMerge` continuations)
 * in the same grid column; here they become one cell with a rowSpan, HTML style, in its first row.
 */
export interface SourceCell {
  text: string;
  /** w:gridSpan (>= 1). */
  span: number;
  /** w:vMerge: restart, continue (an empty w:vMerge means continue), or none. */
  vMerge: 'restart' | 'continue' | null;
  /** Legacy w:hMerge (Word 97 documents): a continuation widens the cell on its left. */
  hMerge: 'restart' | 'continue' | null;
}

export interface SourceRow {
  /** w:gridBefore: grid columns left empty before the first cell. */
  gridBefore: number;
  cells: SourceCell[];
}

interface Open {
  cell: Cell;
  /** Last row the cell covers so far: a continuation must come right below. */
  last: number;
}

/** Place each row's cells on the grid and fold vertical merges into rowSpans. */
export function placeCells(rows: readonly SourceRow[]): Cell[][] {
  const out: Cell[][] = [];
  // the cell that starts at each grid column, for continuations below it
  const open = new Map<number, Open>();
  rows.forEach((row, r) => {
    const cells: Cell[] = [];
    let col = Math.max(0, row.gridBefore);
    let left: Cell | null = null;
    for (const sc of row.cells) {
      const span = Math.max(1, sc.span);
      if (sc.hMerge === 'continue' && left) {
        left.colSpan += span;
        left.text = joinText(left.text, sc.text);
        col += span;
        continue;
      }
      const above = sc.vMerge === 'continue' ? open.get(col) : undefined;
      // An orphan continuation (nothing above in this column, or of another width) stays a cell.
      if (above && above.last === r - 1 && above.cell.colSpan === span) {
        above.cell.rowSpan++;
        above.last = r;
        // Word shows only the first cell's content; keep any stray text rather than lose it
        above.cell.text = joinText(above.cell.text, sc.text);
        left = null;
        col += span;
        continue;
      }
      const cell: Cell = { text: sc.text, col, rowSpan: 1, colSpan: span, page: null, line: null, bbox: null };
      cells.push(cell);
      // any cell may be continued below (Word and mammoth accept a continuation of a plain cell)
      open.set(col, { cell, last: r });
      left = cell;
      col += span;
    }
    out.push(cells);
  });
  return out;
}

function joinText(a: string, b: string): string {
  return a && b ? `${a}\n${b}` : a || b;
}

/** Rows [from, to) as intermediate rows, with rowSpans cut at `to`. */
export function sliceRows(placed: readonly Cell[][], from: number, to: number): Row[] {
  const rows: Row[] = [];
  for (let r = from; r < to; r++) {
    // a cell is in one row of `placed`, so it is copied only where its rowSpan is cut; a row with
    // no such cell (almost every row) keeps its array, which is in this slice only
    const placedRow = placed[r] ?? [];
    const cut = placedRow.some((c) => c.rowSpan > to - r);
    const cells = cut ? placedRow.map((c) => (c.rowSpan > to - r ? { ...c, rowSpan: to - r } : c)) : placedRow;
    rows.push({ cells, page: null, line: null });
  }
  return rows;
}
