import { describe, expect, it } from 'vitest';
import { isPacked, readPacked } from '../src/parse/packed.js';
import { parseFixture } from './helpers/expected.js';

// A project's indicators packed into one cell as numbered text (Guangzhou's 项目支出绩效目标表).

describe('packed indicator cells', () => {
  it('reads items with either separators, restarted numbering and values holding commas', () => {
    const text =
      '1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；' +
      '2、1－产出指标，12－质量指标，队伍管理规范化；实施周期指标值：考察是否符合规范，合规得满分。年度指标值：是；' +
      '1、2-效益指标；22-社会效益；环保信访投诉办结率；实施周期指标值:≥90%；年度指标值:≥ 90%。';
    expect(isPacked(text)).toBe(true);
    expect(readPacked(text)).toEqual([
      { level1: '产出指标', level2: '数量指标', name: '项目专职环保员数量', values: [{ term: 'midterm', text: '≦核定人数' }, { term: 'annual', text: '≦核定人数' }] },
      { level1: '产出指标', level2: '质量指标', name: '队伍管理规范化', values: [{ term: 'midterm', text: '考察是否符合规范，合规得满分' }, { term: 'annual', text: '是' }] },
      { level1: '效益指标', level2: '社会效益', name: '环保信访投诉办结率', values: [{ term: 'midterm', text: '≥90%' }, { term: 'annual', text: '≥ 90%' }] },
    ]);
  });

  it('reads a value left blank before the next item as blank, and the next item whole', () => {
    // guangzhou-sthjj p92: the 年度指标值 of item 6 is blank
    const text =
      '6、1－产出指标，12－质量指标，总结报告通过专家评审；实施周期指标值：通过验收，年度指标值：' +
      '7、2－效益指标，23－生态效益，PM2.5年均浓度；实施周期指标值：≤30微克/立方米，年度指标值：≤30微克/立方米';
    expect(readPacked(text)).toEqual([
      { level1: '产出指标', level2: '质量指标', name: '总结报告通过专家评审', values: [{ term: 'midterm', text: '通过验收' }, { term: 'annual', text: '' }] },
      { level1: '效益指标', level2: '生态效益', name: 'PM2.5年均浓度', values: [{ term: 'midterm', text: '≤30微克/立方米' }, { term: 'annual', text: '≤30微克/立方米' }] },
    ]);
  });

  it('is not prose with numbers', () => {
    expect(isPacked('1、完成年度任务。2、提升服务质量。')).toBe(false);
  });

  it('gives one form per project row, each item once per term, long-term values first', async () => {
    const doc = await parseFixture('real-budgets/guangzhou-zsj-2026-project-targets.pdf');
    expect(doc.forms.length).toBeGreaterThan(0);
    const form = doc.forms.find((f) => f.project.name === '办公、业务用房租赁经费')!;
    expect(form.funds.annual.total).toBe(5429600);
    // 部门名称：… printed under the title is every project's department
    expect(doc.forms.every((f) => f.project.department === '广州市政务服务和数据管理局')).toBe(true);
    const names = form.indicators.map((i) => [i.term, i.level1, i.level2, i.name, i.value.raw]);
    expect(names[0]).toEqual(['midterm', '产出指标', '数量指标', '“穗智管”业务场地举行业务活动数量', '≧4次']);
    expect(names.filter((n) => n[0] === 'annual').length).toBe(names.length / 2);
    expect(names).toContainEqual(['annual', '满意度指标', '服务对象满意度指标', '服务对象满意度', '96%']);
  });

  it('keeps the unit named by an amounts-only row for the projects below it on the next pages, under the title and header printed again', async () => {
    const doc = await parseFixture('real-budgets/guangzhou-sthjj-2026-project-targets-p1-3.pdf');
    expect(doc.forms.map((f) => [f.pages, f.project.name?.slice(-5), f.project.implementer])).toEqual([
      [[1], '（越秀区）', '广州市生态环境局'],
      [[1], '（海珠区）', '广州市生态环境局'],
      [[2], '（荔湾区）', '广州市生态环境局'],
      [[2], '（天河区）', '广州市生态环境局'],
      [[3], '（白云区）', '广州市生态环境局'],
      [[3], '（花都区）', '广州市生态环境局'],
    ]);
  });
});
