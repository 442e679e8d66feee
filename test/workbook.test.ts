import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SheetSpec, workbookBytes } from '../src/write/workbook.js';

const SHEETS: SheetSpec[] = [
  {
    name: 'Forms',
    columns: ['source', 'project', 'annual_total', 'goal_annual'],
    rows: [
      ['2023.pdf', '机房电费', 360000, '保障供电。\n设备持续运转。'],
      ['2023.pdf', '平台建设', null, null],
    ],
    money: ['annual_total'],
  },
  { name: 'Indicators', columns: ['indicator', 'raw', 'number'], rows: [['计划机房供电天数', '=365(天)', 365], ['增幅', '-5%', -5]] },
];

describe('workbookBytes', () => {
  afterEach(() => void vi.useRealTimers());

  it('keeps cell types: numbers as numbers, money in 元 with a format, text never a formula', async () => {
    const wb = XLSX.read(await workbookBytes(SHEETS), { type: 'array', cellNF: true });
    expect(wb.SheetNames).toEqual(['Forms', 'Indicators']);
    const forms = wb.Sheets.Forms!;
    expect(forms.C2).toMatchObject({ t: 'n', v: 360000, z: '#,##0.00"元"', w: '360,000.00元' });
    expect(forms.D2).toMatchObject({ t: 's', v: '保障供电。\n设备持续运转。' });
    expect(forms.C3).toBeUndefined();
    const ind = wb.Sheets.Indicators!;
    expect(ind.B2).toMatchObject({ t: 's', v: '=365(天)' });
    expect(ind.B2.f).toBeUndefined();
    expect([ind.C2, ind.C3].map((c) => [c?.t, c?.v])).toEqual([['n', 365], ['n', -5]]);
    expect(XLSX.utils.sheet_to_json(ind, { header: 1 })).toEqual([['indicator', 'raw', 'number'], ['计划机房供电天数', '=365(天)', 365], ['增幅', '-5%', -5]]);
  });

  it('freezes and styles the header row, filters every column, sizes columns to their text', async () => {
    const zip = await JSZip.loadAsync(await workbookBytes(SHEETS));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(sheet).toContain('<autoFilter ref="A1:D1"/>');
    // 机房电费: four CJK characters are eight cells wide, plus a margin
    const widths: number[] = [];
    for (const [, min, max, w] of sheet.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) {
      for (let c = Number(min); c <= Number(max); c++) widths[c] = Number(w);
    }
    expect(widths[2]).toBe(10);
    expect(widths[4]).toBe(15); // the longer line of a two-line goal
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('<b/>');
    expect(styles).toContain('FFDDEBF7');
  });

  it('gives the same bytes for the same sheets, whenever it runs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-03-01T08:00:00Z'));
    const a = await workbookBytes(SHEETS);
    vi.setSystemTime(new Date('2031-11-17T23:59:58Z'));
    const b = await workbookBytes(SHEETS);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('keeps text as it was: markup, Excel escapes, line ends and characters outside the BMP', () => {
    const texts = ['<b>A&B</b> "q"', '_x0041_ is not A', 'a\nb', '𠀀 ext. B', '  padded  '];
    const wb = XLSX.read(workbookBytes([{ name: "It's", columns: ['t'], rows: texts.map((t) => [t]) }]), { type: 'array' });
    expect(wb.SheetNames).toEqual(["It's"]);
    const back = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["It's"]!, { header: 1, raw: true }).slice(1).map((r) => r[0]);
    expect(back).toEqual(texts);
  });

  it('writes a carriage return as Excel escapes it, which an XML reader would turn into a line feed', async () => {
    const zip = await JSZip.loadAsync(workbookBytes([{ name: 'S', columns: ['t'], rows: [['a\r\nb']] }]));
    expect(await zip.file('xl/sharedStrings.xml')!.async('string')).toContain('<t>a_x000D_\nb</t>');
  });

  it('leaves out what XML cannot hold rather than writing a file no reader opens', () => {
    const wb = XLSX.read(workbookBytes([{ name: 'S', columns: ['t'], rows: [['a\u0001b\uFFFEc\uD800d']] }]), { type: 'array' });
    expect(wb.Sheets.S!.A2).toMatchObject({ t: 's', v: 'abcd' });
  });

  it('writes a sheet with no rows, and one with no columns', () => {
    const wb = XLSX.read(workbookBytes([{ name: 'Empty', columns: ['a', 'b'], rows: [] }, { name: 'None', columns: [], rows: [] }]), { type: 'array' });
    expect(wb.SheetNames).toEqual(['Empty', 'None']);
    expect(XLSX.utils.sheet_to_json(wb.Sheets.Empty!, { header: 1 })).toEqual([['a', 'b']]);
  });
});
