/** Format-independent geometry of the table finder: boxes in page points and 1-D clustering. */

/** An axis-aligned box in page points, origin top-left, y growing down. */
export interface Box {
  x0: number;
  top: number;
  x1: number;
  bottom: number;
}

export function boxToTuple(b: Box): [number, number, number, number] {
  return [round2(b.x0), round2(b.top), round2(b.x1), round2(b.bottom)];
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Clusters sorted numbers: a value within `tol` of the previous one joins its cluster. Returns cluster means. */
export function clusterValues(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let sum = 0;
  let n = 0;
  let last = -Infinity;
  for (const v of sorted) {
    if (n > 0 && v - last > tol) {
      out.push(sum / n);
      sum = 0;
      n = 0;
    }
    sum += v;
    n++;
    last = v;
  }
  if (n > 0) out.push(sum / n);
  return out;
}

/** Index of the interval [edges[i], edges[i+1]) holding v, or -1 outside. */
export function intervalIndex(edges: readonly number[], v: number): number {
  if (edges.length < 2 || v < edges[0]! || v > edges[edges.length - 1]!) return -1;
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The value at quantile `q` (0..1) of `values`, the lower one between two; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)]!;
}

/** How far two boxes overlap across (negative: the blank between them). */
export function overlapX(a: Box, b: Box): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}
