import { cellText } from './cell-text.js';
import { overlapX, quantile, type Box } from './geometry.js';
import { gridWraps } from './grid-wraps.js';
import { isLeader, splitLine, type Line } from './lines.js';
import { DEFAULT_LAYOUT_SETTINGS, type BorderlessSettings } from './settings.js';
import type { FoundTable, LayoutCell, LayoutTable } from './table.js';

/**
 * Forms printed without their rulings: spreadsheet and word-processor tables whose cells are
 * padded, their text centred, and whose merged cells hold one label centred over several rows.
 * Read line by line (borderless.ts) such a form falls apart: a two-line label becomes two rows, a
 * label centred over four rows lands in the third. Here the text is first gathered into blocks,
 * one per cell (a cell's wrapped lines sit closer than the rows do), then rows are the bands of
 * blocks side by side, columns the gaps that run between them, and a block that stands between
 * rows or over several is a merged cell: it takes the rows around it that nothing else in its
 * column claims, split between neighbouring labels so that each sits where the page put it.
 * A page set so tightly that wraps cannot be told from rows is left to borderless.ts.
 */

interface Block {
  lines: Line[];
  box: Box;
  size: number;
}

interface Band {
  blocks: Block[];
  top: number;
  bottom: number;
}

/** A block in the grid: its columns, and the rows it must cover (`lo`..`hi`, or the two rows it stands between). */
interface Placed {
  block: Block;
  c0: number;
  c1: number;
  lo: number;
  hi: number;
  /** Rows given to the block, after merged cells took theirs. */
  s: number;
  e: number;
}

/** Pieces are paired by scanning all others: past this many a page is not a form, and would cost seconds. */
const MAX_PIECES = 3000;
const MAX_ROWS = 300;
/** Two lines that each share their baseline with this many other pieces are two rows, however close. */
const ROW_PARTNERS = 3;

export function findAligned(
  lines: readonly Line[],
  page: number,
  tol: BorderlessSettings = DEFAULT_LAYOUT_SETTINGS.borderless,
): { tables: FoundTable[]; rest: Line[] } {
  const upright = lines.filter((l) => l.dir === 0);
  const fragments = upright.flatMap((l) => splitLine(l, tol.cellGapEms).filter((p) => !isLeader(p)));
  if (fragments.length > MAX_PIECES) return { tables: [], rest: [...lines] };
  const below = fragments.map((f) => nearestBelow(f, fragments));
  const wrapGap = wrapThreshold(fragments, below);
  if (wrapGap === null) return { tables: [], rest: [...lines] };
  const blocks = toBlocks(fragments, below, wrapGap, tol);
  const bands = toBands(blocks);
  const tables: FoundTable[] = [];
  const used = new Set<Line>();
  for (const region of regions(bands, tol)) {
    const table = buildTable(region, page);
    if (!table) continue;
    tables.push(table);
    for (const b of region) for (const k of b.blocks) for (const l of k.lines) used.add(l);
  }
  if (!tables.length) return { tables: [], rest: [...lines] };
  // a line split into pieces is used when any of its pieces is
  const usedGlyphs = new Set([...used].flatMap((l) => l.glyphs));
  return { tables, rest: lines.filter((l) => !l.glyphs.some((g) => usedGlyphs.has(g))) };
}

/**
 * The widest blank (ems) between two lines of one cell. The blanks between a line and the next
 * one below it in the same column fall into two groups: a cell's wrapped lines, set close, and
 * neighbouring rows, set apart by the cells' padding. The widest jump between the blanks marks
 * the split. Null when there are no wide blanks: a page set that tightly is not this layout.
 */
function wrapThreshold(fragments: readonly Line[], belowOf: readonly (Line | null)[]): number | null {
  const gaps: number[] = [];
  const mids = fragments.map((f) => (f.box.top + f.box.bottom) / 2).sort((a, b) => a - b);
  fragments.forEach((f, k) => {
    const below = belowOf[k];
    if (!below) return;
    // a blank that other lines sit in skips over rows whose cell here is empty: it is no row's spacing
    const lo = f.box.bottom + 0.3 * f.size;
    const hi = below.box.top - 0.3 * below.size;
    const next = mids[firstAbove(mids, lo)];
    if (hi > lo && next !== undefined && next < hi) return;
    gaps.push((below.box.top - f.box.bottom) / Math.max(f.size, below.size));
  });
  const sorted = gaps.filter((g) => g > -0.5 && g < 8).sort((a, b) => a - b);
  if (sorted.length < 4) return null;
  let best = 0;
  let at = -1;
  for (let k = 1; k < sorted.length; k++) {
    const jump = sorted[k]! - sorted[k - 1]!;
    if (sorted[k - 1]! < 1 && jump > best) {
      best = jump;
      at = k;
    }
  }
  // rows need padding of their own to be told from wraps
  if (at < 0 || best < 0.25 || sorted[at]! < 0.6 || sorted[at]! < 1.5 * sorted[at - 1]!) return null;
  // rows set apart outnumber the wraps; where close blanks dominate, rows are set close too and the wide blanks only part sections
  if (sorted.length - at < 0.5 * at) return null;
  return (sorted[at]! + sorted[at - 1]!) / 2;
}

/** Index of the first sorted value over `v` (the length when there is none). */
function firstAbove(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The closest piece below `f` that shares some of its width. */
function nearestBelow(f: Line, all: readonly Line[]): Line | null {
  let best: Line | null = null;
  for (const g of all) {
    if (g === f || g.box.top < f.box.bottom - 0.3 * f.size || overlapX(f.box, g.box) <= 0) continue;
    if (!best || g.box.top < best.box.top) best = g;
  }
  return best;
}

function nearestAbove(f: Line, all: readonly Line[]): Line | null {
  let best: Line | null = null;
  for (const g of all) {
    if (g === f || g.box.bottom > f.box.top + 0.3 * f.size || overlapX(f.box, g.box) <= 0) continue;
    if (!best || g.box.bottom > best.box.bottom) best = g;
  }
  return best;
}

/** Pieces into cells: a piece joins the one above when each is the other's closest neighbour and the blank is a wrap's. */
function toBlocks(fragments: readonly Line[], belowOf: readonly (Line | null)[], wrapGap: number, tol: BorderlessSettings): Block[] {
  const parent = fragments.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)));
  const index = new Map(fragments.map((f, k) => [f, k]));
  // pieces set on the same baseline elsewhere on the line: in a table whose rows are set as close
  // as wraps, each row's line has several; a cell's second line rarely shares its baseline with more than one or two
  const partners = fragments.map((f) => fragments.filter((g) => g !== f && Math.abs(g.base - f.base) <= 0.3 * f.size && overlapX(f.box, g.box) <= 0).length);
  const aboveOf = fragments.map((f) => nearestAbove(f, fragments));
  const grid = tol.alignedWraps ? gridWraps(fragments, belowOf, aboveOf, wrapGap) : null;
  fragments.forEach((f, k) => {
    const below = belowOf[k];
    if (!below || aboveOf[index.get(below)!] !== f) return;
    if (grid) {
      if (!grid.has(k)) return;
    } else if ((below.box.top - f.box.bottom) / Math.max(f.size, below.size) > wrapGap) return;
    if (partners[k]! >= ROW_PARTNERS && partners[index.get(below)!]! >= ROW_PARTNERS) return;
    parent[find(index.get(below)!)] = find(k);
  });
  const groups = new Map<number, Line[]>();
  fragments.forEach((f, k) => {
    const root = find(k);
    const g = groups.get(root);
    if (g) g.push(f);
    else groups.set(root, [f]);
  });
  return [...groups.values()].map(blockOf);
}

/** Lines of one cell into a block, top to bottom. */
function blockOf(lines: Line[]): Block {
  const ls = [...lines].sort((a, b) => a.box.top - b.box.top || a.box.x0 - b.box.x0);
  return {
    lines: ls,
    box: {
      x0: Math.min(...ls.map((l) => l.box.x0)),
      top: Math.min(...ls.map((l) => l.box.top)),
      x1: Math.max(...ls.map((l) => l.box.x1)),
      bottom: Math.max(...ls.map((l) => l.box.bottom)),
    },
    size: Math.max(...ls.map((l) => l.size)),
  };
}

function overlapY(a: { top: number; bottom: number }, b: { top: number; bottom: number }): number {
  return Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
}

/** Two one-line spans set on one line: their middles closer than about half a line (letter-spaced text sits a little off). */
function sameLine(a: { top: number; bottom: number }, b: { top: number; bottom: number }): boolean {
  const h = Math.max(a.bottom - a.top, b.bottom - b.top);
  return overlapY(a, b) > 0 && Math.abs(a.top + a.bottom - b.top - b.bottom) / 2 <= 0.6 * h;
}

/**
 * Blocks side by side into bands, top to bottom. One-line blocks set the bands (cells of a row
 * share their middle line, or their top line); a taller block belongs to the one band it covers,
 * or starts a band of its own when it covers none. A block over several bands is a merged cell
 * and is placed later, against the rows.
 */
function toBands(blocks: readonly Block[]): Band[] {
  const bands: Band[] = [];
  const single = blocks.filter((b) => b.lines.length === 1).sort((a, b) => a.box.top + a.box.bottom - b.box.top - b.box.bottom);
  for (const b of single) {
    const band = bands.find((x) => sameLine(x, b.box));
    if (band) {
      band.blocks.push(b);
      band.top = Math.min(band.top, b.box.top);
      band.bottom = Math.max(band.bottom, b.box.bottom);
    } else bands.push({ blocks: [b], top: b.box.top, bottom: b.box.bottom });
  }
  const tall = blocks.filter((b) => b.lines.length > 1).sort((a, b) => a.box.top - b.box.top);
  const spanning: Block[] = [];
  for (const b of tall) {
    const covered = bands.filter((x) => overlapY(x, b.box) >= 0.5 * (x.bottom - x.top));
    if (covered.length === 1) covered[0]!.blocks.push(b);
    else if (covered.length === 0) {
      const near = bands.find((x) => overlapY(x, b.box) > 0 && !x.blocks.some((k) => k.lines.length === 1));
      if (near) {
        near.blocks.push(b);
        near.top = Math.min(near.top, b.box.top);
        near.bottom = Math.max(near.bottom, b.box.bottom);
      } else bands.push({ blocks: [b], top: b.box.top, bottom: b.box.bottom });
    } else spanning.push(b);
  }
  bands.sort((a, b) => a.top - b.top);
  // a merged cell goes with the first band it covers; placing it is the table's business
  for (const b of spanning) bands.find((x) => overlapY(x, b.box) >= 0.5 * (x.bottom - x.top))!.blocks.push(b);
  return bands;
}

/**
 * Runs of bands that make a table: from a band of two or more cells to the last such band, with
 * no blank wider than the page's loosest row spacing allows and no more than a few one-cell bands
 * in a row (a title, a note) between.
 */
function regions(bands: readonly Band[], tol: BorderlessSettings): Band[][] {
  const out: Band[][] = [];
  // the page's own row spacing: forms set loosely may have blanks of several ems between rows
  const rowBlank = quantile(bands.slice(1).filter((b, k) => b.blocks.length >= 2 && bands[k]!.blocks.length >= 2).map((b, k) => b.top - bands[k]!.bottom), 0.5);
  let i = 0;
  while (i < bands.length) {
    if (bands[i]!.blocks.length < 2) {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < bands.length) {
      const prev = bands[j - 1]!;
      const cur = bands[j]!;
      const em = Math.max(...cur.blocks.map((b) => b.size), ...prev.blocks.map((b) => b.size));
      if (cur.top - prev.bottom > Math.max(tol.maxLineGapEms * em, tol.rowGapFactor * rowBlank)) break;
      if (cur.blocks.length >= 2) last = j;
      else if (j - last > tol.maxPlainLines) break;
      j++;
    }
    const region = bands.slice(i, last + 1);
    if (region.filter((b) => b.blocks.length >= 2).length >= 2) out.push(region);
    i = last + 1;
  }
  return out;
}

/**
 * Column edges from the blanks between neighbouring blocks of each band: the narrowest blanks
 * first, each adding an edge unless one already runs through it. A column no block starts in is
 * an artefact of two blanks that only nearly line up, and goes.
 */
function columnEdges(bands: readonly Band[], x0: number, x1: number): number[] {
  const gaps: { l: number; r: number }[] = [];
  // a label alone in its band (centred between rows, or over several) is set beside the rows near it
  const blank = quantile(bands.slice(1).map((b, k) => b.top - bands[k]!.bottom), 0.5);
  const lonely = bands.flatMap((b) => (b.blocks.length === 1 ? b.blocks : b.blocks.filter((k) => k.lines.length > 1 && !overlapsOnly(k, b))));
  for (const band of bands) {
    const near = lonely.filter((k) => !band.blocks.includes(k) && overlapY({ top: k.box.top - blank, bottom: k.box.bottom + blank }, band) > 0);
    const row = [...band.blocks, ...near].sort((a, b) => a.box.x0 - b.box.x0);
    for (let k = 1; k < row.length; k++) {
      const l = Math.max(...row.slice(0, k).map((b) => b.box.x1));
      const r = row[k]!.box.x0;
      if (r > l) gaps.push({ l, r });
    }
  }
  const edges: number[] = [];
  const addEdges = (found: { l: number; r: number }[]): boolean => {
    const before = edges.length;
    found.sort((a, b) => a.r - a.l - (b.r - b.l));
    for (const g of found) if (!edges.some((e) => e >= g.l && e <= g.r)) edges.push((g.l + g.r) / 2);
    edges.sort((a, b) => a - b);
    return edges.length > before;
  };
  addEdges(gaps);
  // blocks of one column share some width (centred, or flush left or right); two that share none are in two columns
  const all = bands.flatMap((b) => b.blocks);
  for (let pass = 0; pass < 3; pass++) {
    const cols = [x0, ...edges, x1];
    const byCol = new Map<number, Block[]>();
    for (const k of all) {
      const c = columnOf(cols, k.box.x0 + 0.5 * k.size);
      byCol.set(c, [...(byCol.get(c) ?? []), k]);
    }
    const apart: { l: number; r: number }[] = [];
    for (const list of byCol.values()) {
      list.sort((a, b) => a.box.x0 - b.box.x0);
      let right = list[0]!.box.x1;
      for (const k of list.slice(1)) {
        if (k.box.x0 > right) apart.push({ l: right, r: k.box.x0 });
        right = Math.max(right, k.box.x1);
      }
    }
    if (!addEdges(apart)) break;
  }
  let xs = [x0, ...edges, x1];
  const starts = all.map((k) => k.box.x0 + 0.5 * k.size);
  xs = xs.filter((e, k) => k === 0 || k === xs.length - 1 || starts.some((s) => s >= e && s < xs[k + 1]!));
  return xs;
}

/** Whether a block lies within its band's height (else it reaches over other bands). */
function overlapsOnly(block: Block, band: Band): boolean {
  return block.box.top >= band.top - 1 && block.box.bottom <= band.bottom + 1;
}

function columnOf(xs: readonly number[], x: number): number {
  let c = 0;
  while (c + 2 < xs.length && xs[c + 1]! <= x) c++;
  return c;
}

function buildTable(region: Band[], page: number): FoundTable | null {
  const blocks = region.flatMap((b) => b.blocks);
  const x0 = Math.min(...blocks.map((b) => b.box.x0));
  const x1 = Math.max(...blocks.map((b) => b.box.x1));
  const xs = columnEdges(region, x0, x1);
  if (xs.length < 3) return null;
  const colsOf = (b: Block): [number, number] => {
    const c0 = columnOf(xs, b.box.x0 + 0.5 * b.size);
    return [c0, Math.max(c0, columnOf(xs, b.box.x1 - 0.5 * b.size))];
  };
  const reach = region.map((band) => Math.max(...band.blocks.filter((b) => b.lines.length === 1 || overlapY(band, b.box) >= 0.5 * (b.box.bottom - b.box.top)).map((b) => colsOf(b)[1])));
  const rows = leafBands(region, reach);
  // tiling weighs every split of a run of rows: a page of hundreds of rows is no form and would cost seconds
  if (rows.length < 2 || rows.length > MAX_ROWS) return null;
  const ys = rowEdges(rows);
  const placed: Placed[] = blocks.flatMap((b) => splitAtRows(b, rows)).map((block) => {
    const [c0, c1] = colsOf(block);
    const [lo, hi] = rowsCovered(block, rows);
    return { block, c0, c1, lo, hi, s: Math.min(lo, hi), e: Math.max(lo, hi) };
  });
  resolveClashes(placed);
  const rowsAt: RowGeometry = { ys, tops: rows.map((r) => r.top) };
  // labels fitting both ways alike are taken as centred: spreadsheets centre merged cells by default
  const mode = tileCost(placed, rowsAt, xs.length - 1, 'centre') <= tileCost(placed, rowsAt, xs.length - 1, 'top') + 0.1 ? 'centre' : 'top';
  tile(placed, rowsAt, xs.length - 1, mode);
  return { table: toTable(placed, xs, ys, page), lines: blocks.flatMap((b) => b.lines) };
}

/**
 * The bands that are rows. A band that stops short of the columns its neighbours reach and sits
 * in the blank between them is a label centred over the two rows around it, not a row.
 */
function leafBands(region: Band[], reach: number[]): Band[] {
  const between = (k: number): boolean => k > 0 && k < region.length - 1 && reach[k]! < reach[k - 1]! && reach[k]! < reach[k + 1]!;
  const gaps: number[] = [];
  for (let k = 1; k < region.length; k++) if (!between(k) && !between(k - 1)) gaps.push(region[k]!.top - region[k - 1]!.bottom);
  const gap = quantile(gaps, 0.5);
  return region.filter((band, k) => {
    if (!between(k)) return true;
    const above = band.top - region[k - 1]!.bottom;
    const below = region[k + 1]!.top - band.bottom;
    const h = band.bottom - band.top;
    return Math.min(above, below) < -0.5 * h || Math.max(0, above) + Math.max(0, below) >= gap;
  });
}

/** Row boundaries: halfway across the blank between two rows, and as far out at the ends. */
function rowEdges(rows: readonly Band[]): number[] {
  const ys = [rows[0]!.top];
  for (let k = 1; k < rows.length; k++) ys.push((rows[k - 1]!.bottom + rows[k]!.top) / 2);
  ys.push(rows[rows.length - 1]!.bottom);
  const pad = quantile(rows.slice(1).map((r, k) => (r.top - rows[k]!.bottom) / 2), 0.5);
  ys[0] = ys[0]! - pad;
  ys[ys.length - 1] = ys[ys.length - 1]! + pad;
  return ys;
}

/**
 * Two cells of one column in neighbouring rows, each wrapped and set close, read as one block.
 * When the block's lines fall into groups that each sit at the middle of one row, they are the
 * cells of those rows; a label merged over the rows is not centred on each of them.
 */
function splitAtRows(block: Block, rows: readonly Band[]): Block[] {
  if (block.lines.length < 2) return [block];
  const rowOf = (l: Line): number => {
    let best = -1;
    let most = 0;
    rows.forEach((r, k) => {
      const o = overlapY(r, l.box);
      if (o > most) {
        most = o;
        best = k;
      }
    });
    return best;
  };
  const groups: Line[][] = [];
  let last = -2;
  for (const l of block.lines) {
    const r = rowOf(l);
    if (r < 0) return [block];
    if (r === last) groups[groups.length - 1]!.push(l);
    else groups.push([l]);
    last = r;
  }
  if (groups.length < 2) return [block];
  const centred = groups.every((g) => {
    const r = rows[rowOf(g[0]!)]!;
    const mid = (Math.min(...g.map((l) => l.box.top)) + Math.max(...g.map((l) => l.box.bottom))) / 2;
    return Math.abs(mid - (r.top + r.bottom) / 2) <= 0.25 * g[0]!.size;
  });
  if (!centred) return [block];
  return groups.map(blockOf);
}

/** The rows a block covers (at least half of the row, or of the block); or the two rows it stands between (lo > hi). */
function rowsCovered(block: Block, rows: readonly Band[]): [number, number] {
  const h = block.box.bottom - block.box.top;
  let lo = -1;
  let hi = -1;
  rows.forEach((r, k) => {
    const o = overlapY(r, block.box);
    if (o > 0 && (o >= 0.5 * (r.bottom - r.top) || o >= 0.5 * h || (block.lines.length === 1 && sameLine(r, block.box)))) {
      if (lo < 0) lo = k;
      hi = k;
    }
  });
  if (lo >= 0) return [lo, hi];
  const mid = (block.box.top + block.box.bottom) / 2;
  const below = rows.findIndex((r) => r.top + r.bottom > 2 * mid);
  if (below <= 0) return below === 0 ? [0, 0] : [rows.length - 1, rows.length - 1];
  return [below, below - 1];
}

/** Two blocks that start in one cell are one cell's text; a span stops at the next block of its row. */
function resolveClashes(placed: Placed[]): void {
  placed.sort((a, b) => a.s - b.s || a.c0 - b.c0 || a.block.box.top - b.block.box.top);
  for (let k = 0; k < placed.length; k++) {
    const p = placed[k]!;
    for (let j = k + 1; j < placed.length; j++) {
      const q = placed[j]!;
      if (q.s !== p.s || q.e !== p.e) continue;
      if (q.c0 === p.c0) {
        p.block = blockOf([...p.block.lines, ...q.block.lines]);
        p.c1 = Math.max(p.c1, q.c1);
        p.lo = Math.min(p.lo, q.lo);
        p.hi = Math.max(p.hi, q.hi);
        placed.splice(j--, 1);
      } else if (q.c0 > p.c0 && q.c0 <= p.c1) p.c1 = q.c0 - 1;
    }
  }
}

type Anchor = 'centre' | 'top';

/** Row edges, and where each row's text starts (a label set at the top of its cell sits there). */
interface RowGeometry {
  ys: readonly number[];
  tops: readonly number[];
}

function tileCost(placed: readonly Placed[], rows: RowGeometry, cols: number, anchor: Anchor): number {
  const copy = placed.map((p) => ({ ...p }));
  return tile(copy, rows, cols, anchor);
}

/**
 * Merged cells, column by column from the left. In each column, rows where nothing stands but
 * something stands to the right are open; each run of open rows and the labels in it, inside the
 * spans of the columns to the left, is tiled so that every label sits at the middle (or top) of
 * its span. Returns the total misfit, in rows, to compare the two ways a label may sit.
 */
function tile(placed: Placed[], rows: RowGeometry, cols: number, anchor: Anchor): number {
  const ys = rows.ys;
  const n = ys.length - 1;
  const pitch = (ys[n]! - ys[0]!) / n;
  let total = 0;
  for (let c = 0; c < cols; c++) {
    const own = placed.filter((p) => p.c0 === c).sort((a, b) => a.s - b.s);
    if (!own.length) continue;
    // where blocks of other columns stand, row by row: a label of this column may not run into them
    const taken = new Uint8Array(n * cols);
    for (const q of placed) if (q.c0 !== c) for (let r = q.s; r <= q.e; r++) taken.fill(1, r * cols + q.c0, r * cols + q.c1 + 1);
    const blocked = (p: Placed, row: number): boolean => taken.subarray(row * cols + p.c0, row * cols + p.c1 + 1).includes(1);
    const ownAt = new Array<Placed | undefined>(n);
    for (const p of own) for (let r = p.s; r <= p.e; r++) ownAt[r] ??= p;
    const covered = new Array<boolean>(n).fill(false);
    const filledRight = new Array<boolean>(n).fill(false);
    const cut = new Array<boolean>(n + 1).fill(false);
    for (const p of placed) {
      for (let r = p.s; r <= p.e; r++) {
        if (p.c0 <= c && p.c1 >= c) covered[r] = true;
        if (p.c1 > c) filledRight[r] = true;
      }
      if (p.c0 < c) cut[p.s] = cut[p.e + 1] = true;
    }
    // runs of rows a label of this column may take: open rows and its own rows, within the spans to the left
    let r = 0;
    while (r < n) {
      const ownHere = (row: number): Placed | undefined => ownAt[row];
      const open = (row: number): boolean => !covered[row] && filledRight[row] === true;
      if (!open(r) && !ownHere(r)) {
        r++;
        continue;
      }
      let q = r;
      while (q + 1 < n && !cut[q + 1] && (open(q + 1) || ownHere(q + 1))) q++;
      const labels = own.filter((p) => p.s >= r && p.e <= q);
      if (labels.length) total += tileRun(labels, r, q, rows, anchor, blocked) / pitch;
      r = q + 1;
    }
  }
  return total;
}

/**
 * Spans for the labels of one run (rows first..last), by least total misfit. A label may not take
 * a row where another block stands in its columns.
 */
function tileRun(labels: Placed[], first: number, last: number, rows: RowGeometry, anchor: Anchor, blocked: (p: Placed, r: number) => boolean): number {
  const m = labels.length;
  const { ys, tops } = rows;
  // a row left to no label costs a little less than moving a label half that row off its middle
  const idleSum: number[] = [0];
  for (let r = first; r <= last; r++) idleSum.push(idleSum[idleSum.length - 1]! + 0.4 * (ys[r + 1]! - ys[r]!));
  const idle = (from: number, to: number): number => (to >= from ? idleSum[to - first + 1]! - idleSum[from - first]! : 0);
  const misfit = (p: Placed, s: number, e: number): number => {
    const b = p.block.box;
    return anchor === 'centre' ? Math.abs((ys[s]! + ys[e + 1]!) / 2 - (b.top + b.bottom) / 2) : Math.abs(tops[s]! - b.top) + Math.max(0, b.bottom - ys[e + 1]!);
  };
  // cost[i][e]: labels 0..i placed in first..e, label i ending at row e
  const cost: number[][] = labels.map(() => new Array<number>(last + 2).fill(Infinity));
  const from: number[][] = labels.map(() => new Array<number>(last + 2).fill(-1));
  for (let i = 0; i < m; i++) {
    const p = labels[i]!;
    const sMax = Math.min(p.lo, p.hi);
    const eMin = Math.max(p.lo, p.hi);
    const eMax = i + 1 < m ? Math.min(labels[i + 1]!.lo, labels[i + 1]!.hi) - 1 : last;
    let sMin = sMax;
    while (sMin > first && !blocked(p, sMin - 1) && (i === 0 || sMin - 1 > Math.max(labels[i - 1]!.lo, labels[i - 1]!.hi))) sMin--;
    // the cheapest way to have placed the labels before, ending anywhere above row s, the rows between idle
    const before = new Array<number>(last + 2).fill(Infinity);
    let run = Infinity;
    for (let s = first; s <= sMax; s++) {
      if (i === 0) before[s] = idle(first, s - 1);
      else {
        if (s > first) run = Math.min(run + idle(s - 1, s - 1), cost[i - 1]![s - 1]!);
        before[s] = run;
      }
    }
    for (let e = eMin; e <= eMax; e++) {
      if (e > eMin && blocked(p, e)) break;
      for (let s = sMin; s <= sMax; s++) {
        if (!Number.isFinite(before[s]!)) continue;
        const v = before[s]! + misfit(p, s, e);
        if (v < cost[i]![e]!) {
          cost[i]![e] = v;
          from[i]![e] = s;
        }
      }
    }
  }
  let end = -1;
  let best = Infinity;
  for (let e = first; e <= last; e++) {
    const v = cost[m - 1]![e]! + idle(e + 1, last);
    if (v < best) {
      best = v;
      end = e;
    }
  }
  if (!Number.isFinite(best)) return 0;
  for (let i = m - 1; i >= 0; i--) {
    const s = from[i]![end]!;
    labels[i]!.s = s;
    labels[i]!.e = end;
    if (i > 0) {
      // the previous label ends where its cost, plus the idle rows after it, is least
      let k = s - 1;
      let bestK = Infinity;
      for (let j = first; j < s; j++) {
        const v = cost[i - 1]![j]! + idle(j + 1, s - 1);
        if (v < bestK) {
          bestK = v;
          k = j;
        }
      }
      end = k;
    }
  }
  return best;
}

function toTable(placed: readonly Placed[], xs: readonly number[], ys: readonly number[], page: number): LayoutTable {
  const n = ys.length - 1;
  const m = xs.length - 1;
  const taken: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(m).fill(false));
  const cells: LayoutCell[] = [];
  for (const p of placed) {
    for (let r = p.s; r <= p.e; r++) for (let c = p.c0; c <= p.c1; c++) taken[r]![c] = true;
    const box: Box = { x0: xs[p.c0]!, top: ys[p.s]!, x1: xs[p.c1 + 1]!, bottom: ys[p.e + 1]! };
    // wraps are judged against the block's own width: centred text never reaches the column's edge
    const t = cellText(p.block.lines, p.block.box);
    cells.push({ row: p.s, col: p.c0, rowSpan: p.e - p.s + 1, colSpan: p.c1 - p.c0 + 1, box, text: t.text, lastLineFull: t.lastLineFull, reachesBottom: true, cutTop: null, cutBottom: null });
  }
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) {
      if (taken[r]![c]) continue;
      const box: Box = { x0: xs[c]!, top: ys[r]!, x1: xs[c + 1]!, bottom: ys[r + 1]! };
      cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, box, text: '', lastLineFull: false, reachesBottom: false, cutTop: null, cutBottom: null });
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { page, box: { x0: xs[0]!, top: ys[0]!, x1: xs[m]!, bottom: ys[n]! }, xs: [...xs], ys: [...ys], cells, ruled: false };
}
