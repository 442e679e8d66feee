import { describe, expect, it } from 'vitest';
import { checkDocument, gluedNumber, weightSumSuspect } from '../scripts/corpus-checks.js';

describe('gluedNumber: a value text still holding a number from a neighbouring column', () => {
  // values seen in real forms, with the weight (分值) or a second value column printed after the unit
  it.each([
    '≤2134.87万元20', '≥330台（套）8', '≥96%8', '≤0.5%10', '≤4小时8', '≤10分钟8', '≥1本8', '≥110人123人6',
    '100%4', '29.78万元20', '2026年10月底前5', '100%100%', '50元/平方米20', '1年1次5', '2小时30',
  ])('%s is glued', (raw) => expect(gluedNumber(raw)).toBe(true));

  // one reading each: ranges, ratios, lists, dates, durations, units with digits, annotations
  it.each([
    '≥95%', '=1份', '≥2200 万元', '≦186元/人次', '95%-100%', '10-20', '3/4', '1:1', '7×24小时', '2023年12月31日前',
    '2小时30分钟', '2023年12', '12月31', '2024年6月30', '12月30日前完成', '≥750㎡', '≤14元/m2/月', '=10010.89㎡',
    '≥30次；≥30篇；≥15次', '17839平方米；每天3000人次', '≤500元/月/根（10兆带宽）', '按时', '长沙市信访局417.41',
    '≤5005', '1年1次', '≥1年2次', '3天1批次', '每月2次',
  ])('%s is not glued', (raw) => expect(gluedNumber(raw)).toBe(false));

  it('ignores missing values', () => {
    expect(gluedNumber(null)).toBe(false);
    expect(gluedNumber('')).toBe(false);
  });
});

const value = (raw: string | null, number: number | null = null, text: string | null = null) => ({
  raw, operator: null, number, unit: null, text,
});
const indicator = (name: string, v: ReturnType<typeof value>, weight: number | null = null) => ({
  level1: '产出指标', level2: '数量指标', name, value: v, weight, term: 'annual', page: 3,
});

describe('weightSumSuspect: a weight column glued digit to digit', () => {
  it('flags values whose trailing digits add up to a 90-point weight column', () => {
    // 西安 表14 as read with the 分值权重(90分) column glued on: ≤500|5, 400|5, ≥1000|10, ≥90|20, ≤60|10, ≥40000|30, ≥90%|10
    const raws = ['≤5005', '4005', '≥100010', '≥9020', '≤6010', '≥4000030', '≥90%10'];
    expect(weightSumSuspect({ indicators: raws.map((r, i) => indicator(`指标${i}`, value(r))) })).toBe(true);
  });

  it('leaves forms with printed weights or ordinary values alone', () => {
    const raws = ['≥95%', '=1份', '≤10个工作日', '≥98%', '按时'];
    expect(weightSumSuspect({ indicators: raws.map((r, i) => indicator(`指标${i}`, value(r))) })).toBe(false);
    const weighted = ['≤5005', '4005', '≥100010', '≥9020'].map((r, i) => indicator(`指标${i}`, value(r), 10));
    expect(weightSumSuspect({ indicators: weighted })).toBe(false);
  });
});

describe('checkDocument', () => {
  it('counts each finding and matches missing-value warnings to their indicators', () => {
    const doc = {
      warnings: [{ code: 'no-forms', message: 'x', form: null, page: null, line: null }],
      forms: [
        {
          index: 1, pages: [3], project: { name: '机房电费', department: null },
          indicators: [
            indicator('供电天数', value('=365天', 365)),
            indicator('故障率', value(null)),
            indicator('', value('≥96%8', null, '≥96%8')),
            indicator('满意度', value('很高?', null, null)),
          ],
          warnings: [{ code: 'missing-value', message: 'indicator 故障率 has no value', form: 1, page: 3, line: null }],
        },
        { index: 2, pages: [4], project: { name: null, department: null }, indicators: [], warnings: [] },
      ],
    };
    const { counts, warnings, examples } = checkDocument(doc, 5);
    expect(counts).toEqual({
      forms: 2, indicators: 4, formsWithoutIndicators: 1, unnamedForms: 1, emptyIndicatorNames: 1,
      emptyValuesUnwarned: 1, gluedNumbers: 1, weightSumSuspects: 0,
    });
    expect(warnings).toEqual({ 'no-forms': 1, 'missing-value': 1 });
    expect(examples.emptyValuesUnwarned).toEqual([{ form: 1, page: 3, name: '满意度', raw: '很高?' }]);
    expect(examples.missingValueWarnings).toEqual([{ form: 1, page: 3, message: 'indicator 故障率 has no value' }]);
  });
});
