import type { SourceRow } from './grid.js';
import { child, elements, inNs, is, type XmlElement } from './xml.js';

/**
 * WordprocessingML structure shared by the text and table readers, following what mammoth
 * reads so that both sides see the same tables and rows: content controls (w:sdt), custom XML,
 * smart tags and tracked insertions are transparent; tracked deletions and moves-away are not
 * content, and a row whose w:trPr holds w:del is a deleted row.
 */

/** Element names (w: namespace) that only wrap content. */
const WRAPPERS = new Set(['customXml', 'ins', 'moveTo', 'smartTag']);
/** Element names (w: namespace) whose content is not part of the document. */
const REMOVED = new Set(['del', 'moveFrom']);

/** Children of a container (body, cell, table, row) with wrappers opened and deletions dropped. */
export function contentChildren(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(el)) {
    if (is(c, 'w', 'sdt')) {
      const content = child(c, 'w', 'sdtContent');
      if (content) out.push(...contentChildren(content));
    } else if (WRAPPERS.has(c.name) && inNs(c, 'w')) {
      out.push(...contentChildren(c));
    } else if (!(REMOVED.has(c.name) && inNs(c, 'w'))) {
      out.push(c);
    }
  }
  return out;
}

/** The rows of a w:tbl that are not tracked as deleted. */
export function tableRows(tbl: XmlElement): XmlElement[] {
  return contentChildren(tbl).filter((c) => is(c, 'w', 'tr') && !child(child(c, 'w', 'trPr'), 'w', 'del'));
}

/** The w:tc cells of a row. */
export function rowCells(tr: XmlElement): XmlElement[] {
  return contentChildren(tr).filter((c) => is(c, 'w', 'tc'));
}

/** A cell that holds a table directly (not through a text box). */
export function cellHasTable(tc: XmlElement): boolean {
  return contentChildren(tc).some((c) => is(c, 'w', 'tbl'));
}

/**
 * Rows read as they closed (see compactRow in tables.ts): their cells are gone from the tree and
 * the row read is kept on the element itself (a WeakMap of 100,000 rows cost its set and the
 * collector's ephemeron work on every major collection).
 */
interface FoldedRow extends XmlElement {
  folded: SourceRow;
}

export function foldRow(tr: XmlElement, row: SourceRow): void {
  (tr as FoldedRow).folded = row;
}

/** The row as read when it closed, or undefined for a row still whole in the tree. */
export function foldedRow(tr: XmlElement): SourceRow | undefined {
  return (tr as Partial<FoldedRow>).folded;
}
