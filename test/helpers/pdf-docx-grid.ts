import { inflateRawSync } from 'node:zlib';

/**
 * The tables of a .docx read straight from word/document.xml (gridSpan, vMerge, tblHeader), as
 * an independent reference for what the PDF extractor must rebuild from the PDF rendering of
 * the same document. Deliberately small: no styles, no nested tables.
 */

export interface RefCell {
  text: string;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface RefTable {
  rows: RefCell[][];
  /** Rows marked to repeat as a header on every page. */
  headerRows: number;
}

export type RefBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; table: RefTable };

/** One file out of a zip archive (stored or deflated). */
export function unzipEntry(zip: Uint8Array, name: string): Buffer {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.length);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < count; k++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entry = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in zip`);
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10));
  });
}

interface RawCell {
  text: string;
  span: number;
  vmerge: 'restart' | 'continue' | null;
}

/** Body paragraphs and tables of a .docx, in document order. */
export function docxBlocks(docx: Uint8Array): RefBlock[] {
  const xml = unzipEntry(docx, 'word/document.xml').toString('utf8');
  const tokens = xml.match(/<[^>]+>|[^<]+/g) ?? [];
  const blocks: RefBlock[] = [];
  let depth = 0; // table nesting
  let rows: RawCell[][] = [];
  let row: RawCell[] | null = null;
  let cell: RawCell | null = null;
  let paras: string[] = [];
  let para: string | null = null;
  let inText = false;
  let headerRows = 0;
  let rowIsHeader = false;
  for (const tok of tokens) {
    if (tok.startsWith('<')) {
      const m = /^<(\/?)([\w:]+)([^>]*?)(\/?)>$/.exec(tok);
      if (!m) continue;
      const [, close, tag, attrs, selfClose] = m as unknown as [string, string, string, string, string];
      const val = /w:val="([^"]*)"/.exec(attrs)?.[1];
      if (tag === 'w:tbl') {
        if (!close) {
          depth++;
          if (depth === 1) {
            rows = [];
            headerRows = 0;
          }
        } else {
          if (depth === 1) blocks.push({ kind: 'table', table: { rows: resolve(rows), headerRows } });
          depth--;
        }
      } else if (depth === 1 && tag === 'w:tr') {
        if (!close) {
          row = [];
          rowIsHeader = false;
        } else if (row) {
          if (rowIsHeader && headerRows === rows.length) headerRows++;
          rows.push(row);
          row = null;
        }
      } else if (depth === 1 && tag === 'w:tblHeader') {
        rowIsHeader = val === undefined || val === 'true' || val === '1' || val === 'on';
      } else if (depth === 1 && tag === 'w:tc') {
        if (!close) {
          cell = { text: '', span: 1, vmerge: null };
          paras = [];
        } else if (cell && row) {
          cell.text = paras.join('\n').replace(/\n+$/, '');
          row.push(cell);
          cell = null;
        }
      } else if (cell && tag === 'w:gridSpan') {
        cell.span = Number(val ?? 1);
      } else if (cell && tag === 'w:vMerge') {
        cell.vmerge = val === 'restart' ? 'restart' : 'continue';
      } else if (tag === 'w:p') {
        if (!close && !selfClose) para = '';
        else if (selfClose) finishPara('');
        else if (close) {
          finishPara(para ?? '');
          para = null;
        }
      } else if (tag === 'w:t') {
        inText = !close && !selfClose;
      } else if (tag === 'w:br' && para !== null) {
        para += '\n';
      } else if (tag === 'w:tab' && para !== null) {
        para += '\t';
      }
    } else if (inText && para !== null) {
      para += decodeXml(tok);
    }
  }
  return blocks;

  function finishPara(text: string): void {
    if (cell) paras.push(text);
    else if (depth === 0 && text.trim()) blocks.push({ kind: 'paragraph', text: text.trim() });
  }
}

/** Raw rows with vMerge marks to HTML-convention rows (a merged cell once, with its spans). */
function resolve(raw: RawCell[][]): RefCell[][] {
  const out: RefCell[][] = raw.map(() => []);
  const openAt = new Map<number, RefCell>(); // grid column -> cell a vMerge continues
  raw.forEach((cells, r) => {
    let col = 0;
    for (const c of cells) {
      if (c.vmerge === 'continue') {
        const above = openAt.get(col);
        if (above) above.rowSpan++;
      } else {
        const cell: RefCell = { text: c.text, col, rowSpan: 1, colSpan: c.span };
        out[r]!.push(cell);
        openAt.set(col, cell);
      }
      col += c.span;
    }
  });
  return out;
}

/**
 * Renumbers columns so that only grid lines some cell starts or ends at remain: a PDF shows the
 * lines that are drawn, not the document's unused grid columns.
 */
export function compactColumns<T extends { col: number; colSpan: number }>(rows: T[][]): T[][] {
  const edges = new Set<number>();
  for (const row of rows) for (const c of row) edges.add(c.col).add(c.col + c.colSpan);
  const sorted = [...edges].sort((a, b) => a - b);
  const idx = new Map(sorted.map((e, i) => [e, i]));
  return rows.map((row) =>
    row.map((c) => ({ ...c, col: idx.get(c.col)!, colSpan: idx.get(c.col + c.colSpan)! - idx.get(c.col)! })),
  );
}
