/**
 * What the table finder reads off a page, whatever the page came from (a PDF's content stream,
 * text laid out with spaces, an image through OCR): positioned glyphs and axis-aligned ruling
 * segments, both in page points from the top-left of the upright page, y growing down.
 */

/** Text direction on the page, clockwise degrees: 0 left-to-right, 90 top-to-bottom, 270 bottom-to-top. */
export type Dir = 0 | 90 | 180 | 270;

export interface Glyph {
  text: string;
  x0: number;
  top: number;
  x1: number;
  bottom: number;
  cx: number;
  cy: number;
  /** Font size in page points (the glyph's em). */
  size: number;
  dir: Dir;
  /** Extent along the text flow and position of the baseline, in the glyph's own upright frame (see toLocal). */
  u0: number;
  u1: number;
  base: number;
  space: boolean;
}

/** A horizontal ('h': y fixed, spanning x from..to) or vertical ('v') ruling piece. */
export interface Segment {
  axis: 'h' | 'v';
  pos: number;
  from: number;
  to: number;
}

/** One page's glyphs and rulings: the input of layoutPage. */
export interface PageContent {
  width: number;
  height: number;
  glyphs: Glyph[];
  segments: Segment[];
}

/** Page point to the glyph's upright frame: u runs along the text, v down across it. */
export function toLocal(dir: Dir, x: number, y: number): [number, number] {
  switch (dir) {
    case 0:
      return [x, y];
    case 90:
      return [y, -x];
    case 180:
      return [-x, -y];
    case 270:
      return [-y, x];
  }
}
