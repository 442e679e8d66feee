import { describe, expect, it } from 'vitest';
import { combineValue, parseAmount, parseValue } from '../src/parse/value.js';

type Row = [input: string, operator: string | null, number: number | null, unit: string | null, text: string | null];

// What the contract and real forms print, and what each must become.
const VALUES: Row[] = [
  ['=365(天)', '=', 365, '天', null],
  ['=100(%)', '=', 100, '%', null],
  ['≥97(%)', '≥', 97, '%', null],
  ['≤3(%)', '≤', 3, '%', null],
  ['=1.00(份)', '=', 1, '份', null],
  ['≥90.00 (%)', '≥', 90, '%', null],
  ['≤10.00 (个工作日)', '≤', 10, '个工作日', null],
  ['=1600.00(包)', '=', 1600, '包', null],
  ['90', null, 90, null, null],
  ['0', null, 0, null, null],
  ['$\\geq 95\\%$', '≥', 95, '%', null],
  ['$\\leq 1\\%$', '≤', 1, '%', null],
  ['$= 100\\%$', '=', 100, '%', null],
  ['\\(\\geq 85\\%\\)', '≥', 85, '%', null],
  ['$\\ge$ 90\\%', '≥', 90, '%', null],
  ['大于等于 95%', '≥', 95, '%', null],
  ['>=95%', '≥', 95, '%', null],
  ['≧95％', '≥', 95, '%', null],
  ['＞＝95%', '≥', 95, '%', null],
  ['》90%', '≥', 90, '%', null],
  ['不低于90%', '≥', 90, '%', null],
  ['不少于12次', '≥', 12, '次', null],
  ['不超过5个工作日', '≤', 5, '个工作日', null],
  ['小于等于3天', '≤', 3, '天', null],
  ['＜5%', '<', 5, '%', null],
  ['>0', '>', 0, null, null],
  ['大于80分', '>', 80, '分', null],
  ['低于2%', '<', 2, '%', null],
  ['等于100%', '=', 100, '%', null],
  ['＝3个', '=', 3, '个', null],
  ['1,837,000.00元', null, 1837000, '元', null],
  ['≥1,200（人次）', '≥', 1200, '人次', null],
  ['95%以上', '≥', 95, '%', null],
  ['3天以内', '≤', 3, '天', null],
  ['≥１２０００人次', '≥', 12000, '人次', null],
  ['=100百分比', '=', 100, '%', null],
  ['≤15元/人', '≤', 15, '元/人', null],
  ['≥2.5(万元)', '≥', 2.5, '万元', null],
  ['按月支付', null, null, null, '按月支付'],
  ['持续24小时供电', null, null, null, '持续24小时供电'],
  ['2023年年底前', null, null, null, '2023年年底前'],
  ['较上年提升', null, null, null, '较上年提升'],
  ['当年12月底前', null, null, null, '当年12月底前'],
  ['健全', null, null, null, '健全'],
  ['持续 24 小时供电', null, null, null, '持续24小时供电'],
  ['90%-95%', null, null, null, '90%-95%'],
  ['≥上年', null, null, null, '≥上年'],
  ['<p>有效</p>', null, null, null, '有效'],
  // compound units: unit words joined by "/", after a word operator too
  ['不超过50元/平方米', '≤', 50, '元/平方米', null],
  ['≦186元/人次', '≤', 186, '元/人次', null],
  ['≤25微克/立方米', '≤', 25, '微克/立方米', null],
  ['年底前/完成', null, null, null, '年底前/完成'],
  ['≥330台（套）', '≥', 330, '台（套）', null],
  ['≤560元/人/天', '≤', 560, '元/人/天', null],
  ['≤66.72元/㎡/月', '≤', 66.72, '元/㎡/月', null],
  ['年底前/完成/验收', null, null, null, '年底前/完成/验收'],
  ['不少于350个。', '≥', 350, '个', null],
  ['9000元及以内', '≤', 9000, '元', null],
  ['≥95%以上；', '≥', 95, '%', null],
  ['≤500/人·天', '≤', 500, '/人·天', null],
  ['≤2000/人/天', '≤', 2000, '/人/天', null],
  ['5/年底前', null, null, null, '5/年底前'],
  ['1/2', null, null, null, '1/2'],
  // a suffix saying what the sign says is no contradiction; one that says otherwise is no quantity
  ['≥95%以上', '≥', 95, '%', null],
  ['≤3天以内', '≤', 3, '天', null],
  ['≥95%以下', null, null, null, '≥95%以下'],
  // a value printed whole in parentheses
  ['（=100%）', '=', 100, '%', null],
  ['(≤5万元)', '≤', 5, '万元', null],
  ['（暂定）', null, null, null, '（暂定）'],
];

describe('value normalisation', () => {
  it.each(VALUES)('%s', (input, operator, number, unit, text) => {
    const v = parseValue(input);
    expect({ operator: v.operator, number: v.number, unit: v.unit, text: v.text }).toEqual({ operator, number, unit, text });
    expect(v.raw).not.toBeNull();
  });

  it('gives exactly one of number and text, both null only when empty', () => {
    for (const [input] of VALUES) {
      const v = parseValue(input);
      expect((v.number === null) !== (v.text === null)).toBe(true);
    }
    expect(parseValue('')).toEqual({ raw: null, operator: null, number: null, unit: null, text: null });
    expect(parseValue('  ')).toEqual({ raw: null, operator: null, number: null, unit: null, text: null });
  });

  it('reads 其他 or a dash in the unit column as no unit', () => {
    expect(combineValue({ direction: '定性', value: '优', unit: '其他' })).toMatchObject({ raw: '优', text: '优', unit: null });
    expect(combineValue({ direction: '≥', value: '0.95', unit: '其他' })).toMatchObject({ operator: '≥', number: 0.95, unit: null });
    expect(combineValue({ direction: '≤', value: '5', unit: '—' })).toMatchObject({ number: 5, unit: null });
  });

  it('reads a placeholder (/, —, ——) as no value, keeping what was printed', () => {
    for (const [cell, raw] of [['/', '/'], ['／', '/'], ['—', '—'], ['——', '——'], [' - ', '-']]) {
      expect(parseValue(cell)).toEqual({ raw, operator: null, number: null, unit: null, text: null });
    }
    expect(combineValue({ direction: '≥', value: '/', unit: '%' })).toMatchObject({ raw: '/', number: null, text: null });
    // a dash with words or digits is a value
    expect(parseValue('-5%').number).toBe(-5);
    expect(parseValue('无').text).toBe('无');
  });

  it('keeps raw as the normalised cell', () => {
    expect(parseValue('≥90.00 (%)').raw).toBe('≥90.00(%)');
    expect(parseValue('$\\geq 95\\%$').raw).toBe('≥95%');
  });
});

describe('split direction / value / unit columns', () => {
  it.each([
    [{ direction: '等于', value: '365', unit: '天' }, '=', 365, '天', null],
    [{ direction: '大于等于', value: '97', unit: '%' }, '≥', 97, '%', null],
    [{ direction: '≥', value: '90', unit: '%' }, '≥', 90, '%', null],
    [{ direction: '＞', value: '0', unit: '' }, '>', 0, null, null],
    [{ direction: '正向指标', value: '85', unit: '%' }, '≥', 85, '%', null],
    [{ direction: '反向指标', value: '2', unit: '%' }, '≤', 2, '%', null],
    [{ direction: '定性', value: '按月支付', unit: '' }, null, null, null, '按月支付'],
    [{ direction: '', value: '90', unit: '' }, null, 90, null, null],
    [{ direction: '小于等于', value: '≤3', unit: '%' }, '≤', 3, '%', null],
    // a unit word beside a qualitative value is its unit, not more text (Beijing 预算12表: 定性 | …处置 | 箱)
    [{ direction: '定性', value: '保障风险得到妥善处置', unit: '箱' }, null, null, '箱', '保障风险得到妥善处置'],
    [{ direction: '定性', value: '逐步改善', unit: '%' }, null, null, '%', '逐步改善'],
    // a phrase in the unit column still continues the text
    [{ direction: '定性', value: '较上年', unit: '有所提升' }, null, null, null, '较上年有所提升'],
  ] as const)('%j', (parts, operator, number, unit, text) => {
    const v = combineValue(parts);
    expect({ operator: v.operator, number: v.number, unit: v.unit, text: v.text }).toEqual({ operator, number, unit, text });
  });

  it('is missing when the value cell is empty', () => {
    expect(combineValue({ direction: '等于', value: '', unit: '天' }).raw).toBeNull();
  });
});

describe('amounts', () => {
  it.each([
    ['360,000.00', 360000],
    ['0.00', 0],
    ['36.00', 36],
    ['1,837,000.00', 1837000],
    ['１２．５', 12.5],
    ['22,614.51万元', 22614.51],
  ])('%s → %d', (input, n) => expect(parseAmount(input)).toBe(n));

  it('reads blanks as null and anything else as unreadable', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('—')).toBeNull();
    expect(parseAmount('三十万')).toBeUndefined();
  });
});
