import type { Block, Extracted } from '../model/intermediate.js';
import { DEFAULT_LAYOUT_SETTINGS, layoutPage, stitchPages, type Glyph, type LayoutSettings, type PageLayout } from './layout/index.js';

/** Text in a monospace grid has no padded cells to find: its tables are read line by line. */
const TEXT_GRID: LayoutSettings = { ...DEFAULT_LAYOUT_SETTINGS, borderless: { ...DEFAULT_LAYOUT_SETTINGS.borderless, alignedCells: false } };

/**
 * Text laid out in columns with spaces, as `pdftotext -layout` and similar converters write it:
 * each character becomes a glyph on a grid (one column per character, one line per row) and the
 * table finder (layout/) rebuilds the tables from where the text sits, as borderless tables:
 * columns from shared left edges, cells wrapped over lines joined. Form feeds separate pages, so a table that
 * runs over a page break is stitched as in a PDF. Rows keep their source line numbers.
 */
export function extractLayoutText(text: string, encoding: string): Extracted {
  const blocks: Block[] = [];
  let layouts: PageLayout[] = [];
  const flushLayouts = (): void => {
    blocks.push(...stitchPages(layouts).map(byLine));
    layouts = [];
  };
  let lineNo = 1;
  text
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .forEach((pageText, p) => {
      let lines: { text: string; line: number }[] = [];
      const flushPage = (): void => {
        if (lines.length) layouts.push(pageLayout(lines, p + 1));
        lines = [];
      };
      for (const line of pageText.split('\n')) {
        if (line.length > MAX_COLUMNS) {
          // wider than any printed page: not a row of a table laid out with spaces, but running text
          // (its spaces are tidied once, by the parser's normalisation, as every paragraph's are)
          flushPage();
          flushLayouts();
          if (/\S/.test(line)) blocks.push({ kind: 'paragraph', text: line, page: null, line: null });
        } else lines.push({ text: line, line: lineNo });
        lineNo++;
      }
      lineNo--; // a form feed ends a page without ending its line
      flushPage();
    });
  flushLayouts();
  return { format: 'text', pages: null, encoding, blocks, warnings: [] };
}

/** Even A3 landscape at 6 pt holds about 200 characters a line; a layout line is never 4096. */
const MAX_COLUMNS = 4096;

/** One page of lines as glyphs on a grid, through the table finder. */
function pageLayout(lines: { text: string; line: number }[], page: number): PageLayout {
  const glyphs: Glyph[] = [];
  let width = 0;
  for (const { text, line } of lines) {
    let col = 0;
    for (const ch of text) {
      if (ch.trim() !== '') glyphs.push(glyphAt(ch, col, line));
      col++;
    }
    width = Math.max(width, col);
  }
  const last = lines[lines.length - 1]!.line;
  const content = { width: width * CHAR, height: (last + 1) * LINE, glyphs, segments: [] };
  return { page, width: content.width, height: content.height, items: layoutPage(content, page, [], TEXT_GRID) };
}

/** Pages of a text file are not pages of the document: source lines instead. */
function byLine(b: Block): Block {
  if (b.kind === 'paragraph') return { ...b, page: null, line: null };
  const rows = b.rows.map((r) => {
    const cells = r.cells.map((c) => ({ ...c, page: null, line: c.bbox ? lineOf(c.bbox[1]) : null, bbox: null }));
    const first = cells.reduce((m, c) => Math.min(m, c.line ?? Infinity), Infinity);
    return { cells, page: null, line: Number.isFinite(first) ? first : null };
  });
  return { ...b, page: null, rows };
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
