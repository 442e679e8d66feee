import { clusterValues, type Box } from './geometry.js';
import type { Segment } from './glyph.js';
import { DEFAULT_LAYOUT_SETTINGS, type RuledSettings } from './settings.js';

/**
 * Ruled tables from ruling segments: snap and join nearly collinear pieces, group the lines that
 * touch into tables, cut each table into atomic cells at every line position, then merge the
 * neighbouring atomic cells that no line separates into spanning cells.
 */

export interface RuledCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
}

export interface RuledGrid {
  /** Column and row boundaries, left to right and top to bottom. */
  xs: number[];
  ys: number[];
  /** Cells in row-major order of their top-left atomic cell. */
  cells: RuledCell[];
  box: Box;
}

export interface Rule {
  axis: 'h' | 'v';
  pos: number;
  from: number;
  to: number;
}

/** Snaps segments of one axis to common positions and joins the collinear ones. */
export function mergeRules(segments: readonly Segment[], axis: 'h' | 'v', tol: RuledSettings = DEFAULT_LAYOUT_SETTINGS.ruled): Rule[] {
  const list = segments.filter((s) => s.axis === axis).sort((a, b) => a.pos - b.pos);
  const out: Rule[] = [];
  let i = 0;
  while (i < list.length) {
    let j = i + 1;
    while (j < list.length && list[j]!.pos - list[j - 1]!.pos <= tol.snap) j++;
    const group = list.slice(i, j).sort((a, b) => a.from - b.from);
    let cur: { from: number; to: number; w: number; p: number } | null = null;
    const emit = (): void => {
      if (cur && cur.to - cur.from >= tol.minLength) out.push({ axis, pos: cur.w > 0 ? cur.p / cur.w : 0, from: cur.from, to: cur.to });
    };
    for (const s of group) {
      const len = Math.max(s.to - s.from, 0.01);
      if (cur && s.from <= cur.to + tol.join) {
        cur.to = Math.max(cur.to, s.to);
        cur.p += s.pos * len;
        cur.w += len;
      } else {
        emit();
        cur = { from: s.from, to: s.to, p: s.pos * len, w: len };
      }
    }
    emit();
    i = j;
  }
  return out;
}

function find(parent: number[], a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]!]!;
    a = parent[a]!;
  }
  return a;
}

function union(parent: number[], a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** All ruled tables on a page, from its ruling segments; null if the page has too many lines to be a table. */
export function findGrids(segments: readonly Segment[], tol: RuledSettings = DEFAULT_LAYOUT_SETTINGS.ruled): RuledGrid[] | null {
  const h = mergeRules(segments, 'h', tol);
  const v = mergeRules(segments, 'v', tol);
  if (!h.length || !v.length || h.length + v.length < 3) return [];
  if (h.length * v.length > tol.maxPairs) return null;
  closeOpenColumns(h, v, tol.join);
  const rules = [...h, ...v];
  const parent = rules.map((_, i) => i);
  for (let a = 0; a < h.length; a++) {
    for (let b = 0; b < v.length; b++) {
      if (touches(h[a]!, v[b]!, tol.join)) union(parent, a, h.length + b);
    }
  }
  const groups = new Map<number, Rule[]>();
  rules.forEach((r, i) => {
    const root = find(parent, i);
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  });
  const grids: RuledGrid[] = [];
  for (const group of groups.values()) {
    const grid = buildGrid(group, tol);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.box.top - b.box.top || a.box.x0 - b.box.x0);
}

export function touches(hr: Rule, vr: Rule, join: number): boolean {
  return vr.pos >= hr.from - join && vr.pos <= hr.to + join && hr.pos >= vr.from - join && hr.pos <= vr.to + join;
}

/**
 * Columns whose cells continue from the page before and onto the next are drawn without top and bottom
 * rules: their vertical lines touch no horizontal one, but run exactly from the table's top rule to its
 * bottom rule (Beijing's 预算12表: the project's name, amount and goal cells of a block that fills a page).
 * Such a vertical belongs to the table whose top and bottom rules it is level with: those rules are
 * extended to it, nearest verticals first, each at most the rules' own length further.
 */
function closeOpenColumns(h: Rule[], v: readonly Rule[], join: number): void {
  const gap = (r: Rule, x: number): number => (x < r.from ? r.from - x : x > r.to ? x - r.to : 0);
  const nearestAt = (y: number, x: number): Rule | undefined =>
    h.filter((r) => Math.abs(r.pos - y) <= join).sort((a, b) => gap(a, x) - gap(b, x))[0];
  const lone = v.filter((vr) => !h.some((hr) => touches(hr, vr, join)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const vr of lone) {
      const top = nearestAt(vr.from, vr.pos);
      const bottom = nearestAt(vr.to, vr.pos);
      if (!top || !bottom || top === bottom || gap(top, vr.pos) === 0) continue;
      // a column no wider than the table already is; farther lines wait until nearer ones have joined
      if (gap(top, vr.pos) > top.to - top.from || gap(bottom, vr.pos) > bottom.to - bottom.from) continue;
      for (const r of [top, bottom]) {
        r.from = Math.min(r.from, vr.pos);
        r.to = Math.max(r.to, vr.pos);
      }
      changed = true;
    }
  }
}

/** Total length of [a, b] covered by the given intervals. */
function coverage(intervals: readonly Rule[], a: number, b: number): number {
  const parts = intervals
    .map((r) => [Math.max(a, r.from), Math.min(b, r.to)] as const)
    .filter(([x, y]) => y > x)
    .sort((p, q) => p[0] - q[0]);
  let total = 0;
  let end = a;
  for (const [x, y] of parts) {
    if (y <= end) continue;
    total += y - Math.max(x, end);
    end = y;
  }
  return total;
}

/** Rules lying on each boundary position. */
function rulesAt(edges: readonly number[], rules: readonly Rule[], snap: number): Rule[][] {
  return edges.map((e) => rules.filter((r) => Math.abs(r.pos - e) <= snap * 1.5));
}

function buildGrid(rules: readonly Rule[], tol: RuledSettings): RuledGrid | null {
  const h = rules.filter((r) => r.axis === 'h');
  const v = rules.filter((r) => r.axis === 'v');
  // a table needs lines both ways; its missing outer sides are closed where its lines end
  if (!h.length || !v.length || h.length + v.length < 3) return null;
  // tables drawn without outer side (or top/bottom) borders still end where their lines end
  const left = Math.min(...h.map((r) => r.from));
  const right = Math.max(...h.map((r) => r.to));
  const top = Math.min(...v.map((r) => r.from));
  const bottom = Math.max(...v.map((r) => r.to));
  const xs = clusterValues([...v.map((r) => r.pos), left, right], tol.snap);
  const ys = clusterValues([...h.map((r) => r.pos), top, bottom], tol.snap);
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  if (nr < 1 || nc < 1) return null;
  const vAt = rulesAt(xs, v, tol.snap);
  const hAt = rulesAt(ys, h, tol.snap);
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const id = (r: number, c: number): number => r * nc + c;
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      if (c + 1 < nc) {
        const a = ys[r]!;
        const b = ys[r + 1]!;
        if (coverage(vAt[c + 1]!, a, b) < tol.covered * (b - a)) union(parent, id(r, c), id(r, c + 1));
      }
      if (r + 1 < nr) {
        const a = xs[c]!;
        const b = xs[c + 1]!;
        if (coverage(hAt[r + 1]!, a, b) < tol.covered * (b - a)) union(parent, id(r, c), id(r + 1, c));
      }
    }
  }
  const rects = rectangles(parent, nr, nc);
  // keep only the boundaries some cell starts or ends at
  const usedRows = new Set<number>([0, nr]);
  const usedCols = new Set<number>([0, nc]);
  for (const q of rects) {
    usedRows.add(q.r0).add(q.r1 + 1);
    usedCols.add(q.c0).add(q.c1 + 1);
  }
  const rowIdx = [...usedRows].sort((a, b) => a - b);
  const colIdx = [...usedCols].sort((a, b) => a - b);
  const rowOf = new Map(rowIdx.map((r, i) => [r, i]));
  const colOf = new Map(colIdx.map((c, i) => [c, i]));
  const gx = colIdx.map((c) => xs[c]!);
  const gy = rowIdx.map((r) => ys[r]!);
  const cells: RuledCell[] = rects
    .map((q) => {
      const row = rowOf.get(q.r0)!;
      const col = colOf.get(q.c0)!;
      const rowSpan = rowOf.get(q.r1 + 1)! - row;
      const colSpan = colOf.get(q.c1 + 1)! - col;
      return { row, col, rowSpan, colSpan, box: { x0: gx[col]!, top: gy[row]!, x1: gx[col + colSpan]!, bottom: gy[row + rowSpan]! } };
    })
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { xs: gx, ys: gy, cells, box: { x0: gx[0]!, top: gy[0]!, x1: gx[gx.length - 1]!, bottom: gy[gy.length - 1]! } };
}

interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** The merged regions as rectangles; a region that is not one is widened to its bounding box, swallowing what it overlaps. */
function rectangles(parent: number[], nr: number, nc: number): Rect[] {
  for (;;) {
    const bounds = new Map<number, Rect>();
    for (let r = 0; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        const root = find(parent, r * nc + c);
        const b = bounds.get(root);
        if (!b) bounds.set(root, { r0: r, c0: c, r1: r, c1: c });
        else {
          b.r0 = Math.min(b.r0, r);
          b.c0 = Math.min(b.c0, c);
          b.r1 = Math.max(b.r1, r);
          b.c1 = Math.max(b.c1, c);
        }
      }
    }
    let changed = false;
    for (const [root, b] of bounds) {
      for (let r = b.r0; r <= b.r1; r++) {
        for (let c = b.c0; c <= b.c1; c++) {
          if (find(parent, r * nc + c) !== find(parent, root)) {
            union(parent, root, r * nc + c);
            changed = true;
          }
        }
      }
    }
    if (!changed) return [...bounds.values()];
  }
}
