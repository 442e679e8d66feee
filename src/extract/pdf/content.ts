import { toLocal, type Box, type Dir, type Glyph, type PageContent, type Segment } from '../layout/index.js';
import { apply, IDENTITY, multiply, toMatrix, type Matrix } from './matrix.js';

/**
 * One page's operator list (pdf.js v5) read into what the table finder needs: positioned glyphs
 * and axis-aligned ruling segments, both in page points from the top-left of the upright page.
 * Reading text from the operator list rather than getTextContent gives each glyph its own box
 * (so a ruling can split a run of text) and parses the content stream once instead of twice.
 */

export interface PdfPageContent extends PageContent {
  /** Images covering a noticeable part of the page (scans show up here). */
  images: number;
  /** Glyphs dropped because they run diagonally (watermarks). */
  diagonal: number;
}

/** What the walker needs to know of a font; pdf.js keeps it in page.commonObjs. */
export interface FontInfo {
  fontMatrix?: ArrayLike<number>;
  vertical?: boolean;
  ascent?: number;
  descent?: number;
}

/** pdf.js's OPS table (operator name to number), passed in so that this module needs no pdf.js. */
export interface OpCodes {
  [name: string]: number;
}

interface GlyphArg {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
  vmetric?: ArrayLike<number>;
}

/** The graphics state the walker tracks, text state included (PDF keeps both in q/Q). */
class GState {
  ctm: Matrix = IDENTITY;
  lineWidth = 1;
  strokeVisible = true;
  fillVisible = true;
  strokeAlpha = 1;
  fillAlpha = 1;
  font: FontInfo | null = null;
  fontSize = 0;
  charSpacing = 0;
  wordSpacing = 0;
  hScale = 1;
  leading = 0;
  rise = 0;
  /** Bounding box of the clipping path in page space; spreadsheet exports draw whole sheets and clip them to the page. */
  clip: Box | null = null;

  clone(): GState {
    // every field is a value or an immutable reference (ctm, clip and font are replaced, never mutated)
    return Object.assign(new GState(), this);
  }
}

/** A mutable affine matrix, for the text matrices that change with every glyph. */
class Affine {
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

// DrawOPS of pdf.js v5 path buffers: [op, ...coords] flattened into one Float32Array.
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;

/** A line thinner than this (points) counts as a ruling when drawn as a filled rectangle. */
const MAX_RULE_THICKNESS = 3;
/** A path within this of axis-aligned is horizontal/vertical. */
const AXIS_TOL = 0.75;

/** Near-white strokes and fills are invisible on paper (and often erase other lines). */
export function isVisibleColor(hex: unknown): boolean {
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return true;
  const n = Number.parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return Math.min(r, g, b) < 240;
}

export function readPage(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  view: { transform: Matrix; width: number; height: number },
  ops: OpCodes,
  fontOf: (name: string) => FontInfo | null,
  normalize: (s: string) => string = (s) => s,
): PdfPageContent {
  const glyphs: Glyph[] = [];
  const segments: Segment[] = [];
  const pageArea = view.width * view.height;
  let images = 0;
  let diagonal = 0;

  let gs = new GState();
  gs.ctm = view.transform;
  const stack: GState[] = [];
  const push = (): void => {
    stack.push(gs);
    gs = gs.clone();
  };
  const pop = (): void => {
    const prev = stack.pop();
    if (prev) gs = prev;
  };
  // text and text line matrices, updated in place (one glyph at a time on some producers' pages)
  const tm = new Affine();
  const tlm = new Affine();

  const imageOps = new Set(
    ['paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject', 'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup', 'paintImageMaskXObjectGroup', 'paintImageMaskXObjectRepeat', 'paintSolidColorImageMask']
      .map((n) => ops[n])
      .filter((n): n is number => n !== undefined),
  );
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);

  /** Keeps the part of a ruling inside the clip. */
  const emit = (seg: Segment): void => {
    const c = gs.clip;
    if (c) {
      const [lo, hi, across0, across1] = seg.axis === 'h' ? [c.x0, c.x1, c.top, c.bottom] : [c.top, c.bottom, c.x0, c.x1];
      if (seg.pos < across0 - 1 || seg.pos > across1 + 1) return;
      seg.from = Math.max(seg.from, lo);
      seg.to = Math.min(seg.to, hi);
      if (seg.to <= seg.from) return;
    }
    segments.push(seg);
  };
  const addSegment = (x1: number, y1: number, x2: number, y2: number): void => {
    if (Math.abs(y1 - y2) <= AXIS_TOL && Math.abs(x1 - x2) > AXIS_TOL) {
      emit({ axis: 'h', pos: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
    } else if (Math.abs(x1 - x2) <= AXIS_TOL && Math.abs(y1 - y2) > AXIS_TOL) {
      emit({ axis: 'v', pos: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
    }
  };
  /** Page-space bounding box of a path buffer. */
  const pathBox = (buf: ArrayLike<number>, ctm: Matrix): Box | null => {
    const box: Box = { x0: Infinity, top: Infinity, x1: -Infinity, bottom: -Infinity };
    const add = (x: number, y: number): void => {
      const [px, py] = apply(ctm, x, y);
      box.x0 = Math.min(box.x0, px);
      box.x1 = Math.max(box.x1, px);
      box.top = Math.min(box.top, py);
      box.bottom = Math.max(box.bottom, py);
    };
    for (let k = 0; k < buf.length; ) {
      const op = buf[k++];
      const n = op === MOVE_TO || op === LINE_TO ? 2 : op === CURVE_TO ? 6 : op === QUAD_TO ? 4 : 0;
      for (let q = 0; q < n; q += 2) add(buf[k + q]!, buf[k + q + 1]!);
      k += n;
      if (op !== MOVE_TO && op !== LINE_TO && op !== CURVE_TO && op !== QUAD_TO && op !== CLOSE) break;
    }
    return box.x0 <= box.x1 ? box : null;
  };
  let pendingClip = false;

  /** Stroked path: every straight axis-aligned piece is a ruling. */
  const strokePath = (buf: ArrayLike<number>, ctm: Matrix): void => {
    let sx = 0;
    let sy = 0;
    let cx = 0;
    let cy = 0;
    for (let k = 0; k < buf.length; ) {
      const op = buf[k++];
      if (op === MOVE_TO) {
        [cx, cy] = apply(ctm, buf[k]!, buf[k + 1]!);
        sx = cx;
        sy = cy;
        k += 2;
      } else if (op === LINE_TO) {
        const [x, y] = apply(ctm, buf[k]!, buf[k + 1]!);
        addSegment(cx, cy, x, y);
        cx = x;
        cy = y;
        k += 2;
      } else if (op === CURVE_TO) {
        [cx, cy] = apply(ctm, buf[k + 4]!, buf[k + 5]!);
        k += 6;
      } else if (op === QUAD_TO) {
        [cx, cy] = apply(ctm, buf[k + 2]!, buf[k + 3]!);
        k += 4;
      } else if (op === CLOSE) {
        addSegment(cx, cy, sx, sy);
        cx = sx;
        cy = sy;
      } else break;
    }
  };

  /** Filled path: thin axis-aligned rectangles are rulings (Word and WPS draw borders this way). */
  const fillPath = (buf: ArrayLike<number>, ctm: Matrix): void => {
    let pts: number[] = [];
    let curved = false;
    const flush = (): void => {
      if (!curved && pts.length >= 4) {
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (let i = 0; i < pts.length; i += 2) {
          x0 = Math.min(x0, pts[i]!);
          x1 = Math.max(x1, pts[i]!);
          y0 = Math.min(y0, pts[i + 1]!);
          y1 = Math.max(y1, pts[i + 1]!);
        }
        let rect = true;
        for (let i = 0; i < pts.length && rect; i += 2) {
          const onX = Math.abs(pts[i]! - x0) <= AXIS_TOL || Math.abs(pts[i]! - x1) <= AXIS_TOL;
          const onY = Math.abs(pts[i + 1]! - y0) <= AXIS_TOL || Math.abs(pts[i + 1]! - y1) <= AXIS_TOL;
          rect = onX && onY;
        }
        const w = x1 - x0;
        const h = y1 - y0;
        if (rect && Math.min(w, h) <= MAX_RULE_THICKNESS && Math.max(w, h) > MAX_RULE_THICKNESS) {
          if (w >= h) emit({ axis: 'h', pos: (y0 + y1) / 2, from: x0, to: x1 });
          else emit({ axis: 'v', pos: (x0 + x1) / 2, from: y0, to: y1 });
        }
      }
      pts = [];
      curved = false;
    };
    for (let k = 0; k < buf.length; ) {
      const op = buf[k++];
      if (op === MOVE_TO) {
        flush();
        pts.push(...apply(ctm, buf[k]!, buf[k + 1]!));
        k += 2;
      } else if (op === LINE_TO) {
        pts.push(...apply(ctm, buf[k]!, buf[k + 1]!));
        k += 2;
      } else if (op === CURVE_TO) {
        curved = true;
        k += 6;
      } else if (op === QUAD_TO) {
        curved = true;
        k += 4;
      } else if (op === CLOSE) {
        // the rectangle is complete; a following moveTo starts the next one
      } else break;
    }
    flush();
  };

  const showText = (list: ArrayLike<GlyphArg | number>): void => {
    const t = gs;
    const font = t.font;
    if (!font || t.fontSize === 0) return;
    const fm0 = font.fontMatrix && typeof font.fontMatrix[0] === 'number' ? font.fontMatrix[0] : 0.001;
    const vertical = !!font.vertical;
    const ascent = typeof font.ascent === 'number' && font.ascent > 0.4 && font.ascent < 1.5 ? font.ascent : 0.85;
    const descent = typeof font.descent === 'number' && font.descent < 0 && font.descent > -0.6 ? font.descent : -0.15;
    const fs = t.fontSize;
    const th = t.hScale;
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
      const spacing = t.charSpacing + (g.isSpace ? t.wordSpacing : 0);
      const e = t.rise * m2 + m4;
      const f = t.rise * m3 + m5;
      if (vertical) {
        const vm = g.vmetric;
        const h = vm && typeof vm[0] === 'number' ? -vm[0] * fm0 : 1;
        addGlyph(g, a, b, c, d, e, f, -0.5, 0.5, -h, 0);
        move(0, -(h * fs + spacing));
      } else {
        const w0 = width * fm0;
        addGlyph(g, a, b, c, d, e, f, 0, w0, descent, ascent);
        move((w0 * fs + spacing) * th, 0);
      }
    }
  };

  /** Places one glyph whose box in text space is [gx0, gx1] × [gy0, gy1] (in ems), through the text rendering matrix [a b c d e f]. */
  const addGlyph = (g: GlyphArg, a: number, b: number, c: number, d: number, e: number, f: number, gx0: number, gx1: number, gy0: number, gy1: number): void => {
    const raw = typeof g.unicode === 'string' ? g.unicode : '';
    if (raw === '') return;
    const size = Math.sqrt(c * c + d * d);
    if (!(size > 0.1) || !Number.isFinite(e) || !Number.isFinite(f)) return;
    // most text is upright: skip the trigonometry for it
    let dir: Dir;
    if (b === 0 && c === 0 && a > 0) dir = 0;
    else {
      const angle = (Math.atan2(b, a) * 180) / Math.PI;
      const q = Math.round(angle / 90) * 90;
      if (Math.abs(angle - q) > 2) {
        diagonal++;
        return;
      }
      dir = (((q % 360) + 360) % 360) as Dir;
    }
    // pdf.js's normalization (ligatures, compatibility spaces) touches none of ASCII or CJK
    const code = raw.charCodeAt(0);
    const text = raw.length === 1 && (code < 0xa0 || (code > 0x2126 && code < 0xfb00) || code > 0xfe7d) ? raw : normalize(raw);
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
    const clip = gs.clip;
    if (clip) {
      const cx = (x0 + x1) / 2;
      const cy = (top + bottom) / 2;
      if (cx < clip.x0 - 1 || cx > clip.x1 + 1 || cy < clip.top - 1 || cy > clip.bottom + 1) return;
    }
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
    glyphs.push({
      text,
      x0,
      top,
      x1,
      bottom,
      cx: (x0 + x1) / 2,
      cy: (top + bottom) / 2,
      size,
      dir,
      u0,
      u1,
      base,
      space: text.trim() === '',
    });
  };

  // op numbers as locals: the switch below runs once per operator
  const OP_CLIP = ops.clip ?? -1;
  const OP_EO_CLIP = ops.eoClip ?? -1;
  const OP_BEGIN_ANNOTATION = ops.beginAnnotation ?? -1;
  const OP_BEGIN_TEXT = ops.beginText ?? -1;
  const OP_CONSTRUCT_PATH = ops.constructPath ?? -1;
  const OP_END_ANNOTATION = ops.endAnnotation ?? -1;
  const OP_MOVE_TEXT = ops.moveText ?? -1;
  const OP_NEXT_LINE = ops.nextLine ?? -1;
  const OP_NEXT_LINE_SHOW_TEXT = ops.nextLineShowText ?? -1;
  const OP_PAINT_FORM_X_OBJECT_BEGIN = ops.paintFormXObjectBegin ?? -1;
  const OP_PAINT_FORM_X_OBJECT_END = ops.paintFormXObjectEnd ?? -1;
  const OP_RESTORE = ops.restore ?? -1;
  const OP_SAVE = ops.save ?? -1;
  const OP_SET_CHAR_SPACING = ops.setCharSpacing ?? -1;
  const OP_SET_FILL_COLOR_N = ops.setFillColorN ?? -1;
  const OP_SET_FILL_R_G_B_COLOR = ops.setFillRGBColor ?? -1;
  const OP_SET_FILL_TRANSPARENT = ops.setFillTransparent ?? -1;
  const OP_SET_FONT = ops.setFont ?? -1;
  const OP_SET_G_STATE = ops.setGState ?? -1;
  const OP_SET_H_SCALE = ops.setHScale ?? -1;
  const OP_SET_LEADING = ops.setLeading ?? -1;
  const OP_SET_LEADING_MOVE_TEXT = ops.setLeadingMoveText ?? -1;
  const OP_SET_LINE_WIDTH = ops.setLineWidth ?? -1;
  const OP_SET_STROKE_COLOR_N = ops.setStrokeColorN ?? -1;
  const OP_SET_STROKE_R_G_B_COLOR = ops.setStrokeRGBColor ?? -1;
  const OP_SET_STROKE_TRANSPARENT = ops.setStrokeTransparent ?? -1;
  const OP_SET_TEXT_MATRIX = ops.setTextMatrix ?? -1;
  const OP_SET_TEXT_RISE = ops.setTextRise ?? -1;
  const OP_SET_WORD_SPACING = ops.setWordSpacing ?? -1;
  const OP_SHOW_SPACED_TEXT = ops.showSpacedText ?? -1;
  const OP_SHOW_TEXT = ops.showText ?? -1;
  const OP_TRANSFORM = ops.transform ?? -1;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OP_SAVE:
        push();
        break;
      case OP_RESTORE:
        pop();
        break;
      case OP_TRANSFORM: {
        const m = toMatrix(args);
        if (m) gs.ctm = multiply(m, gs.ctm);
        break;
      }
      case OP_PAINT_FORM_X_OBJECT_BEGIN: {
        push();
        const m = toMatrix(args?.[0]);
        if (m) gs.ctm = multiply(m, gs.ctm);
        break;
      }
      case OP_PAINT_FORM_X_OBJECT_END:
        pop();
        break;
      case OP_BEGIN_ANNOTATION: {
        push();
        const t = toMatrix(args?.[2]);
        const m = toMatrix(args?.[3]);
        if (t) gs.ctm = multiply(t, gs.ctm);
        if (m) gs.ctm = multiply(m, gs.ctm);
        break;
      }
      case OP_END_ANNOTATION:
        pop();
        break;
      case OP_SET_LINE_WIDTH:
        if (typeof args?.[0] === 'number') gs.lineWidth = args[0];
        break;
      case OP_SET_STROKE_R_G_B_COLOR:
        gs.strokeVisible = isVisibleColor(args?.[0]);
        break;
      case OP_SET_FILL_R_G_B_COLOR:
        gs.fillVisible = isVisibleColor(args?.[0]);
        break;
      case OP_SET_STROKE_TRANSPARENT:
        gs.strokeVisible = false;
        break;
      case OP_SET_FILL_TRANSPARENT:
        gs.fillVisible = false;
        break;
      case OP_SET_STROKE_COLOR_N:
        gs.strokeVisible = true;
        break;
      case OP_SET_FILL_COLOR_N:
        gs.fillVisible = true;
        break;
      case OP_SET_G_STATE: {
        const entries = Array.isArray(args?.[0]) ? (args[0] as unknown[]) : [];
        for (const e of entries) {
          if (!Array.isArray(e)) continue;
          const [key, value] = e as [unknown, unknown];
          if (key === 'LW' && typeof value === 'number') gs.lineWidth = value;
          else if (key === 'CA' && typeof value === 'number') gs.strokeAlpha = value;
          else if (key === 'ca' && typeof value === 'number') gs.fillAlpha = value;
          else if (key === 'Font' && Array.isArray(value)) setFont(value[0], value[1]);
        }
        break;
      }
      case OP_CONSTRUCT_PATH: {
        const paintOp = args?.[0];
        const buf = (args?.[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
        if (!buf || typeof paintOp !== 'number') break;
        if (pendingClip) {
          // W n: the path narrows the clip (its bounding box is near enough for cutting text and lines)
          pendingClip = false;
          const b = pathBox(buf, gs.ctm);
          const c = gs.clip;
          gs.clip = !b ? c : !c ? b : { x0: Math.max(c.x0, b.x0), top: Math.max(c.top, b.top), x1: Math.min(c.x1, b.x1), bottom: Math.min(c.bottom, b.bottom) };
        }
        // endPath paints nothing
        if (strokeOps.has(paintOp) && gs.strokeVisible && gs.strokeAlpha > 0.05 && gs.lineWidth >= 0) strokePath(buf, gs.ctm);
        if (fillOps.has(paintOp) && gs.fillVisible && gs.fillAlpha > 0.05) fillPath(buf, gs.ctm);
        break;
      }
      case OP_CLIP:
      case OP_EO_CLIP:
        pendingClip = true;
        break;
      case OP_BEGIN_TEXT:
        tm.set(IDENTITY);
        tlm.set(IDENTITY);
        break;
      case OP_SET_FONT:
        setFont(args?.[0], args?.[1]);
        break;
      case OP_SET_TEXT_MATRIX: {
        const m = toMatrix(args?.[0] ?? args);
        if (m) {
          tm.set(m);
          tlm.set(m);
        }
        break;
      }
      case OP_MOVE_TEXT:
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case OP_SET_LEADING_MOVE_TEXT:
        gs.leading = -(Number(args?.[1]) || 0);
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case OP_NEXT_LINE:
        moveText(0, -gs.leading);
        break;
      case OP_SET_LEADING:
        gs.leading = Number(args?.[0]) || 0;
        break;
      case OP_SET_CHAR_SPACING:
        gs.charSpacing = Number(args?.[0]) || 0;
        break;
      case OP_SET_WORD_SPACING:
        gs.wordSpacing = Number(args?.[0]) || 0;
        break;
      case OP_SET_H_SCALE:
        gs.hScale = (Number(args?.[0]) || 100) / 100;
        break;
      case OP_SET_TEXT_RISE:
        gs.rise = Number(args?.[0]) || 0;
        break;
      case OP_SHOW_TEXT:
      case OP_SHOW_SPACED_TEXT:
        if (args && args[0] && typeof (args[0] as ArrayLike<unknown>).length === 'number') showText(args[0] as ArrayLike<GlyphArg | number>);
        break;
      case OP_NEXT_LINE_SHOW_TEXT:
        moveText(0, -gs.leading);
        if (args?.[0]) showText(args[0] as ArrayLike<GlyphArg | number>);
        break;
      default:
        if (fn !== undefined && imageOps.has(fn)) {
          const area = Math.abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]);
          if (area >= pageArea * 0.05) images++;
        }
    }
  }

  function setFont(name: unknown, size: unknown): void {
    gs.font = typeof name === 'string' ? fontOf(name) : null;
    gs.fontSize = typeof size === 'number' ? size : 0;
  }
  function moveText(tx: number, ty: number): void {
    tlm.translate(tx, ty);
    tm.copy(tlm);
  }

  return { width: view.width, height: view.height, glyphs, segments, images, diagonal };
}
