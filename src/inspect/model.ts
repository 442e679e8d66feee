import type { Traced } from '../convert.js';
import type { PageGeometry } from '../extract/index.js';
import type { Cell } from '../model/intermediate.js';
import type { CellRole } from '../parse/index.js';

/**
 * What `ptarget tables` prints and `ptarget inspect` draws: the intermediate tables with an id
 * and the parser's role for every cell, and for PDFs what the table finder saw on each page.
 */
export interface InspectCell extends Cell {
  id: string;
  role: CellRole | 'empty';
}

export type InspectBlock =
  | { kind: 'paragraph'; text: string; page: number | null; line: number | null }
  | { kind: 'table'; page: number | null; rows: { page: number | null; line: number | null; cells: InspectCell[] }[] };

export interface TablesDump {
  source: { path: string; format: string; pages: number | null };
  /** PDF pages read or drawn: size, ruling segments and table outlines, in points from the top-left; `notRead` on a page the page filter left out. */
  pages: PageGeometry[];
  blocks: InspectBlock[];
}

/** Give every cell an id (t<table>r<row>c<cell>) and its role, keeping the ids by cell for the report. */
export function tablesOf(traced: Traced, pages: readonly PageGeometry[]): { dump: TablesDump; ids: Map<Cell, string> } {
  const ids = new Map<Cell, string>();
  const { roles } = traced.provenance;
  const blocks: InspectBlock[] = traced.extracted.blocks.map((block, b) => {
    if (block.kind === 'paragraph') return { kind: 'paragraph', text: block.text, page: block.page, line: block.line };
    const rows = block.rows.map((row, r) => ({
      page: row.page,
      line: row.line,
      cells: row.cells.map((cell, c) => {
        const id = `t${b}r${r}c${c}`;
        ids.set(cell, id);
        const role: InspectCell['role'] = roles.get(cell) ?? (cell.text.trim() === '' ? 'empty' : 'ignored');
        return { id, ...cell, role };
      }),
    }));
    return { kind: 'table', page: block.page, rows };
  });
  const { doc } = traced;
  return { dump: { source: { path: doc.source.path, format: doc.source.format, pages: doc.source.pages }, pages: [...pages], blocks }, ids };
}
