import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import { extract } from '../src/extract/index.js';
import { MAX_ROW_CELLS } from '../src/model/build.js';
import { toRows } from '../src/parse/rows.js';

// Large inputs (issue 14): long tables and huge lines are read whole, in work that grows with the
// input. Speed figures are for `npm run fuzz` (its crafted cases); these tests check what is read.

const HEAD = ['项目支出绩效目标表', '项目名称\t测试项目', '一级指标\t二级指标\t三级指标\t指标值'];
const wideLine = (sep: string, cells: number): string => Array.from({ length: cells }, (_, i) => `c${i}`).join(sep);

describe('long tables', () => {
  it('reads every row of a 20,000-row HTML table as an indicator', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>产出指标</td><td>数量指标</td><td>指标${i}</td><td>≥${i}个</td></tr>`);
    const html = `<p>项目支出绩效目标表</p><table><tr><td>项目名称</td><td colspan="3">测试项目</td></tr>` +
      `<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>${rows.join('')}</table>`;
    const doc = await convert({ path: 'rows.html', bytes: Buffer.from(html) });
    expect(doc.forms).toHaveLength(1);
    const { indicators, project } = doc.forms[0]!;
    expect(project.name).toBe('测试项目');
    expect(indicators).toHaveLength(20_000);
    expect(indicators[19_999]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '指标19999' });
    expect(indicators[19_999]!.value).toMatchObject({ operator: '≥', number: 19999, unit: '个' });
  });

  it('warns once per form for a doubt that holds for every row of a long table', async () => {
    // no level labels under the level columns: the form warns once, however many rows it has
    const rows = Array.from({ length: 5000 }, (_, i) => `\t\t指标${i}\t${i}`);
    const doc = await convert({ path: 'rows.tsv', bytes: Buffer.from([...HEAD, ...rows].join('\n')) });
    expect(doc.forms[0]!.indicators).toHaveLength(5000);
    expect(doc.forms[0]!.warnings.filter((w) => w.code === 'missing-level1')).toHaveLength(1);
  });
});

describe('lines wider than any table', () => {
  it('reads a tab-separated line of more cells than a spreadsheet holds as text, and the form after it', async () => {
    const text = [wideLine('\t', MAX_ROW_CELLS + 1), ...HEAD, '产出指标\t数量指标\t培训人数\t≥100人'].join('\n');
    const ex = await extract(Buffer.from(text), 'wide.tsv');
    expect(ex.warnings).toEqual([expect.objectContaining({ code: 'row-too-wide', line: 1 })]);
    expect(ex.blocks[0]).toMatchObject({ kind: 'paragraph', line: 1 });
    const doc = await convert({ path: 'wide.tsv', bytes: Buffer.from(text) });
    expect(doc.forms.map((f) => f.indicators.map((i) => i.name))).toEqual([['培训人数']]);
    expect(doc.warnings.map((w) => w.code)).toContain('row-too-wide');
  });

  it('keeps a line of exactly as many cells as a spreadsheet holds a table row', async () => {
    const ex = await extract(Buffer.from(wideLine('\t', MAX_ROW_CELLS)), 'edge.tsv');
    expect(ex.warnings).toEqual([]);
    const table = ex.blocks[0]!;
    expect(table.kind === 'table' && table.rows[0]!.cells.length).toBe(MAX_ROW_CELLS);
  });

  it('reads a CSV line of a million commas as text, the records around it as CSV with their own line numbers', async () => {
    const text = `项目名称,测试项目\n${'x,'.repeat(1_000_000)}\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,"培训人数, 全年",≥100人\n`;
    const ex = await extract(Buffer.from(text), 'wide.csv');
    expect(ex.warnings).toEqual([expect.objectContaining({ code: 'row-too-wide', line: 2 })]);
    const tables = ex.blocks.filter((b) => b.kind === 'table');
    expect(tables.map((t) => t.kind === 'table' && t.rows.map((r) => [r.line, r.cells.map((c) => c.text)]))).toEqual([
      [[1, ['项目名称', '测试项目']]],
      [
        [3, ['一级指标', '二级指标', '三级指标', '指标值']],
        [4, ['产出指标', '数量指标', '培训人数, 全年', '≥100人']],
      ],
    ]);
  });

  it('reads a Markdown table line of too many cells as text', async () => {
    const text = `| 项目名称 | 测试项目 |\n|---|---|\n|${'a|'.repeat(MAX_ROW_CELLS + 1)}\n`;
    const ex = await extract(Buffer.from(text), 'wide.md');
    expect(ex.warnings).toEqual([expect.objectContaining({ code: 'row-too-wide', line: 3 })]);
    expect(ex.blocks.map((b) => b.kind)).toEqual(['table', 'paragraph']);
  });

  it('reads a 5 MB line of CJK words as one paragraph, its spaces between CJK characters dropped', async () => {
    const words = '项目 名称 预算 金额 ';
    const text = words.repeat(Math.floor((5 * 1024 * 1024) / Buffer.byteLength(words)));
    const ex = await extract(Buffer.from(text), 'line.txt');
    expect(ex.blocks).toHaveLength(1);
    const doc = await convert({ path: 'line.txt', bytes: Buffer.from(text) });
    expect(doc.forms).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-forms']);
  });

  it('reads a 4 MB line of words in mixed spaces as one paragraph, each run of spaces one space', async () => {
    const words = Array.from({ length: 400_000 }, (_, i) => `w${i % 97}`);
    const spaces = [' ', '  ', ' \u2002', '\u3000', '\u00a0 \u2003'];
    const text = `  ${words.map((w, i) => w + spaces[i % spaces.length]).join('')}\n`;
    const ex = await extract(Buffer.from(text), 'line.txt');
    expect(ex.blocks).toHaveLength(1);
    const rows = toRows(ex);
    expect(rows.map((r) => r.cells.map((c) => c.text))).toEqual([[words.join(' ')]]);
    expect(rows[0]!.cells[0]!.key).toBe(words.join(''));
  });
});

describe('tab-separated fields', () => {
  it('reads quoted cells holding tabs, doubled quotes and line breaks, and quotes that quote nothing', async () => {
    const rows = async (text: string): Promise<string[][]> =>
      (await extract(Buffer.from(text), 'q.tsv')).blocks.flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.map((c) => c.text)) : [[b.text]]));
    expect(await rows('"a\tb"\t"say ""hi"""\t"two\nlines"\tx"y\t\t')).toEqual([['a\tb', 'say "hi"', 'two\nlines', 'x"y', '', '']]);
    // a quote that does not close its cell cleanly is text; `"\t"` is a quoted tab (an empty cell once trimmed)
    expect(await rows('项目名称\t"\t"\t"open\n"x"y"\tz')).toEqual([['项目名称', '', '"open\n"x"y"', 'z']]);
    // the first quote of a record after text: it opens a cell only at the cell's start
    expect(await rows('甲"乙\t"丙\n丁"\t戊')).toEqual([['甲"乙', '丙\n丁', '戊']]);
  });
});
