import { describe, expect, it } from 'vitest';
import { compactRow, listTables, tableParts } from '../src/extract/docx/tables.js';
import { cutTables } from '../src/extract/docx/flow.js';
import { child, parseXml, textOf, type XmlElement } from '../src/extract/docx/xml.js';
import { documentXml, p, tbl, tc, tr } from './helpers/docx-build.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

describe('the OOXML reader', () => {
  it('resolves prefixes to namespace URIs, decodes entities and CDATA, keeps text only where it is content', () => {
    const root = parseXml(
      `<?xml version="1.0"?><!-- c --><x:document xmlns:x="${W}" xmlns:o="urn:o"><x:body>
        <x:p o:a="1 &amp; 2" x:val="v"><x:r><x:t xml:space="preserve"> a&lt;b&#x9879;&#30446; </x:t><x:t><![CDATA[<c>]]></x:t></x:r></x:p>
      </x:body></x:document>`,
      'word/document.xml',
    );
    expect([root.ns, root.name]).toEqual([W, 'document']);
    const para = child(child(root, 'w', 'body'), 'w', 'p')!;
    expect(para.attrs).toEqual({ '{urn:o}a': '1 & 2', val: 'v' });
    const run = child(para, 'w', 'r')!;
    expect(run.children.map((t) => textOf(t as XmlElement))).toEqual([' a<b项目 ', '<c>']);
    // the body held only whitespace between its elements: none of it kept
    expect(child(root, 'w', 'body')!.children).toHaveLength(1);
  });

  it('refuses damaged XML in one line naming the part', () => {
    const bad = ['<a><b></a>', '<a>', '<a x="<"/>', '<a>&nbsp;</a>', '<a>&#0;</a>', '<!DOCTYPE a [<!ENTITY e "x">]><a/>', '<a/><b/>', '<p:a/>', 'text', ''];
    for (const xml of bad) expect(() => parseXml(xml, 'word/document.xml'), xml).toThrow(/^damaged Word document: word\/document\.xml is not well-formed XML \(.+\)$/);
  });

  it('reads elements nested 100,000 deep without recursion', () => {
    const root = parseXml(`${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`, 'deep.xml');
    expect(root.name).toBe('a');
  });

  it('folds each finished row without a table inside, so a long table keeps no elements per cell', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => tr([tc(`甲${i}`), tc({ xml: p('乙') + p(String(i)) }, { span: 2 })]));
    const xml = documentXml(p('标题') + tbl(3, rows));
    const root = parseXml(xml, 'word/document.xml', compactRow);
    const [table] = listTables(child(root, 'w', 'body')!);
    const trs = table!.el.children.filter((c): c is XmlElement => typeof c === 'object' && c.name === 'tr');
    expect(trs).toHaveLength(1000);
    expect(trs.every((r) => r.children.length === 0)).toBe(true);
    const [part] = tableParts(table!).parts;
    const read = part?.kind === 'rows' ? part.table.rows[999]!.cells.map((c) => [c.col, c.text, c.colSpan]) : [];
    expect(read).toEqual([[0, '甲999', 1], [1, '乙\n999', 2]]);
  });

  it('cuts tables out of the text mammoth reads, keeping the content of lifted cells in place', () => {
    const inner = tbl(1, [tr([tc('内')])]);
    const xml = documentXml(p('前') + tbl(1, [tr([tc('甲')]), tr([tc({ xml: p('中') + inner })]), tr([tc('乙')])]) + p('后'));
    const bytes = Buffer.from(xml, 'utf8');
    const root = parseXml(bytes, 'word/document.xml', compactRow);
    const cut = cutTables(bytes, listTables(child(root, 'w', 'body')!));
    const texts = [...cut.xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(texts).toEqual(['前', '\uE0000.0\uE001', '中', '\uE0001.0\uE001', '\uE0000.2\uE001', '后']);
    expect([...cut.tables.keys()]).toEqual(['0.0', '1.0', '0.2']);
    expect(cut.xml).not.toContain('<w:tbl>');
  });
});
