import { describe, it, expect } from 'vitest';
import { foldRadicals } from '../src/parse/radicals.js';

const cp = (hex: string): string => String.fromCodePoint(parseInt(hex, 16));

/**
 * Pairs copied from the mapping lines of Unicode's EquivalentUnifiedIdeograph.txt (UCD 16.0.0),
 * with the character names the file gives them.
 */
const KNOWN: [from: string, to: string, name: string][] = [
  // CJK Radicals Supplement
  ['2E81', '5382', 'CJK RADICAL CLIFF'],
  ['2E85', '4EBB', 'CJK RADICAL PERSON'],
  ['2E87', '20628', 'CJK RADICAL TABLE'],
  ['2E8D', '5C0F', 'CJK RADICAL SMALL TWO'],
  ['2E95', '2B739', 'CJK RADICAL SNOUT TWO'],
  ['2E9F', '6BCD', 'CJK RADICAL MOTHER'],
  ['2EA0', '6C11', 'CJK RADICAL CIVILIAN'],
  ['2EAB', '76EE', 'CJK RADICAL EYE'],
  ['2EBF', '8279', 'CJK RADICAL GRASS TWO'],
  ['2EC4', '897F', 'CJK RADICAL WEST TWO'],
  ['2EC8', '8BA0', 'CJK RADICAL C-SIMPLIFIED SPEECH'],
  ['2ECD', '8FB6', 'CJK RADICAL WALK ONE'],
  ['2ED3', '957F', 'CJK RADICAL C-SIMPLIFIED LONG'],
  ['2ED4', '95E8', 'CJK RADICAL C-SIMPLIFIED GATE'],
  ['2ED8', '9752', 'CJK RADICAL BLUE'],
  ['2EE2', '9A6C', 'CJK RADICAL C-SIMPLIFIED HORSE'],
  ['2EF3', '9F9F', 'CJK RADICAL C-SIMPLIFIED TURTLE'],
  // Kangxi Radicals
  ['2F00', '4E00', 'KANGXI RADICAL ONE'],
  ['2F08', '4EBA', 'KANGXI RADICAL MAN'],
  ['2F1D', '53E3', 'KANGXI RADICAL MOUTH'],
  ['2F47', '65E5', 'KANGXI RADICAL SUN'],
  ['2F54', '6C34', 'KANGXI RADICAL WATER'],
  ['2F6C', '76EE', 'KANGXI RADICAL EYE'],
  ['2F91', '897E', 'KANGXI RADICAL WEST'],
  ['2FA6', '91D1', 'KANGXI RADICAL GOLD'],
  ['2FAD', '9751', 'KANGXI RADICAL BLUE'],
  ['2FD5', '9FA0', 'KANGXI RADICAL FLUTE'],
];

describe('foldRadicals', () => {
  it.each(KNOWN)('U+%s folds to U+%s (%s)', (from, to) => {
    expect(foldRadicals(cp(from))).toBe(cp(to));
  });

  it('folds radicals inside running text', () => {
    // 项⽬绩效⽬标 with U+2F6C, ⻄部 with U+2EC4, ⼈⺠ with U+2F08 U+2EA0, ⻘年 with U+2ED8
    expect(foldRadicals('项\u2F6C绩效\u2F6C标')).toBe('项目绩效目标');
    expect(foldRadicals('\u2EC4部地区')).toBe('西部地区');
    expect(foldRadicals('\u2F08\u2EA0群众')).toBe('人民群众');
    expect(foldRadicals('（\u2ED8年）')).toBe('（青年）');
  });

  it('keeps supplementary-plane equivalents whole', () => {
    const folded = foldRadicals('a\u2E87b');
    expect(folded).toBe('a\u{20628}b');
    expect([...folded]).toHaveLength(3);
  });

  it('folds every Kangxi radical U+2F00–U+2FD5 to its NFKC form', () => {
    for (let c = 0x2f00; c <= 0x2fd5; c++) {
      const ch = String.fromCodePoint(c);
      const nfkc = ch.normalize('NFKC');
      expect(nfkc, `NFKC of U+${c.toString(16)}`).not.toBe(ch);
      expect(foldRadicals(ch), `U+${c.toString(16)}`).toBe(nfkc);
    }
  });

  it('folds every assigned CJK Radicals Supplement character except U+2E80', () => {
    for (let c = 0x2e81; c <= 0x2ef3; c++) {
      if (c === 0x2e9a) continue; // unassigned
      const ch = String.fromCodePoint(c);
      const folded = foldRadicals(ch);
      expect(folded, `U+${c.toString(16)}`).not.toBe(ch);
      expect(folded, `U+${c.toString(16)}`).toMatch(/^\p{Unified_Ideograph}$/u);
    }
  });

  it('agrees with NFKC on the two Supplement characters NFKC folds', () => {
    expect(foldRadicals('\u2E9F')).toBe('\u2E9F'.normalize('NFKC'));
    expect(foldRadicals('\u2EF3')).toBe('\u2EF3'.normalize('NFKC'));
  });

  it('leaves characters without an equivalent unchanged', () => {
    // U+2E80 CJK RADICAL REPEAT is listed in the file as having no equivalent ideograph;
    // U+2E9A, U+2EF4–U+2EFF and U+2FD6–U+2FDF are unassigned.
    const none = [0x2e80, 0x2e9a];
    for (let c = 0x2ef4; c <= 0x2eff; c++) none.push(c);
    for (let c = 0x2fd6; c <= 0x2fdf; c++) none.push(c);
    for (const c of none) {
      const ch = String.fromCodePoint(c);
      expect(foldRadicals(ch), `U+${c.toString(16)}`).toBe(ch);
      expect(foldRadicals(`x${ch}y`)).toBe(`x${ch}y`);
    }
  });

  it('leaves ordinary text unchanged', () => {
    const samples = [
      '',
      'Hello, world! 0123456789 ~`!@#$%^&*()_+-=[]{}|;\':",./<>?',
      '项目名称：2024年农村公路养护工程（省级）',
      '绩效目标表，一级指标、二级指标；指标值≥95%。',
      '（）：，。；、“”‘’《》【】！？　…—',
      'ＡＢＣ１２３',
      '目青西民人日水金长门',
      // neighbours of the two blocks: U+2DFF, U+2FF0 (ideographic description), U+3000–U+3002,
      // CJK strokes U+31C0–U+31E3 (deliberately not folded), and U+F900 (compatibility ideograph)
      '\u2DFF\u2FF0\u2FFB\u3000\u3001\u3002\u31C0\u31D0\u31E3\uF900',
      '\u{20628}\u{2B739}😀',
    ];
    for (const s of samples) expect(foldRadicals(s)).toBe(s);
  });
});
