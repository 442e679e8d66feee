import type { Box, Segment } from '../layout/index.js';
import { apply, type Matrix } from './matrix.js';

/**
 * Ruling segments from painted paths (pdf.js v5 path buffers: [op, ...coords] flattened into one
 * Float32Array, in user space; `ctm` maps them to the page). Stroked paths give their straight
 * axis-aligned pieces; filled paths give their thin axis-aligned rectangles.
 */

// DrawOPS of pdf.js v5 path buffers
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;

/** A line thinner than this (points) counts as a ruling when drawn as a filled rectangle. */
const MAX_RULE_THICKNESS = 3;
/** A path within this of axis-aligned is horizontal/vertical. */
const AXIS_TOL = 0.75;

export type RulingSink = (seg: Segment) => void;

/** Stroked path: every straight axis-aligned piece is a ruling. */
export function strokeRulings(buf: ArrayLike<number>, ctm: Matrix, add: RulingSink): void {
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
      straightRuling(cx, cy, x, y, add);
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
      straightRuling(cx, cy, sx, sy, add);
      cx = sx;
      cy = sy;
    } else break;
  }
}

function straightRuling(x1: number, y1: number, x2: number, y2: number, add: RulingSink): void {
  if (Math.abs(y1 - y2) <= AXIS_TOL && Math.abs(x1 - x2) > AXIS_TOL) {
    add({ axis: 'h', pos: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
  } else if (Math.abs(x1 - x2) <= AXIS_TOL && Math.abs(y1 - y2) > AXIS_TOL) {
    add({ axis: 'v', pos: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
  }
}

/** Filled path: thin axis-aligned rectangles are rulings (Word and WPS draw borders this way). */
export function fillRulings(buf: ArrayLike<number>, ctm: Matrix, add: RulingSink): void {
  let pts: number[] = [];
  let curved = false;
  const flush = (): void => {
    if (!curved && pts.length >= 4) rectRuling(pts, add);
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
}

/** A subpath of straight pieces (points as x, y, x, y …): a ruling if it is a thin axis-aligned rectangle. */
function rectRuling(pts: readonly number[], add: RulingSink): void {
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
    if (w >= h) add({ axis: 'h', pos: (y0 + y1) / 2, from: x0, to: x1 });
    else add({ axis: 'v', pos: (x0 + x1) / 2, from: y0, to: y1 });
  }
}

/** Page-space bounding box of a path buffer. */
export function pathBox(buf: ArrayLike<number>, ctm: Matrix): Box | null {
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
}

/** The part of a ruling inside the clip box (mutated in place), or null if none of it is. */
export function clipRuling(seg: Segment, clip: Box | null): Segment | null {
  if (!clip) return seg;
  const [lo, hi, across0, across1] = seg.axis === 'h' ? [clip.x0, clip.x1, clip.top, clip.bottom] : [clip.top, clip.bottom, clip.x0, clip.x1];
  if (seg.pos < across0 - 1 || seg.pos > across1 + 1) return null;
  seg.from = Math.max(seg.from, lo);
  seg.to = Math.min(seg.to, hi);
  return seg.to <= seg.from ? null : seg;
}
