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

/** A mutable affine matrix, for the text matrices that change with every glyph. */
export class Affine {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  set(m: Matrix): void {
    // indexed, not destructured: destructuring walks an iterator, slow on the hot path
    this.a = m[0];
    this.b = m[1];
    this.c = m[2];
    this.d = m[3];
    this.e = m[4];
    this.f = m[5];
  }

  copy(o: Affine): void {
    this.a = o.a;
    this.b = o.b;
    this.c = o.c;
    this.d = o.d;
    this.e = o.e;
    this.f = o.f;
  }

  /** Moves the origin by (dx, dy) in its own space: [1 0 0 1 dx dy] × this. */
  translate(dx: number, dy: number): void {
    this.e += dx * this.a + dy * this.c;
    this.f += dx * this.b + dy * this.d;
  }
}
