import { cellText } from './cell-text.js';
import { clusterValues, quantile, type Box } from './geometry.js';
import { isLeader, splitLine, type Line } from './lines.js';
import { DEFAULT_LAYOUT_SETTINGS, type BorderlessSettings } from './settings.js';
import type { FoundTable, LayoutCell, LayoutTable } from './table.js';

/**
 * Tables drawn without ruling lines, inferred from where text sits: lines that break into
 * several pieces at wide gaps, whose pieces start at the same x positions from line to line.
 * Columns come from those shared left edges (or shared right edges, for right-aligned numbers).
 * A line whose pieces all continue cells whose last line ran to the column's edge wraps those
 * cells; any other line starts a new row. Spans cannot be seen without rulings:
 * a label that spans rows appears in its first row, and the rows below have an empty cell there.
 */

interface Piece {
  line: Line;
  u0: number;
  u1: number;
}

interface RowCell {
  span: number;
  lines: Line[];
}

interface TextRow {
  cells: Map<number, RowCell>;
  top: number;
  bottom: number;
}

export function findBorderless(
  lines: readonly Line[],
  page: number,
  tol: BorderlessSettings = DEFAULT_LAYOUT_SETTINGS.borderless,
): { tables: FoundTable[]; rest: Line[] } {
  const upright = lines.filter((l) => l.dir === 0);
  const pieces = upright.map((l) =>
    splitLine(l, tol.cellGapEms)
      .filter((p) => !isLeader(p))
      .map((p) => ({ line: p, u0: p.u0, u1: p.u1 })),
  );
  const tables: FoundTable[] = [];
  const used = new Set<Line>();
  const pitch = pagePitch(upright, pieces, tol);
  const gapEms = pitch.runGapEms;
  const rowTol = { ...tol, wrapGapEms: pitch.wrapGapEms };
  let i = 0;
  while (i < upright.length) {
    if (pieces[i]!.length < 2) {
      i++;
      continue;
    }
    // a run of lines set close together, starting at a line that breaks into pieces
    let j = i + 1;
    let lastMulti = i;
    while (j < upright.length) {
      const prev = upright[j - 1]!;
      const cur = upright[j]!;
      if (cur.box.top - prev.box.bottom > gapEms * Math.max(prev.size, cur.size)) break;
      if (pieces[j]!.length >= 2) lastMulti = j;
      else if (j - lastMulti > tol.maxPlainLines) break;
      j++;
    }
    const region = range(i, lastMulti + 1);
    const layout = region.filter((k) => pieces[k]!.length >= 2).length >= 2 ? columns(region.map((k) => pieces[k]!), tol.edgeTol) : null;
    let end = lastMulti + 1;
    let built = layout ? buildRows(region, upright, pieces, layout, rowTol) : null;
    if (built && built.length >= 2 && layout) {
      // lines after the run that only wrap the last row's cells belong to it
      while (end < upright.length) {
        const more = buildRows([...region, end], upright, pieces, layout, rowTol);
        if (!more || more.length !== built.length) break;
        built = more;
        region.push(end++);
      }
      const regionLines = region.map((k) => upright[k]!);
      for (const l of regionLines) used.add(l);
      tables.push({ table: toTable(built, layout, page), lines: regionLines });
      i = end;
    } else i = lastMulti + 1;
  }
  return { tables, rest: lines.filter((l) => !used.has(l)) };
}

/**
 * The page's own spacing, in ems. `runGapEms`: the widest blank that still keeps two lines in one
 * run — the default, or more on a page whose tabular lines are set further apart (rows 1.8–2 em
 * apart). The row pitch is the median blank between consecutive lines that both break into cells,
 * so a few wide gaps (above a heading, between tables) do not move it, and it is never stretched
 * past `maxLineGapEms`. `wrapGapEms`: on such a loose page a cell's wrapped lines may be set as
 * loosely as its rows; the closest spacing of the page's lines then says how far a wrap can be,
 * and whether a line wraps a cell is left to whether the cell's text filled its column.
 */
function pagePitch(lines: readonly Line[], pieces: Piece[][], tol: BorderlessSettings): { runGapEms: number; wrapGapEms: number } {
  const rows: number[] = [];
  const all: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const gap = (lines[k]!.box.top - lines[k - 1]!.box.bottom) / Math.max(lines[k]!.size, lines[k - 1]!.size);
    if (gap <= 0 || gap > tol.maxLineGapEms) continue;
    all.push(gap);
    if (pieces[k]!.length >= 2 && pieces[k - 1]!.length >= 2) rows.push(gap);
  }
  const median = quantile(rows, 0.5);
  if (rows.length < 2 || median * tol.rowGapFactor <= tol.lineGapEms) return { runGapEms: tol.lineGapEms, wrapGapEms: tol.wrapGapEms };
  const closest = quantile(all, 0.1);
  return {
    runGapEms: Math.min(tol.maxLineGapEms, median * tol.rowGapFactor),
    wrapGapEms: Math.max(tol.wrapGapEms, Math.min(median, closest * tol.rowGapFactor)),
  };
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, k) => a + k);
}

interface Columns {
  starts: number[];
  right: number;
  /** The blank between a full cell's text and the next column's text. */
  gutter: number;
}

/**
 * Column starts: left edges shared by pieces of two lines, right-aligned pieces by their shared
 * right edges, and any piece that stands apart from another piece of its line in one column.
 */
function columns(all: Piece[][], edgeTol: number): Columns | null {
  const multi = all.filter((ps) => ps.length >= 2);
  const lefts = multi.flatMap((ps) => ps.map((p) => p.u0));
  const shared = clusterValues(lefts, edgeTol).filter((c) => multi.filter((ps) => ps.some((p) => Math.abs(p.u0 - c) <= edgeTol)).length >= 2);
  const starts = [...shared];
  const loose = multi.flatMap((ps) => ps.filter((p) => !shared.some((c) => Math.abs(p.u0 - c) <= edgeTol)));
  for (const r of clusterValues(loose.map((p) => p.u1), edgeTol)) {
    const group = loose.filter((p) => Math.abs(p.u1 - r) <= edgeTol);
    if (group.length >= 2) starts.push(Math.min(...group.map((p) => p.u0)));
  }
  starts.push(Math.min(...lefts));
  let cols = clusterValues(starts, edgeTol);
  const colOf = (u: number): number => {
    let c = 0;
    while (c + 1 < cols.length && cols[c + 1]! <= u + edgeTol) c++;
    return c;
  };
  for (const ps of multi) {
    for (let k = 1; k < ps.length; k++) {
      if (colOf(ps[k]!.u0) === colOf(ps[k - 1]!.u0)) cols = clusterValues([...cols, ps[k]!.u0], edgeTol);
    }
  }
  if (cols.length < 2) return null;
  let gutter = Infinity;
  for (const ps of multi) for (let k = 1; k < ps.length; k++) gutter = Math.min(gutter, ps[k]!.u0 - ps[k - 1]!.u1);
  const right = Math.max(...all.flatMap((ps) => ps.map((p) => p.u1)));
  return { starts: cols, right, gutter: Number.isFinite(gutter) ? gutter : 0 };
}

function colOf(cols: Columns, u: number, edgeTol: number): number {
  let c = 0;
  while (c + 1 < cols.starts.length && cols.starts[c + 1]! <= u + edgeTol) c++;
  return c;
}

/** Where text in columns c.. ends at the latest: before the gutter of the next column. */
function limit(cols: Columns, lastCol: number): number {
  return lastCol + 1 < cols.starts.length ? cols.starts[lastCol + 1]! - cols.gutter : cols.right;
}

/** Rows from lines; null if the lines do not form at least a table's worth. */
function buildRows(indices: number[], lines: readonly Line[], pieces: Piece[][], cols: Columns, tol: BorderlessSettings): TextRow[] | null {
  const rows: TextRow[] = [];
  for (const k of indices) {
    const line = lines[k]!;
    const placed = new Map<number, { span: number; parts: Piece[] }>();
    for (const p of pieces[k]!) {
      const c = colOf(cols, p.u0, tol.edgeTol);
      const end = Math.max(c, colOf(cols, p.u1 - 2 * tol.edgeTol, tol.edgeTol));
      const have = placed.get(c);
      if (have) {
        have.parts.push(p);
        have.span = Math.max(have.span, end - c + 1);
      } else placed.set(c, { span: end - c + 1, parts: [p] });
    }
    const cur = rows[rows.length - 1];
    const close = cur !== undefined && line.box.top - cur.bottom <= tol.wrapGapEms * line.size;
    // a piece under a cell whose last line filled its column is that cell's next line
    const wraps = (c: number): boolean => {
      const cell = cur?.cells.get(c);
      const last = cell?.lines[cell.lines.length - 1];
      return close && last !== undefined && last.u1 >= limit(cols, c + cell!.span - 1) - tol.fullLineEms * last.size;
    };
    // the line wraps the row above only if every piece of it does; a line that also starts
    // other cells is a new row (a cell merged down from above cannot be told from that)
    const fresh = [...placed.keys()].some((c) => !wraps(c));
    const row: TextRow = fresh || !cur ? { cells: new Map(), top: line.box.top, bottom: line.box.bottom } : cur;
    if (row !== cur) rows.push(row);
    row.bottom = Math.max(row.bottom, line.box.bottom);
    for (const [c, v] of placed) {
      const merged = v.parts.length === 1 ? v.parts[0]!.line : joinPieces(v.parts);
      const cell = row.cells.get(c);
      if (cell) cell.lines.push(merged);
      else row.cells.set(c, { span: v.span, lines: [merged] });
    }
  }
  return rows.length ? rows : null;
}

function toTable(rows: TextRow[], cols: Columns, page: number): LayoutTable {
  const n = cols.starts.length;
  const xs = [...cols.starts, cols.right];
  const ys: number[] = [];
  const cells: LayoutCell[] = [];
  rows.forEach((row, r) => {
    ys.push(row.top);
    for (let c = 0; c < n; ) {
      const cell = row.cells.get(c);
      const span = Math.min(cell?.span ?? 1, n - c);
      const box: Box = { x0: xs[c]!, top: row.top, x1: xs[c + span]!, bottom: row.bottom };
      const t = cell ? cellText(cell.lines, { ...box, x1: limit(cols, c + span - 1) }) : null;
      cells.push({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: span,
        box,
        text: t?.text ?? '',
        lastLineFull: t?.lastLineFull ?? false,
        reachesBottom: t !== null,
        cutTop: null,
        cutBottom: null,
      });
      c += span;
    }
  });
  ys.push(rows[rows.length - 1]?.bottom ?? 0);
  return { page, box: { x0: xs[0]!, top: ys[0]!, x1: cols.right, bottom: ys[ys.length - 1]! }, xs, ys, cells, ruled: false };
}

/** Pieces of one line that fall into one column, back into one line. */
function joinPieces(parts: Piece[]): Line {
  const glyphs = parts.flatMap((p) => p.line.glyphs);
  const first = parts[0]!.line;
  const box: Box = {
    x0: Math.min(...parts.map((p) => p.line.box.x0)),
    top: Math.min(...parts.map((p) => p.line.box.top)),
    x1: Math.max(...parts.map((p) => p.line.box.x1)),
    bottom: Math.max(...parts.map((p) => p.line.box.bottom)),
  };
  return { ...first, glyphs, u0: Math.min(...parts.map((p) => p.u0)), u1: Math.max(...parts.map((p) => p.u1)), box };
}
