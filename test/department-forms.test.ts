import { describe, expect, it } from 'vitest';
import type { Document, Form } from '../src/model/document.js';
import { parseFixture } from './helpers/expected.js';

// Department-wide forms (部门整体支出绩效目标表) and self-evaluations (绩效自评表): one hand-written
// fixture per template (fixtures/forms/), and the real pages of fixtures/real-budgets/.

const only = (doc: Document): Form => {
  expect(doc.forms).toHaveLength(1);
  return doc.forms[0]!;
};
const codes = (f: Form) => f.warnings.map((w) => w.code);

describe('central 项目支出绩效自评表', async () => {
  const form = only(await parseFixture('forms/central-project-selfeval.html'));

  it('is a project form at the self-evaluation stage', () => {
    expect([form.kind, form.stage, form.project.name, form.project.department]).toEqual(['project', 'self-evaluation', '档案数字化加工', '国家档案局']);
  });

  it('reads the budget execution block into evaluation and the 全年预算数 column into funds', () => {
    expect(form.evaluation).toEqual({
      budgetStart: 1200000, budget: 1100000, executed: 990000, rate: 90, weight: 10, score: 9, totalScore: 96.5,
      resultText: '完成28万页档案数字化加工，抽检合格率99%。',
    });
    expect(form.funds.annual).toEqual({ total: 1100000, appropriation: 1000000, carryover: 100000, other: 0 });
    expect(form.goals.annual).toBe('完成30万页档案数字化加工，数据质量合格。');
  });

  it('gives each indicator its target, actual, weight, score and notes; 总分 is no indicator', () => {
    expect(form.indicators.map((i) => i.name)).toEqual(['数字化加工页数', '抽检合格率', '完成时间', '档案利用便捷程度', '查档群众满意度']);
    const [pages, , , , satisfaction] = form.indicators;
    expect(pages!.value).toMatchObject({ operator: '≥', number: 30, unit: '万页' });
    expect(pages!.actual).toMatchObject({ operator: null, number: 28, unit: '万页' });
    expect([pages!.weight, pages!.score]).toEqual([30, 28]);
    expect(pages!.extra).toEqual({ 偏差原因分析及改进措施: '扫描设备故障停工两周，下年度增加备用设备' });
    // the actual prints no unit: none is borrowed from the target
    expect(satisfaction!.actual).toEqual({ raw: '95', operator: null, number: 95, unit: null, text: null });
    expect([satisfaction!.weight, satisfaction!.score]).toEqual([10, 9.5]);
  });

  it('finds the scores consistent with the total', () => {
    expect(codes(form)).not.toContain('score-mismatch');
  });
});

describe('provincial 部门整体绩效自评表', async () => {
  const form = only(await parseFixture('forms/provincial-department-selfeval.html'));

  it('is a department form at the self-evaluation stage, named by its department', () => {
    expect([form.kind, form.stage, form.year]).toEqual(['department', 'self-evaluation', 2024]);
    expect(form.project).toMatchObject({ name: null, department: '某市档案馆', departmentCode: '305' });
  });

  it('reads 年初预算 / 小计 / 拨付 / 实现率 / 分值 / 得分 of the 合计 row, and the grade into extra', () => {
    expect(form.evaluation).toMatchObject({ budgetStart: 800, budget: 1000, executed: 950, rate: 95, weight: 10, score: 9, totalScore: 92 });
    expect(form.evaluation!.resultText).toBe('档案馆正常运转，接收档案2万卷。');
    expect(form.extra['评价等级']).toBe('优（S≧90）');
  });

  it('keeps a level outside the vocabulary as printed, from its column', () => {
    expect(form.indicators[0]).toMatchObject({ level1: '一般性支出情况', level2: '一般性支出情况', name: '“三公”经费控制率' });
    expect(form.indicators[0]!.actual).toMatchObject({ number: 93.5, unit: null });
    expect(form.indicators.map((i) => i.score)).toEqual([40, 30, 12]);
  });

  it('warns when the scores do not add up to the printed total (40 + 30 + 12 + 9 = 91, printed 92)', () => {
    const w = form.warnings.find((x) => x.code === 'score-mismatch');
    expect(w?.message).toMatch(/91.*92/);
  });
});

describe('部门整体预算绩效目标申报表 with a task table and 实施周期 / 年度 values', async () => {
  const form = only(await parseFixture('forms/department-tasks-dual-values.html'));

  it('names the department and reads its budget lines by label', () => {
    expect([form.kind, form.stage, form.project.name, form.project.department]).toEqual(['department', 'target', null, '某市水务局']);
    expect(form.funds.annual).toEqual({ total: null, appropriation: 15000000, carryover: null, other: 1000000 });
    expect(form.extra).toMatchObject({ 基本支出: '1,200.00', 项目支出: '400.00' });
    expect(form.goals.project).toBe('保障城市供水安全，推进河湖治理。');
  });

  it('reads the 年度重点工作任务 rows as tasks, amounts in 元', () => {
    expect(form.tasks).toEqual([
      { name: '城市供水保障', detail: '水厂运行监管，水质抽检。', amount: 2505000, extra: { '期望达到的目标（概述）': '水质达标率100%。' } },
      { name: '河湖治理', detail: '河道清淤，岸线整治。', amount: 1500000, extra: { '期望达到的目标（概述）': '主要河湖水质稳定达标。' } },
    ]);
  });

  it('reads both value columns', () => {
    expect(form.indicators).toHaveLength(6);
    expect(form.indicators.filter((i) => i.term === 'midterm').map((i) => i.value.raw)).toEqual(['≥48次', '100%', '≥90%']);
    expect(form.indicators.filter((i) => i.term === 'annual').map((i) => i.value.raw)).toEqual(['≥12次', '100%', '≥90%']);
  });
});

describe('部门整体支出绩效目标表 whose 绩效指标 column packs the levels (北京 预算13表)', async () => {
  const form = only(await parseFixture('forms/department-packed-levels.html'));

  it('reads the two-row money heading: total, 财政拨款 合计, 其他资金 合计; the breakdown into extra', () => {
    expect(form.funds.annual).toEqual({ total: 53005000, appropriation: 50005000, carryover: null, other: 3000000 });
    expect(form.extra['财政拨款 基本支出']).toBe('4,000.5');
  });

  it('splits levels and name, and keeps 活动 with each indicator', () => {
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.value.raw, i.extra['活动']])).toEqual([
      ['产出指标', '数量指标', '完成调查项目个数', '≥12个', '统计调查'],
      ['效益指标', '社会效益指标', '统计数据公开及时', '及时', '统计调查'],
    ]);
  });
});

describe('部门整体支出绩效目标表 with 年度主要任务 split into 总额 / 财政拨款 / 其他资金 (西安 表15)', async () => {
  const form = only(await parseFixture('forms/department-task-amount-parts.html'));

  it('takes the task amount from 总额 and the funds from the 金额合计 row', () => {
    expect(form.project.department).toBe('某市司法局');
    expect(form.tasks.map((t) => [t.name, t.amount])).toEqual([['基本支出', 9000000], ['法律援助业务', 1005000]]);
    expect(form.tasks[1]!.extra).toEqual({ '预算金额（万元） 财政拨款': '80.5', '预算金额（万元） 其他资金': '20' });
    expect(form.funds.annual).toEqual({ total: 10005000, appropriation: 9805000, carryover: null, other: 200000 });
    expect(form.goals.annual).toBe('推进法治政府建设。');
    expect(form.indicators.map((i) => i.name)).toEqual(['法律援助案件结案数(件)']);
  });
});

describe('real department and self-evaluation forms', () => {
  let changsha: Promise<Document> | undefined;
  const parseChangsha = () => (changsha ??= parseFixture('real-budgets/changsha-xfj-2026-dept-budget.pdf'));

  it('Ningde 部门整体绩效自评表: target, actual, weight and score apart; 总分 into evaluation', async () => {
    const form = only(await parseFixture('real-budgets/ningde-zfb-2024-dept-selfeval.pdf'));
    expect([form.kind, form.stage, form.project.department, form.project.departmentCode]).toEqual(['department', 'self-evaluation', '宁德市人民政府办公室', '127']);
    expect(form.evaluation).toMatchObject({ budgetStart: 9209.55, budget: 9999.77, executed: 8874.74, rate: 88.75, weight: 10, score: 7, totalScore: 92.33 });
    expect(form.indicators).toHaveLength(17);
    const cost = form.indicators.find((i) => i.name === '基本经费投入成本')!;
    expect(cost.value).toMatchObject({ operator: '≤', number: 3843.67, unit: '万元' });
    expect(cost.actual).toMatchObject({ number: 4262.96, unit: null });
    expect([cost.weight, cost.score]).toEqual([4, 0]);
    expect(cost.extra['偏差原因分析及改进措施']).toBe('年中追加预算经费，实际支出超过年初预算安排。');
    expect(form.indicators.find((i) => i.name === '12345平台座席满意率')!.level2).toBe('服务对象满意度指标');
    expect(codes(form)).not.toContain('score-mismatch');
    // the level cells are a character too narrow and clipped: the cut-off 况 is still read, in its own cell
    expect(form.indicators.slice(0, 3).map((i) => [i.level1, i.level2])).toEqual(Array(3).fill(['一般性支出情况', '一般性支出情况']));
    // a department form has no project: its 专项名称 row is kept as printed
    expect([form.project.name, form.extra['专项名称']]).toEqual([null, '127部门整体']);
  });

  it('Guangzhou 部门整体预算绩效目标申报表: department, funds, goal and five tasks', async () => {
    const form = only(await parseFixture('real-budgets/guangzhou-sthjj-2026-dept-overall.pdf'));
    expect([form.kind, form.stage, form.project.department]).toEqual(['department', 'target', '广州市生态环境局']);
    expect(form.funds.annual).toMatchObject({ appropriation: 920086800, other: 15777700 });
    expect(form.goals.project).toMatch(/^立足新发展阶段/);
    expect(form.tasks.map((t) => t.amount)).toEqual([23276700, 20221500, 104813500, 13940000, 69811600]);
    expect(form.indicators).toHaveLength(50);
  });

  it('Changsha 部门整体支出绩效目标表: one form over three pages, columns from its three-row header band', async () => {
    const doc = await parseChangsha();
    const departments = doc.forms.filter((f) => f.kind === 'department');
    expect(departments).toHaveLength(1); // the title and header band repeated on pages 10 and 11 start no form
    const form = departments[0]!;
    expect([form.pages, form.project.name, form.project.department]).toEqual([[9, 10, 11], null, '长沙市信访局']);
    // 年度预算申请 over 资金总额 | 按收入性质分 over 一般公共预算 …: the labels of the lowest row decide
    expect(form.funds.projectTotal.total).toBe(19353600);
    expect(form.extra).toEqual({ 单位编码: '126001', 一般公共预算: '1,935.36', 基本支出: '1,517.95', 项目支出: '417.41' });
    expect(form.goals.project).toMatch(/^1\.落实中央部署，推动信访法治化工作进一步走深走实。\n2\./);
    expect(form.indicators).toHaveLength(25);
    expect(form.indicators[0]).toMatchObject({
      level1: '成本指标', level2: '经济成本指标', name: '基本支出不超预算（不含年中调整数）', page: 9,
      value: { raw: '≤1517.95万元', operator: '≤', number: 1517.95, unit: '万元' },
      extra: { 指标解释: '总体开支控制成本、厉行节约', 备注: '10' },
    });
    expect(form.indicators[10]).toMatchObject({ level1: '产出指标', level2: '质量指标', name: '导入法定程序办理的信访事项办结后不服率', page: 10 });
    expect(form.indicators.at(-1)).toMatchObject({ level1: '满意度指标', name: '信访事项处理群众参评满意率', page: 11, value: { operator: '≥', number: 90, unit: '%' } });
    expect(form.warnings).toEqual([]);
  });

  it('Changsha 项目支出绩效目标表: the 部门名称 line under the title names the department of every project', async () => {
    const doc = await parseChangsha();
    const projects = doc.forms.filter((f) => f.kind === 'project');
    expect(projects.map((f) => f.project.name)).toEqual(['基层及其他信访业务工作经费专项', '人民来访接待中心及特护期运行专项', '人民来访接待中心业务专项', '信访业务工作专项']);
    expect(projects.map((f) => f.project.department)).toEqual(Array(4).fill('长沙市信访局'));
  });

  it('Chongqing 表十 部门整体绩效目标表: the text under 当年整体绩效目标 is the annual goal', async () => {
    const doc = await parseFixture('real-budgets/chongqing-zfbgt-2026-dept-budget.pdf');
    const form = doc.forms.find((f) => f.kind === 'department')!;
    expect(form.project.department).toBe('重庆市人民政府办公厅');
    expect(form.goals.annual).toMatch(/^贯彻落实党中央和国务院的决策部署.*保障已建项目运行顺畅。$/);
    expect(form.indicators[0]).toMatchObject({ name: '市政府门户网站优化整改次数', value: { operator: '≥', number: 4, unit: '次' }, weight: 10 });
  });

  it('Beijing 预算14表 专项转移支付绩效目标表: 转移支付名称 names the project, 市级主管部门 its department', async () => {
    const form = only(await parseFixture('real-budgets/beijing-czj-2026-budget-tables.pdf'));
    expect([form.kind, form.stage, form.year]).toEqual(['project', 'target', 2026]);
    expect(form.project).toMatchObject({ name: '普惠金融发展专项资金', department: '北京市财政局' });
    expect([form.funds.sourceUnit, form.funds.annual.total]).toEqual(['万元', 56120000]); // 年度金额： 5612.000000
    expect(form.goals.annual).toBe('支持重点群体和符合条件的小微企业融资发展。');
    expect(form.indicators.map((i) => i.name)).toEqual([
      '本年度创业担保贷款发放额', '创业担保贷款回收率', '担保基金放大倍数', '创业担保贷款利率上限', '金融机构网点覆盖率',
      '申报创业担保贷款贴息个人满意度', '申报创业担保贷款贴息小微企业满意度',
    ]);
    expect(form.indicators[0]).toMatchObject({ level1: '产出指标', level2: '数量指标', value: { operator: '≥', number: 50, unit: '亿元' } });
    // 其中：中央财政资金 (printed empty) / 市级财政资金: fiscal money by level of government, no slot in funds → extra
    expect(form.extra).toEqual({ 市级财政资金: '5612.000000' });
    expect(codes(form)).not.toContain('unparsed-row');
  });

  it("Xi'an 2019 附表14: a goal printed in the rows its label is merged down over, also past the page break, is one goal", async () => {
    // xian-ajj 2019 pages 33–34: 年度总体目标 spans three rows (目标1–6 | 目标7–11 | 目标12–15 on the next page)
    const form = only(await parseFixture('real-budgets/xian-ajj-2019-dept-budget.pdf'));
    expect(form.project.department).toBe('西安市安全生产监督管理局');
    expect(form.goals.annual).toMatch(/^目标1：全力保障人员经费/);
    expect(form.goals.annual).toContain('\n目标7：通过深入开展“安全生产月”活动');
    expect(form.goals.annual).toContain('\n目标12：掌握全市重大危险源的基本情况');
    expect(form.goals.annual).toMatch(/目标15：通过加强市级安全生产专业应急救援队伍的装备物资配备.*有效应对突发事故。$/);
    // one line per goal, also where 目标13's last line filled the cell before 目标14 began
    expect(form.goals.annual!.split('\n').map((l) => /^目标(\d+)：/.exec(l)?.[1])).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(codes(form)).not.toContain('unparsed-row');
    expect(form.indicators[0]).toMatchObject({ level2: '数量指标', value: { number: 100, unit: '%' } });
  });

  it('Beijing 预算13表: the department form after the summary table', async () => {
    const doc = await parseFixture('real-budgets/beijing-ybj-2026-dept-budget.pdf');
    const form = doc.forms.find((f) => f.kind === 'department')!;
    expect(form.project.department).toBe('北京市医疗保障局');
    expect(form.funds.annual).toMatchObject({ total: 1108966196.02, appropriation: 1108966196.02 });
    expect(form.indicators).toHaveLength(37);
    expect(form.indicators[0]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '参保人参保意愿调查样本', extra: { 活动: '医疗保障管理' } });
    // the 其他说明 row of the header block, printed empty: a header field left blank, not an indicator or an unplaced row
    expect(form.extra['其他说明']).toBe('');
    expect(codes(form)).not.toContain('unparsed-row');
    expect(doc.forms.filter((f) => f.kind === 'project').every((f) => f.stage === 'target')).toBe(true);
  });
});
