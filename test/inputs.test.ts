import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import { extract } from '../src/extract/index.js';
import { differences, parseFixture, readExpected } from './helpers/expected.js';

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
