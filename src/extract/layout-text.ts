import type { Block, Extracted } from '../model/intermediate.js';
import { DEFAULT_LAYOUT_SETTINGS, layoutPage, stitchPages, type Glyph, type LayoutSettings, type PageLayout } from './layout/index.js';

/**
 * Text on a character grid is read like a page without rulings (padded cells, labels merged over
 * rows), but every line there is set as close as a wrap: a wrap is told by how it sits under the line above.
 */
const TEXT_GRID: LayoutSettings = { ...DEFAULT_LAYOUT_SETTINGS, borderless: { ...DEFAULT_LAYOUT_SETTINGS.borderless, alignedWraps: true } };

/**
 * Text laid out in columns with spaces, as `pdftotext -layout` and similar converters write it:
 * each character becomes a glyph on a grid (one column per character, one line per row) and the
 * table finder (layout/) rebuilds the tables from where the text sits, as tables without rulings:
 * padded cells and labels merged over rows where blank lines set the rows apart, else line by line
 * with columns from shared left edges. Form feeds separate pages, so a table that runs over a page
 * break is stitched as in a PDF. Rows keep their source line numbers.
 */
export function extractLayoutText(text: string, encoding: string): Extracted {
  const blocks: Block[] = [];
  let layouts: PageLayout[] = [];
  const spacing: Spacing[] = [];
  const flushLayouts = (): void => {
    blocks.push(...stitchPages(layouts).map((b) => byLine(b, spacing)));
    layouts = [];
  };
  let lineNo = 1;
  text
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .forEach((pageText, p) => {
      let lines: { text: string; line: number }[] = [];
      const flushPage = (): void => {
        if (lines.length) layouts.push(pageLayout(lines, p + 1, spacing));
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

/** Fewer lines than this say nothing about a page's spacing. */
const MIN_LINES = 4;

/** Where a page's lines start and how many source lines make one line of the grid. */
interface Spacing {
  first: number;
  step: number;
  /** The page's lines with text, in order. */
  filled: number[];
}

/**
 * One page of lines as glyphs on a grid, through the table finder. A page whose text lines are
 * never next to each other was set loosely and written with a blank line between lines (as
 * `pdftotext -layout` does): its lines are closed up, so that a cell's wrapped lines sit next to
 * each other as on any other page, and a blank between rows is a blank again.
 */
function pageLayout(lines: { text: string; line: number }[], page: number, spacing: Spacing[]): PageLayout {
  const filled = lines.filter((l) => /\S/.test(l.text)).map((l) => l.line);
  const first = lines[0]!.line;
  const step = filled.length >= MIN_LINES ? Math.min(...filled.slice(1).map((n, k) => n - filled[k]!)) : 1;
  spacing.push({ first, step, filled });
  const row = (line: number): number => first + (line - first) / step;
  const glyphs: Glyph[] = [];
  let width = 0;
  for (const { text, line } of lines) {
    let col = 0;
    for (const ch of text) {
      if (ch.trim() !== '') glyphs.push(glyphAt(ch, col, row(line)));
      col++;
    }
    width = Math.max(width, col);
  }
  const last = row(lines[lines.length - 1]!.line);
  const content = { width: width * CHAR, height: (last + 1) * LINE, glyphs, segments: [] };
  return { page, width: content.width, height: content.height, items: layoutPage(content, page, [], TEXT_GRID) };
}

/** Pages of a text file are not pages of the document: source lines instead. */
function byLine(b: Block, spacing: readonly Spacing[]): Block {
  if (b.kind === 'paragraph') return { ...b, page: null, line: null };
  const rows = b.rows.map((r) => {
    const cells = r.cells.map((c) => ({ ...c, page: null, line: c.bbox ? lineOf(c.bbox[1], spacing) : null, bbox: null }));
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

/**
 * The source line of a grid position, through the spacing of the page it is on: the first line
 * with text at or below it (a cell read from padded rows starts halfway across the blank above).
 */
function lineOf(top: number, spacing: readonly Spacing[]): number {
  const pos = top / LINE + 1;
  let lo = 0;
  let hi = spacing.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spacing[mid]!.first <= pos + 0.5) lo = mid;
    else hi = mid - 1;
  }
  const at = spacing[lo]!;
  const line = at.first + (pos - at.first) * at.step - 0.01;
  const k = firstAtLeast(at.filled, line);
  return at.filled[Math.min(k, at.filled.length - 1)] ?? at.first;
}

function firstAtLeast(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
