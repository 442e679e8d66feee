/** Affine matrices in PDF order [a, b, c, d, e, f]: a point maps to (a·x + c·y + e, b·x + d·y + f). */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `first` then `second`: the PDF `cm` operator gives multiply(cm, ctm). */
export function multiply(first: Matrix, second: Matrix): Matrix {
  const a1 = first[0];
  const b1 = first[1];
  const c1 = first[2];
  const d1 = first[3];
  const e1 = first[4];
  const f1 = first[5];
  const a2 = second[0];
  const b2 = second[1];
  const c2 = second[2];
  const d2 = second[3];
  const e2 = second[4];
  const f2 = second[5];
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Reads a 6-number matrix from pdf.js arguments (arrays or typed arrays); null if malformed. */
export function toMatrix(v: unknown): Matrix | null {
  if (!v || typeof (v as ArrayLike<number>).length !== 'number' || (v as ArrayLike<number>).length < 6) return null;
  const a = v as ArrayLike<number>;
  const m = [a[0], a[1], a[2], a[3], a[4], a[5]] as number[];
  return m.every((n) => typeof n === 'number' && Number.isFinite(n)) ? (m as unknown as Matrix) : null;
}

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
