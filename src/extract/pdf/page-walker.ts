import type { Glyph, Segment } from '../layout/index.js';
import { fontMetrics, type FontInfo } from './fonts.js';
import { showText, type GlyphArg, type GlyphSink } from './glyphs.js';
import { GState } from './graphics-state.js';
import { Affine, IDENTITY, multiply, type Matrix } from './matrix.js';
import { clipRuling, fillRulings, pathBox, strokeRulings } from './paths.js';

/** The page as pdf.js lays it out: user space to upright page points, and the page's size. */
export interface PageView {
  transform: Matrix;
  width: number;
  height: number;
}

/**
 * The state of a walk through one page's operators, and what each kind of operator does to it:
 * the graphics state stack, the text matrices, and the glyphs, rulings and images found so far.
 * operators.ts maps pdf.js's operator numbers onto these methods.
 */
export class PageWalker implements GlyphSink {
  readonly glyphs: Glyph[] = [];
  readonly segments: Segment[] = [];
  /** Images covering a noticeable part of the page. */
  images = 0;
  diagonal = 0;
  /**
   * The Unicode of every glyph shown outside annotations, in drawing order, placed or not (what
   * pdf.js's text layer holds): the page filter reads it.
   */
  readonly shown: string[] = [];
  /** Annotations being drawn (their appearance streams are not part of the text layer). */
  private annotations = 0;
  gs = new GState();
  /** Text and text line matrices, updated in place (one glyph at a time on some producers' pages). */
  readonly tm = new Affine();
  readonly tlm = new Affine();
  private readonly stack: GState[] = [];
  /** A clip operator (W) was seen: the next path narrows the clip. */
  private pendingClip = false;
  /** Keeps the part of a ruling inside the clip. */
  private readonly addRuling = (seg: Segment): void => {
    const kept = clipRuling(seg, this.gs.clip);
    if (kept) this.segments.push(kept);
  };

  constructor(
    readonly view: PageView,
    private readonly fontOf: (name: string) => FontInfo | null,
    readonly normalize: (s: string) => string,
  ) {
    this.gs.ctm = view.transform;
  }

  save(): void {
    this.stack.push(this.gs);
    this.gs = this.gs.clone();
  }

  restore(): void {
    const prev = this.stack.pop();
    if (prev) this.gs = prev;
  }

  /** Applies `m` (if any) before the current transformation. */
  transform(m: Matrix | null): void {
    if (m) this.gs.ctm = multiply(m, this.gs.ctm);
  }

  setFont(name: unknown, size: unknown): void {
    const font = typeof name === 'string' ? this.fontOf(name) : null;
    this.gs.font = font ? fontMetrics(font) : null;
    this.gs.fontSize = typeof size === 'number' ? size : 0;
  }

  beginText(): void {
    this.tm.set(IDENTITY);
    this.tlm.set(IDENTITY);
  }

  setTextMatrix(m: Matrix | null): void {
    if (!m) return;
    this.tm.set(m);
    this.tlm.set(m);
  }

  moveText(tx: number, ty: number): void {
    this.tlm.translate(tx, ty);
    this.tm.copy(this.tlm);
  }

  nextLine(): void {
    this.moveText(0, -this.gs.leading);
  }

  showText(list: ArrayLike<GlyphArg | number>): void {
    if (this.annotations === 0) {
      for (let i = 0; i < list.length; i++) {
        const g = list[i];
        if (g && typeof g === 'object' && typeof g.unicode === 'string') this.shown.push(g.unicode);
      }
    }
    showText(this, this.gs, this.tm, list);
  }

  beginAnnotation(rect: Matrix | null, transform: Matrix | null): void {
    this.annotations++;
    this.save();
    this.transform(rect);
    this.transform(transform);
  }

  endAnnotation(): void {
    this.annotations = Math.max(0, this.annotations - 1);
    this.restore();
  }

  clip(): void {
    this.pendingClip = true;
  }

  /** A path, painted by stroking and/or filling it (or neither: endPath). */
  paintPath(buf: ArrayLike<number>, stroke: boolean, fill: boolean): void {
    const gs = this.gs;
    if (this.pendingClip) {
      // W n: the path narrows the clip (its bounding box is near enough for cutting text and lines)
      this.pendingClip = false;
      const b = pathBox(buf, gs.ctm);
      const c = gs.clip;
      gs.clip = !b ? c : !c ? b : { x0: Math.max(c.x0, b.x0), top: Math.max(c.top, b.top), x1: Math.min(c.x1, b.x1), bottom: Math.min(c.bottom, b.bottom) };
    }
    if (stroke && gs.strokes) strokeRulings(buf, gs.ctm, this.addRuling);
    if (fill && gs.fills) fillRulings(buf, gs.ctm, this.addRuling);
  }

  paintImage(): void {
    const ctm = this.gs.ctm;
    const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
    if (area >= this.view.width * this.view.height * 0.05) this.images++;
  }
}
