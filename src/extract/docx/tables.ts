import type { TableBlock } from '../../model/intermediate.js';
import { placeCells, sliceRows, type SourceCell, type SourceRow } from './grid.js';
import { cellHasTable, foldedRow, foldRow, rowCells, tableRows } from './structure.js';
import { cellText } from './text.js';
import { child, elements, inNs, intAttr, is, type XmlElement } from './xml.js';

/**
 * Tables read from the document XML, where the grid is known (w:gridBefore, w:gridSpan,
 * w:vMerge). They are listed in the order mammoth meets them (depth first, document order),
 * the order cutTables (flow.ts) takes them out of the text mammoth reads.
 */
export interface XmlTable {
  el: XmlElement;
  /**
   * Rows whose only cell holds a table (a frame around a form, or a form's indicator block put
   * in one wide cell): their content is lifted into the document flow and the table is cut there.
   */
  lifted: number[];
}

/** A table as it goes into the flow: runs of rows become table blocks, lifted rows their content. */
export type TablePart = { kind: 'rows'; table: TableBlock } | { kind: 'lift'; row: number };

/** Elements (w: namespace) mammoth reads into, where tables may sit. */
const W_DESCEND = new Set([
  'body', 'p', 'r', 'hyperlink', 'sdt', 'sdtContent', 'customXml', 'ins', 'moveTo', 'smartTag', 'object', 'pict',
  'txbxContent',
]);
/** VML shapes that can carry text boxes (mammoth reads these; DrawingML text boxes it skips). */
const V_DESCEND = new Set(['roundrect', 'shape', 'textbox', 'group', 'rect']);

/** Every table under `root`, depth first in document order, as mammoth finds them. */
export function listTables(root: XmlElement): XmlTable[] {
  const out: XmlTable[] = [];
  const walk = (el: XmlElement): void => {
    for (const c of elements(el)) {
      if (is(c, 'w', 'tbl')) {
        const rows = tableRows(c);
        out.push({ el: c, lifted: liftedRows(rows) });
        for (const tr of rows) for (const tc of rowCells(tr)) walk(tc);
      } else if (is(c, 'mc', 'AlternateContent')) {
        const fallback = child(c, 'mc', 'Fallback');
        if (fallback) walk(fallback);
      } else if ((W_DESCEND.has(c.name) && inNs(c, 'w')) || (V_DESCEND.has(c.name) && inNs(c, 'v'))) {
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

function liftedRows(rows: XmlElement[]): number[] {
  return rows.flatMap((tr, i) => {
    const cells = rowCells(tr);
    return cells.length === 1 && cellHasTable(cells[0]!) ? [i] : [];
  });
}

/** The parts of a table in order, and whether a non-lifted cell held a table (read as its text). */
export function tableParts(t: XmlTable): { parts: TablePart[]; nestedAsText: boolean } {
  const rows = tableRows(t.el);
  const lifted = new Set(t.lifted);
  const placed = placeCells(rows.map((tr, i) => (lifted.has(i) ? { gridBefore: 0, cells: [] } : sourceRow(tr))));
  const parts: TablePart[] = [];
  let start = 0;
  const flushRows = (end: number): void => {
    if (end > start) parts.push({ kind: 'rows', table: { kind: 'table', rows: sliceRows(placed, start, end), page: null } });
  };
  t.lifted.forEach((r) => {
    flushRows(r);
    parts.push({ kind: 'lift', row: r });
    start = r + 1;
  });
  flushRows(rows.length);
  const nestedAsText = rows.some((tr, i) => !lifted.has(i) && rowCells(tr).some(cellHasTable));
  return { parts, nestedAsText };
}

/**
 * parseXml's onClose hook: a finished w:tr with no table inside is read into its SourceRow at
 * once and kept as a bare element (w:trPr only, for tracked deletion), so a long table costs a
 * row's worth of objects per row rather than a tree of runs and properties.
 */
export function compactRow(el: XmlElement): XmlElement {
  if (!is(el, 'w', 'tr') || holdsTable(el)) return el;
  const trPr = child(el, 'w', 'trPr');
  const bare: XmlElement = { ns: el.ns, name: el.name, attrs: el.attrs, children: trPr ? [trPr] : [], start: el.start, end: el.end };
  foldRow(bare, sourceRow(el));
  return bare;
}

function holdsTable(el: XmlElement): boolean {
  const todo = [el];
  for (let e = todo.pop(); e; e = todo.pop()) {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (is(c, 'w', 'tbl')) return true;
      todo.push(c);
    }
  }
  return false;
}

function sourceRow(tr: XmlElement): SourceRow {
  const done = foldedRow(tr);
  if (done) return done;
  const trPr = child(tr, 'w', 'trPr');
  return {
    gridBefore: Math.max(0, intAttr(child(trPr, 'w', 'gridBefore'), 'val', 0)),
    cells: rowCells(tr).map(sourceCell),
  };
}

function sourceCell(tc: XmlElement): SourceCell {
  const tcPr = child(tc, 'w', 'tcPr');
  return {
    text: cellText(tc),
    span: Math.min(Math.max(1, intAttr(child(tcPr, 'w', 'gridSpan'), 'val', 1)), 1000),
    vMerge: mergeState(child(tcPr, 'w', 'vMerge')),
    hMerge: mergeState(child(tcPr, 'w', 'hMerge')),
  };
}

/** A w:vMerge/w:hMerge with no w:val continues the merge (ECMA-376 17.4.85). */
function mergeState(el: XmlElement | undefined): 'restart' | 'continue' | null {
  if (!el) return null;
  return el.attrs['val'] === 'restart' ? 'restart' : 'continue';
}

