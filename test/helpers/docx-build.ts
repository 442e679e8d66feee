import { buildZip, type ZipMember } from './zip-build.js';

/**
 * Hand-written WordprocessingML for tests: the markup WPS and Word write for forms
 * (w:gridBefore/w:gridAfter, w:vMerge, w:gridSpan, content controls, nested tables), packed
 * into the smallest package mammoth opens.
 */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A paragraph; "\n" in text becomes a soft line break (w:br). */
export function p(text = ''): string {
  const runs = text.split('\n').map((t, i) => `${i ? '<w:r><w:br/></w:r>' : ''}<w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r>`);
  return `<w:p>${text ? runs.join('') : ''}</w:p>`;
}

export interface TcOpts {
  span?: number;
  vMerge?: 'restart' | 'continue';
}

/** A cell: a string is one paragraph (use raw XML via `xml` for anything else). */
export function tc(content: string | { xml: string }, o: TcOpts = {}): string {
  const pr =
    (o.span ? `<w:gridSpan w:val="${o.span}"/>` : '') +
    (o.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : o.vMerge === 'continue' ? '<w:vMerge/>' : '');
  const body = typeof content === 'string' ? p(content) : content.xml;
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${pr}</w:tcPr>${body}</w:tc>`;
}

export interface TrOpts {
  gridBefore?: number;
  gridAfter?: number;
  deleted?: boolean;
}

export function tr(cells: string[], o: TrOpts = {}): string {
  const pr =
    (o.gridBefore ? `<w:gridBefore w:val="${o.gridBefore}"/><w:wBefore w:w="${1000 * o.gridBefore}" w:type="dxa"/>` : '') +
    (o.gridAfter ? `<w:gridAfter w:val="${o.gridAfter}"/><w:wAfter w:w="${1000 * o.gridAfter}" w:type="dxa"/>` : '') +
    (o.deleted ? '<w:del w:id="1" w:author="x" w:date="2023-01-01T00:00:00Z"/>' : '');
  return `<w:tr>${pr ? `<w:trPr>${pr}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
}

export function tbl(gridCols: number, rows: string[]): string {
  const grid = Array.from({ length: gridCols }, () => '<w:gridCol w:w="1000"/>').join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A .docx whose body is `body` (paragraphs and tables built with the helpers above). */
export function buildDocx(body: string, extra: ZipMember[] = []): Uint8Array {
  return docxPackage(documentXml(body), extra);
}

/** A .docx whose main part is `document` as given (markup written by hand, other encodings). */
export function docxPackage(document: string | Uint8Array, extra: ZipMember[] = []): Uint8Array {
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: document },
    ...extra,
  ]);
}
