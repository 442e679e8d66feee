import type { CutLine } from './cell-text.js';
import type { Box } from './geometry.js';
import type { Line } from './lines.js';

/** A table found on one page (ruled or borderless), with the geometry stitching needs to continue it on the next page. */
export interface LayoutTable {
  page: number;
  box: Box;
  /** Column and row boundaries, left to right and top to bottom. */
  xs: number[];
  ys: number[];
  cells: LayoutCell[];
  ruled: boolean;
}

/** A cell of a LayoutTable: its place in the table's grid, its box on the page and its text. */
export interface LayoutCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
  text: string;
  /** The last line runs to the right edge: the text probably goes on (see CellText). */
  lastLineFull: boolean;
  /** The last line sits at the bottom of the cell. */
  reachesBottom: boolean;
  /** Lines a clip cut across at the top and at the bottom (see CellText). */
  cutTop: CutLine | null;
  cutBottom: CutLine | null;
}

/** A table a finder read from free text lines, with the lines it used (the rest become paragraphs). */
export interface FoundTable {
  table: LayoutTable;
  lines: Line[];
}
