import type { Box } from './geometry.js';
import { toLocal, type Dir, type Glyph } from './glyph.js';
import { glyphText, isWide, lastChar, type Line } from './lines.js';
import { ITEM_START, SENTENCE_END } from '../../model/paragraphs.js';

/**
 * A cell's lines into its text: where a line break is a soft wrap and where a paragraph ends,
 * and whether the text runs on past the cell (over a page break).
 */

/** Punctuation that may not start a line: a line break moves the character before it along. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’%％,.;:?!)]}·…—～']);

/** Quotation marks glue to their neighbours: a line does not break before or after one (UAX #14 QU). */
const QUOTES = new Set([...'“”‘’"\'「」『』']);
/** Opening brackets may not end a line: they travel with the character after them. */
const NO_LINE_END = new Set([...'（([{《〈「『【〔“‘']);

/** Width of the first word of a line: what would have had to fit on the line before it. */
function firstWordWidth(line: Line): number {
  const gs = line.glyphs.filter((g) => !g.space);
  const first = gs[0];
  if (!first) return 0;
  let end = first.u1;
  let i = 1;
  const wide = isWide(first.text);
  for (; i < gs.length; i++) {
    const g = gs[i]!;
    const before = gs[i - 1]!.text;
    const glued =
      NO_LINE_START.has(g.text) ||
      QUOTES.has(g.text) ||
      QUOTES.has(before) ||
      NO_LINE_END.has(before) ||
      (!wide && !isWide(g.text) && g.u0 - gs[i - 1]!.u1 < 0.15 * first.size);
    if (!glued) break;
    end = g.u1;
  }
  // a Latin word also needs the space before it
  return end - first.u0 + (wide ? 0 : 0.25 * first.size);
}

export interface CellText {
  text: string;
  /** The last line runs to the right edge: the text probably goes on (in the next row part, over a page). */
  lastLineFull: boolean;
  /** The last line sits at the bottom of the cell. */
  reachesBottom: boolean;
  /** The first line, when a clip cut off its top; the last line, when a clip cut off its bottom. */
  cutTop: CutLine | null;
  cutBottom: CutLine | null;
}

/**
 * A line a clip cut across: a merged cell's text drawn over a page break is clipped on each page,
 * so the line the break runs through is printed on both (beijing-fgw 2026, 142.000000 twice).
 */
export interface CutLine {
  text: string;
  /** How much of the line's height shows, 0–1. */
  shown: number;
}

/**
 * How much of a glyph a clip shows at its top ('top' cut) or bottom, from where the glyph was placed:
 * at the centre of its visible part (see extract/pdf/glyphs.ts). 1 when nothing is cut.
 */
function shownPart(g: Glyph, side: 'top' | 'bottom'): number {
  const h = g.bottom - g.top;
  if (!(h > 0)) return 1;
  const shift = g.cy - (g.top + g.bottom) / 2; // < 0: the bottom is cut off; > 0: the top
  if (Math.abs(shift) < 0.01 * h || (shift < 0) !== (side === 'bottom')) return 1;
  return 1 - (2 * Math.abs(shift)) / h;
}

/** The line as a CutLine if a clip cut it on `side` (upright text only: a page break runs across it). */
function cutLine(line: Line, side: 'top' | 'bottom'): CutLine | null {
  const ink = line.glyphs.filter((g) => !g.space);
  if (line.dir !== 0 || ink.length === 0) return null;
  const shown = ink.reduce((sum, g) => sum + shownPart(g, side), 0) / ink.length;
  return shown < 0.99 ? { text: glyphText(line.glyphs), shown } : null;
}

/** Local-frame extent of a page box for text of direction `dir`. */
function localBox(dir: Dir, b: Box): { u0: number; u1: number; v0: number; v1: number } {
  const [ua, va] = toLocal(dir, b.x0, b.top);
  const [ub, vb] = toLocal(dir, b.x1, b.bottom);
  return { u0: Math.min(ua, ub), u1: Math.max(ua, ub), v0: Math.min(va, vb), v1: Math.max(va, vb) };
}

/**
 * The text of a cell: soft-wrapped lines joined (no space between CJK characters, one between
 * Latin words), "\n" where a line ends short of the right edge though the next word would have
 * fitted (a paragraph break).
 */
export function cellText(lines: readonly Line[], cell: Box): CellText {
  if (!lines.length) return { text: '', lastLineFull: false, reachesBottom: false, cutTop: null, cutBottom: null };
  const dir = lines[0]!.dir;
  const same = lines.filter((l) => l.dir === dir);
  const other = lines.filter((l) => l.dir !== dir);
  const frame = localBox(dir, cell);
  const left = Math.min(...same.map((l) => l.u0));
  const pad = Math.max(0, Math.min(left - frame.u0, (frame.u1 - frame.u0) / 4));
  const right = Math.max(frame.u1 - pad, ...same.map((l) => l.u1));
  const inner = right - left;
  let text = '';
  let opens = true; // the line before starts a paragraph
  for (let i = 0; i < same.length; i++) {
    const line = same[i]!;
    const t = glyphText(line.glyphs);
    if (i > 0) {
      const prev = same[i - 1]!;
      // a paragraph's first line may be indented (two characters, in Chinese): the room it leaves
      // is at its right end only, unless it ends a sentence
      const indent: number = opens && prev.u0 - left <= 2.5 * prev.size && !SENTENCE_END.test(text) ? prev.u0 - left : 0;
      const room = inner - (prev.u1 - prev.u0) - indent;
      // a line broken at a space was wrapped there
      const spaced = prev.glyphs[prev.glyphs.length - 1]?.space === true || line.glyphs[0]?.space === true;
      // a line ending a sentence, then one starting a numbered item: a new paragraph even if the line was full
      const hard = room > firstWordWidth(line) + 0.1 * line.size || (!spaced && SENTENCE_END.test(text) && ITEM_START.test(t));
      opens = hard;
      if (hard) text += '\n';
      else if (spaced) text += ' ';
      else if (!isWide(lastChar(text)) && !isWide(t) && !/[\s-]$/.test(text)) text += ' ';
    }
    text += t;
  }
  for (const l of other) text += (text ? '\n' : '') + glyphText(l.glyphs);
  const last = same[same.length - 1]!;
  const room = inner - (last.u1 - last.u0);
  // a full last line runs from the left edge to the right one (right-aligned numbers only reach the right)
  const lastLineFull = room < 1.6 * last.size && last.u0 - frame.u0 <= Math.max(2 * last.size, 0.15 * (frame.u1 - frame.u0));
  const lastBottom = localBox(dir, last.box).v1;
  const reachesBottom = frame.v1 - lastBottom < 1.3 * last.size;
  return { text, lastLineFull, reachesBottom, cutTop: cutLine(same[0]!, 'top'), cutBottom: other.length ? null : cutLine(last, 'bottom') };
}
