import * as XLSX from '@e965/xlsx';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../src/io/inputs.js';
import { convert } from '../src/convert.js';
import { extract } from '../src/extract/index.js';
import type { Block, Cell, Extracted, TableBlock } from '../src/model/intermediate.js';
import { differences, fixture, parseFixture, readExpected } from './helpers/expected.js';

/**
 * Spreadsheet fixtures (fixtures/spreadsheets/, made by scripts/make-spreadsheet-fixtures.mjs from
 * the shared DOCX fixtures): money as numbers with a display format, dates as date cells, merged
 * cells, a hidden column and a hidden row of working notes (备注…, 草稿…) inside the merges.
 */
const FIXTURES = [
  { file: 'shanghai-2023.xlsx', layout: 'shanghai', format: 'xlsx', sheets: 6 },
  { file: 'shanghai-2023.et', layout: 'shanghai', format: 'xls', sheets: 6 },
  { file: 'mof-2023.xls', layout: 'mof', format: 'xls', sheets: 1 },
  { file: 'split-2023.ods', layout: 'split', format: 'ods', sheets: 1 },
  { file: 'summary-2023.xlsx', layout: 'summary', format: 'xlsx', sheets: 1 },
] as const;

const read = async (file: string): Promise<Extracted> => {
  const path = fixture(`spreadsheets/${file}`);
  return extract(readFileSync(path), path);
};

const cells = (blocks: Block[]): Cell[] =>
  blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((r) => r.cells) : []));

describe('spreadsheet fixtures', () => {
  for (const f of FIXTURES) {
    it(`${f.file}: parses to the layout's expected forms`, async () => {
      const doc = await parseFixture(`spreadsheets/${f.file}`);
      expect(doc.source.format).toBe(f.format);
      expect(doc.source.pages).toBe(f.sheets);
      expect(differences(doc, readExpected(`shared/${f.layout}-2023.expected.json`))).toEqual([]);
    });

    it(`${f.file}: leaves out the hidden row and column`, async () => {
      const texts = cells((await read(f.file)).blocks).map((c) => c.text);
      expect(texts.filter((t) => /^(备注|草稿)\d+$/.test(t))).toEqual([]);
      expect(texts).toContain('一级指标');
    });
  }

  it('reads every sheet, in order, with its number as the page and its row as the line', async () => {
    const ex = await read('shanghai-2023.xlsx');
    const titles = ex.blocks.filter((b) => b.kind === 'paragraph' && b.text === '财政项目支出绩效目标申报表');
    expect(titles.map((b) => b.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ex.blocks[0]).toMatchObject({ kind: 'paragraph', text: '上海市房屋状况事务中心2023年度项目绩效目标汇总表', page: 1, line: 1 });
    const doc = await parseFixture('spreadsheets/shanghai-2023.xlsx');
    expect(doc.forms.map((form) => form.pages)).toEqual([[1], [2], [3], [4], [5], [6]]);
  });

  it('shows numbers as formatted, dates as ISO dates and merged cells as spans', async () => {
    for (const file of ['shanghai-2023.xlsx', 'shanghai-2023.et']) {
      const ex = await read(file);
      const table = ex.blocks.find((b): b is TableBlock => b.kind === 'table')!;
      const row = (label: string): string[] =>
        table.rows.find((r) => r.cells.some((c) => c.text === label))!.cells.map((c) => c.text);
      expect(row('年度资金申请总额')).toContain('360,000.00');
      expect(row('计划开始日期')).toEqual(['计划开始日期', '2023-01-01', '计划完成日期', '2023-12-31']);
      const label = table.rows.flatMap((r) => r.cells).find((c) => c.text === '绩效指标')!;
      // 13 rows in the DOCX table; the hidden draft row inside the merge is not counted
      expect([label.col, label.rowSpan, label.colSpan]).toEqual([0, 13, 1]);
    }
  });
});

/** A workbook built here, written by SheetJS in `bookType`. */
function workbook(sheets: { name: string; rows: (string | number)[][]; hidden?: boolean; ws?: Partial<XLSX.WorkSheet> }[], bookType: XLSX.BookType): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = Object.assign(XLSX.utils.aoa_to_sheet(s.rows), s.ws ?? {});
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) };
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}

const FORM = [
  ['项目支出绩效目标表'],
  ['项目名称', '测试项目', '', ''],
  ['一级指标', '二级指标', '三级指标', '指标值'],
  ['产出指标', '数量指标', '培训人数', '≥100人'],
  ['', '', '培训天数', '=5(天)'],
];

describe('spreadsheet input', () => {
  it('is detected from content, whatever the name', async () => {
    for (const [bookType, format] of [['xlsx', 'xlsx'], ['biff8', 'xls'], ['ods', 'ods']] as const) {
      const doc = await convert({ path: 'export.dat', bytes: workbook([{ name: 'S', rows: FORM }], bookType) });
      expect(doc.source.format).toBe(format);
      expect(doc.forms[0]!.indicators.map((i) => [i.name, i.value.raw])).toEqual([['培训人数', '≥100人'], ['培训天数', '=5(天)']]);
    }
  });

  it('leaves out hidden sheets and says so', async () => {
    const bytes = workbook([{ name: '草稿', rows: [['x', 'y']], hidden: true }, { name: '正式', rows: FORM }], 'xlsx');
    const ex = await extract(bytes, 'book.xlsx');
    expect(ex.pages).toBe(1);
    expect(cells(ex.blocks).map((c) => c.text)).not.toContain('x');
    expect(ex.warnings.map((w) => [w.code, w.message])).toEqual([['hidden-sheet', 'hidden sheet(s) not read: 草稿']]);
  });

  it('ends a table at a blank row and keeps a formatting-only range out', async () => {
    const rows = [['标题'], ['a', 'b'], [], ['c', 'd']];
    const ex = await extract(workbook([{ name: 'S', rows, ws: { '!ref': 'A1:Z5000' } }], 'xlsx'), 'b.xlsx');
    expect(ex.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.cells.map((c) => c.text))))).toEqual([
      '标题',
      [['a', 'b']],
      [['c', 'd']],
    ]);
  });

  it('names what is wrong with a file that is not a readable workbook', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'WordDocument', Buffer.from('not a workbook'));
    const doc = XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
    await expect(extract(doc, 'old.xls')).rejects.toThrow(/not a workbook/);
    const damaged = workbook([{ name: 'S', rows: FORM }], 'xlsx').subarray(0, 2000);
    await expect(extract(damaged, 'cut.xlsx')).rejects.toThrow(/damaged spreadsheet|not a spreadsheet/);
  });
});

describe('batch inputs', () => {
  it('takes spreadsheets from folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptarget-sheets-'));
    for (const name of ['a.xlsx', 'b.xls', 'c.et', 'd.ods', 'e.bak']) writeFileSync(join(dir, name), 'x');
    const { items, ignored } = await expandInputs([dir], { cwd: dir });
    expect(items.map((i) => i.path.slice(dir.length + 1))).toEqual(['a.xlsx', 'b.xls', 'c.et', 'd.ods']);
    expect([...ignored]).toEqual([['.bak', 1]]);
  });
});
