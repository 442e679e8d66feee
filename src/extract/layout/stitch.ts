import type { Block, Cell, Row } from '../../model/intermediate.js';
import type { CutLine } from './cell-text.js';
import { boxToTuple, type Box } from './geometry.js';
import { glyphText, isWide, type Line } from './lines.js';
import type { PageItem, PageLayout } from './page.js';
import { DEFAULT_LAYOUT_SETTINGS, type StitchSettings } from './settings.js';
import type { LayoutTable } from './table.js';

/**
 * Pages into one block stream. A table that ends a page and a table that starts the next page
 * with the same columns are one table: the header rows the next page repeats are dropped, a row
 * that the page break split is joined back together, and a merged cell that runs over the break
 * grows its rowSpan instead of leaving an empty cell on the next page.
 */

/** A cell of a table stitched over pages, with the page it was read on. */
interface StitchedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  page: number;
  box: Box;
  lastLineFull: boolean;
  reachesBottom: boolean;
  cutTop: CutLine | null;
  cutBottom: CutLine | null;
}

/** A table as stitched so far: the pages up to the latest, rows renumbered across them. */
interface StitchedTable {
  page: number;
  xs: number[];
  rows: number;
  rowPages: number[];
  cells: StitchedCell[];
  /** The header rows as first drawn, to recognise them when a later page repeats them. */
  head: StitchedCell[];
  /** Geometry of the part on the latest page. */
  last: LayoutTable;
  /** The text printed just above the table on its first page (its title), squashed. */
  title: string | null;
}

type StitchItem = { kind: 'paragraph'; text: string; page: number } | { kind: 'table'; table: StitchedTable; lines: Line[] };

export function stitchPages(pages: readonly PageLayout[], tol: StitchSettings = DEFAULT_LAYOUT_SETTINGS.stitch): Block[] {
  const out: StitchItem[] = [];
  let open: StitchedTable | null = null;
  let held: StitchItem[] = []; // margin text after the last content of a page, held until we know whether the table goes on
  let prev: PageLayout | null = null;

  for (const pg of pages) {
    const items = pg.items;
    let lead = 0;
    while (lead < items.length && isMargin(items[lead]!, pg, tol)) lead++;
    const first = items[lead];
    const continues =
      open !== null &&
      prev !== null &&
      pg.page === prev.page + 1 &&
      first?.kind === 'table' &&
      sameColumns(open, first.table, tol.edgeTol) &&
      !retitled(open, items.slice(0, lead));
    let start = 0;
    if (continues && open && first?.kind === 'table') {
      appendPart(open, first.table, tol.edgeTol);
      held = []; // the footer and header between two parts of one table
      start = lead + 1;
    } else {
      out.push(...held);
      held = [];
      open = null;
    }
    let lastContent = items.length - 1;
    while (lastContent >= start && isMargin(items[lastContent]!, pg, tol)) lastContent--;
    for (let k = start; k < items.length; k++) {
      const o = toStitchItem(items[k]!, tol);
      const above = items[k - 1];
      if (o.kind === 'table' && above?.kind === 'paragraph') o.table.title = squash(above.text);
      if (k > lastContent) held.push(o);
      else {
        out.push(o);
        open = o.kind === 'table' ? o.table : null;
      }
    }
    prev = pg;
  }
  out.push(...held);
  return out.flatMap(toBlocks);
}

/**
 * Whether the page's content ends in a table, so that a table at the top of the next page would be
 * stitched onto it: a reader that skips pages must read the next one whenever this holds.
 */
export function endsInTable(pg: PageLayout, tol: StitchSettings = DEFAULT_LAYOUT_SETTINGS.stitch): boolean {
  for (let k = pg.items.length - 1; k >= 0; k--) {
    const item = pg.items[k]!;
    if (!isMargin(item, pg, tol)) return item.kind === 'table';
  }
  return false;
}

/**
 * Whether the page prints the open table's own title again above its top: a new table of the same
 * template (a form per page, each under its title), not the old one going on under a running header.
 */
function retitled(t: StitchedTable, lead: readonly PageItem[]): boolean {
  return t.title !== null && lead.some((item) => item.kind === 'paragraph' && squash(item.text) === t.title);
}

function isMargin(item: PageItem, pg: PageLayout, tol: StitchSettings): boolean {
  if (item.kind !== 'paragraph') return false;
  const b = item.box;
  if ([...item.text].length > tol.marginChars) return false;
  if (b.bottom <= pg.height * tol.margin || b.top >= pg.height * (1 - tol.margin)) return true;
  // a page number is a running footer or header wherever the page sets it (some print it well
  // above the margin band), as long as it sits in the outer quarter
  return PAGE_NUMBER.test(item.text) && (b.bottom <= pg.height / 4 || b.top >= (pg.height * 3) / 4);
}

/** A page number as printed alone on its line: 26, — 2 6 —, - 26 -, 第26页, 第 3 页 共 80 页, 3/80. */
const PAGE_NUMBER = /^\s*(?:[-—–－‐―]\s*)*(?:\d\s*){1,4}(?:[-—–－‐―]\s*)*$|^\s*第\s*(?:\d\s*)+页\s*(?:[,，/]?\s*共\s*(?:\d\s*)+页)?\s*$|^\s*(?:\d\s*){1,4}\/\s*(?:\d\s*){1,4}$/;

function toStitchItem(item: PageItem, tol: StitchSettings): StitchItem {
  if (item.kind === 'paragraph') return { kind: 'paragraph', text: item.text, page: item.page };
  const t = item.table;
  const cells: StitchedCell[] = t.cells.map((c) => ({ ...c, page: t.page }));
  const rows = t.ys.length - 1;
  const headRows = headerRows(cells, rows, tol);
  return {
    kind: 'table',
    table: {
      page: t.page,
      xs: [...t.xs],
      rows,
      rowPages: new Array<number>(rows).fill(t.page),
      cells,
      // copies: the cells themselves grow when the table goes on
      head: cells.filter((c) => c.row + c.rowSpan <= headRows).map((c) => ({ ...c })),
      last: t,
      title: null,
    },
    lines: item.lines,
  };
}

/**
 * The top rows that a later page may repeat as its header: up to three, more if a cell merged
 * down would be cut. Only rows a later page repeats exactly are ever dropped.
 */
function headerRows(cells: readonly StitchedCell[], rows: number, tol: StitchSettings): number {
  let end = Math.min(tol.headerRows, rows);
  for (let grew = true; grew && end < tol.maxHeaderRows; ) {
    grew = false;
    for (const c of cells) {
      if (c.row < end && c.row + c.rowSpan > end) {
        end = Math.min(tol.maxHeaderRows, c.row + c.rowSpan);
        grew = true;
      }
    }
  }
  return end;
}

function sameColumns(t: StitchedTable, u: LayoutTable, edgeTol: number): boolean {
  const a = t.last;
  if (Math.abs(a.box.x0 - u.box.x0) > edgeTol * 2 || Math.abs(a.box.x1 - u.box.x1) > edgeTol * 2) return false;
  const inner = (xs: number[]): number[] => xs.slice(1, -1);
  const ta = inner(t.xs);
  const ua = inner(u.xs);
  if (!ta.length || !ua.length) return ta.length === ua.length || u.cells.length === 1;
  const matched = ua.filter((x) => ta.some((y) => Math.abs(x - y) <= edgeTol)).length;
  return matched >= Math.ceil(0.6 * Math.min(ta.length, ua.length)) && matched >= Math.ceil(0.5 * ua.length);
}

/** Edges of `a`, plus those of `b` that are not already there. */
function unionEdges(a: readonly number[], b: readonly number[], edgeTol: number): number[] {
  const out = [...a];
  for (const x of b) if (!out.some((y) => Math.abs(x - y) <= edgeTol)) out.push(x);
  return out.sort((p, q) => p - q);
}

function nearest(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
  return best;
}

/** Moves cells drawn on edges `from` onto edges `to`. */
function remap<T extends { col: number; colSpan: number }>(cells: T[], from: readonly number[], to: readonly number[]): T[] {
  if (from.length === to.length && from.every((x, i) => x === to[i])) return cells;
  return cells.map((c) => {
    const col = nearest(to, from[c.col]!);
    const end = nearest(to, from[c.col + c.colSpan]!);
    return { ...c, col, colSpan: Math.max(1, end - col) };
  });
}

function sameCell(a: StitchedCell, b: StitchedCell): boolean {
  return a.row === b.row && a.col === b.col && a.colSpan === b.colSpan && a.rowSpan === b.rowSpan && squash(a.text) === squash(b.text);
}

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** A cut line's text less the marks a clip may show on one page only (a point, a comma: too small to show on both). */
function cutKey(s: string): string {
  return s.replace(/[\s.,，。、·:：;；]+/g, '');
}

/** Joins text that a page break cut in the middle of a line. */
function joinSoft(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = [...a].pop() ?? '';
  return isWide(last) || isWide(b) || /\s$/.test(a) ? a + b : `${a} ${b}`;
}

/**
 * The text of a cell carried over the break and its part on the next page. A line the break cut in
 * two, printed on both pages, is kept once: on the page that shows more of it.
 */
function joinOverBreak(a: StitchedCell, b: StitchedCell): string {
  const below = b.cutTop;
  const above = a.cutBottom;
  if (!above || !below || cutKey(above.text) !== cutKey(below.text)) return joinSoft(a.text, b.text);
  // the page that shows more of the line keeps it; one that lost a mark to the clip shows less
  const marks = squash(above.text).length - squash(below.text).length;
  if ((marks > 0 || (marks === 0 && above.shown >= below.shown)) && b.text.startsWith(below.text)) {
    const rest = b.text.slice(below.text.length);
    return /^\s/.test(rest) ? a.text + rest : joinSoft(a.text, rest);
  }
  if (!a.text.endsWith(above.text)) return joinSoft(a.text, b.text);
  const head = a.text.slice(0, a.text.length - above.text.length);
  return /\s$/.test(head) ? head + b.text : joinSoft(head, b.text);
}

/** Continues table `t` with `u`, the part of it at the top of the next page. */
function appendPart(t: StitchedTable, u: LayoutTable, edgeTol: number): void {
  const xs = unionEdges(t.xs, u.xs, edgeTol);
  t.cells = remap(t.cells, t.xs, xs);
  t.head = remap(t.head, t.xs, xs);
  const cells: StitchedCell[] = remap(
    u.cells.map((c) => ({ ...c, page: u.page })),
    u.xs,
    xs,
  );
  t.xs = xs;
  const part = dropRepeatedHeader(t, cells, u.ys.length - 1);
  if (part.rows > 0) joinPart(t, part, u.page);
  t.last = u;
}

/** The new part's cells and rows, less the header rows it repeats (all of them, or the last ones: print titles). */
interface Part {
  cells: StitchedCell[];
  rows: number;
  /** How many header rows were dropped. */
  dropped: number;
}

function dropRepeatedHeader(t: StitchedTable, cells: StitchedCell[], rows: number): Part {
  const headRows = t.head.reduce((m, c) => Math.max(m, c.row + c.rowSpan), 0);
  for (let h = Math.min(headRows, rows); h >= 1; h--) {
    const have = cells.filter((c) => c.row < h);
    if (!have.length || have.some((c) => c.row + c.rowSpan > h)) continue;
    for (let from = 0; from + h <= headRows; from++) {
      const want = t.head.filter((c) => c.row >= from && c.row < from + h).map((c) => ({ ...c, row: c.row - from }));
      if (want.length === have.length && want.every((c) => c.row + c.rowSpan <= h && have.some((d) => sameCell(c, d)))) {
        return { cells: cells.filter((c) => c.row >= h).map((c) => ({ ...c, row: c.row - h })), rows: rows - h, dropped: h };
      }
    }
  }
  return { cells, rows, dropped: 0 };
}

/** Appends the part's rows, carrying the cells that the page break cut on into the cells above them. */
function joinPart(t: StitchedTable, part: Part, page: number): void {
  const ucells = part.cells;
  // cells at the bottom of the table so far, and at the top of the new part
  const bottom = t.cells.filter((c) => c.row + c.rowSpan === t.rows);
  const top = ucells.filter((c) => c.row === 0);
  const above = (b: StitchedCell): StitchedCell | undefined => bottom.find((a) => a.col === b.col && a.colSpan === b.colSpan);
  // a column whose body has cells merged down (label columns like 一级指标)
  const bodyMerged = (col: number, span: number): boolean =>
    [...t.cells.filter((c) => c.row >= part.dropped), ...ucells].some((c) => c.rowSpan > 1 && c.col < col + span && c.col + c.colSpan > col);
  // text cut by the page break: the last line ran full width to the bottom of the cell
  const goesOn = (a: StitchedCell, b: StitchedCell): boolean => a.text !== '' && b.text !== '' && a.lastLineFull && a.reachesBottom;
  // a row split by the break leaves the cells whose text ended on the first page empty on the
  // next, and continues the others: their last line on the first page ran full width (the row
  // may still be taller than its text there, so the bottom is not required)
  const wraps = (a: StitchedCell, b: StitchedCell): boolean => a.text !== '' && b.text !== '' && a.lastLineFull;
  // one line cut across by the break, printed clipped on both pages: one cell's text runs on
  const cutAcross = (a: StitchedCell, b: StitchedCell): boolean =>
    a.cutBottom !== null && b.cutTop !== null && cutKey(a.cutBottom.text) === cutKey(b.cutTop.text);
  const splitRow =
    top.length > 0 &&
    top.every((b) => {
      const a = above(b);
      return a !== undefined && (b.text === '' || wraps(a, b));
    }) &&
    top.some((b) => b.text === '' && (above(b)?.text ?? '') !== '') &&
    top.some((b) => b.text !== '');
  // a merged label cell split by the break with its text printed in the lower part only: an empty
  // cell at the bottom of the page over a labelled one on the next, one of the two merged down; not
  // a cell that prints the table's own header text again (a repeated header the drop above missed)
  const headerText = (b: StitchedCell): boolean =>
    t.head.some((h) => h.text === b.text && h.col < b.col + b.colSpan && h.col + h.colSpan > b.col);
  const labelBelow = (a: StitchedCell, b: StitchedCell): boolean =>
    a.text === '' && b.text !== '' && (a.rowSpan > 1 || b.rowSpan > 1) && bodyMerged(a.col, a.colSpan) && !headerText(b);
  // a new record starts at the break: a column to the left prints one record's text over exactly
  // these rows above and another's over exactly those below (a summary table's next project, its
  // amount cells left blank on one side); a cell with one empty side is then its own, not carried on
  const newRecord = (a: StitchedCell, b: StitchedCell): boolean =>
    top.some((b2) => {
      const a2 = above(b2);
      return (
        a2 !== undefined && b2.col + b2.colSpan <= a.col && a2.row === a.row && a2.rowSpan === a.rowSpan && b2.rowSpan === b.rowSpan &&
        a2.text !== '' && b2.text !== '' && squash(a2.text) !== squash(b2.text) && !goesOn(a2, b2) && !cutAcross(a2, b2)
      );
    });
  const offset = splitRow ? t.rows - 1 : t.rows;
  const joined = new Set<StitchedCell>();
  for (const b of top) {
    const a = above(b);
    if (!a) continue;
    const carry = splitRow
      ? b.text === '' || wraps(a, b)
      : ((labelBelow(a, b) || (a.text !== '' && b.text === '' && bodyMerged(a.col, a.colSpan))) && !newRecord(a, b)) ||
        (a.text !== '' && ((goesOn(a, b) && a.rowSpan > 1) || cutAcross(a, b)));
    if (!carry) continue;
    a.rowSpan = offset + b.rowSpan - a.row;
    a.text = joinOverBreak(a, b);
    a.lastLineFull = b.lastLineFull;
    a.reachesBottom = b.reachesBottom;
    a.cutBottom = b.cutBottom;
    joined.add(b);
  }
  for (const c of ucells) {
    if (joined.has(c)) continue;
    t.cells.push({ ...c, row: c.row + offset });
  }
  const newRows = offset + part.rows - t.rows;
  for (let r = 0; r < newRows; r++) t.rowPages.push(page);
  t.rows = offset + part.rows;
}

function toBlocks(o: StitchItem): Block[] {
  if (o.kind === 'paragraph') return [{ kind: 'paragraph', text: o.text, page: o.page, line: null }];
  const t = o.table;
  // a lone box is a frame around text, not a table
  if (t.cells.length === 1 && t.rows === 1) {
    return o.lines
      .map((l) => glyphText(l.glyphs).trim())
      .filter((text) => text !== '')
      .map((text) => ({ kind: 'paragraph' as const, text, page: t.page, line: null }));
  }
  const rows: Row[] = Array.from({ length: t.rows }, (_, r) => ({ cells: [] as Cell[], page: t.rowPages[r] ?? t.page, line: null }));
  for (const c of [...t.cells].sort((a, b) => a.row - b.row || a.col - b.col)) {
    rows[c.row]?.cells.push({
      text: c.text,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      page: c.page,
      line: null,
      bbox: boxToTuple(c.box),
    });
  }
  return [{ kind: 'table', rows, page: t.page }];
}

