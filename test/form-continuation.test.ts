import { describe, expect, it } from 'vitest';
import type { Block, Cell } from '../src/model/intermediate.js';
import { parseDocument } from '../src/parse/index.js';
import { parseFixture } from './helpers/expected.js';

// A form goes on over page breaks and sub-headings: a repeated title, a sub-heading before the
// grid, a header value cut by the break, and a note row under the grid are all part of the form.

const cell = (text: string, col: number, page: number, colSpan = 1): Cell => ({
  text, col, colSpan, rowSpan: 1, page, line: null, bbox: null,
});
const table = (page: number, rows: [string, number, number?][][]): Block => ({
  kind: 'table',
  page,
  rows: rows.map((r) => ({ cells: r.map(([t, c, s]) => cell(t, c, page, s)), page, line: null })),
});
const paragraph = (text: string, page: number): Block => ({ kind: 'paragraph', text, page, line: null });
const parse = (blocks: Block[]) => parseDocument({ format: 'pdf', pages: 2, encoding: null, blocks, warnings: [] });

const GRID: [string, number, number?][][] = [
  [['一级指标', 0], ['二级指标', 1], ['三级指标', 2], ['指标值', 3]],
  [['产出指标', 0], ['数量指标', 1], ['补助人数', 2], ['≥300人', 3]],
];

describe('a form over a page break', () => {
  it('joins a project name the break cut in two', () => {
    const { forms } = parse([
      table(1, [[['项目名称', 0], ['2026年医疗服务与保障能力提升补助资', 1, 3]]]),
      paragraph('24', 1),
      table(2, [[['', 0], ['金', 1, 3]], [['主管部门', 0], ['福州市医疗保障局', 1, 3]], ...GRID]),
    ]);
    expect(forms.map((f) => f.project.name)).toEqual(['2026年医疗服务与保障能力提升补助资金']);
    expect(forms[0]!.project.department).toBe('福州市医疗保障局');
  });

  it('joins a goal the break cut in two', () => {
    const { forms } = parse([
      table(1, [[['项目名称', 0], ['乡村医生补助', 1, 3]], [['年度目标', 0], ['保障乡村医生按时足额领取', 1, 3]]]),
      table(2, [[['', 0], ['补助资金。', 1, 3]], ...GRID]),
    ]);
    expect(forms[0]!.goals.annual).toBe('保障乡村医生按时足额领取补助资金。');
  });

  it('keeps a row that starts a page with its own label', () => {
    const { forms } = parse([
      table(1, [[['项目名称', 0], ['乡村医生补助', 1, 3]]]),
      table(2, [[['主管部门', 0], ['卫健委', 1, 3]], ...GRID]),
    ]);
    expect(forms[0]!.project).toMatchObject({ name: '乡村医生补助', department: '卫健委' });
  });

  it('goes on under the title repeated at the page top, and a title over header fields starts the next form', () => {
    const { forms } = parse([
      paragraph('政策和项目预算绩效目标表', 1),
      table(1, [[['项目名称', 0], ['甲项目', 1, 3]], ...GRID]),
      paragraph('政策和项目预算绩效目标表', 2),
      table(2, [[['满意度指标', 0], ['服务对象满意度指标', 1], ['参与人员满意度', 2], ['≥90%', 3]]]),
      paragraph('政策和项目预算绩效目标表', 2),
      table(2, [[['项目名称', 0], ['乙项目', 1, 3]], ...GRID]),
    ]);
    expect(forms.map((f) => [f.project.name, f.indicators.map((i) => i.name)])).toEqual([
      ['甲项目', ['补助人数', '参与人员满意度']],
      ['乙项目', ['补助人数']],
    ]);
  });
});

describe('the layout fixture continued-forms.html', () => {
  it('reads a note row as a note on the form, never an indicator', async () => {
    const doc = await parseFixture('layouts/continued-forms.html');
    expect(doc.forms.map((f) => f.extra)).toEqual([{}, { 备注: '助餐补贴按季度拨付。' }]);
    expect(doc.forms.flatMap((f) => f.indicators.map((i) => i.name))).not.toContain('备注');
  });

  it('reads a value equal to its name, and a name equal to a 二级 label, without a warning', async () => {
    const doc = await parseFixture('layouts/continued-forms.html');
    // the second form prints no year of its own: the document's, flagged, is its only warning
    expect(doc.forms.map((f) => f.warnings.map((w) => w.code))).toEqual([[], ['inferred-year']]);
  });
});
