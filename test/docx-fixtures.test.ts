import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../src/extract/docx.js';
import type { Block, Cell, Extracted, TableBlock } from '../src/model/intermediate.js';
import { ExtractedSchema } from '../src/model/intermediate.js';

/**
 * The four shared fixtures: the same six forms in four layouts. Table contents are checked
 * against the forms' expected parse (names, amounts, indicators and how they group), so the
 * cells are right cell for cell where the parser will look: the 项目名称 row, the funds block,
 * the indicator header and the spans of the 一级/二级 label cells.
 */
interface Indicator {
  level1: string;
  level2: string;
  name: string;
  value: { raw: string | null; number: number | null; text: string | null };
}
interface Form {
  project: { name: string; nature: string | null; category: string | null; department: string; implementer: string };
  funds: { annual: { total: number } };
  goals: { annual: string };
  indicators: Indicator[];
}

const dir = new URL('../fixtures/shared/', import.meta.url);
const load = async (name: string): Promise<{ out: Extracted; forms: Form[] }> => {
  const out = await extractDocx(readFileSync(new URL(`${name}-2023.docx`, dir)));
  const forms = (JSON.parse(readFileSync(new URL(`${name}-2023.expected.json`, dir), 'utf8')) as { forms: Form[] }).forms;
  return { out, forms };
};

const TITLE = '上海市房屋状况事务中心2023年度项目绩效目标汇总表';

function tables(blocks: Block[]): TableBlock[] {
  return blocks.filter((b): b is TableBlock => b.kind === 'table');
}

function outline(blocks: Block[]): string[] {
  return blocks.map((b) => (b.kind === 'paragraph' ? b.text : 'TABLE'));
}

/** The cell covering each grid position (spans expanded), to read a row as the eye does. */
function grid(t: TableBlock): Array<Array<Cell | undefined>> {
  const g: Array<Array<Cell | undefined>> = t.rows.map(() => []);
  t.rows.forEach((row, r) => {
    for (const c of row.cells) {
      for (let dr = 0; dr < c.rowSpan; dr++) for (let dc = 0; dc < c.colSpan; dc++) g[r + dr]![c.col + dc] = c;
    }
  });
  return g;
}

/** The cell that starts at (row, col), or undefined. */
function at(t: TableBlock, row: number, col: number): Cell | undefined {
  return t.rows[row]?.cells.find((c) => c.col === col);
}

/** Lengths of runs of equal keys: how many rows each merged label cell must span. */
function runs(keys: string[]): number[] {
  const out: number[] = [];
  keys.forEach((k, i) => (i > 0 && k === keys[i - 1] ? (out[out.length - 1]! += 1) : out.push(1)));
  return out;
}

const amount = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''));

/**
 * The indicator rows from `first` on: label, name and value columns, and the rowSpans of the
 * level-1 and level-2 cells, which are merged over their runs.
 */
function checkIndicators(
  t: TableBlock,
  first: number,
  ind: Indicator[],
  cols: { l1: number; l2: number; name: number; value: number },
  value: (cell: string, i: Indicator) => void,
): void {
  const g = grid(t);
  ind.forEach((i, k) => {
    const row = g[first + k]!;
    expect([row[cols.l1]?.text, row[cols.l2]?.text, row[cols.name]?.text]).toEqual([i.level1, i.level2, i.name]);
    value(row[cols.value]?.text ?? '', i);
  });
  const spans = (col: number): number[] =>
    ind.flatMap((_, k) => {
      const c = at(t, first + k, col);
      return c ? [c.rowSpan] : [];
    });
  expect(spans(cols.l1)).toEqual(runs(ind.map((i) => i.level1)));
  expect(spans(cols.l2)).toEqual(runs(ind.map((i) => `${i.level1}/${i.level2}`)));
  // one indicator name per row, unmerged
  expect(spans(cols.name)).toEqual(ind.map(() => 1));
}

describe('DOCX fixtures', () => {
  it('shanghai: one table per form, titles and year lines in between', async () => {
    const { out, forms } = await load('shanghai');
    expect(ExtractedSchema.parse(out)).toEqual(out);
    expect(out.warnings).toEqual([]);
    expect(outline(out.blocks)).toEqual([TITLE, ...forms.flatMap(() => ['财政项目支出绩效目标申报表', '(2023年度)', 'TABLE'])]);
    tables(out.blocks).forEach((t, f) => {
      const form = forms[f]!;
      const n = form.indicators.length;
      expect(t.rows).toHaveLength(10 + n);
      const p = form.project;
      expect(t.rows[0]!.cells.map((c) => [c.col, c.text])).toEqual([
        [0, '项目名称'], [1, p.name], [2, '项目性质'], [3, p.nature], [4, '项目类别'], [5, p.category],
      ]);
      expect(t.rows[1]!.cells.map((c) => [c.col, c.colSpan, c.text])).toEqual([
        [0, 1, '主管部门'], [1, 1, p.department], [2, 1, '实施单位'], [3, 3, p.implementer],
      ]);
      // funds block: a 4-row label, the annual total in a 2-column cell
      expect(at(t, 3, 0)).toMatchObject({ text: '项目资金 (元)', rowSpan: 4, colSpan: 1 });
      expect(at(t, 3, 3)?.text).toBe('年度资金申请总额');
      expect(at(t, 3, 4)).toMatchObject({ colSpan: 2 });
      expect(amount(at(t, 3, 4)?.text)).toBe(form.funds.annual.total);
      expect(t.rows[5]!.cells.map((c) => c.col)).toEqual([1, 2, 3, 4]); // an empty label cell, not a shifted one
      expect(at(t, 8, 3)).toMatchObject({ text: form.goals.annual, colSpan: 3 });
      expect(t.rows[9]!.cells.map((c) => [c.col, c.rowSpan, c.colSpan, c.text])).toEqual([
        [0, n + 1, 1, '绩效指标'], [1, 1, 1, '一级指标'], [2, 1, 1, '二级指标'], [3, 1, 1, '三级指标'],
        [4, 1, 2, '年度(/项目)指标值'],
      ]);
      checkIndicators(t, 10, form.indicators, { l1: 1, l2: 2, name: 3, value: 4 }, (v, i) => expect(v).toBe(i.value.raw ?? ''));
    });
  });

  it('mof: one table per form in the Ministry of Finance layout, amounts in 万元', async () => {
    const { out, forms } = await load('mof');
    expect(out.warnings).toEqual([]);
    expect(outline(out.blocks)).toEqual([TITLE, ...forms.flatMap(() => ['项目支出绩效目标表', '（2023年度）', 'TABLE'])]);
    tables(out.blocks).forEach((t, f) => {
      const form = forms[f]!;
      const n = form.indicators.length;
      expect(t.rows).toHaveLength(7 + n);
      expect(t.rows[0]!.cells.map((c) => [c.col, c.colSpan, c.text])).toEqual([
        [0, 1, '项目名称'], [1, 4, form.project.name],
      ]);
      expect(at(t, 2, 0)).toMatchObject({ text: '项目资金（万元）', rowSpan: 3 });
      expect(at(t, 2, 1)).toMatchObject({ text: '年度资金总额', colSpan: 2 });
      expect(Math.round(amount(at(t, 2, 3)?.text) * 10000)).toBe(form.funds.annual.total);
      expect(at(t, 5, 1)?.text).toBe(form.goals.annual);
      expect(t.rows[6]!.cells.map((c) => [c.col, c.rowSpan, c.text])).toEqual([
        [0, n + 1, '绩效指标'], [1, 1, '一级指标'], [2, 1, '二级指标'], [3, 1, '三级指标'], [4, 1, '指标值'],
      ]);
      checkIndicators(t, 7, form.indicators, { l1: 1, l2: 2, name: 3, value: 4 }, (v, i) => expect(v).toBe(i.value.raw ?? ''));
    });
  });

  it('split: direction, value and unit in columns of their own', async () => {
    const { out, forms } = await load('split');
    expect(out.warnings).toEqual([]);
    expect(outline(out.blocks)).toEqual([TITLE, ...forms.flatMap(() => ['项目支出绩效目标表', '（2023年度）', 'TABLE'])]);
    tables(out.blocks).forEach((t, f) => {
      const form = forms[f]!;
      const n = form.indicators.length;
      expect(t.rows).toHaveLength(7 + n);
      expect(t.rows[0]!.cells.map((c) => [c.col, c.colSpan, c.text])).toEqual([
        [0, 1, '项目名称'], [1, 6, form.project.name],
      ]);
      expect(at(t, 2, 0)).toMatchObject({ text: '项目资金（万元）', rowSpan: 3 });
      expect(Math.round(amount(at(t, 2, 3)?.text) * 10000)).toBe(form.funds.annual.total);
      expect(t.rows[6]!.cells.map((c) => c.text)).toEqual([
        '绩效指标', '一级指标', '二级指标', '三级指标', '指标方向', '指标值', '计量单位',
      ]);
      expect(t.rows[6]!.cells.map((c) => c.col)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      checkIndicators(t, 7, form.indicators, { l1: 1, l2: 2, name: 3, value: 5 }, (v, i) =>
        expect(v).toBe(i.value.number !== null ? String(amount(v)) : (i.value.text ?? '')),
      );
      // a numeric value is the same number in its own column
      const g = grid(t);
      form.indicators.forEach((i, k) => {
        if (i.value.number !== null) expect(amount(g[7 + k]![5]?.text)).toBe(i.value.number);
      });
    });
  });

  it('summary: one table for all forms, each form a group of rows under merged project cells', async () => {
    const { out, forms } = await load('summary');
    expect(out.warnings).toEqual([]);
    expect(outline(out.blocks)).toEqual([TITLE, '单位：元', 'TABLE']);
    const t = tables(out.blocks)[0]!;
    const total = forms.reduce((s, f) => s + f.indicators.length, 0);
    expect(t.rows).toHaveLength(1 + total);
    expect(t.rows[0]!.cells.map((c) => [c.col, c.text])).toEqual(
      ['项目名称', '主管部门', '实施单位', '年度资金总额', '年度绩效目标', '一级指标', '二级指标', '三级指标', '指标值'].map(
        (h, i) => [i, h],
      ),
    );
    let first = 1;
    for (const form of forms) {
      const n = form.indicators.length;
      const p = form.project;
      // the project columns are merged down the form's rows, and appear once, in its first row
      expect(t.rows[first]!.cells.slice(0, 5).map((c) => [c.col, c.rowSpan, c.colSpan])).toEqual(
        [0, 1, 2, 3, 4].map((col) => [col, n, 1]),
      );
      expect(t.rows[first]!.cells.slice(0, 5).map((c) => c.text)).toEqual([
        p.name, p.department, p.implementer, t.rows[first]!.cells[3]!.text, form.goals.annual,
      ]);
      expect(amount(t.rows[first]!.cells[3]!.text)).toBe(form.funds.annual.total);
      for (let k = 1; k < n; k++) expect(t.rows[first + k]!.cells.every((c) => c.col >= 5)).toBe(true);
      checkIndicators(t, first, form.indicators, { l1: 5, l2: 6, name: 7, value: 8 }, (v, i) => expect(v).toBe(i.value.raw ?? ''));
      first += n;
    }
  });
});
