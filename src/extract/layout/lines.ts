import type { Box } from './geometry.js';
import type { Dir, Glyph } from './glyph.js';
import { DEFAULT_LAYOUT_SETTINGS, type LineSettings } from './settings.js';

/**
 * Glyphs into lines, lines into text. Lines are built in each glyph's own upright frame (u along
 * the text, base across it), so rotated text reads like upright text. (A cell's lines into the
 * cell's text: cell-text.ts.)
 */

export interface Line {
  glyphs: Glyph[];
  dir: Dir;
  u0: number;
  u1: number;
  base: number;
  size: number;
  box: Box;
}

/** Wide (CJK) characters are written without spaces between them. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x2e80 && c <= 0x2fdf) || // CJK and Kangxi radicals
    (c >= 0x2ff0 && c <= 0x303f) || // ideographic description, CJK symbols and punctuation
    (c >= 0x3040 && c <= 0x33ff) || // kana, bopomofo, enclosed CJK
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) || // fullwidth forms
    (c >= 0x20000 && c <= 0x3ffff)
  );
}

/** Removes the copies of a glyph that fake-bold printing draws a hair apart. */
function dedupe(sorted: Glyph[], tol: number): Glyph[] {
  const out: Glyph[] = [];
  for (const g of sorted) {
    let dup = false;
    for (let k = out.length - 1; k >= 0 && k >= out.length - 3; k--) {
      const o = out[k]!;
      if (o.text === g.text && Math.abs(o.u0 - g.u0) < tol * g.size && Math.abs(o.base - g.base) < tol * g.size) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(g);
  }
  return out;
}

/** Groups glyphs into lines (one baseline each), in reading order: top to bottom, then left to right. */
export function buildLines(glyphs: readonly Glyph[], tol: LineSettings = DEFAULT_LAYOUT_SETTINGS.lines): Line[] {
  const byDir = new Map<Dir, Glyph[]>();
  for (const g of glyphs) {
    const list = byDir.get(g.dir);
    if (list) list.push(g);
    else byDir.set(g.dir, [g]);
  }
  const lines: Line[] = [];
  for (const [dir, list] of byDir) {
    list.sort((a, b) => a.base - b.base || a.u0 - b.u0);
    let cur: Glyph[] = [];
    let curBase = 0;
    let curSize = 0;
    const flush = (): void => {
      if (cur.length) lines.push(makeLine(dir, dedupe([...cur].sort((a, b) => a.u0 - b.u0), tol.duplicateEms)));
      cur = [];
    };
    for (const g of list) {
      if (cur.length && Math.abs(g.base - curBase) > tol.baselineEms * Math.max(curSize, g.size)) flush();
      if (!cur.length) {
        curBase = g.base;
        curSize = g.size;
      }
      // a mostly-whitespace line keeps the baseline of its real characters
      if (!g.space && g.size > curSize) curSize = g.size;
      cur.push(g);
    }
    flush();
  }
  lines.sort((a, b) => a.box.top - b.box.top || a.box.x0 - b.box.x0);
  return lines.filter((l) => l.glyphs.some((g) => !g.space));
}

/** A line of glyphs sorted along it, fake-bold copies removed. */
function makeLine(dir: Dir, sorted: Glyph[]): Line {
  let u0 = Infinity;
  let u1 = -Infinity;
  let size = 0;
  let baseSum = 0;
  let n = 0;
  const box: Box = { x0: Infinity, top: Infinity, x1: -Infinity, bottom: -Infinity };
  for (const g of sorted) {
    box.x0 = Math.min(box.x0, g.x0);
    box.x1 = Math.max(box.x1, g.x1);
    box.top = Math.min(box.top, g.top);
    box.bottom = Math.max(box.bottom, g.bottom);
    if (g.space) continue;
    u0 = Math.min(u0, g.u0);
    u1 = Math.max(u1, g.u1);
    size = Math.max(size, g.size);
    baseSum += g.base;
    n++;
  }
  if (!n) {
    u0 = sorted[0]?.u0 ?? 0;
    u1 = sorted[sorted.length - 1]?.u1 ?? 0;
    size = sorted[0]?.size ?? 0;
  }
  return { glyphs: sorted, dir, u0, u1, base: n ? baseSum / n : (sorted[0]?.base ?? 0), size, box };
}

/** Whether a gap of `gap` points between two characters reads as a word space. */
function spaceBetween(a: Glyph, b: Glyph, gap: number): boolean {
  const em = (a.size + b.size) / 2;
  const wa = isWide(lastChar(a.text));
  const wb = isWide(b.text);
  if (wa && wb) return false;
  // Word and LibreOffice add a little room between CJK and Latin text; it is not a space
  if (wa || wb) return gap > 0.5 * em;
  return gap > 0.18 * em;
}

/** The last character (code point) of `s`; cell texts grow line by line, so only its end is looked at. */
export function lastChar(s: string): string {
  if (s.length < 2) return s;
  const low = s.charCodeAt(s.length - 1);
  const high = s.charCodeAt(s.length - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return s.slice(pair ? -2 : -1);
}

/** The text of a run of glyphs (sorted along the line), with spaces where words are apart. */
export function glyphText(glyphs: readonly Glyph[]): string {
  let out = '';
  let prev: Glyph | null = null;
  let pendingSpace = false;
  for (const g of glyphs) {
    if (g.space) {
      pendingSpace = prev !== null;
      continue;
    }
    if (prev) {
      const gap = g.u0 - prev.u1;
      if (pendingSpace || spaceBetween(prev, g, gap)) out += ' ';
    }
    out += g.text;
    prev = g;
    pendingSpace = false;
  }
  return out;
}

/**
 * Splits a line where its glyphs are far apart (at least `minGap` ems): the pieces of text that
 * stand apart on a line, like the cells of a borderless table or a title and a unit on one line.
 */
export function splitLine(line: Line, minGap: number): Line[] {
  const parts: Glyph[][] = [];
  let cur: Glyph[] = [];
  let lastEnd = -Infinity;
  for (const g of line.glyphs) {
    if (g.space) {
      if (cur.length) cur.push(g);
      continue;
    }
    if (cur.length && g.u0 - lastEnd > minGap * Math.max(g.size, line.size * 0.5)) {
      parts.push(cur);
      cur = [];
    }
    cur.push(g);
    lastEnd = Math.max(lastEnd, g.u1);
  }
  if (cur.length) parts.push(cur);
  if (parts.length <= 1) return [line];
  return parts.map((p) => {
    while (p.length && p[p.length - 1]!.space) p.pop();
    // a piece of a line is sorted and free of copies already
    return makeLine(line.dir, p);
  });
}

/** Dot leaders (a table of contents) lead the eye across a gap; they are not a cell. */
export function isLeader(line: Line): boolean {
  const text = line.glyphs.map((g) => g.text).join('').replace(/\s/g, '');
  return text.length >= 3 && /^[.…·•‧_\-—–－]+$/.test(text);
}
