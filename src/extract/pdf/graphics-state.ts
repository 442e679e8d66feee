import type { Box } from '../layout/index.js';
import type { FontMetrics } from './fonts.js';
import { IDENTITY, type Matrix } from './matrix.js';

/** The graphics state the page walk tracks, text state included (PDF keeps both in q/Q). */
export class GState {
  ctm: Matrix = IDENTITY;
  lineWidth = 1;
  strokeVisible = true;
  fillVisible = true;
  strokeAlpha = 1;
  fillAlpha = 1;
  /** The current font's metrics (null: no font, or one pdf.js could not load). */
  font: FontMetrics | null = null;
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

  /** Lines of this stroke colour and opacity show on paper. */
  get strokes(): boolean {
    return this.strokeVisible && this.strokeAlpha > 0.05 && this.lineWidth >= 0;
  }

  /** Fills of this colour and opacity show on paper. */
  get fills(): boolean {
    return this.fillVisible && this.fillAlpha > 0.05;
  }
}

/** Near-white strokes and fills are invisible on paper (and often erase other lines). */
export function isVisibleColor(hex: unknown): boolean {
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return true;
  const n = Number.parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return Math.min(r, g, b) < 240;
}
