import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { buildDocx, documentXml, p, tbl, tc, tr } from '../../test/helpers/docx-build.js';
import { buildPdf } from '../../test/helpers/pdf-writer.js';
import { buildZip, crc32, type ZipMember } from '../../test/helpers/zip-build.js';
import type { FuzzCase } from './run.js';

/**
 * One case for each hostile input the issue names (and a few of their kind). Each must end
 * within 10 s under 1 GB, with a result or a clear one-line error. `heavy` cases (tens of MB,
 * 100,000 rows) run only in the full fuzz, not in the slice that `npm test` runs.
 */
export interface Crafted extends FuzzCase {
  heavy?: boolean;
  /** Still over its bound (see issue 14's notes): left out of the slice `npm test` runs, kept in the full run. */
  open?: boolean;
}

const TEN_S = 10_000;
const MB = 1024 * 1024;

const FORM_HEAD = ['项目名称\t测试项目', '一级指标\t二级指标\t三级指标\t指标值'];
const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** A PDF from raw object bodies (object 1 the catalog), with a correct cross-reference table. */
export function rawPdf(objects: (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    offset += b.length;
    parts.push(b);
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

export const stream = (content: string | Buffer): Buffer => {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'latin1');
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
};
export const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** `pages` pages all drawing content object 4 (catalog 1, pages 2, font 3). */
export function pagesSharing(pages: number, content: Buffer | string, extra: (string | Buffer)[] = [], xobjects = ''): Uint8Array {
  const first = 5 + extra.length;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    FONT,
    stream(content),
    ...extra,
    ...Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >>${xobjects} >> /Contents 4 0 R >>`),
  ]);
}

/** Form XObjects each drawing the next ten times: 10^depth glyphs from a few kB. */
export function xobjectBomb(depth: number): Uint8Array {
  const extra: string[] = [];
  for (let d = 0; d < depth; d++) {
    const obj = 5 + d;
    const body = d === depth - 1 ? 'BT /F1 8 Tf 10 10 Td (x) Tj ET' : Array.from({ length: 10 }, () => `/X${obj + 1} Do`).join(' ');
    const res = d === depth - 1 ? '<< /Font << /F1 3 0 R >> >>' : `<< /XObject << /X${obj + 1} ${obj + 1} 0 R >> >>`;
    const data = Buffer.from(body, 'latin1');
    extra.push(`<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources ${res} /Length ${data.length} >>\nstream\n${body}\nendstream`);
  }
  return pagesSharing(1, Array.from({ length: 10 }, () => '/X5 Do').join(' '), extra, ' /XObject << /X5 5 0 R >>');
}

/** A zip whose central directory lists `count` names for one stored member. */
function oneMemberManyNames(count: number, data: Buffer): Uint8Array {
  const zip = Buffer.from(buildZip([{ name: 'm0.txt', data, method: 0 }]));
  const cdStart = zip.readUInt32LE(zip.length - 6);
  const cdSize = zip.readUInt32LE(zip.length - 10);
  const central = zip.subarray(cdStart, cdStart + cdSize);
  const entries: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`m${i}.txt`);
    const e = Buffer.concat([central.subarray(0, 46), name]);
    e.writeUInt16LE(name.length, 28);
    entries.push(e);
  }
  const cd = Buffer.concat(entries);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdStart, 16);
  return Buffer.concat([zip.subarray(0, cdStart), cd, end]);
}

const ZEROS_1MIB = ((): ZipMember['deflated'] => {
  const data = Buffer.alloc(MB, 0x20);
  return { bytes: deflateRawSync(data), size: MB, crc: crc32(data) };
})();

const WIDE_ROW = (cells: number): string => Array.from({ length: cells }, (_, i) => `<td colspan="1000" rowspan="1000">${i}</td>`).join('');

const docxRows = (n: number): Uint8Array => {
  const rows = [tr([tc('一级指标'), tc('二级指标'), tc('三级指标'), tc('指标值')])];
  for (let i = 0; i < n; i++) rows.push(tr([tc('产出指标'), tc('数量指标'), tc(`指标${i}`), tc(`≥${i}`)]));
  return buildDocx(p('项目支出绩效目标表') + tbl(4, rows));
};

const DOCX_ELSEWHERE = buildZip([
  {
    name: '[Content_Types].xml',
    data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/content/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  },
  {
    name: '_rels/.rels',
    data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="content/main.xml"/></Relationships>`,
  },
  {
    name: 'content/main.xml',
    data: documentXml(p('项目支出绩效目标表') + tbl(2, [tr([tc('项目名称'), tc('测试')])])),
  },
]);

/** A batch summary with one failure, that line matching `line`. */
const oneFailure = (line: RegExp): RegExp => new RegExp(`^1 failed:\\n  ${line.source}`, 'm');

export function craftedCases(): Crafted[] {
  const cases: Crafted[] = [
    // spans
    { id: 'crafted/html-spans-1000', name: 'spans.html', bytes: () => utf8(`<table>${Array.from({ length: 300 }, () => `<tr>${WIDE_ROW(10)}</tr>`).join('')}</table>`) },
    { id: 'crafted/html-rowspan-65534', name: 'rowspan.html', bytes: () => utf8(`<table><tr>${'<td rowspan="65534" colspan="1000">x</td>'.repeat(500)}</tr>${'<tr><td>y</td></tr>'.repeat(2000)}</table>`) },
    { id: 'crafted/html-100k-rows', name: 'rows.html', heavy: true, bytes: () => utf8(`<p>项目支出绩效目标表</p><table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>${Array.from({ length: 100_000 }, (_, i) => `<tr><td>产出指标</td><td>数量指标</td><td>指标${i}</td><td>≥${i}</td></tr>`).join('')}</table>`) },
    { id: 'crafted/html-deep-nesting', name: 'deep.html', bytes: () => utf8('<div>'.repeat(100_000) + 'x') },
    { id: 'crafted/html-deep-tables', name: 'deep-tables.html', bytes: () => utf8('<table><tr><td>'.repeat(5000) + 'x') },
    // long lines
    { id: 'crafted/text-50mb-line', name: 'line.txt', heavy: true, bytes: () => Buffer.from('abc def '.repeat(50 * MB / 8)) },
    { id: 'crafted/cjk-50mb-words', name: 'cjk.txt', heavy: true, bytes: () => Buffer.from('项目 名称 预算 金额 '.repeat(Math.floor((50 * MB) / 30))) },
    { id: 'crafted/csv-50mb-line', name: 'line.csv', heavy: true, bytes: () => Buffer.from('a,b c,xxxxxxxxxxxxxxxxxxxx'.repeat(Math.floor((50 * MB) / 26))) },
    { id: 'crafted/tsv-50mb-line', name: 'line.tsv', heavy: true, bytes: () => Buffer.from('a\tb c\txxxxxxxxxxxxxxxxxxxx'.repeat(Math.floor((50 * MB) / 26))) },
    { id: 'crafted/csv-1m-empty-columns', name: 'cols.csv', heavy: true, bytes: () => Buffer.from(`项目名称,${','.repeat(1_000_000)}\n1,2\n`) },
    { id: 'crafted/text-5mb-line', name: 'line5.txt', bytes: () => Buffer.from('项目 名称 预算 金额 '.repeat(Math.floor((5 * MB) / 30))) },
    { id: 'crafted/csv-100k-empty-columns', name: 'cols100k.csv', bytes: () => Buffer.from(`项目名称,${','.repeat(100_000)}\n1,2\n`) },
    { id: 'crafted/tsv-200k-rows', name: 'rows.tsv', heavy: true, bytes: () => utf8([...FORM_HEAD, ...Array.from({ length: 200_000 }, (_, i) => `产出指标\t数量指标\t指标${i}\t≥${i}`)].join('\n')) },
    { id: 'crafted/markdown-50mb-line', name: 'line.md', heavy: true, bytes: () => Buffer.from(`|${'a|'.repeat(25 * MB)}`) },
    // DOCX
    { id: 'crafted/docx-100k-rows', name: 'rows.docx', heavy: true, bytes: () => docxRows(100_000) },
    { id: 'crafted/docx-5k-rows', name: 'rows5k.docx', bytes: () => docxRows(5000) },
    { id: 'crafted/docx-main-part-elsewhere', name: 'elsewhere.docx', bytes: () => DOCX_ELSEWHERE, expect: { exit: 0 } },
    { id: 'crafted/docx-text-with-elements', name: 'mixed.docx', bytes: () => buildDocx('<w:p><w:r><w:t>a<w:b/>b</w:t></w:r></w:p>') },
    { id: 'crafted/docx-deep-nested-tables', name: 'deep.docx', bytes: () => buildDocx('<w:tbl><w:tr><w:tc>'.repeat(3000) + '<w:p/>' + '</w:tc></w:tr></w:tbl>'.repeat(3000)) },
    { id: 'crafted/docx-huge-spans', name: 'spans.docx', bytes: () => buildDocx(tbl(2, Array.from({ length: 300 }, () => tr([tc('x', { span: 2147483647 }), tc('y', { vMerge: 'continue' })], { gridBefore: 2147483647 })))) },
    // PDF
    { id: 'crafted/pdf-10mb-string', name: 'string.pdf', heavy: true, bytes: () => pagesSharing(1, `BT /F1 12 Tf 10 800 Td (${'A'.repeat(10 * MB)}) Tj ET`) },
    { id: 'crafted/pdf-1mb-string', name: 'string1.pdf', bytes: () => pagesSharing(1, `BT /F1 12 Tf 10 800 Td (${'A'.repeat(MB)}) Tj ET`) },
    { id: 'crafted/pdf-xobject-bomb', name: 'bomb.pdf', bytes: () => xobjectBomb(7) },
    { id: 'crafted/pdf-shared-heavy-content', name: 'shared.pdf', heavy: true, bytes: () => pagesSharing(200, Array.from({ length: 20_000 }, (_, i) => `BT /F1 6 Tf ${(i * 7) % 590} ${(i * 13) % 840} Td (${i % 100}) Tj ET`).join('\n')) },
    { id: 'crafted/pdf-20000-blank-pages', name: 'blank.pdf', heavy: true, bytes: () => pagesSharing(20_000, '') },
    { id: 'crafted/pdf-2000-blank-pages', name: 'blank2k.pdf', bytes: () => pagesSharing(2000, '') },
    { id: 'crafted/pdf-deep-arrays', name: 'arrays.pdf', bytes: () => pagesSharing(1, `${'['.repeat(200_000)}${']'.repeat(200_000)}`) },
    { id: 'crafted/pdf-deep-dicts', name: 'dicts.pdf', bytes: () => rawPdf([`<< /Type /Catalog /Pages ${'<< /A '.repeat(100_000)}1${' >>'.repeat(100_000)} >>`]) },
    { id: 'crafted/pdf-page-tree-cycle', name: 'cycle.pdf', bytes: () => rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']) },
    { id: 'crafted/pdf-huge-count', name: 'count.pdf', bytes: () => rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1e30 1e30] >>']) },
    { id: 'crafted/pdf-many-glyphs', name: 'glyphs.pdf', bytes: () => buildPdf([{ texts: Array.from({ length: 4000 }, (_, i) => ({ x: (i % 60) * 9, y: 20 + Math.floor(i / 60) * 11, text: '项' })) }]) },
    // endless or special inputs
    { id: 'crafted/dev-zero', name: '', prepare: () => '/dev/zero', expect: { exit: 1, stderr: /\/dev\/zero: .*(not a regular file|device)/ } },
    { id: 'crafted/dev-null', name: '', prepare: () => '/dev/null', expect: { exit: 1 } },
    { id: 'crafted/fifo', name: '', prepare: (dir) => (execFileSync('mkfifo', [`${dir}/in/pipe.txt`]), 'in/pipe.txt'), expect: { exit: 1, stderr: /pipe\.txt: .*(FIFO|pipe|not a regular file)/ } },
    { id: 'crafted/too-large', name: 'big.txt', args: ['-o', 'out/out.json', '--max-size', '1'], bytes: () => Buffer.alloc(2 * MB, 0x41), expect: { exit: 1, stderr: /big\.txt: .*1 MB/ } },
    // zips
    // refused as a whole, in one line naming the archive and the limit: no failure per member
    { id: 'crafted/zip-1000-members-of-1mib', name: 'many.zip', args: ['-o', 'out/'], bytes: () => buildZip(Array.from({ length: 1000 }, (_, i) => ({ name: `m${i}.txt`, deflated: ZEROS_1MIB }))), expect: { exit: 1, stderr: oneFailure(/in\/many\.zip: the archive would inflate \d+ times its size, over the 200:1 limit/) } },
    { id: 'crafted/zip-999-names-one-member', name: 'names.zip', args: ['-o', 'out/'], bytes: () => oneMemberManyNames(999, Buffer.alloc(MB, 0x20)), expect: { exit: 1, stderr: oneFailure(/in\/names\.zip: entries of the archive share their data/) } },
    { id: 'crafted/zip-30000-entries', name: 'entries.zip', args: ['-o', 'out/'], bytes: () => buildZip(Array.from({ length: 30_000 }, (_, i) => ({ name: `d${i}/`, data: '', method: 0 }))), expect: { exit: 1, stderr: oneFailure(/in\/entries\.zip: the archive has more than 20000 entries/) } },
    { id: 'crafted/zip-control-names', name: 'names.zip', args: ['-o', 'out/'], bytes: () => buildZip([{ name: 'a\x1b[2J\x1b]0;pwn\x07.txt', data: '项目名称\tx' }, { name: '\u009b31m.txt', data: 'x\ty' }]) },
    // text that reaches the terminal
    { id: 'crafted/control-chars-in-cells', name: 'ctl.txt', bytes: () => utf8(`项目支出绩效目标表\x1b[2J\n项目名称\t\x1b]0;pwned\x07测试\x9b31m\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t数量\x1b[31m\t≥\x07abc\n`) },
    { id: 'crafted/control-chars-in-name', name: 'a\x1b[31mb.txt', bytes: () => utf8('项目名称\tx\n') },
    { id: 'crafted/empty', name: 'empty.txt', bytes: () => new Uint8Array(), expect: { exit: 1 } },
    { id: 'crafted/bom-only', name: 'bom.txt', bytes: () => Buffer.from([0xef, 0xbb, 0xbf]), expect: { exit: 1 } },
    { id: 'crafted/nul-bytes', name: 'nul.txt', bytes: () => Buffer.alloc(4096, 0), expect: { exit: 1 } },
    { id: 'crafted/pdf-header-only', name: 'header.pdf', bytes: () => utf8('%PDF-1.7\n'), expect: { exit: 1 } },
    { id: 'crafted/zip-named-docx', name: 'x.docx', bytes: () => buildZip([{ name: 'a.txt', data: 'x' }]), expect: { exit: 1 } },
  ];
  return cases.map((c) => ({ limitMs: TEN_S, ...c }));
}
