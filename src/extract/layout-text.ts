import type { Extracted } from '../model/intermediate.js';
import { layoutPage, stitchPages, type Glyph, type PageLayout } from './layout/index.js';

/**
 * Text laid out in columns with spaces, as `pdftotext -layout` and similar converters write it:
 * each character becomes a glyph on a grid (one column per character, one line per row) and the
 * table finder (layout/) rebuilds the tables from where the text sits, as borderless tables:
 * columns from shared left edges, cells wrapped over lines joined. Form feeds separate pages, so a table that
 * runs over a page break is stitched as in a PDF. Rows keep their source line numbers.
 */
export function extractLayoutText(text: string, encoding: string): Extracted {
  const pages = text.replace(/\r\n?/g, '\n').split('\f');
  const layouts: PageLayout[] = [];
  let firstLine = 1;
  pages.forEach((pageText, p) => {
    const lines = pageText.split('\n');
    const glyphs: Glyph[] = [];
    let width = 0;
    lines.forEach((line, li) => {
      let col = 0;
      for (const ch of line) {
        if (ch.trim() !== '') glyphs.push(glyphAt(ch, col, firstLine + li));
        col++;
      }
      width = Math.max(width, col);
    });
    firstLine += lines.length - 1;
    const content = { width: width * CHAR, height: (firstLine + 1) * LINE, glyphs, segments: [] };
    layouts.push({ page: p + 1, width: content.width, height: content.height, items: layoutPage(content, p + 1) });
  });
  // pages of a text file are not pages of the document: report source lines instead
  const blocks = stitchPages(layouts).map((b) => {
    if (b.kind === 'paragraph') return { ...b, page: null, line: null };
    const rows = b.rows.map((r) => {
      const cells = r.cells.map((c) => ({ ...c, page: null, line: c.bbox ? lineOf(c.bbox[1]) : null, bbox: null }));
      return { cells, page: null, line: Math.min(...cells.map((c) => c.line ?? Infinity).concat([Infinity])) };
    });
    return { ...b, page: null, rows: rows.map((r) => ({ ...r, line: Number.isFinite(r.line) ? r.line : null })) };
  });
  return { format: 'text', pages: null, encoding, blocks, warnings: [] };
}

// A character is half an em wide, so two spaces (a full em) separate cells and one does not.
const SIZE = 10;
const CHAR = SIZE / 2;
const LINE = SIZE * 1.2;

function glyphAt(text: string, col: number, line: number): Glyph {
  const x0 = col * CHAR;
  const top = (line - 1) * LINE;
  const bottom = top + SIZE;
  return { text, x0, top, x1: x0 + CHAR, bottom, cx: x0 + CHAR / 2, cy: top + SIZE / 2, size: SIZE, dir: 0, u0: x0, u1: x0 + CHAR, base: bottom, space: false };
}

function lineOf(top: number): number {
  return Math.round(top / LINE) + 1;
}
