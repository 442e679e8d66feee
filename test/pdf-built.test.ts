import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../src/errors.js';
import { extractPdf } from '../src/extract/pdf/index.js';
import type { Extracted, TableBlock } from '../src/model/intermediate.js';
import { parseDocument } from '../src/parse/index.js';
import { buildPdf, drawTable, type PageSpec, type TableSpec, type TextSpec } from './helpers/pdf-writer.js';

/** PDFs built in code for the cases the fixtures do not show. */

function tables(x: Extracted): TableBlock[] {
  return x.blocks.filter((b): b is TableBlock => b.kind === 'table');
}

/** A table as rows of "col[+colSpan][vrowSpan]:text". */
function cells(t: TableBlock): string[][] {
  return t.rows.map((r) => r.cells.map((c) => `${c.col}${c.colSpan > 1 ? `+${c.colSpan}` : ''}${c.rowSpan > 1 ? `v${c.rowSpan}` : ''}:${c.text}`));
}

function page(t: TableSpec, extra: Partial<PageSpec> = {}): PageSpec {
  const d = drawTable(t);
  return { ...extra, texts: [...(extra.texts ?? []), ...(d.texts ?? [])], lines: d.lines, bars: d.bars };
}

async function failure(bytes: Uint8Array): Promise<InputError> {
  const err = await extractPdf(bytes).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

const INDICATORS: TableSpec = {
  xs: [50, 150, 250, 400, 520],
  ys: [100, 120, 140, 160, 180, 200],
  cells: [
    { row: 0, col: 0, lines: ['一级指标'] },
    { row: 0, col: 1, lines: ['二级指标'] },
    { row: 0, col: 2, lines: ['三级指标'] },
    { row: 0, col: 3, lines: ['指标值'] },
    { row: 1, col: 0, rowSpan: 3, lines: ['产出指标'] },
    { row: 1, col: 1, rowSpan: 2, lines: ['数量指标'] },
    { row: 1, col: 2, lines: ['计划机房供电天数'] },
    { row: 1, col: 3, lines: ['=365(天)'] },
    { row: 2, col: 2, lines: ['机房供电工作完成率'] },
    { row: 2, col: 3, lines: ['=100(%)'] },
    { row: 3, col: 1, lines: ['质量指标'] },
    { row: 3, col: 2, colSpan: 2, lines: ['稳定 stable supply'] },
    { row: 4, col: 0, colSpan: 4, lines: ['备注 notes across the table'] },
  ],
};
const INDICATOR_CELLS = [
  ['0:一级指标', '1:二级指标', '2:三级指标', '3:指标值'],
  ['0v3:产出指标', '1v2:数量指标', '2:计划机房供电天数', '3:=365(天)'],
  ['2:机房供电工作完成率', '3:=100(%)'],
  ['1:质量指标', '2+2:稳定 stable supply'],
  ['0+4:备注 notes across the table'],
];

describe('ruled tables', () => {
  it('rebuilds merged cells from stroked rulings, with the title before the table', async () => {
    const got = await extractPdf(buildPdf([page(INDICATORS, { texts: [{ x: 200, y: 70, text: '项目支出绩效目标表', size: 14 }] })]));
    expect(got.pages).toBe(1);
    expect(got.blocks[0]).toEqual({ kind: 'paragraph', text: '项目支出绩效目标表', page: 1, line: null });
    expect(cells(tables(got)[0]!)).toEqual(INDICATOR_CELLS);
    const first = tables(got)[0]!.rows[1]!.cells[0]!;
    expect(first.bbox).toEqual([50, 120, 150, 180]);
    expect(first.page).toBe(1);
  });

  it('reads streams packed with Brotli (PDF 2.0) as Flate-packed ones', async () => {
    const pages = [page(INDICATORS, { texts: [{ x: 200, y: 70, text: '项目支出绩效目标表', size: 14 }] })];
    const brotli = await extractPdf(buildPdf(pages, { compress: 'brotli' }));
    expect(cells(tables(brotli)[0]!)).toEqual(INDICATOR_CELLS);
    expect(brotli).toEqual(await extractPdf(buildPdf(pages, { compress: true })));
  });

  it('reads borders drawn as thin filled rectangles (Word, WPS) the same way', async () => {
    const got = await extractPdf(buildPdf([page({ ...INDICATORS, bars: true })]));
    expect(cells(tables(got)[0]!)).toEqual(INDICATOR_CELLS);
  });

  it('ignores white lines', async () => {
    const t = drawTable({ xs: [50, 150, 250], ys: [100, 120, 140], cells: [{ row: 0, col: 0, colSpan: 2, lines: ['合并 merged'] }, { row: 1, col: 0, lines: ['左'] }, { row: 1, col: 1, lines: ['右'] }] });
    // a white stroke across the merged top cell must not split it
    const got = await extractPdf(buildPdf([{ texts: t.texts, lines: t.lines, raw: '1 1 1 RG 150 722 m 150 742 l S' }]));
    expect(cells(tables(got)[0]!)).toEqual([['0+2:合并 merged'], ['0:左', '1:右']]);
  });

  it('splits a run of text where a ruling crosses it', async () => {
    // one text object runs through two cells, as pdf.js would give it in a single text item
    // 项目名称 runs from x 54 to 90, 机房电费 from 90 on; the ruling is at 92
    const t = drawTable({ xs: [50, 92, 200], ys: [100, 120], cells: [{ row: 0, col: 0, lines: [] }, { row: 0, col: 1, lines: [] }] });
    const got = await extractPdf(buildPdf([{ lines: t.lines, texts: [{ x: 54, y: 113, text: '项目名称机房电费' }] }]));
    expect(cells(tables(got)[0]!)).toEqual([['0:项目名称', '1:机房电费']]);
  });

  it('keeps a glyph its cell clip cuts in that cell, and drops text the clip hides wholly', async () => {
    // WPS clips each cell's text to the cell: 一般性支出情况 is a character too wide for its cell, so 况
    // (x 108–117) is cut at 110 and half hidden; its centre lies in the next cell, whose text starts at 113
    const t = drawTable({ xs: [50, 110, 200], ys: [100, 120], cells: [{ row: 0, col: 0, lines: [] }, { row: 0, col: 1, lines: [] }] });
    const texts = [
      { x: 54, y: 113, text: '一般性支出情况', clip: [50, 100, 60, 20] },
      { x: 113, y: 113, text: '二级', clip: [110, 100, 90, 20] },
      { x: 150, y: 113, text: '隐藏', clip: [50, 100, 60, 20] }, // wholly outside its clip: not shown, not read
    ] satisfies TextSpec[];
    const got = await extractPdf(buildPdf([{ lines: t.lines, texts }]));
    expect(cells(tables(got)[0]!)).toEqual([['0:一般性支出情况', '1:二级']]);
  });

  it('passes Kangxi radicals (U+2F00 block) through untouched', async () => {
    const t = drawTable({ xs: [50, 150, 250], ys: [100, 120], cells: [{ row: 0, col: 0, lines: ['⼀级指标'] }, { row: 0, col: 1, lines: ['项⽬名称'] }] });
    const got = await extractPdf(buildPdf([{ ...t }]));
    const texts = tables(got)[0]!.rows[0]!.cells.map((c) => c.text);
    expect(texts).toEqual(['\u2f00级指标', '项\u2f6c名称']);
  });

  it('reads a page rotated with /Rotate upright', async () => {
    const upright = await extractPdf(buildPdf([page(INDICATORS, { texts: [{ x: 200, y: 70, text: '旋转页' }] })]));
    const rotated = await extractPdf(buildPdf([page(INDICATORS, { width: 842, height: 595, rotate: 90, texts: [{ x: 200, y: 70, text: '旋转页' }] })]));
    expect(rotated.blocks[0]).toMatchObject({ kind: 'paragraph', text: '旋转页' });
    expect(cells(tables(rotated)[0]!)).toEqual(cells(tables(upright)[0]!));
    expect(tables(rotated)[0]!.rows[1]!.cells[0]!.bbox).toEqual([50, 120, 150, 180]);
  });

  it('drops the copies of each glyph that fake-bold printing draws', async () => {
    const t = drawTable({ xs: [50, 150], ys: [100, 120, 140], cells: [{ row: 0, col: 0, lines: [] }, { row: 1, col: 0, lines: ['指标值'] }] });
    const bold = [0, 0.25, 0.5].map((dx) => ({ x: 54 + dx, y: 113, text: '三级指标' }));
    const got = await extractPdf(buildPdf([{ lines: t.lines, texts: [...bold, ...t.texts!] }]));
    expect(cells(tables(got)[0]!)).toEqual([['0:三级指标'], ['0:指标值']]);
  });

  it('reads a frame round the page as no table', async () => {
    const frame: [number, number, number, number][] = [
      [20, 20, 575, 20],
      [20, 822, 575, 822],
      [20, 20, 20, 822],
      [575, 20, 575, 822],
    ];
    const p = page(INDICATORS, { texts: [{ x: 200, y: 70, text: '项目支出绩效目标表' }, { x: 50, y: 240, text: '注：金额单位为万元' }] });
    const got = await extractPdf(buildPdf([{ ...p, lines: [...p.lines!, ...frame] }]));
    expect(got.blocks.map((b) => (b.kind === 'table' ? '<table>' : b.text))).toEqual(['项目支出绩效目标表', '<table>', '注：金额单位为万元']);
    expect(cells(tables(got)[0]!)).toEqual(INDICATOR_CELLS);
  });

  it('leaves out text set at a slant across the table (a watermark), with a warning', async () => {
    // 水印 takes the first two codes of the test font: <21> and <22>
    const mark = 'BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 120 640 Tm <2122> Tj ET';
    const got = await extractPdf(buildPdf([page(INDICATORS, { texts: [{ x: 50, y: 60, text: '水印' }], raw: mark })]));
    expect(got.blocks[0]).toMatchObject({ kind: 'paragraph', text: '水印' });
    expect(cells(tables(got)[0]!)).toEqual(INDICATOR_CELLS);
    expect(got.warnings).toEqual([expect.objectContaining({ code: 'diagonal-text', page: 1 })]);
  });

  it('keeps a hard line break inside a cell and joins soft-wrapped lines', async () => {
    const t = drawTable({
      xs: [50, 150, 200],
      ys: [100, 160],
      cells: [
        { row: 0, col: 0, lines: ['保障中心机房可靠供电', '。', 'keep the power', 'supply on'] },
        { row: 0, col: 1, lines: ['90'] },
      ],
    });
    const got = await extractPdf(buildPdf([{ ...t }]));
    // 保障…电 fills the cell and wraps; 。 ends short and the next word would have fitted: a new paragraph
    expect(tables(got)[0]!.rows[0]!.cells[0]!.text).toBe('保障中心机房可靠供电。\nkeep the power supply on');
  });

  it("joins a paragraph's first line, indented two characters and full to the right edge, to the next line", async () => {
    const t = drawTable({ xs: [50, 170, 220], ys: [100, 190], cells: [{ row: 0, col: 0, lines: [] }, { row: 0, col: 1, lines: ['90'] }] });
    const texts: TextSpec[] = [
      { x: 74, y: 115, text: '一是推进平台建设提', size: 10 }, // indented, full: wraps
      { x: 54, y: 128, text: '升能力完成年度任务目标', size: 10 },
      { x: 54, y: 141, text: '保障运行。', size: 10 },
      { x: 74, y: 154, text: '二是加强监管提升。', size: 10 }, // indented, full, but ends a sentence: a paragraph
      { x: 54, y: 167, text: '三是其他。', size: 10 },
    ];
    const got = await extractPdf(buildPdf([{ ...t, texts: [...(t.texts ?? []), ...texts] }]));
    expect(tables(got)[0]!.rows[0]!.cells[0]!.text).toBe('一是推进平台建设提升能力完成年度任务目标保障运行。\n二是加强监管提升。\n三是其他。');
  });
});

describe('the page filter', () => {
  it('reads every character a page shows, hidden or not, and gives a page it leaves out as its visible lines', async () => {
    const notes = { texts: [{ x: 50, y: 100, text: '说明' }] } satisfies PageSpec;
    const cover = { texts: [{ x: 50, y: 100, text: '2026年度 部门预算' }, { x: 50, y: 130, text: '单位：万元' }, { x: 300, y: 100, text: '绩效', clip: [50, 80, 100, 30] }] } satisfies PageSpec;
    const seen: string[] = [];
    const got = await extractPdf(buildPdf([notes, cover, cover]), {
      pageFilter: (text) => {
        seen.push(text.replace(/\s/g, ''));
        return seen.length === 1;
      },
    });
    // 绩效 lies wholly outside its clip: the table pass never sees it, the filter does (pdf.js's text layer has it)
    expect(seen).toEqual(['2026年度部门预算单位：万元绩效', '2026年度部门预算单位：万元绩效']);
    expect(got.pagesRead).toEqual([1, 2]);
    const paragraphs = got.blocks.map((b) => (b.kind === 'paragraph' ? `${b.page}:${b.text}` : b.kind));
    expect(paragraphs).toEqual(['1:说明', '2:2026年度 部门预算', '2:单位：万元', '3:2026年度 部门预算', '3:单位：万元']);
  });
});

describe('tables that run over pages', () => {
  // page 1: header and the first rows, 产出指标 merged down to the page end
  const page1 = page(
    {
      xs: [50, 150, 250, 400, 520],
      ys: [700, 720, 740, 760, 780],
      cells: [
        { row: 0, col: 0, lines: ['一级指标'] },
        { row: 0, col: 1, lines: ['二级指标'] },
        { row: 0, col: 2, lines: ['三级指标'] },
        { row: 0, col: 3, lines: ['指标值'] },
        { row: 1, col: 0, rowSpan: 3, lines: ['产出指标'] },
        { row: 1, col: 1, rowSpan: 2, lines: ['数量指标'] },
        { row: 1, col: 2, lines: ['计划机房供电天数'] },
        { row: 1, col: 3, lines: ['=365(天)'] },
        { row: 2, col: 2, lines: ['机房供电工作完成率'] },
        { row: 2, col: 3, lines: ['=100(%)'] },
        { row: 3, col: 1, lines: ['质量指标'] },
        { row: 3, col: 2, lines: ['电流、电压稳定'] },
        { row: 3, col: 3, lines: ['≥97(%)'] },
      ],
    },
    { texts: [{ x: 200, y: 670, text: '项目支出绩效目标表', size: 14 }] },
  );
  // page 2: the header again, then 产出指标 goes on (its cell empty here) before 效益指标
  const page2 = page(
    {
      xs: [50, 150, 250, 400, 520],
      ys: [60, 80, 100, 120],
      cells: [
        { row: 0, col: 0, lines: ['一级指标'] },
        { row: 0, col: 1, lines: ['二级指标'] },
        { row: 0, col: 2, lines: ['三级指标'] },
        { row: 0, col: 3, lines: ['指标值'] },
        { row: 1, col: 0, lines: [] },
        { row: 1, col: 1, lines: ['时效指标'] },
        { row: 1, col: 2, lines: ['电费支付及时性'] },
        { row: 1, col: 3, lines: ['按月支付'] },
        { row: 2, col: 0, lines: ['效益指标'] },
        { row: 2, col: 1, lines: ['社会效益指标'] },
        { row: 2, col: 2, lines: ['故障率'] },
        { row: 2, col: 3, lines: ['≤3(%)'] },
      ],
    },
    { texts: [{ x: 280, y: 30, text: '- 2 -' }] },
  );

  it('continues as one table, drops the repeated header and carries the merged cell over the break', async () => {
    const got = await extractPdf(buildPdf([page1, page2]));
    expect(got.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
    const [t] = tables(got);
    expect(cells(t!)).toEqual([
      ['0:一级指标', '1:二级指标', '2:三级指标', '3:指标值'],
      ['0v4:产出指标', '1v2:数量指标', '2:计划机房供电天数', '3:=365(天)'],
      ['2:机房供电工作完成率', '3:=100(%)'],
      ['1:质量指标', '2:电流、电压稳定', '3:≥97(%)'],
      ['1:时效指标', '2:电费支付及时性', '3:按月支付'],
      ['0:效益指标', '1:社会效益指标', '2:故障率', '3:≤3(%)'],
    ]);
    expect(t!.rows.map((r) => r.page)).toEqual([1, 1, 1, 1, 2, 2]);
    expect(t!.page).toBe(1);
  });

  it('gives a merged label cell split by the break, its text printed on the next page only, that text', async () => {
    // 时效指标 merged over three rows: the part on page 1 (one row) is printed empty, the label sits in the part on page 2
    const header = ['一级指标', '二级指标', '三级指标', '指标值'].map((text, col) => ({ row: 0, col, lines: [text] }));
    const p1 = page({
      xs: [50, 150, 250, 400, 520],
      ys: [700, 720, 740, 760, 780],
      cells: [
        ...header,
        { row: 1, col: 0, rowSpan: 3, lines: ['产出指标'] },
        { row: 1, col: 1, rowSpan: 2, lines: ['数量指标'] },
        { row: 1, col: 2, lines: ['计划机房供电天数'] },
        { row: 1, col: 3, lines: ['=365(天)'] },
        { row: 2, col: 2, lines: ['机房供电工作完成率'] },
        { row: 2, col: 3, lines: ['=100(%)'] },
        { row: 3, col: 1, lines: [] },
        { row: 3, col: 2, lines: ['电费支付及时性'] },
        { row: 3, col: 3, lines: ['按月支付'] },
      ],
    });
    const p2 = page({
      xs: [50, 150, 250, 400, 520],
      ys: [60, 80, 100, 120],
      cells: [
        ...header,
        { row: 1, col: 0, rowSpan: 2, lines: [] },
        { row: 1, col: 1, rowSpan: 2, lines: ['时效指标'] },
        { row: 1, col: 2, lines: ['合同签订及时性'] },
        { row: 1, col: 3, lines: ['≤30(天)'] },
        { row: 2, col: 2, lines: ['验收及时性'] },
        { row: 2, col: 3, lines: ['按时'] },
      ],
    });
    const [t] = tables(await extractPdf(buildPdf([p1, p2])));
    expect(cells(t!)).toEqual([
      ['0:一级指标', '1:二级指标', '2:三级指标', '3:指标值'],
      ['0v5:产出指标', '1v2:数量指标', '2:计划机房供电天数', '3:=365(天)'],
      ['2:机房供电工作完成率', '3:=100(%)'],
      ['1v3:时效指标', '2:电费支付及时性', '3:按月支付'],
      ['2:合同签订及时性', '3:≤30(天)'],
      ['2:验收及时性', '3:按时'],
    ]);
  });

  it('rejoins a row that the page break split', async () => {
    const xs = [50, 150, 350];
    const p1 = page({
      xs,
      ys: [740, 760, 782],
      cells: [
        { row: 0, col: 0, lines: ['项目名称'] },
        { row: 0, col: 1, lines: ['机房电费'] },
        { row: 1, col: 0, lines: ['年度绩效目标'] },
        // 21 characters fill the 200-point cell: the text goes on on the next page
        { row: 1, col: 1, lines: ['保障中心机房可靠供电，设备和应用系统持续运'] },
      ],
    });
    const p2 = page({
      xs,
      ys: [60, 80, 100],
      cells: [
        { row: 0, col: 0, lines: [] },
        { row: 0, col: 1, lines: ['转。'] },
        { row: 1, col: 0, lines: ['绩效指标'] },
        { row: 1, col: 1, lines: ['见下表'] },
      ],
    });
    const got = await extractPdf(buildPdf([p1, p2]));
    const [t, ...rest] = tables(got);
    expect(rest).toHaveLength(0);
    expect(cells(t!)).toEqual([
      ['0:项目名称', '1:机房电费'],
      ['0:年度绩效目标', '1:保障中心机房可靠供电，设备和应用系统持续运转。'],
      ['0:绩效指标', '1:见下表'],
    ]);
    expect(t!.rows.map((r) => r.page)).toEqual([1, 1, 2]);
  });

  it('starts a new table when the next page begins with a title', async () => {
    const second = page(INDICATORS, { texts: [{ x: 200, y: 70, text: '项目支出绩效目标表', size: 14 }] });
    const got = await extractPdf(buildPdf([page1, second]));
    expect(got.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph', 'table']);
    expect(tables(got)[1]!.page).toBe(2);
  });
});

describe('borderless tables', () => {
  it('infers rows and columns from where the text sits', async () => {
    const t = drawTable({
      ruled: false,
      xs: [50, 150, 250, 400],
      ys: [100, 120, 152, 172],
      cells: [
        { row: 0, col: 0, lines: ['项目名称'] },
        { row: 0, col: 1, lines: ['机房电费'] },
        { row: 0, col: 2, lines: ['特定目标类'] },
        { row: 1, col: 0, lines: ['主管部门'] },
        // ten characters fill the 100-point column and wrap
        { row: 1, col: 1, lines: ['上海市住房和城乡建设', '管理委员会'] },
        { row: 1, col: 2, lines: ['实施单位'] },
        { row: 2, col: 0, lines: ['一级指标'] },
        { row: 2, col: 2, lines: ['=100(%)'] },
      ],
    });
    const got = await extractPdf(buildPdf([{ texts: [{ x: 200, y: 60, text: '项目支出绩效目标表', size: 14 }, ...t.texts!] }]));
    expect(got.blocks[0]).toMatchObject({ kind: 'paragraph', text: '项目支出绩效目标表' });
    expect(cells(tables(got)[0]!)).toEqual([
      ['0:项目名称', '1:机房电费', '2:特定目标类'],
      ['0:主管部门', '1:上海市住房和城乡建设管理委员会', '2:实施单位'],
      ['0:一级指标', '1:', '2:=100(%)'],
    ]);
  });

  // 9-point text with a blank of about 1.9 em between rows: wider than in the fixtures above, so
  // the row gap has to come from the page's own pitch; a wrapped name stays one cell, whether its
  // lines are set tight (3 points) or as loosely as the rows (14 points)
  for (const leading of [3, 14]) {
    it(`finds a table set with loose rows and reads its indicators (lines of a cell ${leading} points apart)`, async () => {
      const row = 26;
      const ys = [100, 100 + row, 100 + 2 * row + leading + 9];
      for (let k = 3; k <= 5; k++) ys.push(ys[2]! + (k - 2) * row);
      const t = drawTable({
        ruled: false,
        leading,
        xs: [50, 150, 250, 340, 480],
        ys,
        cells: [
          { row: 0, col: 0, lines: ['一级指标'] }, { row: 0, col: 1, lines: ['二级指标'] }, { row: 0, col: 2, lines: ['三级指标'] }, { row: 0, col: 3, lines: ['指标值'] },
          { row: 1, col: 0, lines: ['产出指标'] }, { row: 1, col: 1, lines: ['数量指标'] }, { row: 1, col: 2, lines: ['计划机房供电天', '数'] }, { row: 1, col: 3, lines: ['=365(天)'] },
          { row: 2, col: 2, lines: ['培训人次'] }, { row: 2, col: 3, lines: ['≥300人次'] },
          { row: 3, col: 1, lines: ['质量指标'] }, { row: 3, col: 2, lines: ['设备完好率'] }, { row: 3, col: 3, lines: ['≥95%'] },
          { row: 4, col: 0, lines: ['效益指标'] }, { row: 4, col: 1, lines: ['社会效益指标'] }, { row: 4, col: 2, lines: ['机房正常运转'] }, { row: 4, col: 3, lines: ['有效保障'] },
        ],
      });
      const got = await extractPdf(buildPdf([{ texts: [{ x: 200, y: 60, text: '项目支出绩效目标表', size: 14 }, ...t.texts!] }]));
      expect(tables(got)).toHaveLength(1);
      const { forms } = parseDocument(got);
      expect(forms.flatMap((f) => f.indicators.map((i) => [i.level1, i.level2, i.name, i.value.raw]))).toEqual([
        ['产出指标', '数量指标', '计划机房供电天数', '=365(天)'],
        ['产出指标', '数量指标', '培训人次', '≥300人次'],
        ['产出指标', '质量指标', '设备完好率', '≥95%'],
        ['效益指标', '社会效益指标', '机房正常运转', '有效保障'],
      ]);
    });
  }

  it('leaves prose alone', async () => {
    const prose = ['一、部门主要职能', '上海市普陀区司法局是主管本区司法和法制工作的区政府工作部门，主要职责是：', '（一）贯彻执行国家和本市有关司法行政工作的法律、法规。'];
    const got = await extractPdf(buildPdf([{ texts: prose.map((text, i) => ({ x: 50, y: 100 + 16 * i, text })) }]));
    expect(got.blocks).toEqual(prose.map((text) => ({ kind: 'paragraph', text, page: 1, line: null })));
  });
});

describe('bad PDFs', () => {
  const good = buildPdf([page(INDICATORS)]);

  it('rejects a corrupt file in one line', async () => {
    const junk = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 'garbage ')]);
    const err = await failure(new Uint8Array(junk));
    expect(err.message).toMatch(/^damaged PDF: /);
    expect(err.message).not.toContain('\n');
  });

  it('rejects a truncated file', async () => {
    const err = await failure(good.subarray(0, Math.floor(good.length * 0.6)));
    expect(err.message).toMatch(/^truncated PDF: /);
  });

  it('names the pages of a scan without a text layer and says OCR is not done', async () => {
    const scan: PageSpec = { images: [[0, 0, 595, 842]] };
    const err = await failure(buildPdf([scan, scan]));
    expect(err.message).toMatch(/pages 1–2/);
    expect(err.message).toMatch(/OCR/);
  });

  it('warns about image-only pages among text pages and reads the rest', async () => {
    const got = await extractPdf(buildPdf([page(INDICATORS), { images: [[0, 0, 595, 842]] }, { texts: [{ x: 50, y: 50, text: '第三页' }] }]));
    expect(got.pages).toBe(3);
    expect(got.warnings).toHaveLength(1);
    expect(got.warnings[0]).toMatchObject({ code: 'no-text-layer', page: 2 });
    expect(got.warnings[0]!.message).toMatch(/page 2\b.*OCR/);
    expect(got.blocks.at(-1)).toMatchObject({ kind: 'paragraph', text: '第三页', page: 3 });
  });

  it('prints nothing, whatever pdf.js thinks of the file', async () => {
    const writes = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
    const logs = (['log', 'warn', 'error', 'info', 'debug'] as const).map((k) => vi.spyOn(console, k));
    try {
      // unknown operators, a missing font and a bad image: pdf.js would warn about each
      await extractPdf(buildPdf([{ texts: [{ x: 50, y: 50, text: '正文' }], raw: 'BT /F9 12 Tf (x) Tj ET foo bar baz q 10 0 0 10 0 0 cm /Im9 Do Q' }]));
      await extractPdf(good.subarray(0, good.length - 40)).catch(() => {});
      for (const spy of [...writes, ...logs]) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of [...writes, ...logs]) spy.mockRestore();
    }
  });

  it('abandons a page that takes too long, with a warning, and reads the pages after it', async () => {
    await extractPdf(good); // the worker thread is up
    // A small file with a page that takes very long: one path of 200,000 segments, drawn 300 times
    // (about 0.1 s a drawing here, so ten times the limit and more; one path is one operator, so
    // the bound on operators per page never ends it first). The limit is generous, so that the
    // other pages keep well within it on a loaded machine.
    const path = `0 0 m\n${Array.from({ length: 200_000 }, (_, i) => `${i % 500} ${(i * 7) % 700} l`).join('\n')}\nS`;
    const heavy: PageSpec = { texts: [{ x: 50, y: 50, text: '第二页' }], form: path, raw: '/Fm1 Do\n'.repeat(300) };
    const pdf = buildPdf([{ texts: [{ x: 50, y: 50, text: '第一页' }] }, heavy, { texts: [{ x: 50, y: 50, text: '第三页' }] }], { compress: true });
    const got = await extractPdf(pdf, { pageTimeoutMs: 2000 });
    expect(got.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual(['第一页', '第三页']);
    expect(got.warnings).toEqual([expect.objectContaining({ code: 'page-timeout', page: 2 })]);
  });
});
