import { warning } from '../../model/build.js';
import type { Warning } from '../../model/warning.js';
import { findAligned } from './aligned.js';
import { findBorderless } from './borderless.js';
import { cellText } from './cell-text.js';
import { intervalIndex, type Box } from './geometry.js';
import type { Glyph, PageContent } from './glyph.js';
import { buildLines, glyphText, splitLine, type Line } from './lines.js';
import { findGrids, type RuledGrid } from './ruled-grid.js';
import { impliedColumnRules } from './row-rules.js';
import { DEFAULT_LAYOUT_SETTINGS, type LayoutSettings, type LineSettings, type PageSettings } from './settings.js';
import type { LayoutCell, LayoutTable } from './table.js';

/** A table with the text lines it was read from, or a paragraph outside tables; in reading order on the page. */
export type PageItem =
  | { kind: 'paragraph'; text: string; page: number; box: Box }
  | { kind: 'table'; table: LayoutTable; lines: Line[] };

/** A page laid out: what stitchPages joins into one block stream. */
export interface PageLayout {
  page: number;
  width: number;
  height: number;
  items: PageItem[];
}

/**
 * Lays one page out: ruled tables from the rulings (a table ruled between its rows only gets its
 * column rules from the text, row-rules.ts), glyphs into the cells that hold them,
 * borderless tables from the lines left over, and the rest as paragraphs, in reading order.
 */
export function layoutPage(content: PageContent, page: number, warnings: Warning[] = [], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS): PageItem[] {
  const implied = impliedColumnRules(content.segments, content.glyphs, settings);
  const found = findGrids(implied.length ? [...content.segments, ...implied] : content.segments, settings.ruled);
  if (!found) warnings.push(warning('too-many-lines', `page ${page} has too many lines to look for tables in; its text is read without them`, { page }));
  const grids = withoutFrames(found ?? [], content, settings.page);
  const { perGrid, free } = placeGlyphs(content.glyphs, grids);
  const items: PageItem[] = [];
  grids.forEach((grid, k) => {
    const glyphs = perGrid[k]!;
    if (!glyphs.some((list) => list.some((gl) => !gl.space))) return; // an empty frame carries nothing
    items.push(ruledTable(grid, glyphs, page, settings.lines));
  });

  const freeLines = buildLines(free, settings.lines);
  const aligned = settings.borderless.alignedCells ? findAligned(freeLines, page, settings.borderless) : { tables: [], rest: freeLines };
  const { tables, rest } = findBorderless(aligned.rest, page, settings.borderless);
  for (const t of [...aligned.tables, ...tables]) items.push({ kind: 'table', table: t.table, lines: t.lines });
  for (const line of rest) {
    for (const part of splitLine(line, settings.page.paragraphGapEms)) {
      const text = glyphText(part.glyphs).trim();
      if (text) items.push({ kind: 'paragraph', text, page, box: part.box });
    }
  }
  items.sort((a, b) => itemBox(a).top - itemBox(b).top || itemBox(a).x0 - itemBox(b).x0);
  return items;
}

/** A single box round much of the page, or round another table, is a frame: its text is read as if it were not there. */
function withoutFrames(all: readonly RuledGrid[], content: PageContent, tol: PageSettings): RuledGrid[] {
  const area = (b: Box): number => (b.x1 - b.x0) * (b.bottom - b.top);
  const within = (a: Box, b: Box): boolean => a.x0 >= b.x0 - 1 && a.x1 <= b.x1 + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  return all.filter(
    (g) => g.cells.length > 1 || (area(g.box) < tol.frameShare * content.width * content.height && !all.some((o) => o !== g && within(o.box, g.box))),
  );
}

/** Each glyph into the cell of the smallest table holding its centre (a frame round a table does not get it), or left free. */
function placeGlyphs(glyphs: readonly Glyph[], grids: readonly RuledGrid[]): { perGrid: Glyph[][][]; free: Glyph[] } {
  const perGrid: Glyph[][][] = grids.map((g) => g.cells.map(() => []));
  const cellAt = grids.map(atomicIndex);
  const free: Glyph[] = [];
  const order = grids.map((g, k) => ({ k, box: g.box, area: (g.box.x1 - g.box.x0) * (g.box.bottom - g.box.top) })).sort((p, q) => p.area - q.area);
  for (const gl of glyphs) {
    const cx = gl.cx;
    const cy = gl.cy;
    let placed = false;
    for (const { k, box } of order) {
      if (cx < box.x0 || cx > box.x1 || cy < box.top || cy > box.bottom) continue;
      const g = grids[k]!;
      const r = intervalIndex(g.ys, cy);
      const c = intervalIndex(g.xs, cx);
      const cell = r >= 0 && c >= 0 ? cellAt[k]![r]![c] : undefined;
      if (cell !== undefined && cell >= 0) {
        perGrid[k]![cell]!.push(gl);
        placed = true;
      }
      break;
    }
    if (!placed) free.push(gl);
  }
  return { perGrid, free };
}

/** A ruled grid and the glyphs of each of its cells into a table. */
function ruledTable(grid: RuledGrid, glyphs: Glyph[][], page: number, tol: LineSettings): PageItem {
  const lines: Line[] = [];
  const cells: LayoutCell[] = grid.cells.map((c, i) => {
    const cellLines = buildLines(glyphs[i]!, tol);
    // kept only for a lone box, which stitching may turn back into paragraphs
    if (grid.cells.length === 1) for (const l of cellLines) lines.push(l);
    const t = cellText(cellLines, c.box);
    return { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, box: c.box, text: t.text, lastLineFull: t.lastLineFull, reachesBottom: t.reachesBottom, cutTop: t.cutTop, cutBottom: t.cutBottom };
  });
  return { kind: 'table', table: { page, box: grid.box, xs: grid.xs, ys: grid.ys, cells, ruled: true }, lines };
}

export function itemBox(item: PageItem): Box {
  return item.kind === 'table' ? item.table.box : item.box;
}

/** For each atomic grid position, the index of the cell covering it. */
function atomicIndex(grid: RuledGrid): number[][] {
  const rows = grid.ys.length - 1;
  const cols = grid.xs.length - 1;
  const at: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(-1));
  grid.cells.forEach((c, i) => {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let q = c.col; q < c.col + c.colSpan; q++) at[r]![q] = i;
  });
  return at;
}
