import { describe, expect, it } from 'vitest';
import type { Form } from '../src/model/document.js';
import { parseFixture } from './helpers/expected.js';

// Layout variants of issuers and templates the parser was not built against (issue 9): each
// fixture in fixtures/variants/ shows one, and the test asserts the fields read from it.

const rows = (f: Form): (string | number | null)[][] =>
  f.indicators.map((i) => [i.term, i.level1, i.level2, i.name, i.value.operator, i.value.number, i.value.unit, i.value.text]);
const codes = (f: Form): string[] => f.warnings.map((w) => w.code);

describe('layout variants', () => {
  it('reads a money cell whose printed unit conflicts with the form or column unit by its own unit, with a warning', async () => {
    const [form] = (await parseFixture('variants/unit-conflict.html')).forms;
    // 单位：元 over the form, 10000万元 in the cell: 1 亿元, not 10000 元
    expect(form!.funds.annual).toMatchObject({ total: 100000000, appropriation: 100000000 });
    expect(form!.indicators.at(-1)!.value).toMatchObject({ operator: '≤', number: 10000, unit: '万元' });
    expect(codes(form!).sort()).toEqual(['unit-conflict', 'unit-conflict']);
    expect(form!.warnings.map((w) => w.message).join('\n')).toMatch(/年度资金总额.*10000万元/);
  });

  it('reads amounts of a summary table in the unit its column heading prints (年度预算数（万元）)', async () => {
    for (const file of ['variants/wide-column-unit.txt', 'variants/packed-column-unit.txt']) {
      const { forms } = await parseFixture(file);
      expect(forms[0]!.funds).toMatchObject({ sourceUnit: '万元', annual: { total: 3200000 } });
      expect(forms.flatMap(codes)).toEqual([]);
    }
  });

  it('reads 二级指标(长期) / 指标值(年度) headers as a dual grid, and unmarked groups side by side as one annual grid', async () => {
    const [dual, twoUp] = (await parseFixture('variants/dual-grid-term-suffix.html')).forms;
    expect(rows(dual!)).toEqual([
      ['midterm', '产出指标', '数量指标', '维护渠道长度', '≥', 60, '公里', null],
      ['midterm', '效益指标', '经济效益指标', '新增灌溉面积', '≥', 3000, '亩', null],
      ['annual', '产出指标', '数量指标', '维护渠道长度', '≥', 20, '公里', null],
      ['annual', '效益指标', '经济效益指标', '新增灌溉面积', '≥', 1000, '亩', null],
    ]);
    expect(rows(twoUp!)).toEqual([
      ['annual', null, null, '养护道路里程', '≥', 80, '公里', null],
      ['annual', null, null, '路面完好率', '≥', 95, '%', null],
    ]);
  });

  it('warns when the weights do not add up to the total the header prints (分值（90）, 权重(100))', async () => {
    const [short, even] = (await parseFixture('variants/weights-total.html')).forms;
    expect(short!.indicators.map((i) => i.weight)).toEqual([30, 30, 20]);
    expect(short!.warnings).toMatchObject([{ code: 'weight-mismatch', message: 'weights add up to 80, the header prints 90' }]);
    expect(even!.indicators.map((i) => i.weight)).toEqual([60, 40]);
    expect(codes(even!)).toEqual([]);
  });

  it('does not warn of a missing 一级指标 in a template without level columns, and warns once per form where levels are blank', async () => {
    const [noLevels, blank] = (await parseFixture('variants/no-level-columns.html')).forms;
    expect(noLevels!.indicators.map((i) => [i.level1, i.name, i.value.number, i.extra])).toEqual([
      [null, '网站访问可达率', 99, { 是否核心: '是' }],
      [null, '诉求工单办结率', 85, { 是否核心: '是' }],
      [null, '系统故障响应时间', 2, { 是否核心: '否' }],
    ]);
    expect(codes(noLevels!)).toEqual([]);
    expect(blank!.indicators).toHaveLength(3);
    expect(codes(blank!)).toEqual(['missing-level1']);
  });

  it('reads a header split over two rows (指标值 over 年度 | 实施周期) as annual and midterm value columns', async () => {
    const [form, printedRoles] = (await parseFixture('variants/two-row-header.html')).forms;
    expect(rows(form!)).toEqual([
      ['annual', '产出指标', '数量指标', '维修校舍面积', '≥', 2, '万平方米', null],
      ['annual', '产出指标', '时效指标', '完工时间', null, null, null, '2025年8月底前'],
      ['annual', '满意度指标', '服务对象满意度指标', '师生满意度', '≥', 90, '%', null],
      ['midterm', '产出指标', '数量指标', '维修校舍面积', '≥', 6, '万平方米', null],
      ['midterm', '产出指标', '时效指标', '完工时间', null, null, null, '2027年8月底前'],
      ['midterm', '满意度指标', '服务对象满意度指标', '师生满意度', '≥', 90, '%', null],
    ]);
    expect(codes(form!)).toEqual([]);
    // the lower row printing whole labels (中期指标值 | 年度指标值) under 指标值
    expect(rows(printedRoles!)).toEqual([
      ['midterm', '产出指标', '数量指标', '更新监控点位', '≥', 600, '个', null],
      ['annual', '产出指标', '数量指标', '更新监控点位', '≥', 200, '个', null],
    ]);
  });

  it('reads years printed in place of term words under 指标值 (2025年 | 2025-2027年) as annual and midterm columns', async () => {
    const [form, spanFirst] = (await parseFixture('variants/year-term-header.html')).forms;
    expect(rows(form!)).toEqual([
      ['annual', '产出指标', '数量指标', '新建供水工程', '≥', 12, '处', null],
      ['annual', '产出指标', '时效指标', '完工时间', null, null, null, '2025年11月底前'],
      ['annual', '满意度指标', '服务对象满意度指标', '受益群众满意度', '≥', 90, '%', null],
      ['midterm', '产出指标', '数量指标', '新建供水工程', '≥', 30, '处', null],
      ['midterm', '产出指标', '时效指标', '完工时间', null, null, null, '2027年11月底前'],
      ['midterm', '满意度指标', '服务对象满意度指标', '受益群众满意度', '≥', 92, '%', null],
    ]);
    expect(codes(form!)).toEqual([]);
    // the span of years first, the single year (2025年度) second
    expect(rows(spanFirst!)).toEqual([
      ['midterm', '产出指标', '数量指标', '改造渠道长度', '≥', 45, '公里', null],
      ['annual', '产出指标', '数量指标', '改造渠道长度', '≥', 15, '公里', null],
    ]);
  });

  it('reads years printed over the column groups of a dual grid (2025-2027年 | 2025年) as their terms', async () => {
    const [form] = (await parseFixture('variants/year-over-groups.html')).forms;
    expect(rows(form!)).toEqual([
      ['midterm', '产出指标', '数量指标', '改造管网长度', '≥', 36, '公里', null],
      ['midterm', '效益指标', '社会效益指标', '内涝点减少', '≥', 9, '处', null],
      ['annual', '产出指标', '数量指标', '改造管网长度', '≥', 12, '公里', null],
      ['annual', '效益指标', '社会效益指标', '内涝点减少', '≥', 3, '处', null],
    ]);
    expect(codes(form!)).toEqual([]);
  });

  it('goes on with the levels of the page before where a page starts with empty merged label cells', async () => {
    const { forms } = await parseFixture('variants/label-over-page-break.html');
    expect(forms).toHaveLength(1);
    expect(forms[0]!.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '文艺演出场次'],
      ['产出指标', '数量指标', '培训文艺骨干'],
      ['产出指标', '数量指标', '送书下乡册数'],
      ['产出指标', '质量指标', '活动覆盖率'],
      ['效益指标', '社会效益指标', '群众文化参与度'],
    ]);
    expect(codes(forms[0]!)).toEqual([]);
  });

  it('reads no project from subtotal rows of a wide summary (XX小计, a unit with only an amount, 合计)', async () => {
    const { forms } = await parseFixture('variants/wide-summary-subtotals.html');
    expect(forms.map((f) => [f.project.name, f.funds.annual.total, f.indicators.length])).toEqual([
      ['城市绿地养护', 3200000, 2],
      ['公园安保服务', 800000, 1],
    ]);
  });
});
