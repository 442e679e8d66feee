import type { Block, TableBlock } from '../../model/intermediate.js';
import { tableParts, type XmlTable } from './tables.js';

/**
 * mammoth reads the document flow; the grid-exact tables come from the XML. Before mammoth
 * renders HTML, each of its tables is swapped for marker paragraphs (one per run of rows), and
 * after htmlToBlocks the markers are swapped for the XML tables. Rows whose single cell holds a
 * table are lifted: mammoth renders that cell's content in place, cutting the table there.
 *
 * The swap only happens when mammoth's tables match the XML's one for one (count, rows, lifted
 * rows); otherwise mammoth's own tables are kept and the caller warns that columns may shift.
 */

/** mammoth's document model, as far as we touch it (see mammoth/lib/documents.js). */
export interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
}

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKER = /\uE000(\d+\.\d+)\uE001/;

export interface Swap {
  /** True when the XML tables replaced mammoth's. */
  swapped: boolean;
  /** Tables (by marker key) to put back after rendering. */
  tables: Map<string, TableBlock>;
  /** Number of swapped tables whose cells held tables read as text. */
  nestedAsText: number;
}

/** Replace mammoth's tables in `doc` (in place) with markers for the XML tables. */
export function swapTables(doc: MammothNode, xml: readonly XmlTable[]): Swap {
  const found = mammothTables(doc);
  const swap: Swap = { swapped: false, tables: new Map(), nestedAsText: 0 };
  if (!matches(found, xml)) return swap;
  const index = new Map(found.map((t, i) => [t, i]));
  const replace = (children: MammothNode[]): MammothNode[] =>
    children.flatMap((n) => {
      const k = index.get(n);
      if (k === undefined) {
        if (Array.isArray(n.children)) n.children = replace(n.children);
        return [n];
      }
      const { parts, nestedAsText } = tableParts(xml[k]!);
      if (nestedAsText) swap.nestedAsText++;
      const rows = tableRowsOf(n);
      return parts.flatMap((part, j): MammothNode[] => {
        if (part.kind === 'lift') return replace(cellsOf(rows[part.row]!)[0]?.children ?? []);
        const key = `${k}.${j}`;
        swap.tables.set(key, part.table);
        return [markerParagraph(key)];
      });
    });
  if (Array.isArray(doc.children)) doc.children = replace(doc.children);
  swap.swapped = true;
  return swap;
}

/** All tables, depth first: the same order as listTables on the XML. */
function mammothTables(root: MammothNode): MammothNode[] {
  const out: MammothNode[] = [];
  const walk = (n: MammothNode): void => {
    if (n.type === 'table') out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

function matches(found: readonly MammothNode[], xml: readonly XmlTable[]): boolean {
  if (found.length !== xml.length) return false;
  return found.every((t, i) => {
    const x = xml[i]!;
    const rows = tableRowsOf(t);
    return rows.length === x.rowCount && x.lifted.every((r) => cellsOf(rows[r]!).length === 1);
  });
}

function tableRowsOf(t: MammothNode): MammothNode[] {
  return (t.children ?? []).filter((c) => c.type === 'tableRow');
}

function cellsOf(row: MammothNode): MammothNode[] {
  return (row.children ?? []).filter((c) => c.type === 'tableCell');
}

/** A paragraph as mammoth's documents.Paragraph/Run/Text build it, holding one marker. */
function markerParagraph(key: string): MammothNode {
  const text = { type: 'text', value: `${MARK_OPEN}${key}${MARK_CLOSE}` };
  const run = {
    type: 'run', children: [text], styleId: null, styleName: null, isBold: false, isUnderline: false,
    isItalic: false, isStrikethrough: false, isAllCaps: false, isSmallCaps: false,
    verticalAlignment: 'baseline', font: null, fontSize: null, highlight: null,
  };
  return {
    type: 'paragraph', children: [run], styleId: null, styleName: null, numbering: null, alignment: null,
    indent: { start: null, end: null, firstLine: null, hanging: null },
  } as MammothNode;
}

/** Put the XML tables back where htmlToBlocks left their markers. */
export function restoreTables(blocks: readonly Block[], tables: ReadonlyMap<string, TableBlock>): Block[] {
  return blocks.flatMap((b): Block[] => {
    if (b.kind !== 'paragraph' || !b.text.includes(MARK_OPEN)) return [b];
    // a marker is a paragraph of its own; splitting keeps any text that came along all the same
    return b.text.split(MARKER).flatMap((piece, i): Block[] => {
      if (i % 2 === 1) {
        const t = tables.get(piece);
        return t && t.rows.length ? [t] : [];
      }
      const text = piece.trim();
      return text ? [{ ...b, text }] : [];
    });
  });
}
