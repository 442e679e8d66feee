import { describe, expect, it } from 'vitest';
import { parseFixture } from './helpers/expected.js';

// Forms of real published budgets whose templates come from the real-smoke corpus (issue 9's gold-free
// criteria: no ghost forms, every form named, every value read). Each test parses page cuts in
// fixtures/real-budgets/ (README there says which original pages) and asserts the fields on the page.

describe('real budgets: what is not a form', () => {
  it('a budget list under a 单位（项目）名称 | 项目金额 | 项目简介 heading opens no form; the target form after it is read', async () => {
    // pages 1–2: 表10 专项业务经费支出表 (a list of projects and amounts); pages 3–4: 表14 绩效目标表
    const doc = await parseFixture('real-budgets/xian-mzj-2021-dept-budget.pdf');
    expect(doc.forms.map((f) => f.project.name)).toEqual(['市民政局专项业务']);
    const form = doc.forms[0]!;
    expect(form.pages).toEqual([3, 4]);
    expect(form.project.department).toBe('西安市民政局');
    expect(form.funds.sourceUnit).toBe('万元');
    expect(form.funds.projectTotal).toEqual({ total: 578716300, fiscal: 578716300, other: 0 });
    expect(form.goals.project).toMatch(/^目标1：保障城乡低保对象/);
    expect(form.indicators[0]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '保障我市困难群众低保、特困等资金发放' });
    // the list's rows are not lost: they are reported on the document
    expect(doc.warnings.filter((w) => w.code === 'unparsed-row' && w.page === 1 && w.form === null).length).toBeGreaterThan(5);
  });
});
