import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitProjectCode } from '../src/parse/header.js';
import { extractPdf } from '../src/extract/pdf/index.js';
import { parseDocument } from '../src/parse/index.js';
import { fixture, parseFixture } from './helpers/expected.js';
import { fromDump } from './helpers/dump-table.js';

/** Wide summary tables (one row per indicator, many projects) as real exports print them. */
function parse(name: string) {
  return parseDocument(fromDump(readFileSync(fixture(`tables/${name}.dump`), 'utf8')));
}

describe('a summary table with a header band of two rows', () => {
  const doc = parse('summary-band');

  it('reads one form per project, not the 合计 or the unit row, and continues a project re-printed over a page', () => {
    expect(doc.forms.map((f) => f.project.name)).toEqual(['业务工作经费专项', '接待中心运行专项']);
    expect(doc.forms[0]!.pages).toEqual([1, 2]);
    expect(doc.forms[0]!.indicators.map((i) => i.name)).toEqual([
      '总成本', '调拨经费单位数', '经费调拨及时性', '群众满意度', '助推基层提升工作效率',
    ]);
  });

  it('gives every project its amount, goal, title and unknown project columns', () => {
    const [a, b] = doc.forms;
    expect(a!.funds.projectTotal.total).toBe(357800);
    expect(a!.funds.sourceUnit).toBe('万元');
    expect(a!.goals.annual).toBe('按时调拨经费。');
    expect(a!.formTitle).toBe('2026年项目支出绩效目标表');
    expect(a!.year).toBe(2026);
    expect(a!.extra['单位编码']).toBe('126001');
    expect(b!.funds.projectTotal.total).toBe(102200);
  });

  it('takes 指标值类型 as the direction (定性: a text value) and keeps other columns out of the value', () => {
    const [cost, count, timely] = doc.forms[0]!.indicators;
    expect(cost!.value).toMatchObject({ operator: '≤', number: 35.78, unit: '万元', text: null });
    expect(cost!.term).toBe('annual');
    expect(count!.value).toMatchObject({ operator: '≥', number: 10, unit: '个' });
    expect(timely!.value).toMatchObject({ raw: '按时', operator: null, number: null, text: '按时' });
    expect(doc.forms.flatMap((f) => f.indicators).every((i) => i.term === 'annual')).toBe(true);
  });
});

describe('a summary table whose merged project cells are split by page breaks', () => {
  const doc = parse('summary-page-break');

  it('gives a block with an empty name cell at a page bottom to the project named at the next page top', () => {
    expect(doc.forms.map((f) => f.project.name)).toEqual(['医疗保障公众评价', '医疗保障工作宣传服务']);
    expect(doc.forms[0]!.indicators.map((i) => i.name)).toEqual(['深度访谈数量：医疗机构', '研究结果验收合格率']);
    expect(doc.forms[1]!.indicators.map((i) => i.name)).toEqual([
      '2026年项目首款', '内容策划：宣传展板设计', '微博：月报', '参保人员满意度', '宣传覆盖人次', '宣传费用',
    ]);
  });

  it('keeps a block with an empty name cell at a page top with the project above it', () => {
    expect(doc.forms[1]!.pages).toEqual([1, 2, 3]);
  });

  it('splits the code printed in the name cell and reads the band of funds columns', () => {
    const [a, b] = doc.forms;
    expect(a!.project).toMatchObject({ name: '医疗保障公众评价', code: '11000022T000000444016' });
    expect(b!.project.code).toBe('11000022T000000444004');
    expect(a!.funds.projectTotal).toEqual({ total: 764363.38, fiscal: 764363.38, other: null });
    expect(a!.goals.annual).toBe('提升医保服务质量。');
    expect(doc.warnings.filter((w) => w.code === 'unparsed-row')).toEqual([]);
  });

  it('takes the document year for forms that print none, with a warning', () => {
    expect(doc.forms.map((f) => f.year)).toEqual([2026, 2026]);
    expect(doc.forms[0]!.warnings.map((w) => w.code)).toContain('inferred-year');
  });

  it('reads 定性 in the direction column as a qualitative value, and compound units', () => {
    const byName = new Map(doc.forms[1]!.indicators.map((i) => [i.name, i]));
    expect(byName.get('参保人员满意度')!.value).toMatchObject({ raw: '有效提升', text: '有效提升', operator: null });
    expect(byName.get('宣传费用')!.value).toMatchObject({ operator: '≤', number: 50, unit: '元/平方米' });
  });
});

describe('a project code printed in front of the name', () => {
  it.each([
    ['11000022T000000444 016-医疗保障公众评价', '11000022T000000444016', '医疗保障公众评价'],
    // after a dash the name may start with a Latin word (beijing-wjw p. 136)
    ['11000026T00000371 8236-MPXV与HIV共感染的免疫互作机制研究', '11000026T000003718236', 'MPXV与HIV共感染的免疫互作机制研究'],
    ['11000022T000000444016 医疗保障公众评价', '11000022T000000444016', '医疗保障公众评价'],
  ])('%s', (cell, code, name) => {
    expect(splitProjectCode(cell)).toEqual({ code, name });
  });

  it('leaves a name alone where what follows is more code or a number', () => {
    expect(splitProjectCode('11000022T000000444 ABC项目').code).toBeNull();
    expect(splitProjectCode('2023202420-2025年项目').code).toBeNull();
    expect(splitProjectCode('医疗保障公众评价').code).toBeNull();
  });
});

describe('a summary table whose project prints several funding lines under its merged name cell', () => {
  it("adds the lines' amounts up and joins their goals (beijing-rsj 预算12表, page 30)", async () => {
    const doc = await parseFixture('real-budgets/beijing-rsj-2026-p30.pdf');
    const [first, second] = doc.forms;
    expect(first!.project.name).toBe('就业管理工作经费项目');
    // 33.545250 + 600.719600 + 6.750000 万元
    expect(first!.funds.projectTotal).toEqual({ total: 6410148.5, fiscal: 6410148.5, other: null });
    expect(first!.goals.annual!.split('\n')[0]).toBe('为进一步加强基层服务能力建设，为各区已建成的务工人员之家配备一次性物品，供农民工等户外务工人员使用。');
    expect(first!.goals.annual!.split('\n').length).toBeGreaterThan(1);
    // 299.802600 + 42.000000 万元
    expect(second!.project.name).toBe('就业管理活动经费项目');
    expect(second!.funds.projectTotal.total).toBe(3418026);
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.code === 'funds-mismatch')).toEqual([]);
  });
});

describe('a summary table whose project runs over a page break', () => {
  it('adds a funding line that starts at the top of the next page, under the name printed again (beijing-rsj 预算12表, pages 35–36)', async () => {
    // page 35: 139.068000 财政资金 (万元); page 36 re-prints the name cell over a new block: 60.180000 = 4.180000 财政 + 56.000000 其他
    const doc = await parseFixture('real-budgets/beijing-rsj-2026-p30-35-36.pdf');
    const form = doc.forms.find((f) => f.project.name === '京津冀协同发展和支援合作项目')!;
    expect(form.pages).toEqual([2, 3]);
    expect(form.funds.projectTotal).toEqual({ total: 1992480, fiscal: 1432480, other: 560000 });
    expect(form.goals.annual!.split('\n')).toHaveLength(2);
    expect(form.goals.annual!.split('\n')[1]).toMatch(/^1\.搭建京津冀青年科技人才服务平台/);
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.code === 'funds-mismatch')).toEqual([]);
  });

  it('joins the cells whose cut line one page prints with a mark the other lost to the clip (beijing-gzw, pages 27–28)', async () => {
    const doc = await parseFixture('real-budgets/beijing-gzw-2026-p17-27-28.pdf');
    const form = doc.forms.find((f) => f.pages.join() === '2,3')!;
    expect(form.project.name).toBe('市管企业共性问题、违规经营性投资责任追究及审计监督检查');
    expect(form.funds.projectTotal).toEqual({ total: 2646400, fiscal: 2646400, other: null });
    expect(doc.forms.map((f) => f.project.name)).toEqual(['国资国企重难点问题研究', form.project.name, '法制建设工作经费']);
  });

  it('keeps the cut line once, with the mark the clip took from one page (beijing-gzw, pages 22–25)', async () => {
    // pages 23/24 of the original print 战略使命 推动 clipped at the bottom, 战略使命、推动 at the top
    const doc = await parseFixture('real-budgets/beijing-gzw-2026-budget-tables.pdf');
    const goals = doc.forms.map((f) => f.goals.annual ?? '').join('\n');
    expect(goals).toContain('强化战略使命、推动履行国家安全责任');
    expect(goals).not.toContain('推动战略使命');
  });
});

describe('a summary table whose next project starts at the top of a page', () => {
  it('keeps an amount cell left blank on one side of the break to its own project (beijing-sthjj 预算12表, pages 36–37)', async () => {
    // page 36 ends with 全国辐射… (财政资金 blank, 其他资金 180.000000); page 37 starts with 碳排放权… (财政资金
    // 870.200000, 其他资金 blank): the name, total and goal cells start new on page 37, so the blanks are not
    // the two halves of one cell merged over the break
    const doc = await parseFixture('real-budgets/beijing-sthjj-2026-p36-37.pdf');
    const funds = Object.fromEntries(doc.forms.map((f) => [f.project.name, f.funds.projectTotal]));
    expect(funds['全国辐射环境监测与监督性监测项目']).toEqual({ total: 180, fiscal: null, other: 180 });
    expect(funds['碳排放权交易市场运行管理项目']).toEqual({ total: 870.2, fiscal: 870.2, other: null });
    expect(doc.forms.flatMap((f) => f.warnings).filter((w) => w.code === 'funds-mismatch')).toEqual([]);
  });

  it('joins a merged cell whose line the break cuts across, printed clipped on both pages (beijing-wjw, pages 62–63)', async () => {
    // the name cell of 护理实训基地设备购置项目 runs over the break; its last line 置项目 is printed cut on page 62
    // and again on page 63, as is the goal's line 于一体的现代护理实训基地。
    const { blocks } = await extractPdf(readFileSync('fixtures/pdf/beijing-wjw-2026-p62-63.pdf'));
    const cells = blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((r) => r.cells) : []));
    const name = cells.find((c) => c.col === 0 && c.text.includes('护理实训基地'))!;
    expect(name.text.replace(/\s/g, '')).toBe('11000025T000003439259-开办类项目-护理实训基地设备购置项目');
    expect(cells.filter((c) => c.text.trim() === '置项目')).toEqual([]);
    const goal = cells.find((c) => c.text.startsWith('本项目旨在全面提升'))!;
    expect(goal.rowSpan).toBe(name.rowSpan);
    expect(goal.text.match(/于一体的现代护理实训基地/g)).toHaveLength(1);
    expect(goal.text).toMatch(/护理人才。$/);
  });
});
