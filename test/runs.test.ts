import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropSpaces, oneLine } from '../src/parse/normalize.js';
import { isWhitespace, replaceRuns } from '../src/parse/runs.js';

// replaceRuns is the scan behind the whitespace handling of every cell (normalize.ts): it must give
// what the global regex replace it stands for gives, on short text and on text long enough to be
// assembled from several pieces.

const CJK = /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]/;
const SPACE_RUN = /[ \t\u00A0\u2000-\u200B\u3000]+/g;

/** oneLine as one global replace with a callback (how normalize.ts wrote it before the scan). */
function oneLineByRegex(text: string): string {
  const line = text.replace(/\n/g, ' ');
  if (!CJK.test(line)) return line.replace(SPACE_RUN, ' ').trim();
  return line
    .replace(SPACE_RUN, (run: string, at: number, str: string) => {
      const before = str.charCodeAt(at - 1);
      const prev = before >= 0xdc00 && before <= 0xdfff && at > 1 ? str.codePointAt(at - 2) : before;
      const next = str.codePointAt(at + run.length);
      if (prev === undefined || Number.isNaN(prev) || next === undefined) return '';
      return CJK.test(String.fromCodePoint(prev)) || CJK.test(String.fromCodePoint(next)) ? '' : ' ';
    })
    .trim();
}

// characters around the edges of the classes: spaces of each kind, CJK and not, surrogate pairs
const PIECES = [' ', '  ', '\t', '\u00a0', '\u2000', '\u200b', '\u200c', '\u3000', '\u1680', '\u2028', '\ufeff', '\f', '\v', '\r',
  'a', 'Z9', '项目', '。', '（', 'ｱ', '\u2e80', '\u2fdf', '𠀀', '😀', '\ud840', '\udc00', '≥', '%'];
const text = (max: number) => fc.array(fc.constantFrom(...PIECES), { maxLength: max }).map((p) => p.join(''));

describe('replaceRuns', () => {
  it('takes as whitespace exactly what \\s matches', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isWhitespace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('drops whitespace as replace(/\\s+/g, "") does', () => {
    fc.assert(fc.property(text(40), (s) => dropSpaces(s) === s.replace(/\s+/g, '')), { seed: 14, numRuns: 2000 });
  });

  it('tidies a line as the global replace with a callback did', () => {
    fc.assert(fc.property(text(40), (s) => oneLine(s) === oneLineByRegex(s)), { seed: 14, numRuns: 2000 });
  });

  it('gives the same on text of many pieces, runs crossing where the pieces join', () => {
    fc.assert(
      fc.property(text(30), fc.integer({ min: 2000, max: 40_000 }), (s, times) => {
        const long = s.repeat(times);
        return oneLine(long) === oneLineByRegex(long) && dropSpaces(long) === long.replace(/\s+/g, '');
      }),
      { seed: 14, numRuns: 40 },
    );
  });

  it('returns the text itself when nothing is replaced', () => {
    const s = 'abc'.repeat(100_000);
    expect(replaceRuns(s, isWhitespace, () => '')).toBe(s);
  });
});
