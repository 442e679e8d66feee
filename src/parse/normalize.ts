import { byText } from './memo.js';
import { foldRadicals } from './radicals.js';
import { isWhitespace, replaceRuns } from './runs.js';
import { ITEM_START, SENTENCE_END } from '../model/paragraphs.js';

/**
 * Text normalisation applied to every string the parser reads (see README "Text normalisation"):
 * HTML tags out (block tags become line breaks), LaTeX math back to symbols, CJK radicals folded to
 * unified ideographs, compatibility characters folded (NFKC) except full-width CJK punctuation,
 * which Chinese text uses on purpose, spaces between CJK characters removed, lines trimmed.
 */
export function normalizeText(input: string): string {
  return isSettled(input) ? input : normalizeSteps(input);
}

/** normalizeText's steps, each taken: what normalizeText gives for any text (a test holds them to it). */
export function normalizeSteps(input: string): string {
  let s = input;
  if (s.includes('<')) s = stripHtml(s);
  if (s.includes('&')) s = decodeEntities(s);
  if (s.includes('\\') || s.includes('$')) s = latexToText(s);
  s = foldCompat(foldRadicals(s));
  return s
    .split(/\r\n?|\n|\f/)
    .map(tidyLine)
    .filter((l) => l !== '')
    .join('\n');
}

/** The text with no whitespace at all: the key labels and vocabulary are matched on. */
export function compact(input: string): string {
  return isSettled(input) ? input : compactOf(input);
}
const compactOf = byText((input: string): string => dropSpaces(normalizeSteps(input)));

/**
 * Whether no step of normalizeText changes the text and it holds no whitespace, so that it is its
 * own normalised and compact form: no character starts markup, an entity or LaTeX, none is a space
 * or line break, and each folds to itself. Most cells of a long table are such texts (名称1, ≥95%),
 * new ones each row: one look per character instead of the steps, or a memo entry for compact.
 */
export function isSettled(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    let known = SETTLED[c]!;
    if (known === 0) known = SETTLED[c] = settles(c) ? 1 : 2;
    if (known === 2) return false;
  }
  return true;
}

/** Per character code: 0 not yet asked, 1 settled, 2 not. */
const SETTLED = new Uint8Array(0x10000);

/**
 * A character normalizeText leaves as it is wherever it stands. The folds work a code point at a
 * time, so asking them of the character alone says what they do to it in any text; a surrogate
 * is half a code point and is not asked.
 */
function settles(c: number): boolean {
  if (c === 0x3c || c === 0x26 || c === 0x5c || c === 0x24) return false; // < & \ $
  if (isWhitespace(c) || isSpace(c) || (c >= 0xd800 && c <= 0xdfff)) return false;
  const ch = String.fromCharCode(c);
  return foldRadicals(ch) === ch && foldCompat(ch) === ch;
}

/** The text with its whitespace removed: `text.replace(/\s+/g, '')`. */
export function dropSpaces(text: string): string {
  return replaceRuns(text, isWhitespace, () => '');
}

/** The lines of a wrapped cell joined: nothing between CJK characters, one space between words. */
export function oneLine(text: string): string {
  return tidyLine(text.replace(/\n/g, ' '));
}

/**
 * Multi-line text (goals): keep a line break where a paragraph ends (after 。；： …) or a list
 * item starts; join the other lines, which are where the cell wrapped.
 */
export function joinWraps(text: string): string {
  const lines = text.split('\n');
  let out = lines[0] ?? '';
  let prev = out; // the last line of `out`
  for (const line of lines.slice(1)) {
    if (SENTENCE_END.test(prev) || ITEM_START.test(line)) {
      out += `\n${line}`;
      prev = line;
    } else {
      const joined = oneLine(`x${prev.slice(-1)} ${line}`).slice(2);
      out += joined;
      prev += joined;
    }
  }
  return out;
}

const CJK = /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]/;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** Collapse runs of spaces; drop them entirely where either side is a CJK character. */
function tidyLine(line: string): string {
  // no CJK character, no run to drop: each run is one space
  if (!CJK.test(line)) return (SPACE_TO_TIDY.test(line) ? replaceRuns(line, isSpace, () => ' ') : line).trim();
  return replaceRuns(line, isSpace, (str, at, end) => {
    const before = str.charCodeAt(at - 1);
    const prev = before >= 0xdc00 && before <= 0xdfff && at > 1 ? str.codePointAt(at - 2) : before;
    const next = str.codePointAt(end);
    if (prev === undefined || Number.isNaN(prev) || next === undefined) return '';
    return isCjkCode(prev) || isCjkCode(next) ? '' : ' ';
  }).trim();
}

/** The spaces tidyLine collapses: `[ \t\u00A0\u2000-\u200B\u3000]`. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}
// a space that is not one plain space between words: text without one is already tidy
const SPACE_TO_TIDY = /[\t\u00A0\u2000-\u200B\u3000]| {2}/;

/** isCjk by code point, with no string made of it: tidyLine asks it twice for each run of spaces. */
function isCjkCode(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x2ffff)
  );
}

const BLOCK_TAG = /^(p|div|li|br|tr|h[1-6]|ol|ul|table|blockquote|section)$/i;

/** Remove HTML tags that converters leave in cells; block tags become line breaks. */
export function stripHtml(s: string): string {
  if (!/<\/?[a-zA-Z][^<>]*>/.test(s)) return s;
  return s.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>/g, (_m, _slash: string, tag: string) =>
    BLOCK_TAG.test(tag) ? '\n' : '',
  );
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ge: '≥', le: '≤', times: '×',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const LATEX_SYMBOLS: [RegExp, string][] = [
  [/\\(?:geqslant|geq|ge)(?![a-zA-Z])/g, '≥'],
  [/\\(?:leqslant|leq|le)(?![a-zA-Z])/g, '≤'],
  [/\\(?:neq|ne)(?![a-zA-Z])/g, '≠'],
  [/\\gt(?![a-zA-Z])/g, '>'],
  [/\\lt(?![a-zA-Z])/g, '<'],
  [/\\times(?![a-zA-Z])/g, '×'],
  [/\\div(?![a-zA-Z])/g, '÷'],
  [/\\pm(?![a-zA-Z])/g, '±'],
  [/\\approx(?![a-zA-Z])/g, '≈'],
  [/\\(?:sim|thicksim)(?![a-zA-Z])/g, '~'],
  [/\\cdot(?![a-zA-Z])/g, '·'],
  [/\^\s*\{?\\circ\}?/g, '°'],
  [/\\circ(?![a-zA-Z])/g, '°'],
  [/\\([%$&#_{}])/g, '$1'],
  [/\\[,;:! ]/g, ' '],
  [/\\(?:text|mathrm|textrm|mathbf|textbf|operatorname|mbox)\s*\{([^{}]*)\}/g, '$1'],
  [/\\left|\\right/g, ''],
];

/** LaTeX math from document converters (`$\geq 95\%$`, `\(\leq 3\)`) back to plain symbols. */
export function latexToText(s: string): string {
  const math = (body: string): string => {
    let t = body;
    for (const [re, rep] of LATEX_SYMBOLS) t = t.replace(re, rep);
    // spacing is insignificant in math: keep a space only between two words
    return t
      .replace(/[{}]/g, '')
      .replace(/\s+/g, (m, off: number, str: string) =>
        /[A-Za-z]/.test(str[off - 1] ?? '') && /[A-Za-z]/.test(str[off + m.length] ?? '') ? ' ' : '',
      );
  };
  let out = s
    .replace(/\\\((.*?)\\\)/gs, (_m, b: string) => math(b))
    .replace(/\\\[(.*?)\\\]/gs, (_m, b: string) => math(b))
    .replace(/\$\$(.+?)\$\$/gs, (_m, b: string) => math(b))
    .replace(/\$([^$\n]+?)\$/g, (_m, b: string) => math(b));
  // commands a converter left outside math delimiters
  if (out.includes('\\')) for (const [re, rep] of LATEX_SYMBOLS) out = out.replace(re, rep);
  return out;
}

// Full-width punctuation that Chinese text uses as such; NFKC would turn it into ASCII.
const KEEP = new Set([...'，：；！？（）〔〕【】《》「」『』、。“”‘’…—～·']);

/** NFKC, except full-width CJK punctuation, circled numbers and superscripts kept as printed. */
function foldCompat(s: string): string {
  // only characters outside ASCII, Latin-1 controls and the CJK block can change
  return s.replace(MAY_FOLD, (ch) => {
    const c = ch.codePointAt(0)!;
    if (KEEP.has(ch) || (c >= 0x2460 && c <= 0x24ff) || c === 0xb2 || c === 0xb3 || c === 0xb9 || c === 0x33a1) return ch;
    if (c === 0x3000 || c === 0xa0) return ' ';
    return ch.normalize('NFKC');
  });
}
const MAY_FOLD = /[^\u0000-\u009f\u4e00-\u9fff]/gu;
