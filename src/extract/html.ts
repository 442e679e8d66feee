import { defaultTreeAdapter, parse } from 'parse5';
import type { DefaultTreeAdapterMap, DefaultTreeAdapterTypes as T, Token, TreeAdapter } from 'parse5';
import type { Block, Cell, Extracted, Row } from '../model/intermediate.js';

/** HTML: every `<table>` becomes a table block (rowspan/colspan kept), other text paragraphs. */
export function extractHtml(html: string, encoding: string | null): Extracted {
  return { format: 'html', pages: null, encoding, blocks: htmlToBlocks(html), warnings: [] };
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'td', 'th', 'tr', 'ul',
]);
const SKIP_TAGS = new Set(['head', 'script', 'style', 'template', 'noscript']);

type Node = T.Node;
type Element = T.Element;

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

/** Marks, on a walk's stack, the end of a block element: the text so far ends there. */
const FLUSH = Symbol('flush');

/** Children go on the stack last first, so that they come off it in document order. */
function pushChildren(stack: (Node | typeof FLUSH)[], children: readonly Node[]): void {
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
}

function lineOf(n: Node): number | null {
  return (n as Element).sourceCodeLocation?.startLine ?? null;
}

/**
 * parse5's tree, keeping of each node's source location only its first line (all lineOf reads):
 * the full locations (start and end of every tag and attribute, copied on each update) took
 * seconds and a third of the heap on a table of 100,000 rows.
 */
const LINES_ONLY: TreeAdapter<DefaultTreeAdapterMap> = {
  ...defaultTreeAdapter,
  setNodeSourceCodeLocation(node, location) {
    // a partial location: nothing here reads past startLine
    node.sourceCodeLocation = location && ({ startLine: location.startLine } as Token.ElementLocation);
  },
  updateNodeSourceCodeLocation() {},
};

/** A cell of a table row, as tableRows places it on the grid. */
interface RowCell {
  text: string;
  colSpan: number;
  /** As the attribute says (0: to the end of the table); clamped to the table once its rows are known. */
  rowSpan: number;
  line: number | null;
}

/**
 * The tree adapter of htmlToBlocks: lines only, and each row of a table that is not inside a cell
 * read as it closes into `rows`, its cell elements and text nodes then dropped, so that a table of
 * 100,000 rows is never held as a tree of a dozen nodes a row. A closed row cannot change: the tree
 * builder inserts only into open elements, or before a table when it foster-parents. The rows of a
 * table inside a cell are kept whole: the outer cell's text reads them.
 */
function readingRows(rows: Map<Element, RowCell[]>): TreeAdapter<DefaultTreeAdapterMap> {
  return {
    ...LINES_ONLY,
    onItemPop(item) {
      if (item.tagName !== 'tr' || !inOuterTable(item)) return;
      rows.set(item, rowCells(item));
      item.childNodes = [];
    },
  };
}

/** Is the element inside exactly one table, and in no table cell? */
function inOuterTable(el: Element): boolean {
  let tables = 0;
  for (let p = el.parentNode; p && isElement(p); p = p.parentNode) {
    if (p.tagName === 'td' || p.tagName === 'th') return false;
    if (p.tagName === 'table') tables++;
  }
  return tables === 1;
}

/**
 * Walk the document in reading order, emitting paragraphs and tables. Shared by DOCX (via mammoth).
 * `asTheyClose`: table rows read as parse5 closes them (see readingRows); without, from the whole
 * tree (the same blocks: a test holds the two to it).
 */
export function htmlToBlocks(html: string, asTheyClose = true): Block[] {
  const read = new Map<Element, RowCell[]>();
  const doc = parse(html, { sourceCodeLocationInfo: true, treeAdapter: asTheyClose ? readingRows(read) : LINES_ONLY });
  const blocks: Block[] = [];
  let para = '';
  let paraLine: number | null = null;
  const flush = (): void => {
    const text = para.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (text) blocks.push({ kind: 'paragraph', text, page: null, line: paraLine });
    para = '';
    paraLine = null;
  };
  // An explicit stack rather than recursion: documents can nest elements many thousands deep.
  const stack: (Node | typeof FLUSH)[] = [doc];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === FLUSH) {
      flush();
      continue;
    }
    if (n.nodeName === '#text') {
      if (paraLine === null) paraLine = lineOf(n);
      para += (n as T.TextNode).value;
      continue;
    }
    if (!isElement(n)) {
      pushChildren(stack, (n as T.ParentNode).childNodes ?? []);
      continue;
    }
    if (SKIP_TAGS.has(n.tagName)) continue;
    if (n.tagName === 'table') {
      flush();
      const rows = tableRows(n, read);
      if (rows.length) blocks.push({ kind: 'table', rows, page: null });
      continue;
    }
    if (n.tagName === 'br') {
      flush();
      continue;
    }
    const block = BLOCK_TAGS.has(n.tagName);
    if (block) {
      flush();
      stack.push(FLUSH);
    }
    pushChildren(stack, n.childNodes);
  }
  flush();
  return blocks;
}

/** HTML's own limits on spans (a larger attribute means the limit). */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

/** Columns [col, end) taken by a cell spanning down from an earlier row, through row `last`. */
interface Taken {
  col: number;
  end: number;
  last: number;
}

/**
 * The rows of a table, each cell placed on the grid past cells spanning down from above. The
 * grid is never drawn out: the cells spanning down are kept as column intervals in column order,
 * so the work grows with the number of cells, not with rows × spans.
 */
function tableRows(table: Element, read: ReadonlyMap<Element, RowCell[]>): Row[] {
  const trs: Element[] = [];
  const collect = (el: Element): void => {
    for (const c of el.childNodes) {
      if (!isElement(c)) continue;
      if (c.tagName === 'tr') trs.push(c);
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') collect(c);
    }
  };
  collect(table);
  let taken: Taken[] = [];
  return trs.map((tr, r) => {
    const above = taken.filter((t) => t.last >= r);
    const next: Taken[] = [];
    const cells: Cell[] = [];
    let col = 0;
    let k = 0; // first interval of `above` that may still lie at or right of `col`
    for (const td of read.get(tr) ?? rowCells(tr)) {
      for (; k < above.length && above[k]!.col <= col; k++) col = Math.max(col, above[k]!.end);
      const { colSpan } = td;
      // rowspan=0 runs to the end of the table, and no cell spans past it
      const rowSpan = td.rowSpan === 0 ? trs.length - r : Math.min(td.rowSpan, trs.length - r);
      if (rowSpan > 1) next.push({ col, end: col + colSpan, last: r + rowSpan - 1 });
      cells.push({ text: td.text, col, rowSpan, colSpan, page: null, line: td.line, bbox: null });
      col += colSpan;
    }
    taken = mergeByColumn(above, next);
    return { cells, page: null, line: lineOf(tr) };
  });
}

/** The cells of a row: its td and th elements. */
function rowCells(tr: Element): RowCell[] {
  const cells: RowCell[] = [];
  for (const td of tr.childNodes) {
    if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
    const colSpan = Math.max(1, spanAttr(td, 'colspan', MAX_COLSPAN));
    cells.push({ text: cellText(td), colSpan, rowSpan: spanAttr(td, 'rowspan', MAX_ROWSPAN), line: lineOf(td) });
  }
  return cells;
}

/** Two interval lists, each in column order, as one in column order. */
function mergeByColumn(a: Taken[], b: Taken[]): Taken[] {
  const out: Taken[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.col <= b[j]!.col)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

function spanAttr(el: Element, name: string, max: number): number {
  const v = el.attrs.find((a) => a.name === name)?.value;
  const n = v === undefined ? 1 : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, max) : 1;
}

/** Text of a cell, with line breaks between its paragraphs, list items and `<br>`s. */
export function cellText(el: Element): string {
  const parts: string[] = [];
  let cur = '';
  const brk = (): void => {
    const t = cur.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (t) parts.push(t);
    cur = '';
  };
  const stack: (Node | typeof FLUSH)[] = [];
  pushChildren(stack, el.childNodes);
  while (stack.length) {
    const n = stack.pop()!;
    if (n === FLUSH) brk();
    else if (n.nodeName === '#text') cur += (n as T.TextNode).value;
    else if (!isElement(n) || SKIP_TAGS.has(n.tagName)) continue;
    else if (n.tagName === 'br') brk();
    else {
      const block = BLOCK_TAGS.has(n.tagName) || n.tagName === 'table';
      if (block) {
        brk();
        stack.push(FLUSH);
      }
      pushChildren(stack, n.childNodes);
    }
  }
  brk();
  return parts.join('\n');
}
