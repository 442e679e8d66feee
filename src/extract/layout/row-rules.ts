import { clusterValues, quantile, type Box } from './geometry.js';
import type { Glyph, Segment } from './glyph.js';
import { buildLines, isLeader, splitLine, type Line } from './lines.js';
import { mergeRules, touches, type Rule } from './ruled-grid.js';
import { DEFAULT_LAYOUT_SETTINGS, type LayoutSettings, type RuledSettings } from './settings.js';

/**
 * Tables ruled between their rows only (word-processor tables with the side borders turned off,
 * forms whose vertical rules were left white): the horizontal rules fix the rows and, by where
 * each one starts, the labels merged over several rows; the columns are where the text of the
 * rows leaves blanks that line up. The column boundaries found are returned as vertical rules,
 * drawn row by row where no text crosses them (a cell spanning columns keeps its span), so that
 * the ruled-grid finder reads the table as if it had been ruled both ways.
 */

interface Piece {
  box: Box;
  size: number;
}

/** Pieces are compared pairwise within a table: past this many a page is no form. */
const MAX_PIECES = 3000;

/** Vertical rules implied by the text between stacks of horizontal rules that no vertical rule touches. */
export function impliedColumnRules(segments: readonly Segment[], glyphs: readonly Glyph[], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS): Segment[] {
  const tol = settings.ruled;
  const h = mergeRules(segments, 'h', tol);
  if (h.length < 3) return [];
  const v = mergeRules(segments, 'v', tol);
  if (h.length * v.length > tol.maxPairs) return [];
  const lone = h.filter((r) => !v.some((vr) => touches(r, vr, tol.join))).sort((a, b) => a.pos - b.pos);
  const out: Segment[] = [];
  for (const stack of stacks(lone)) {
    if (stack.length < 3) continue;
    const left = Math.min(...stack.map((r) => r.from));
    const right = Math.max(...stack.map((r) => r.to));
    const box: Box = { x0: left, top: stack[0]!.pos, x1: right, bottom: stack[stack.length - 1]!.pos };
    const inside = glyphs.filter((g) => g.cx > box.x0 && g.cx < box.x1 && g.cy > box.top && g.cy < box.bottom);
    const lines = buildLines(inside, settings.lines).filter((l) => l.dir === 0);
    const pieces = lines.flatMap((l) => splitLine(l, settings.borderless.cellGapEms).filter((p) => !isLeader(p))).map(pieceOf);
    if (pieces.length > MAX_PIECES) continue;
    for (const table of tables(stack, pieces, left, right, tol)) out.push(...columnRules(table, left, right, tol));
  }
  return out;
}

function pieceOf(l: Line): Piece {
  return { box: l.box, size: l.size };
}

/** Rules one below the other that share most of their width: candidates for the rows of one table. */
function stacks(rules: readonly Rule[]): Rule[][] {
  const out: Rule[][] = [];
  for (const r of rules) {
    const stack = out.find((s) => {
      const last = s[s.length - 1]!;
      const shared = Math.min(last.to, r.to) - Math.max(last.from, r.from);
      return shared >= 0.5 * Math.min(last.to - last.from, r.to - r.from);
    });
    if (stack) stack.push(r);
    else out.push([r]);
  }
  return out;
}

/** A row between two rules: its top and bottom, where its rules end, and its cells (pieces that overlap across are one cell's lines). */
interface Band {
  top: number;
  bottom: number;
  /** Where the rules above and below it start and stop inside the table: a column boundary each. */
  ends: number[];
  cells: { x0: number; x1: number; size: number; lines: number }[];
  /** The fewest lines of its cells: in a band holding several rows of text, every cell has a line in each. */
  rows: number;
}

function bandOf(top: number, bottom: number, ends: number[], pieces: readonly Piece[]): Band {
  const own = pieces.filter((p) => (p.box.top + p.box.bottom) / 2 > top && (p.box.top + p.box.bottom) / 2 < bottom).sort((a, b) => a.box.x0 - b.box.x0);
  const cells: Band['cells'] = [];
  for (const p of own) {
    const last = cells[cells.length - 1];
    if (last && p.box.x0 < last.x1) {
      last.x1 = Math.max(last.x1, p.box.x1);
      last.size = Math.max(last.size, p.size);
      last.lines++;
    } else cells.push({ x0: p.box.x0, x1: p.box.x1, size: p.size, lines: 1 });
  }
  return { top, bottom, ends, cells, rows: cells.length >= 2 ? Math.min(...cells.map((c) => c.lines)) : 1 };
}

/**
 * The runs of bands that make tables. A band whose every cell has three lines or more is taken
 * for several rows of text, no ruled row (a table ruled only at its head and foot, its body
 * between), and a lone line in larger type between two rules is a title between two tables;
 * either ends the table. (A tall ruled row beside a label set one character a line is lost so.)
 */
function tables(stack: readonly Rule[], pieces: readonly Piece[], left: number, right: number, tol: RuledSettings): Band[][] {
  const ys = clusterValues(stack.map((r) => r.pos), tol.snap);
  const endsAt = (y: number): number[] =>
    stack.filter((r) => Math.abs(r.pos - y) <= tol.snap).flatMap((r) => [r.from, r.to]).filter((x) => x > left + tol.join && x < right - tol.join);
  const bands = ys.slice(1).map((y, k) => bandOf(ys[k]!, y, [...endsAt(ys[k]!), ...endsAt(y)], pieces));
  const size = quantile(
    bands.flatMap((b) => b.cells.map((c) => c.size)),
    0.5,
  );
  const out: Band[][] = [];
  let cur: Band[] = [];
  const flush = (): void => {
    if (cur.filter((b) => b.cells.length >= 2).length >= 2) out.push(cur);
    cur = [];
  };
  for (const b of bands) {
    const title = b.cells.length === 1 && b.cells[0]!.size > 1.15 * size;
    if (b.rows >= 3 || title) flush();
    else cur.push(b);
  }
  flush();
  return out;
}

/**
 * Column boundaries: where rules inside the table end, then the blanks between the cells of each
 * row, the narrowest first, each adding a boundary unless one already runs through it. Each is
 * drawn in every row whose text does not run across it (a cell spanning columns keeps its span;
 * a label merged down keeps its column), and both outer sides all the way down.
 */
function columnRules(bands: readonly Band[], left: number, right: number, tol: RuledSettings): Segment[] {
  const edges = clusterValues(bands.flatMap((b) => b.ends), tol.snap);
  const gaps: { l: number; r: number }[] = [];
  for (const b of bands) for (let k = 1; k < b.cells.length; k++) gaps.push({ l: b.cells[k - 1]!.x1, r: b.cells[k]!.x0 });
  gaps.sort((a, b) => a.r - a.l - (b.r - b.l));
  for (const g of gaps) if (!edges.some((e) => e >= g.l && e <= g.r)) edges.push((g.l + g.r) / 2);
  const out: Segment[] = [];
  for (const b of bands) {
    out.push({ axis: 'v', pos: left, from: b.top, to: b.bottom }, { axis: 'v', pos: right, from: b.top, to: b.bottom });
    for (const x of edges) {
      if (b.cells.some((c) => c.x0 < x && c.x1 > x)) continue;
      out.push({ axis: 'v', pos: x, from: b.top, to: b.bottom });
    }
  }
  return out;
}
