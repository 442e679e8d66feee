import type { PageContent } from '../layout/index.js';
import type { FontInfo } from './fonts.js';
import { operatorTable, type OpCodes } from './operators.js';
import { PageWalker, type PageView } from './page-walker.js';

/**
 * One page's operator list (pdf.js v5) read into what the table finder needs: positioned glyphs
 * and axis-aligned ruling segments, both in page points from the top-left of the upright page.
 * Reading text from the operator list rather than getTextContent gives each glyph its own box
 * (so a ruling can split a run of text) and parses the content stream once instead of twice.
 * The walk's state is a PageWalker; operators.ts says what each operator does to it.
 */

export interface PdfPageContent extends PageContent {
  /** Images covering a noticeable part of the page (scans show up here). */
  images: number;
  /** Glyphs dropped because they run diagonally (watermarks). */
  diagonal: number;
  /** The text shown on the page, in drawing order, annotations left out (PageWalker.shown). */
  text: string;
}

export function readPage(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  view: PageView,
  ops: OpCodes,
  fontOf: (name: string) => FontInfo | null,
  normalize: (s: string) => string = (s) => s,
): PdfPageContent {
  const walker = new PageWalker(view, fontOf, normalize);
  const handlers = operatorTable(ops);
  for (let i = 0; i < fnArray.length; i++) {
    const handler = handlers[fnArray[i]!];
    if (handler) handler(walker, argsArray[i] as unknown[] | null);
  }
  const { glyphs, segments, images, diagonal, shown } = walker;
  return { width: view.width, height: view.height, glyphs, segments, images, diagonal, text: shown.join('') };
}
