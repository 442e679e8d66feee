import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORED_WORDS, scoredRoleOf } from '../src/parse/evaluation.js';
import { Alphabet } from '../src/parse/alphabet.js';
import { FIELD_LABELS, FIELD_WORDS, ROLE_WORDS, fieldLabelOf, roleOf } from '../src/parse/labels.js';
import { LEVEL_NAMES, levelLabelOf } from '../src/parse/vocabulary.js';

// Words of each vocabulary, the decorations readers strip (units, periods, scores, colons, 其中,
// formulas, circled numbers) and text no vocabulary has (digits, letters, other ideographs, spaces)
const PIECES = [
  ...new Set(Object.values(FIELD_LABELS).flat()), '项目', '名称', '资金', '年度', '预算', '总额', '指标', '三级指标', '指标值', '年度指标值',
  '权重', '%', '分值', '产出指标', '数量指标', '产出', '满意度', '实际完成值', '得分', '其中', '（万元）', '(元)', '(2024年)', '（项目）',
  '：', ':', '30分', '分', '(20)', '=', '①', '⑳', '12', 'a', '培训', '≥', ' ', '\n', '（', '）', '&amp;', '⽬',
];
const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));

describe('vocabulary alphabets', () => {
  const cases = [
    ['field labels', FIELD_WORDS, fieldLabelOf],
    ['column roles', ROLE_WORDS, roleOf],
    ['level names', LEVEL_NAMES, (t: string) => levelLabelOf(t, false)],
    ['bare level names', LEVEL_NAMES, (t: string) => levelLabelOf(t, true)],
    ['self-evaluation columns', SCORED_WORDS, scoredRoleOf],
  ] as const;

  it.each(cases)('turn away only texts that are no %s', (_name, words, read) => {
    fc.assert(fc.property(text, (t) => !words.excludes(t) || read(t) === null), { seed: 14, numRuns: 20000 });
  });

  it('turn away names and values, not labels', () => {
    expect(['指标12', '≥95%', '培训人数'].map((t) => FIELD_WORDS.excludes(t))).toEqual([true, true, true]);
    expect(['项目名称', '其中：财政拨款', '项目资金（万元）', '项目名称 '].map((t) => FIELD_WORDS.excludes(t))).toEqual([false, false, false, false]);
    expect(LEVEL_NAMES.excludes('产出指标(30分)')).toBe(false);
    expect(ROLE_WORDS.excludes('权重%')).toBe(false);
  });

  it('reads patterns as a bundler writes them (non-ASCII as \\uXXXX), and refuses open ones', () => {
    const escaped = new Alphabet([], [new RegExp('^(\\u9879\\u76ee)?\\u540d\\u79f0$')], '');
    expect([escaped.excludes('项目名称'), escaped.excludes('名称1')]).toEqual([false, true]);
    expect(() => new Alphabet([], [/^项目.$/], '')).toThrow(/open pattern/);
    expect(() => new Alphabet([], [/项目/], '')).toThrow(/open pattern/);
  });
});
