import { describe, expect, it } from 'vitest';
import { parseDate, parseDateRange, yearOf } from '../src/parse/dates.js';

describe('dates', () => {
  it.each([
    ['2023-01-01', '2023-01-01'],
    ['2023/1/1', '2023-01-01'],
    ['2024年1月1日', '2024-01-01'],
    ['2023.12.31', '2023-12-31'],
    ['20231231', '2023-12-31'],
    ['２０２３－０１－０１', '2023-01-01'],
    ['2023-02-30', null],
    ['2023年', null],
    ['长期', null],
  ])('%s → %s', (input, want) => expect(parseDate(input)).toBe(want));

  it.each([
    ['2023-01-01至2023-12-31', ['2023-01-01', '2023-12-31']],
    ['2023年1月1日—2023年12月31日', ['2023-01-01', '2023-12-31']],
    ['2023-01-01-2023-12-31', ['2023-01-01', '2023-12-31']],
    ['2024.01.01~2026.12.31', ['2024-01-01', '2026-12-31']],
    ['3年', null],
    ['2023-2025', null],
  ])('range %s', (input, want) => expect(parseDateRange(input)).toEqual(want));

  it('reads the budget year of a heading', () => {
    expect(yearOf('(2023年度)')).toBe(2023);
    expect(yearOf('上海市某中心2024年度项目绩效目标汇总表')).toBe(2024);
    expect(yearOf('项目支出绩效目标表')).toBeNull();
  });
});
