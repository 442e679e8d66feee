import { toLocal, type Box, type Dir, type Glyph } from '../layout/index.js';
import type { GState } from './graphics-state.js';
import type { Affine } from './matrix.js';

/**
 * Shown text into positioned glyphs: each glyph of a text-showing operator gets its own box on
 * the page, through the text matrix, the font's metrics and the current transformation.
 */

/** A glyph as pdf.js passes it in a text-showing operator's arguments. */
export interface GlyphArg {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
  vmetric?: ArrayLike<number>;
}

/** Where placed glyphs go. */
export interface GlyphSink {
  readonly glyphs: Glyph[];
  /** Glyphs dropped because they run diagonally (watermarks). */
  diagonal: number;
  /** pdf.js's Unicode normalization (ligatures, compatibility characters). */
  readonly normalize: (s: string) => string;
}

/** Places the glyphs of one text-showing operator (Tj, TJ, ', "), moving the text matrix `tm` past them. */
export function showText(out: GlyphSink, gs: GState, tm: Affine, list: ArrayLike<GlyphArg | number>): void {
  const font = gs.font;
  if (!font || gs.fontSize === 0) return;
  const { unitsToEm: fm0, vertical, ascent, descent } = font;
  const fs = gs.fontSize;
  const th = gs.hScale;
  // text space to page (tm × ctm); a glyph's advance moves both it and tm along the text axes
  const ctm = gs.ctm;
  const c0 = ctm[0];
  const c1 = ctm[1];
  const c2 = ctm[2];
  const c3 = ctm[3];
  const c4 = ctm[4];
  const c5 = ctm[5];
  const m0 = tm.a * c0 + tm.b * c2;
  const m1 = tm.a * c1 + tm.b * c3;
  const m2 = tm.c * c0 + tm.d * c2;
  const m3 = tm.c * c1 + tm.d * c3;
  let m4 = tm.e * c0 + tm.f * c2 + c4;
  let m5 = tm.e * c1 + tm.f * c3 + c5;
  const move = (dx: number, dy: number): void => {
    m4 += dx * m0 + dy * m2;
    m5 += dx * m1 + dy * m3;
    tm.translate(dx, dy);
  };
  const a = fs * th * m0;
  const b = fs * th * m1;
  const c = fs * m2;
  const d = fs * m3;
  for (let i = 0; i < list.length; i++) {
    const g = list[i];
    if (typeof g === 'number') {
      // TJ adjustment in thousandths of an em, against the writing direction
      const adj = (-g / 1000) * fs;
      if (vertical) move(0, -adj);
      else move(adj * th, 0);
      continue;
    }
    if (!g) continue;
    const width = typeof g.width === 'number' ? g.width : 0;
    const spacing = gs.charSpacing + (g.isSpace ? gs.wordSpacing : 0);
    const e = gs.rise * m2 + m4;
    const f = gs.rise * m3 + m5;
    if (vertical) {
      const vm = g.vmetric;
      const h = vm && typeof vm[0] === 'number' ? -vm[0] * fm0 : 1;
      placeGlyph(out, gs.clip, g, a, b, c, d, e, f, -0.5, 0.5, -h, 0);
      move(0, -(h * fs + spacing));
    } else {
      const w0 = width * fm0;
      placeGlyph(out, gs.clip, g, a, b, c, d, e, f, 0, w0, descent, ascent);
      move((w0 * fs + spacing) * th, 0);
    }
  }
}

/** Places one glyph whose box in text space is [gx0, gx1] × [gy0, gy1] (in ems), through the text rendering matrix [a b c d e f]. */
function placeGlyph(
  out: GlyphSink,
  clip: Box | null,
  g: GlyphArg,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
  gx0: number,
  gx1: number,
  gy0: number,
  gy1: number,
): void {
  const raw = typeof g.unicode === 'string' ? g.unicode : '';
  if (raw === '') return;
  const size = Math.sqrt(c * c + d * d);
  if (!(size > 0.1) || !Number.isFinite(e) || !Number.isFinite(f)) return;
  const dir = direction(a, b, c);
  if (dir === null) {
    out.diagonal++;
    return;
  }
  // pdf.js's normalization (ligatures, compatibility spaces) touches none of ASCII or CJK
  const code = raw.charCodeAt(0);
  const text = raw.length === 1 && (code < 0xa0 || (code > 0x2126 && code < 0xfb00) || code > 0xfe7d) ? raw : out.normalize(raw);
  const xa = a * gx0 + c * gy0 + e;
  const ya = b * gx0 + d * gy0 + f;
  const xb = a * gx1 + c * gy0 + e;
  const yb = b * gx1 + d * gy0 + f;
  const xc = a * gx0 + c * gy1 + e;
  const yc = b * gx0 + d * gy1 + f;
  const xd = a * gx1 + c * gy1 + e;
  const yd = b * gx1 + d * gy1 + f;
  const x0 = Math.min(xa, xb, xc, xd);
  const x1 = Math.max(xa, xb, xc, xd);
  const top = Math.min(ya, yb, yc, yd);
  const bottom = Math.max(ya, yb, yc, yd);
  const at = clip ? visibleCentre(clip, x0, top, x1, bottom) : { cx: (x0 + x1) / 2, cy: (top + bottom) / 2 };
  if (!at) return;
  let u0 = x0;
  let u1 = x1;
  let base = f;
  if (dir !== 0) {
    const [ua, va] = toLocal(dir, x0, top);
    const [ub, vb] = toLocal(dir, x1, bottom);
    u0 = Math.min(ua, ub);
    u1 = Math.max(ua, ub);
    base = toLocal(dir, e, f)[1];
    if (!Number.isFinite(base)) base = (va + vb) / 2;
  }
  out.glyphs.push({ text, x0, top, x1, bottom, cx: at.cx, cy: at.cy, size, dir, u0, u1, base, space: text.trim() === '' });
}

/**
 * Where a glyph is placed, given the clip it is drawn under: the centre of its visible part, or
 * null if the clip hides it wholly (a spreadsheet drawn whole and clipped to the page draws text
 * that is not on the page). A glyph the clip only cuts is a cell's text running past the cell's
 * edge (一般性支出情况 in a cell a character too narrow, clipped to the cell): it is kept, and
 * placed by its visible part so that it stays in the cell it was clipped to, not the next one.
 */
function visibleCentre(clip: Box, x0: number, top: number, x1: number, bottom: number): { cx: number; cy: number } | null {
  // the visible part; none at all (even a glyph whose box only touches the clip's edge) is hidden:
  // a merged cell's text that a page break printed on the other page lies just outside the clip
  const vx0 = Math.max(x0, clip.x0);
  const vx1 = Math.min(x1, clip.x1);
  const vtop = Math.max(top, clip.top);
  const vbottom = Math.min(bottom, clip.bottom);
  if (vx0 >= vx1 || vtop >= vbottom) return null;
  return { cx: (vx0 + vx1) / 2, cy: (vtop + vbottom) / 2 };
}

/** The direction of text set by the matrix [a b c …], or null if it runs at a slant. */
function direction(a: number, b: number, c: number): Dir | null {
  // most text is upright: skip the trigonometry for it
  if (b === 0 && c === 0 && a > 0) return 0;
  const angle = (Math.atan2(b, a) * 180) / Math.PI;
  const q = Math.round(angle / 90) * 90;
  if (Math.abs(angle - q) > 2) return null;
  return (((q % 360) + 360) % 360) as Dir;
}
