import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import { extract } from '../src/extract/index.js';
import { differences, fixture, parseFixture, readExpected } from './helpers/expected.js';

describe('HTML input', () => {
  it('parses a form laid out with rowspan and colspan', async () => {
    const doc = await parseFixture('html/mof-form.html');
    expect(doc.source.format).toBe('html');
    expect(doc.title).toBe('某某局2024年度项目支出绩效目标表');
    expect(differences(doc, readExpected('html/mof-form.expected.json'))).toEqual([]);
  });

  it('places cells past the ones spanning down from above', async () => {
    const html = `<table>
      <tr><td rowspan="2">A</td><td colspan="2">B</td></tr>
      <tr><td>C</td><td>D</td></tr>
    </table>`;
    const ex = await extract(Buffer.from(html), 'grid.html');
    const table = ex.blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    const cells = table.rows.map((r) => r.cells.map((c) => [c.text, c.col, c.rowSpan, c.colSpan]));
    expect(cells).toEqual([
      [['A', 0, 2, 1], ['B', 1, 1, 2]],
      [['C', 1, 1, 1], ['D', 2, 1, 1]],
    ]);
  });
});

describe('Markdown input', () => {
  it('parses pipe tables with LaTeX and full-width values', async () => {
    const doc = await parseFixture('markdown/shanghai-form.md');
    expect(doc.source.format).toBe('markdown');
    expect(differences(doc, readExpected('markdown/shanghai-form.expected.json'))).toEqual([]);
  });

  it('is detected from content whatever the extension', async () => {
    const md = '| 项目名称 | 测试项目 |\n|---|---|\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | 培训人数 | ≥100人 |\n';
    const doc = await convert({ path: 'export.txt', bytes: Buffer.from(md) });
    expect(doc.source.format).toBe('markdown');
    expect(doc.forms[0]!.indicators[0]).toMatchObject({ name: '培训人数', value: { operator: '≥', number: 100, unit: '人' } });
  });
});

describe('documents without forms', () => {
  it('say so with a no-forms warning', async () => {
    const doc = await convert({ path: 'notes.txt', bytes: Buffer.from('部门预算说明\n本年度无项目。\n') });
    expect(doc.forms).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-forms']);
  });
});

describe('real 2026 上海市普陀区 forms, as a generic extractor grid (tab-separated)', () => {
  it.each(['shanghai-putuo-jgw-2026-lanxilu-form', 'shanghai-putuo-cgzf-2026-chaiwei-form'])('%s', async (name) => {
    const doc = await parseFixture(`real/${name}.tsv`);
    expect(differences(doc, readExpected(`real/${name}.expected.json`))).toEqual([]);
  });

  it('infers the 一级指标 a merged cell lost, and says so', async () => {
    const doc = await parseFixture('real/shanghai-putuo-jgw-2026-lanxilu-form.tsv');
    const first = doc.forms[0]!.indicators[0]!;
    expect(first).toMatchObject({ level1: '成本指标', level2: '生态环境成本指标', name: '文明施工情况' });
    expect(doc.forms[0]!.warnings.map((w) => w.code)).toContain('inferred-level1');
  });
});

describe('a layout the tool does not know', () => {
  it('reads indicator rows without a header row, with an unknown-layout warning', async () => {
    const text = '项目名称\t无表头项目\n产出指标\t数量指标\t培训人次\t≥500人次\n\t质量指标\t培训合格率\t≥95%\n效益指标\t社会效益指标\t技能提升\t明显\n';
    const doc = await convert({ path: 'headerless.txt', bytes: Buffer.from(text) });
    const form = doc.forms[0]!;
    expect(form.warnings.map((w) => w.code)).toEqual(['unknown-layout']);
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.value.number ?? i.value.text])).toEqual([
      ['产出指标', '数量指标', '培训人次', 500],
      ['产出指标', '质量指标', '培训合格率', 95],
      ['效益指标', '社会效益指标', '技能提升', '明显'],
    ]);
  });

  it('never crashes on tables of something else', async () => {
    const html = '<table><tr><td>科目编码</td><td>科目名称</td><td>金额</td></tr><tr><td>201</td><td>一般公共服务支出</td><td>1,000</td></tr></table>';
    const doc = await convert({ path: 'budget.html', bytes: Buffer.from(html) });
    expect(doc.forms).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-forms']);
  });
});

describe('CSV input', () => {
  it('reads the seed saved as comma-separated values like the tab-separated original', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const tsv = readFileSync(fixture('shared/shanghai-fwzk-2023-summary.txt'), 'utf8');
    const csv = stringify(tsv.split('\n').map((l) => l.split('\t')));
    const doc = await convert({ path: 'seed.csv', bytes: Buffer.from(csv) });
    expect(doc.source.format).toBe('csv');
    expect(differences(doc, readExpected('shared/shanghai-fwzk-2023-summary.expected.json'))).toEqual([]);
  });
});

describe('text laid out with spaces (pdftotext -layout)', () => {
  it('rebuilds the columns and wrapped cells of a form', async () => {
    const doc = await parseFixture('text/mof-form1-layout.txt');
    expect(doc.source.format).toBe('text');
    const expected = readExpected('shared/mof-2023.expected.json');
    expected.forms = expected.forms.slice(0, 1);
    expect(differences(doc, expected)).toEqual([]);
    // a name wrapped onto the next line is one name, and rows keep their source lines
    const wrapped = doc.forms[0]!.indicators[2]!;
    expect(wrapped.name).toBe('机房设备日常运行稳定性');
    expect(wrapped.page).toBe(17);
  });
});

describe('tables after a form', () => {
  it('are not read as its indicators unless they continue the hierarchy', async () => {
    const html = `<h2>项目支出绩效目标表</h2>
      <table>
        <tr><td>项目名称</td><td>测试项目</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
        <tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td></tr>
      </table>
      <table>
        <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>学员满意度</td><td>≥90%</td></tr>
      </table>
      <p>部门预算支出表</p>
      <table>
        <tr><td>科目编码</td><td>科目名称</td><td>金额</td></tr>
        <tr><td>2050803</td><td>培训支出</td><td>120,000.00</td></tr>
      </table>`;
    const doc = await convert({ path: 'form-then-budget.html', bytes: Buffer.from(html) });
    expect(doc.forms).toHaveLength(1);
    expect(doc.forms[0]!.indicators.map((i) => i.name)).toEqual(['培训人数', '学员满意度']);
    expect(doc.forms[0]!.warnings).toEqual([]);
  });
});
