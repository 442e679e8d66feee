import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { extractDocx } from '../src/extract/docx.js';
import { extract } from '../src/extract/index.js';
import { htmlToBlocks } from '../src/extract/html.js';
import type { Block, TableBlock } from '../src/model/intermediate.js';
import { ExtractedSchema } from '../src/model/intermediate.js';
import { buildDocx, docxPackage, p, tbl, tc, tr } from './helpers/docx-build.js';
import { buildZip } from './helpers/zip-build.js';

/** Cells as [col, text, rowSpan, colSpan], row by row: compact to compare. */
function shape(t: Block | undefined): Array<Array<[number, string, number, number]>> {
  expect(t?.kind).toBe('table');
  return (t as TableBlock).rows.map((r) => r.cells.map((c) => [c.col, c.text, c.rowSpan, c.colSpan]));
}

function texts(blocks: Block[]): string[] {
  return blocks.map((b) => (b.kind === 'paragraph' ? b.text : `<table ${b.rows.length}>`));
}

/**
 * A WPS-style indicator block on a 4-column grid, with rows that skip grid columns at the start
 * (w:gridBefore) or end (w:gridAfter) and vertical merges next to them.
 */
const GRID_TABLE = tbl(4, [
  tr([tc('一级指标'), tc('二级指标'), tc('三级指标'), tc('指标值')]),
  tr([tc('产出指标', { vMerge: 'restart' }), tc('数量指标'), tc('指标1'), tc('=1')]),
  tr([tc('', { vMerge: 'continue' }), tc('质量指标'), tc('指标2'), tc('=2')]),
  tr([tc('时效指标'), tc('指标3'), tc('≥3')], { gridBefore: 1 }),
  tr([tc('效益指标', { vMerge: 'restart' }), tc('社会效益', { span: 2 }), tc('=4')]),
  tr([tc('', { vMerge: 'continue' }), tc('x'), tc('y')], { gridAfter: 1 }),
  tr([tc('中间', { span: 2 })], { gridBefore: 1, gridAfter: 1 }),
  tr([tc('R', { vMerge: 'restart' }), tc('S')], { gridBefore: 2 }),
  tr([tc('', { vMerge: 'continue' }), tc('T')], { gridBefore: 2 }),
]);

const GRID_EXPECTED: Array<Array<[number, string, number, number]>> = [
  [[0, '一级指标', 1, 1], [1, '二级指标', 1, 1], [2, '三级指标', 1, 1], [3, '指标值', 1, 1]],
  [[0, '产出指标', 2, 1], [1, '数量指标', 1, 1], [2, '指标1', 1, 1], [3, '=1', 1, 1]],
  [[1, '质量指标', 1, 1], [2, '指标2', 1, 1], [3, '=2', 1, 1]],
  [[1, '时效指标', 1, 1], [2, '指标3', 1, 1], [3, '≥3', 1, 1]],
  [[0, '效益指标', 2, 1], [1, '社会效益', 1, 2], [3, '=4', 1, 1]],
  [[1, 'x', 1, 1], [2, 'y', 1, 1]],
  [[1, '中间', 1, 2]],
  [[2, 'R', 2, 1], [3, 'S', 1, 1]],
  [[3, 'T', 1, 1]],
];

describe('DOCX grid: w:gridBefore, w:gridAfter, w:vMerge', () => {
  it('puts every cell in its grid column with the right spans', async () => {
    const out = await extractDocx(buildDocx(p('项目支出绩效目标表') + GRID_TABLE));
    expect(ExtractedSchema.parse(out)).toEqual(out);
    expect(out.format).toBe('docx');
    expect(out.warnings).toEqual([]);
    expect(texts(out.blocks)).toEqual(['项目支出绩效目标表', '<table 9>']);
    expect(shape(out.blocks[1])).toEqual(GRID_EXPECTED);
    const cell = (out.blocks[1] as TableBlock).rows[0]!.cells[0]!;
    expect([cell.page, cell.line, cell.bbox]).toEqual([null, null, null]);
  });

  it('is needed: mammoth alone shifts the cells after skipped columns', async () => {
    const bytes = buildDocx(GRID_TABLE);
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    const plain = htmlToBlocks(html);
    // the row that starts at grid column 1 comes out at column 0 …
    expect(shape(plain[0])[3]![0]).toEqual([0, '时效指标', 1, 1]);
    // … and a continuation after w:gridBefore is merged into the wrong column's cell
    expect(shape(plain[0])).not.toEqual(GRID_EXPECTED);
  });

  it('keeps vertical merges in a table with a bookmark between rows (mammoth drops them there)', async () => {
    const rows = [tr([tc('产出指标', { vMerge: 'restart' }), tc('数量')]), tr([tc('', { vMerge: 'continue' }), tc('质量')])];
    const table = tbl(2, rows).replace('<w:tr>', '<w:bookmarkStart w:id="0" w:name="表1"/><w:tr>');
    const out = await extractDocx(buildDocx(table));
    expect(shape(out.blocks[0])).toEqual([[[0, '产出指标', 2, 1], [1, '数量', 1, 1]], [[1, '质量', 1, 1]]]);
  });

  it('reads cells left out of a row (a row shorter than the grid) as absent, not shifted', async () => {
    const out = await extractDocx(
      buildDocx(tbl(3, [tr([tc('a'), tc('b'), tc('c')]), tr([tc('d')], { gridAfter: 2 }), tr([tc('e')], { gridBefore: 2 })])),
    );
    expect(shape(out.blocks[0])).toEqual([
      [[0, 'a', 1, 1], [1, 'b', 1, 1], [2, 'c', 1, 1]],
      [[0, 'd', 1, 1]],
      [[2, 'e', 1, 1]],
    ]);
  });

  it('keeps a continuation that has nothing right above it in its column, or another width, as its own cell', async () => {
    const out = await extractDocx(
      buildDocx(
        tbl(3, [
          tr([tc('a'), tc('b', { span: 2 })]),
          tr([tc('c')], { gridBefore: 1, gridAfter: 1 }),
          tr([tc('', { vMerge: 'continue' }), tc('z', { vMerge: 'continue' }), tc('w')]),
        ]),
      ),
    );
    // row 2, column 0: row 1 skipped column 0; column 1: the cell above ('c') is one column wide, so is this one
    expect(shape(out.blocks[0])).toEqual([
      [[0, 'a', 1, 1], [1, 'b', 1, 2]],
      [[1, 'c\nz', 2, 1]],
      [[0, '', 1, 1], [2, 'w', 1, 1]],
    ]);
    const wider = await extractDocx(
      buildDocx(tbl(2, [tr([tc('a'), tc('b')]), tr([tc('', { span: 2, vMerge: 'continue' })])])),
    );
    expect(shape(wider.blocks[0])).toEqual([[[0, 'a', 1, 1], [1, 'b', 1, 1]], [[0, '', 1, 2]]]);
  });
});

describe('DOCX text: paragraphs, breaks, content controls', () => {
  const sdtRun = (t: string): string =>
    `<w:sdt><w:sdtPr><w:alias w:val="name"/></w:sdtPr><w:sdtContent><w:r><w:t>${t}</w:t></w:r></w:sdtContent></w:sdt>`;

  it('keeps paragraphs and soft breaks of a cell as lines, and the flow around tables in order', async () => {
    const cellXml =
      p('第一段') +
      p('') + // empty paragraphs vanish
      `<w:p><w:r><w:t>软</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space="preserve">  换行  </w:t></w:r><w:r><w:tab/><w:t>尾</w:t></w:r></w:p>`;
    const body =
      p('某单位2023年度项目绩效目标表') +
      p('') +
      p('项目支出绩效目标表') +
      p('（2023年度）') +
      p('单位：万元') +
      tbl(2, [tr([tc('年度绩效目标'), tc({ xml: cellXml })])]) +
      p('') +
      p('填报说明');
    const out = await extractDocx(buildDocx(body));
    expect(texts(out.blocks)).toEqual([
      '某单位2023年度项目绩效目标表',
      '项目支出绩效目标表',
      '（2023年度）',
      '单位：万元',
      '<table 1>',
      '填报说明',
    ]);
    expect(shape(out.blocks[4])).toEqual([[[0, '年度绩效目标', 1, 1], [1, '第一段\n软\n换行 尾', 1, 1]]]);
  });

  it('reads content controls at body, row, cell and run level, insertions but not deletions', async () => {
    const sdtCell = `<w:sdt><w:sdtPr/><w:sdtContent>${tc('控件格')}</w:sdtContent></w:sdt>`;
    const sdtRow = `<w:sdt><w:sdtPr/><w:sdtContent>${tr([tc('控件行'), tc('b')])}</w:sdtContent></w:sdt>`;
    const runs =
      `<w:p><w:r><w:t>项目</w:t></w:r>${sdtRun('名称')}` +
      `<w:ins w:id="2" w:author="x"><w:r><w:t>新增</w:t></w:r></w:ins>` +
      `<w:del w:id="3" w:author="x"><w:r><w:delText>删去</w:delText></w:r></w:del>` +
      `<w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:noBreakHyphen/><w:t>2023</w:t></w:r></w:p>`;
    const body =
      `<w:sdt><w:sdtPr/><w:sdtContent>${p('控件里的标题')}</w:sdtContent></w:sdt>` +
      tbl(2, [
        tr([tc({ xml: runs }), sdtCell]),
        sdtRow,
        tr([tc('删除的行'), tc('x')], { deleted: true }),
        tr([tc('末行'), tc('y')]),
      ]);
    const out = await extractDocx(buildDocx(body));
    expect(texts(out.blocks)).toEqual(['控件里的标题', '<table 3>']);
    expect(shape(out.blocks[1])).toEqual([
      [[0, '项目名称新增🗹-2023', 1, 1], [1, '控件格', 1, 1]],
      [[0, '控件行', 1, 1], [1, 'b', 1, 1]],
      [[0, '末行', 1, 1], [1, 'y', 1, 1]],
    ]);
  });
});

describe('DOCX text boxes', () => {
  /** A VML text box as Word writes it: DrawingML in mc:Choice, VML in mc:Fallback (read). */
  const textBox = (content: string): string =>
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice><mc:Fallback><w:pict>` +
    `<v:shape><v:textbox><w:txbxContent>${content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;

  it('puts a text box\'s paragraphs and tables after its anchor paragraph, in the flow and in cells', async () => {
    const boxTable = tbl(2, [tr([tc('框内'), tc('表格')])]);
    const body =
      `<w:p><w:r><w:t>项目支出绩效目标表</w:t></w:r>${textBox(p('单位：万元') + boxTable)}</w:p>` +
      tbl(2, [tr([tc('名称'), tc({ xml: `<w:p><w:r><w:t>锚</w:t></w:r>${textBox(p('框中字'))}</w:p>` })])]);
    const out = await extractDocx(buildDocx(body));
    expect(texts(out.blocks)).toEqual(['项目支出绩效目标表', '单位：万元', '<table 1>', '<table 1>']);
    expect(shape(out.blocks[2])).toEqual([[[0, '框内', 1, 1], [1, '表格', 1, 1]]]);
    expect(shape(out.blocks[3])).toEqual([[[0, '名称', 1, 1], [1, '锚\n框中字', 1, 1]]]);
    expect(out.warnings).toEqual([]);
  });
});

describe('DOCX nested tables', () => {
  const form = tbl(2, [tr([tc('项目名称'), tc('机房电费')]), tr([tc('年度资金总额'), tc('36.00')])]);

  it('lifts a form out of a one-cell frame table, paragraphs and all', async () => {
    const frame = tbl(1, [tr([tc({ xml: p('项目支出绩效目标表') + p('（2023年度）') + form + p('') })])]);
    const out = await extractDocx(buildDocx(p('标题') + frame + p('后记')));
    expect(texts(out.blocks)).toEqual(['标题', '项目支出绩效目标表', '（2023年度）', '<table 2>', '后记']);
    expect(shape(out.blocks[3])).toEqual([
      [[0, '项目名称', 1, 1], [1, '机房电费', 1, 1]],
      [[0, '年度资金总额', 1, 1], [1, '36.00', 1, 1]],
    ]);
    expect(out.warnings).toEqual([]);
  });

  it('cuts a table at a full-width row that holds a table', async () => {
    const indicators = tbl(2, [tr([tc('一级指标'), tc('二级指标')]), tr([tc('产出指标'), tc('数量指标')])]);
    const outer = tbl(3, [
      tr([tc('项目名称'), tc('机房电费', { span: 2 })]),
      tr([tc({ xml: p('绩效指标') + indicators }, { span: 3 })]),
      tr([tc('备注'), tc('无', { span: 2 })]),
    ]);
    const out = await extractDocx(buildDocx(outer));
    expect(texts(out.blocks)).toEqual(['<table 1>', '绩效指标', '<table 2>', '<table 1>']);
    expect(shape(out.blocks[0])).toEqual([[[0, '项目名称', 1, 1], [1, '机房电费', 1, 2]]]);
    expect(shape(out.blocks[2])[1]).toEqual([[0, '产出指标', 1, 1], [1, '数量指标', 1, 1]]);
    expect(shape(out.blocks[3])).toEqual([[[0, '备注', 1, 1], [1, '无', 1, 2]]]);
  });

  it('reads a table in one cell of several as that cell\'s lines, with a warning', async () => {
    const inner = tbl(2, [tr([tc('甲'), tc('乙')]), tr([tc('丙'), tc('丁')])]);
    const outer = tbl(2, [tr([tc('说明'), tc({ xml: p('见下表') + inner })])]);
    const out = await extractDocx(buildDocx(outer));
    expect(texts(out.blocks)).toEqual(['<table 1>']);
    expect(shape(out.blocks[0])).toEqual([[[0, '说明', 1, 1], [1, '见下表\n甲\n乙\n丙\n丁', 1, 1]]]);
    expect(out.warnings.map((w) => w.code)).toEqual(['docx-nested-table']);
  });
  it('lifts each one-cell row that holds a table, even a vertically merged one, losing none of them', async () => {
    // a lifted row whose one cell continues a vertical merge: mammoth alone drops that cell and
    // the table in it; cut out of mammoth's view, both inner tables are read from the XML
    const inner = (t: string): string => tbl(1, [tr([tc(t)])]);
    const outer = tbl(1, [
      tr([tc({ xml: inner('甲') }, { vMerge: 'restart' })]),
      tr([tc({ xml: inner('乙') }, { vMerge: 'continue' })]),
    ]);
    const out = await extractDocx(buildDocx(p('前') + outer));
    expect(texts(out.blocks)).toEqual(['前', '<table 1>', '<table 1>']);
    expect(shape(out.blocks[1])).toEqual([[[0, '甲', 1, 1]]]);
    expect(shape(out.blocks[2])).toEqual([[[0, '乙', 1, 1]]]);
    expect(out.warnings).toEqual([]);
  });
});

describe('DOCX bad and edge input', () => {
  it('reads markup written unusually (other prefixes, a default namespace, entities, CDATA, a BOM, UTF-16) as the usual markup', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const cell = (x: string): string => tc({ xml: x });
    // the usual markup: w: prefix, text as is
    const usualBody =
      p('项目支出绩效目标表') +
      tbl(3, [
        tr([tc('项目名称'), tc('A&B <甲>', { span: 2 })]),
        tr([tc('指标'), cell('<w:p><w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t></w:r></w:p>'), cell(p('🗹'))]),
        tr([cell(p('外') + tbl(1, [tr([tc('内')])])), tc('x'), tc('y')]),
      ]) +
      p('尾');
    const usual = buildDocx(usualBody);
    // the same document: the w namespace under the prefix ns0 and, in the table, as the default
    // namespace; entities, CDATA, a symbol-font check box, comments and an end tag with spaces
    const unusualXml =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ns0:document xmlns:ns0="${W}"><!-- 注释 --><ns0:body>` +
      `<ns0:p><ns0:r><ns0:t>项目支出绩效目标表</ns0:t></ns0:r></ns0:p>` +
      `<tbl xmlns="${W}"><tblPr><tblStyle ns0:val="表格样式一二三四五六七八九十"/></tblPr><tblGrid><gridCol/><gridCol/><gridCol/></tblGrid>` +
      `<tr><tc><p><r><t>项目名称</t></r></p></tc><tc ><tcPr><gridSpan ns0:val="2"/></tcPr><p><r><t>A&amp;B <![CDATA[<甲>]]></t></r></p></tc></tr>` +
      `<tr><tc><p><r><t>&#x6307;&#26631;</t></r></p></tc><tc><p><r><t>一</t><tab/><t>二</t><br/><t>三</t></r></p></tc>` +
      `<tc><p><r><sym ns0:font="Wingdings" ns0:char="F0FE"/></r></p></tc ></tr>` +
      `<tr><tc><p><r><t>外</t></r></p><tbl><tr><tc><p><r><t>内</t></r></p></tc></tr></tbl></tc><tc><p><r><t>x</t></r></p></tc><tc><p><r><t>y</t></r></p></tc></tr>` +
      `</tbl><?pi data?><ns0:p><ns0:r><ns0:t xml:space="preserve">尾</ns0:t></ns0:r></ns0:p><ns0:sectPr/></ns0:body></ns0:document>`;
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(unusualXml, 'utf8')]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(unusualXml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]);

    const expected = await extractDocx(usual);
    expect(texts(expected.blocks)).toEqual(['项目支出绩效目标表', '<table 3>', '尾']);
    expect(shape(expected.blocks[1])).toEqual([
      [[0, '项目名称', 1, 1], [1, 'A&B <甲>', 1, 2]],
      [[0, '指标', 1, 1], [1, '一 二\n三', 1, 1], [2, '🗹', 1, 1]],
      [[0, '外\n内', 1, 1], [1, 'x', 1, 1], [2, 'y', 1, 1]],
    ]);
    for (const doc of [docxPackage(withBom), docxPackage(utf16)]) {
      const out = await extractDocx(doc);
      expect(out.blocks).toEqual(expected.blocks);
      expect(out.warnings).toEqual(expected.warnings);
    }
  });

  it('returns no blocks for an empty document, and paragraphs only for a document without tables', async () => {
    expect((await extractDocx(buildDocx(''))).blocks).toEqual([]);
    const out = await extractDocx(buildDocx(p('只有一段')));
    expect(out).toEqual({
      format: 'docx',
      pages: null,
      encoding: null,
      blocks: [{ kind: 'paragraph', text: '只有一段', page: null, line: null }],
      warnings: [],
    });
  });

  it('rejects a truncated (corrupt) package', async () => {
    const bytes = buildDocx(p('x'));
    await expect(extractDocx(bytes.subarray(0, bytes.length - 30))).rejects.toThrow(InputError);
    // through the dispatcher too: it still looks like a docx from its first bytes
    await expect(extract(bytes.subarray(0, bytes.length - 30), 'a.docx')).rejects.toThrow(/damaged|not a zip/);
  });

  it('rejects a zip that is not a Word document', async () => {
    const zip = buildZip([{ name: 'word/other.xml', data: '<x/>' }]);
    await expect(extractDocx(zip)).rejects.toThrow(/not a Word document/);
  });

  it('rejects a document part that is not XML', async () => {
    const truncated = buildZip([{ name: 'word/document.xml', data: '<w:document><w:body><w:p>' }]);
    await expect(extractDocx(truncated)).rejects.toThrow(/word\/document\.xml is not well-formed XML/);
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const mismatched = buildZip([
      { name: 'word/document.xml', data: `<w:document xmlns:w="${W}"><w:body><w:p></w:body></w:document>` },
    ]);
    await expect(extractDocx(mismatched)).rejects.toThrow(/not well-formed XML/);
  });

  it('rejects a package with a zip bomb in it before mammoth inflates anything', async () => {
    const bomb = { name: 'word/styles.xml', data: 'x'.repeat(1000), declaredSize: 10 };
    await expect(extractDocx(buildDocx(p('x'), [bomb]))).rejects.toThrow(/declared|too many bytes/);
  });

  it('says so for a password-protected .docx (an OLE compound file)', async () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    cfb.set(Buffer.from('EncryptedPackage', 'utf16le'), 1200);
    await expect(extract(cfb, 'secret.docx')).rejects.toThrow(/password-protected/);
    const doc = cfb.slice();
    doc.fill(0, 1200);
    await expect(extract(doc, 'old.docx')).rejects.toThrow(/Word 97-2003/);
  });
});
