import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import { describeError, InputError, printable } from '../src/errors.js';
import { extract } from '../src/extract/index.js';
import { htmlToBlocks } from '../src/extract/html.js';
import type { TableBlock } from '../src/model/intermediate.js';
import { documentXml, p, tbl, tc, tr } from './helpers/docx-build.js';
import { buildZip } from './helpers/zip-build.js';

/** Hostile inputs read correctly or refused with one clear line (issue 14). */

describe('HTML spans', () => {
  it('places cells past row spans without drawing the grid, spans clamped to the table', () => {
    const cells = '<td colspan="1000" rowspan="1000">a</td><td>b</td>';
    const [table] = htmlToBlocks(`<table><tr>${cells}</tr><tr><td>c</td></tr><tr><td colspan="0">d</td><td rowspan="0">e</td></tr></table>`);
    const rows = (table as TableBlock).rows.map((r) => r.cells.map((c) => [c.col, c.text, c.rowSpan, c.colSpan]));
    expect(rows).toEqual([
      [[0, 'a', 3, 1000], [1000, 'b', 1, 1]],
      [[1000, 'c', 1, 1]],
      [[1000, 'd', 1, 1], [1001, 'e', 1, 1]],
    ]);
  });

  it('caps colspan at 1000 and rowspan at 65534, as browsers do', () => {
    const [table] = htmlToBlocks('<table><tr><td colspan="99999999" rowspan="99999999">a</td><td>b</td></tr><tr><td>c</td></tr></table>');
    const rows = (table as TableBlock).rows;
    expect(rows[0]!.cells.map((c) => [c.col, c.colSpan, c.rowSpan])).toEqual([[0, 1000, 2], [1000, 1, 1]]);
    expect(rows[1]!.cells[0]!.col).toBe(1000);
  });

  it('reads 300 rows of cells spanning 1000 × 1000 quickly', () => {
    const row = `<tr>${'<td colspan="1000" rowspan="1000">x</td>'.repeat(10)}</tr>`;
    const [table] = htmlToBlocks(`<table>${row.repeat(300)}</table>`);
    const last = (table as TableBlock).rows[299]!;
    // every row is pushed right past the cells spanning down from all rows above
    expect(last.cells[0]!.col).toBe(299 * 10 * 1000);
  });
});

describe('deep nesting', () => {
  it('reads text nested 100,000 elements deep', () => {
    const blocks = htmlToBlocks(`${'<div>'.repeat(100_000)}项目名称`);
    expect(blocks).toEqual([{ kind: 'paragraph', text: '项目名称', page: null, line: 1 }]);
  });

  it('refuses a Word document nested past what its reader follows, in one line', async () => {
    const body = '<w:tbl><w:tr><w:tc>'.repeat(3000) + '<w:p/>' + '</w:tc></w:tr></w:tbl>'.repeat(3000);
    const bytes = buildZip([{ name: 'word/document.xml', data: documentXml(body) }, ...packageParts('word/document.xml')]);
    await expect(convert({ path: 'deep.docx', bytes })).rejects.toThrow(new InputError('nested too deeply to read (elements inside elements thousands of levels deep)'));
  });
});

function packageParts(main: string): { name: string; data: string }[] {
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
    },
  ];
}

describe('DOCX main part', () => {
  it('is found through [Content_Types].xml and _rels/.rels, whatever its name', async () => {
    const body = p('项目支出绩效目标表') + tbl(2, [tr([tc('项目名称'), tc('测试项目')])]);
    const bytes = buildZip([...packageParts('content/main.xml'), { name: 'content/main.xml', data: documentXml(body) }]);
    const doc = await extract(bytes, 'renamed.docx');
    expect(doc.format).toBe('docx');
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.cells.map((c) => c.text))))).toEqual([
      '项目支出绩效目标表',
      [['项目名称', '测试项目']],
    ]);
  });

  it('a zip with content types of another kind is still not a Word document', async () => {
    const bytes = buildZip([{ name: '[Content_Types].xml', data: '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>' }]);
    await expect(extract(bytes, 'book.docx')).rejects.toThrow('not a Word document (a zip package without a Word main part)');
  });

  it('markup mammoth does not expect is a damaged document, not "Not implemented"', async () => {
    const bytes = buildZip([...packageParts('word/document.xml'), { name: 'word/document.xml', data: documentXml('<w:p><w:r><w:t>a<w:b/>b</w:t></w:r></w:p>') }]);
    await expect(extract(bytes, 'odd.docx')).rejects.toThrow(/^damaged or unusual Word document: its XML has a shape the DOCX reader cannot follow$/);
  });
});

describe('messages', () => {
  it('escape control characters from documents and file names', () => {
    expect(printable('a\x1b[2Jb\x07\u202ec\x9b31m\td')).toBe('a\\x1b[2Jb\\x07\\u202ec\\x9b31m\td');
    expect(describeError('x\x1b]0;t\x07.txt', new InputError('bad\ncell \x1b[31m'))).toBe('x\\x1b]0;t\\x07.txt: bad cell \\x1b[31m');
  });

  it('say an internal error is one, in one line, without the stack', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'x')\n    at f (/src/a.ts:1:1)");
    expect(describeError('a.pdf', err)).toBe("a.pdf: could not read this file (internal error: Cannot read properties of undefined (reading 'x'))");
  });
});
