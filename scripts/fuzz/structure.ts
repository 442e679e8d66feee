import fc from 'fast-check';
import { LEVEL1, LEVEL2_PARENT } from '../../src/parse/vocabulary.js';

/**
 * fast-check arbitraries for the text formats: documents shaped like performance-target forms
 * (labels, indicator levels, values with units) mixed with hostile text (quotes, pipes, markup,
 * control and bidi characters, lone surrogates), so that generated inputs get past format
 * detection and into the parser.
 */

const LABELS = [
  '项目名称', '主管部门', '实施单位', '项目负责人', '项目属性', '项目期', '项目资金（万元）', '年度资金总额', '其中：财政拨款',
  '其他资金', '年度绩效目标', '总体目标', '一级指标', '二级指标', '三级指标', '指标值', '指标性质', '度量单位', '权重', '分值',
  '绩效指标', '项目支出绩效目标表', '2023年度项目支出绩效目标申报表', '单位：万元', '（2023年度）', '备注',
];
const VALUES = ['≥95%', '100万元', '≤12月', '=100', '定性', '明显改善', '≥', '≤', '12', '3.6', '-1', '1e308', '0.5亿元', '2023-01-01至2023-12-31', '％', '10分'];
const HOSTILE = [
  '"', '""', '"a,b"', '|', '\\|', '<', '>', '&amp;', '&#0;', '<td>', '</table>', '\x1b[31m', '\x1b]0;title\x07', '\u202e',
  '\u0000', '\r', '\f', '\v', '\u2028', '\ud800', '\ufeff', '　', '\u00ad', '⼀', '…', '---', '|---|', '<br>', '\t',
];

export const cell: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LABELS, ...LEVEL1, ...Object.keys(LEVEL2_PARENT)) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 2, arbitrary: fc.constant('') },
);

const rows = (maxCols: number): fc.Arbitrary<string[][]> =>
  fc.array(fc.array(cell, { minLength: 0, maxLength: maxCols }), { minLength: 1, maxLength: 40 });

export const tsv: fc.Arbitrary<string> = fc
  .tuple(rows(9), fc.constantFrom('\n', '\r\n', '\n\n', '\f'))
  .map(([rs, nl]) => rs.map((r) => r.join('\t')).join(nl));

const csvField = cell.chain((c) => fc.constantFrom(c, `"${c.replace(/"/g, '""')}"`, `"${c}`));
export const csv: fc.Arbitrary<string> = fc
  .array(fc.array(csvField, { maxLength: 10 }), { minLength: 1, maxLength: 40 })
  .map((rs) => rs.map((r) => r.join(',')).join('\n'));

export const markdown: fc.Arbitrary<string> = fc
  .tuple(fc.array(cell, { maxLength: 3 }), rows(8), fc.boolean())
  .map(([paras, rs, sep]) => {
    const width = Math.max(1, ...rs.map((r) => r.length));
    const table = rs.map((r) => `| ${r.map((c) => c.replace(/\n/g, '<br>')).join(' | ')} |`);
    if (sep) table.splice(1, 0, `|${'---|'.repeat(width)}`);
    return [...paras.map((p) => `# ${p}`), '', ...table].join('\n');
  });

/** Text laid out in columns with spaces (no tab anywhere): the layout-text reader. */
export const layout: fc.Arbitrary<string> = fc
  .tuple(rows(7), fc.integer({ min: 1, max: 6 }))
  .map(([rs, gap]) => rs.map((r) => r.map((c) => c.replace(/\t/g, ' ')).join(' '.repeat(gap + 1))).join('\n'));

const span = fc.oneof(
  { weight: 8, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('1000', '65535', '99999999', '-1', 'x', '2.5', ' 3') },
);
const td: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('td', 'th'), span, span, cell)
  .map(([tag, cs, rs, text]) => `<${tag}${cs ? ` colspan="${cs}"` : ''}${rs ? ` rowspan="${rs}"` : ''}>${escapeHtml(text)}</${tag}>`);
const tr = fc.array(td, { maxLength: 8 }).map((cells) => `<tr>${cells.join('')}</tr>`);
const { table: tableArb } = fc.letrec((tie) => ({
  table: fc
    .tuple(fc.array(tr, { minLength: 1, maxLength: 20 }), fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: tie('table') }))
    .map(([trs, nested]) => `<table>${trs.join('')}${nested ? `<tr><td>${nested as string}</td></tr>` : ''}</table>`),
}));
const htmlNoise = fc.constantFrom('<p>', '</p>', '<div>', '<br>', '<script>x<td>', '<!--', '-->', '<tbody>', '</tr>', '<td>', '&nbsp;', '<', '<html><body>');
export const html: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: tableArb as fc.Arbitrary<string> }, { weight: 2, arbitrary: cell.map((c) => `<p>${escapeHtml(c)}</p>`) }, { weight: 1, arbitrary: htmlNoise }), { minLength: 1, maxLength: 6 })
  .map((parts) => `<html><body>${parts.join('\n')}</body></html>`);

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Line-level edits of a real form: rows dropped, doubled, swapped, cells replaced. */
export function editedLines(text: string): fc.Arbitrary<string> {
  const lines = text.split('\n');
  const edit = fc.tuple(fc.constantFrom('drop', 'dup', 'swap', 'cell', 'insert'), fc.nat(), fc.nat(), cell);
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => {
    const out = [...lines];
    for (const [kind, a, b, c] of edits) {
      const i = a % out.length;
      const j = b % out.length;
      if (kind === 'drop') out.splice(i, 1);
      else if (kind === 'dup') out.splice(i, 0, out[i]!);
      else if (kind === 'swap') [out[i], out[j]] = [out[j]!, out[i]!];
      else if (kind === 'insert') out.splice(i, 0, c);
      else {
        const sep = out[i]!.includes('\t') ? '\t' : out[i]!.includes('|') ? '|' : '  ';
        const cells = out[i]!.split(sep);
        cells[b % cells.length] = c;
        out[i] = cells.join(sep);
      }
      if (out.length === 0) out.push(c);
    }
    return out.join('\n');
  });
}

/** How a generated text is stored: encodings and byte-order marks real files come in. */
export function encode(text: string, how: number): Uint8Array {
  switch (how % 6) {
    case 1:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 2:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 3:
      return Buffer.from(text, 'latin1'); // not UTF-8: read as GB18030
    default:
      return Buffer.from(text, 'utf8');
  }
}
