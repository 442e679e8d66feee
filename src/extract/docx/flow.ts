import type { Block, TableBlock } from '../../model/intermediate.js';
import { rowCells, tableRows } from './structure.js';
import { tableParts, type XmlTable } from './tables.js';
import type { XmlElement } from './xml.js';

/**
 * mammoth reads the document flow; the grid-exact tables come from the XML. Before mammoth sees
 * the main part, each table is cut out of its text and a marker paragraph put in its place (one
 * per run of rows); after htmlToBlocks the markers are swapped for the XML tables. Rows whose
 * single cell holds a table are lifted: the cell's content goes into the flow in place, cutting
 * the table there, and the tables in it are cut out in turn. mammoth never reads a table row, so
 * a table of 100,000 rows costs it nothing.
 */

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKER = /\uE000(\d+\.\d+)\uE001/;

export interface Cut {
  /** The main part as mammoth is given it: every table replaced by markers. */
  xml: string;
  /** Tables (by marker key) to put back after rendering. */
  tables: Map<string, TableBlock>;
  /** Number of tables whose cells held tables read as text. */
  nestedAsText: number;
}

/**
 * Cut `tables` (listTables of the part, parsed from `xml`, its UTF-8 bytes) out of the part's
 * text. The pieces are cut from the bytes and only what is left is decoded for mammoth.
 */
export function cutTables(xml: Buffer, tables: readonly XmlTable[]): Cut {
  const cut: Cut = { xml: '', tables: new Map(), nestedAsText: 0 };
  const pieces: Buffer[] = [];
  let next = 0;
  // the text of [from, to), each table in it replaced; tables are in document order
  const copy = (from: number, to: number): void => {
    let pos = from;
    while (next < tables.length && tables[next]!.el.start! < to) {
      const k = next++;
      const t = tables[k]!;
      if (t.el.start! < pos) continue; // inside a table already replaced: read as cell text
      pieces.push(xml.subarray(pos, t.el.start));
      replace(t, k);
      pos = t.el.end!;
    }
    pieces.push(xml.subarray(pos, to));
  };
  const replace = (t: XmlTable, k: number): void => {
    const { parts, nestedAsText } = tableParts(t);
    if (nestedAsText) cut.nestedAsText++;
    const rows = tableRows(t.el);
    parts.forEach((part, j) => {
      if (part.kind === 'lift') {
        const cell = rowCells(rows[part.row]!)[0]!;
        copy(cell.bodyStart!, cell.bodyEnd!);
        return;
      }
      const key = `${k}.${j}`;
      cut.tables.set(key, part.table);
      pieces.push(Buffer.from(markerParagraph(t.el, key), 'utf8'));
    });
  };
  copy(0, xml.length);
  cut.xml = Buffer.concat(pieces).toString('utf8');
  return cut;
}

/** A paragraph holding one marker, in the table's own namespace (prefixes differ between generators). */
function markerParagraph(tbl: XmlElement, key: string): string {
  return `<w:p xmlns:w="${tbl.ns}"><w:r><w:t>${MARK_OPEN}${key}${MARK_CLOSE}</w:t></w:r></w:p>`;
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
