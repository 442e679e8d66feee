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
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.page === 1 || w.page === 2)).toEqual([]);
  });
});

describe('real budgets: a department form with no indicators', () => {
  it('is kept when it prints a goal: named by its department, its year from `2026（年度）`, warned of', async () => {
    // beijing-jmrhb 2026 pages 16–17: 预算表12 with its header only, then 预算13表 with the department, the
    // year line and 整体绩效目标 `完成年度工作。`; the amounts and the indicator rows are empty
    const doc = await parseFixture('real-budgets/beijing-jmrhb-2026-budget-tables.pdf');
    expect(doc.forms.map((f) => [f.kind, f.year, f.pages, f.project.name, f.project.department, f.goals.project])).toEqual([
      ['department', 2026, [2], null, '中共北京市委军民融合发展委员会办公室', '完成年度工作。'],
    ]);
    const form = doc.forms[0]!;
    expect([form.indicators, form.funds.annual]).toEqual([[], { total: null, appropriation: null, carryover: null, other: null }]);
    expect(form.warnings.map((w) => w.code)).toEqual(['no-indicators']);
  });
});

describe('real budgets: placeholders and numbering', () => {
  it('a `/ | /` row under a 二级指标 is no indicator; the 二级 labels around it still apply', async () => {
    // xian-rsj 2020 表14, three whole forms (pages 52–55 of the original); every one prints 经济效益指标 | / | /
    const doc = await parseFixture('real-budgets/xian-rsj-2020-dept-budget.pdf');
    expect(doc.forms.map((f) => [f.project.name, f.pages, f.indicators.length])).toEqual([
      ['社保大厦物业费', [1, 2], 7],
      ['全民参保计划工作经费', [2, 3], 7],
      ['社会保险基金财务费用', [3, 4], 7],
    ]);
    const form = doc.forms[0]!;
    expect(form.project.department).toBe('西安市人力资源和社会保障局');
    expect(form.funds.projectTotal).toEqual({ total: 1235000, fiscal: 1235000, other: null });
    const names = doc.forms.flatMap((f) => f.indicators.map((i) => i.name));
    expect(names.some((n) => /^[/／\-—]+$/.test(n))).toBe(false);
    expect(form.indicators.slice(4).map((i) => [i.level1, i.level2, i.value.raw])).toEqual([
      ['效益指标', '社会效益指标', '设施便利、舒适平稳'],
      ['效益指标', '可持续影响指标', '长期'],
      ['满意度指标', '服务对象满意度指标', '≧95%'],
    ]);
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.code === 'duplicate-cell' || w.code === 'missing-value')).toEqual([]);
  });

  it('成本指标 beside a merged 产出指标 cell is a 二级指标, in a grid read without a header row', async () => {
    // xian-rsj 2020 pages 63–64 (fixtures/pdf/xian-rsj-2020-p63-64.pdf): the pre-2021 template puts 成本指标 under
    // 产出指标, whose cell is merged down over it; the 一级 / 二级 columns are known only by their vocabulary
    const doc = await parseFixture('pdf/xian-rsj-2020-p63-64.pdf');
    const form = doc.forms.find((f) => f.project.name === '技工学校国家助学金和免学费')!;
    expect(form.indicators.map((i) => [i.level1, i.level2])).toEqual([
      ['产出指标', '数量指标'],
      ['产出指标', '质量指标'],
      ['产出指标', '时效指标'],
      ['产出指标', '成本指标'],
      ['效益指标', '社会效益指标'],
      ['效益指标', '可持续影响指标'],
      ['满意度指标', '服务对象满意度指标'],
    ]);
  });

  it('`指标1：` in front of a 三级指标 is numbering, not part of the name', async () => {
    // xian-gxj 2022 表14 女生公寓维修 (pages 54–55 of the original): 指标 1:…, 指标 2： 指标 2：…
    const doc = await parseFixture('real-budgets/xian-gxj-2022-dept-budget.pdf');
    const inds = doc.forms[0]!.indicators;
    expect(inds.slice(0, 3).map((i) => [i.name, i.value.operator, i.value.number, i.value.unit])).toEqual([
      ['女生公寓屋面挤塑B型保温板及面层面积', '≥', 750, '㎡'],
      ['女生公寓外墙需做防水、粉刷面积', '≥', 1000, '㎡'],
      ['女生公寓公共卫生间面积', '≥', 30, '㎡'],
    ]);
    expect(inds.every((i) => !/^指标/.test(i.name))).toBe(true);
  });
});

describe('real budgets: names that no 项目名称 label prints', () => {
  it('a transfer-payment form: 转移支付名称 names it, 市级主管部门 is its department, 年度金额 its annual total', async () => {
    // beijing-sthjj 2026 预算14表 节能减排及环境保护专项转移支付绩效目标表 (page 52 of the original)
    const doc = await parseFixture('real-budgets/beijing-sthjj-2026-budget-tables.pdf');
    expect(doc.forms).toHaveLength(1);
    const form = doc.forms[0]!;
    expect(form.project.name).toBe('节能减排及环境保护专项转移支付--污染防治方向');
    expect(form.project.department).toBe('北京市生态环境局');
    expect(form.funds.sourceUnit).toBe('万元');
    expect(form.funds.annual.total).toBe(4_000_000_000);
    expect(form.goals.annual).toMatch(/^深入学习贯彻习近平生态文明思想/);
    expect(form.indicators).toHaveLength(17);
    expect(form.indicators[3]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '受污染耕地安全利用率', value: { operator: '≥', number: 95, unit: '%' } });
  });

  it("a project form that prints its project's name only in its own title takes it from there, with a warning", async () => {
    // quanzhou-scjgjczx 2026 (page 23 of the original): 知创大厦泉州知识产权馆建设费用项目绩效目标表, no 项目名称 row
    const doc = await parseFixture('real-budgets/quanzhou-scjgjczx-2026-unit-budget.pdf');
    const form = doc.forms[0]!;
    expect(form.project.name).toBe('知创大厦泉州知识产权馆建设费用');
    expect(form.warnings.map((w) => w.code)).toContain('name-from-title');
    expect(form.funds.projectTotal).toEqual({ total: 2303800, fiscal: 2303800, other: 0 });
    expect(form.goals.project).toBe('2026年');
    expect(form.indicators.map((i) => [i.level2, i.name, i.value.raw])).toEqual([
      ['经济成本指标', '预算控制率', '≤50%'],
      ['时效指标', '项目建设时间', '=1年'],
      ['数量指标', '设计方案达标数', '=1个'],
      ['质量指标', '项目工程质量', '=0起'],
      ['生态效益指标', '项目采用材料应符合环保要求', '=100%'],
      ['服务对象满意度指标', '对项目建设情况的满意度', '≥90%'],
    ]);
  });
});

describe('real budgets: the unit a summary table is of', () => {
  it('单位名称：… printed under the title is the implementing unit of the projects below it (changsha-zjjd)', async () => {
    // the same line as 部门名称：… gives the department (changsha-xfj's gold)
    const doc = await parseFixture('real-budgets/changsha-zjjd-2026-dept-budget.pdf');
    const project = doc.forms.find((f) => f.kind === 'project')!;
    expect(project.project.name).toBe('经常性运转经费（水电气）');
    expect(project.project.implementer).toBe('长沙职业教育基地综合协调办公室');
    expect(project.project.department).toBeNull();
  });
});

describe('real budgets: one form a page, each under its own title', () => {
  it('a table that starts under the title the last one started under is a new form, not the last one going on (yantai-whlyj, pages 43–44)', async () => {
    // both pages print 政策和项目预算绩效目标表 and (2026年度) above a form of the same columns; read as a
    // running header, the title was dropped and page 44's form was read as more rows of page 43's
    const doc = await parseFixture('real-budgets/yantai-whlyj-2026-p43-44.pdf');
    expect(doc.forms.map((f) => [f.pages, f.project.name, f.formTitle, f.year, f.indicators.length])).toEqual([
      [[1], '海上游船夜航补助', '政策和项目预算绩效目标表', 2026, 7],
      [[2], '实施公车统管费用', '政策和项目预算绩效目标表', 2026, 7],
    ]);
    expect(doc.forms[1]!.funds.annual).toEqual({ total: 30000, appropriation: 30000, carryover: null, other: 0 });
    expect(doc.forms[1]!.indicators[0]!.name).toBe('公务用车总成本');
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.code === 'inferred-year')).toEqual([]);
  });
});

describe('real budgets: a grid going on over a page break', () => {
  it("keeps the labels of blocks continued under the header printed again, whose 一级/二级 cells are empty there (beijing-whlyj 预算14表, pages 175–176)", async () => {
    const doc = await parseFixture('real-budgets/beijing-whlyj-2026-p175-176.pdf');
    const form = doc.forms[0]!;
    expect(form.pages).toEqual([1, 2]);
    const first = form.indicators.find((i) => i.page === 2)!;
    expect([first.name, first.level1, first.level2]).toEqual(['应急广播主动发布终端在线率', '产出指标', '质量指标']);
    const next = form.indicators[form.indicators.indexOf(first) + 1]!;
    expect([next.name, next.level1, next.level2]).toEqual(['各项目按计划执行率', '产出指标', '时效指标']);
    expect(form.indicators).toHaveLength(20);
    expect(form.warnings).toEqual([]);
  });
});

describe('real budgets: page numbers', () => {
  it('a page number printed above the footer band still lets the form run on to the next page (chongqing-sww 表十二, pages 26–27)', async () => {
    // `— 2 6 —` sits at 88–92 % of the page's height; read as content, it closed the table and page 27's
    // three indicators were lost without a warning
    const doc = await parseFixture('real-budgets/chongqing-sww-2026-p26-27.pdf');
    const form = doc.forms.find((f) => f.project.name === '市商务发展专项')!;
    expect(form.pages).toEqual([1, 2]);
    expect(form.indicators).toHaveLength(12);
    expect(form.indicators.slice(-3).map((i) => [i.name, i.value.operator, i.value.number, i.value.unit, i.weight, i.page])).toEqual([
      ['新增限额以上商贸市场主体数量', '≥', 2000, '家', 5, 2],
      ['外资企业对政策与政府服务满意度', '≥', 90, '%', 10, 2],
      ['年度预算执行率', '=', 100, '%', 10, 2],
    ]);
    expect(form.indicators.reduce((n, i) => n + (i.weight ?? 0), 0)).toBe(100);
  });
});

describe('real budgets: funds and goals of summary tables', () => {
  it('Chongqing 表十二: 当年财政拨款预算金额 is the annual appropriation, 当年绩效目标 the annual goal, 资金主管部门 the department', async () => {
    // chongqing-zfbgt 2026 pages 22–24; page 3 ← 24: 序号 | 项目名称 | 当年财政拨款预算金额 | 当年绩效目标 | 指标名称 | …
    const doc = await parseFixture('real-budgets/chongqing-zfbgt-2026-dept-budget.pdf');
    const form = doc.forms.find((f) => f.kind === 'project')!;
    expect(form.project).toMatchObject({ name: '市政府办公厅业务及日常运行项目', department: '重庆市人民政府办公厅' });
    expect(form.funds.sourceUnit).toBe('万元');
    expect(form.funds.annual).toEqual({ total: null, appropriation: 85341700, carryover: null, other: null });
    expect(form.goals.annual).toBe('完成各项业务工作，分别达到工作要求，保障市政府办公厅的正常运转。');
    expect(form.indicators[1]).toMatchObject({ name: '“一件事一次办”网站访问可达率', value: { operator: '≥', number: 90, unit: '%' }, weight: 15 });
  });
});

describe('real budgets: unit columns', () => {
  it('a 度量单位 of 其他 beside a qualitative value is no unit, not part of the text (Beijing 预算12表)', async () => {
    // beijing-jxj 2026 pages 62–63: 定性 | 优 | 其他
    const doc = await parseFixture('real-budgets/beijing-jxj-2026-budget-tables.pdf');
    const form = doc.forms.find((f) => f.project.name === '未来产业发展监测及促进服务')!;
    const ind = form.indicators.find((i) => i.name === '推动北京市未来产业培育发展')!;
    expect(ind.value).toEqual({ raw: '优', operator: null, number: null, unit: null, text: '优' });
    expect(form.indicators.some((i) => /其他$/.test(i.value.raw ?? ''))).toBe(false);
  });
});

describe('real budgets: merged cells over page breaks under a repeated header', () => {
  it('reads every project once, with its amounts, and no header row as a project', async () => {
    // beijing-fgw 预算12表, pages 32–34 of the original: a spreadsheet draws each merged cell's text on both
    // pages and clips it; the text clipped away must not reach the repeated header on the next page
    const doc = await parseFixture('real-budgets/beijing-fgw-2026-budget-tables.pdf');
    expect(doc.forms.map((f) => [f.project.name, f.pages, f.indicators.length, f.funds.projectTotal?.total])).toEqual([
      ['456102-成本监审工作经费', [1], 3, 142],
      ['京津冀协同发展相关宣传、展示及推介等工作经费', [1], 7, 580.15],
      ['京津冀协同发展规划政策工作经费', [1], 5, 119.45],
      ['日常调查与工作研究经费', [1, 2], 9, 59.35],
      ['固定资产投资领域重点支撑专项', [2], 6, 356],
      ['人口调控工作经费', [2], 5, 125],
      ['疏整促专项行动综合工作经费', [2], 8, 521.7],
      ['北京市产业发展研究推进工作', [2, 3], 6, 278],
      ['治理类街乡镇专项经费', [3], 10, 269],
      ['北京市“疏解整治促提升”综合调度信息平台大数据分析和运行服务项目', [3], 7, 1306.93],
    ]);
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.code === 'unreadable-amount')).toEqual([]);
  });
});

describe('real budgets: an empty merged level cell', () => {
  it('ends the 二级指标 above it: its rows get none, with a warning, and the labels after it apply again', async () => {
    // xian-swj 2022 表14 (pages 73–76 of the original): under 产出指标, 时效指标 (12 rows) is followed by a
    // 二级指标 cell merged over 17 cost rows and printed empty, from the foot of page 74 to page 75
    const doc = await parseFixture('real-budgets/xian-swj-2022-dept-budget.pdf');
    const form = doc.forms[0]!;
    expect(doc.forms.length).toBe(1);
    const unlabelled = form.indicators.filter((i) => i.level2 === null);
    expect(unlabelled.map((i) => i.page)).toEqual([...Array<number>(7).fill(2), ...Array<number>(10).fill(3)]);
    expect(unlabelled.every((i) => i.level1 === '产出指标' && i.value.unit === '万元')).toBe(true);
    expect([unlabelled[0]!.name, unlabelled[0]!.value.number, unlabelled[16]!.value.number]).toEqual(['局属国有特困企业退出市场', 50, 34970]);
    expect(form.indicators.filter((i) => i.level2 === '时效指标').length).toBe(12);
    const next = form.indicators[form.indicators.indexOf(unlabelled[16]!) + 1]!;
    expect([next.level1, next.level2]).toEqual(['效益指标', '经济效益指标']);
    expect(form.warnings.filter((w) => w.code === 'missing-level2').map((w) => [w.page, w.message])).toEqual([
      [2, 'an empty 二级指标 cell spans 7 rows; their indicators have no 二级指标, not 时效指标'],
    ]);
  });
});

describe('real budgets: a project block that fills a page between two breaks', () => {
  it('keeps the rows of a block whose project columns have no rule on the page with the project named there', async () => {
    // beijing-gzw 预算12表, page 17 (the header) and pages 22–25 of the original: the block of 3167 starts at the
    // foot of page 22, fills page 23, whose name / amount / goal columns are drawn with side lines only, and ends
    // at the top of page 24; 4057 starts lower on page 24 and is named on page 25
    const doc = await parseFixture('real-budgets/beijing-gzw-2026-budget-tables.pdf');
    const rows = doc.forms.map((f) => [f.project.code, f.project.name, f.pages, f.indicators.length, f.funds.projectTotal?.total]);
    expect(rows.slice(2)).toEqual([
      ['11000022T000000452941', '国有企业股权激励项目', [2], 5, 230000],
      ['11000022T000000453167', '国企改制改革重大事项自主创新等工作经费', [2, 3, 4], 20, 2365800],
      ['11000022T000000454057', '市属企业财务统计、检查与绩效评价', [4, 5], 17, 4465845],
    ]);
    const form = doc.forms[3]!;
    expect(form.indicators.filter((i) => i.page === 3).map((i) => i.name).slice(0, 2)).toEqual([
      '市属国企促消费行动咨询服务成本',
      '北京市属国企环境、社会和治理（ESG）蓝皮书编印成本',
    ]);
    expect(form.goals.annual).toMatch(/^1\.完成企业问卷调查/);
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.code === 'missing-value')).toEqual([]);
  });
});

describe('real budgets: a merged cell drawn over a page break', () => {
  it('reads the line the break cuts through once, though both pages print it', async () => {
    // beijing-gzw 预算12表 (pages 22–25 of the original): each page clips the merged goal cell to its part, and
    // the line the break runs through shows half on each page (研究奠定基础, 以评促建); before, it was read twice
    const doc = await parseFixture('real-budgets/beijing-gzw-2026-budget-tables.pdf');
    const goals = doc.forms.map((f) => f.goals.annual ?? '');
    expect(goals.find((g) => g.startsWith('1.完成企业问卷调查'))).toMatch(/促进科技创新发展研究奠定基础。通过进一步/);
    expect(goals.find((g) => g.startsWith('企业综合绩效评价工作'))).toMatch(/财务管理体系建设以评促建，结合市管企业/);
    // beijing-jxj 预算12表 (pages 62–63): the same on a goal that runs over the break
    const jxj = await parseFixture('real-budgets/beijing-jxj-2026-budget-tables.pdf');
    expect(jxj.forms.map((f) => f.goals.annual ?? '').join('\n')).not.toMatch(/(.{6,}).{0,4}\1/u);
  });
});
