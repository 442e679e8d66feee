import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';

async function parseMarkdown(text: string) {
  return convert({ path: 'form.md', bytes: new TextEncoder().encode(text) });
}

// Chongqing's 市级重点专项资金绩效目标表: header rows whose labels are in no synonym table
const FORM = `2026年市级重点专项资金绩效目标表

| 项目名称 | 科技发展专项 | 主管部门 | 重庆市科学技术局 |
|---|---|---|---|
| 当年预算 | 109,703.00 | 市级支出 | 109,703.00 |
| 补助区县 | | | |
| 项目概况 | 贯彻落实全市科技创新大会精神，提质建设科技创新布局。 | | |
| 当年绩效目标 | 2026年布局关键技术不少于260项。 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 布局关键技术 | ≥260项 |`;

describe('header rows of labels outside the synonym tables', () => {
  it("keep their text in the form's extra under the printed label, blank where the form leaves it blank", async () => {
    const doc = await parseMarkdown(FORM);
    expect(doc.forms).toHaveLength(1);
    const form = doc.forms[0]!;
    expect(form.extra).toEqual({ 市级支出: '109,703.00', 补助区县: '', 项目概况: '贯彻落实全市科技创新大会精神，提质建设科技创新布局。' });
    expect(form.warnings.map((w) => w.code)).not.toContain('unparsed-row');
    expect(form.indicators.map((i) => [i.level2, i.name, i.value.raw])).toEqual([['数量指标', '布局关键技术', '≥260项']]);
  });
});

describe('a section label that holds its goal itself', () => {
  it('绩效目标 | text gives the annual goal, as a summary table\'s 绩效目标 column does', async () => {
    const doc = await parseMarkdown(`项目支出绩效目标表（2026）

| 项目名称 | 会展业发展专项资金 | | |
|---|---|---|---|
| 主管部门 | 烟台市商务局 | 实施单位 | 烟台市商务局 |
| 绩效目标 | 举办3场以上市政府重点支持会展等活动。 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 重点支持会展活动 | ≥3场 |`);
    expect(doc.forms.map((f) => f.goals)).toEqual([{ project: null, annual: '举办3场以上市政府重点支持会展等活动。' }]);
    expect(doc.forms[0]!.indicators.map((i) => i.name)).toEqual(['重点支持会展活动']);
  });

  it('stays a section over the labels of its goals (绩效目标 | 年度目标 | text)', async () => {
    const doc = await parseMarkdown(`项目支出绩效目标表

| 项目名称 | 甲项目 | | |
|---|---|---|---|
| 绩效目标 | 年度目标 | 完成年度任务。 | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 任务数 | ≥3项 |`);
    expect(doc.forms.map((f) => f.goals)).toEqual([{ project: null, annual: '完成年度任务。' }]);
  });
});

