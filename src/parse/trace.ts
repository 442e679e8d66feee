import type { Form, Indicator } from '../model/document.js';
import type { Cell } from '../model/intermediate.js';
import { isSectionLabel } from './grid.js';
import type { Consumed } from './header.js';
import { matchFieldLabel } from './labels.js';
import { oneLine } from './normalize.js';
import { type ParseCell, type ParseRow, filled } from './rows.js';
import { parseAmount, readQuantity } from './value.js';
import { matchLevelLabel } from './vocabulary.js';

/**
 * Provenance: which intermediate cells the parser read as what, and which cells each indicator
 * and form came from. The reader itself only notes, per row, the recogniser that read it and the
 * indicators that row added (cheap); the roles of the cells are worked out from those afterwards,
 * and only when asked for (`ptarget inspect`, `--provenance`).
 */

/** What the parser took a cell for. */
export const CELL_ROLES = [
  'heading', 'header-label', 'header-value', 'grid-header', 'section', 'level1', 'level2', 'name', 'value', 'weight',
  'score', 'extra', 'ignored',
] as const;
export type CellRole = (typeof CELL_ROLES)[number];

export interface Provenance {
  /** The role of every non-empty cell of the tables (empty cells and paragraphs are not listed). */
  roles: Map<Cell, CellRole>;
  /** The cells each indicator was read from (its labels, name, value, weight …). */
  indicatorCells: Map<Indicator, Cell[]>;
  /** The cells of the rows read into each form. */
  formCells: Map<Form, Cell[]>;
}

/** What the reader noted about one row. */
export interface RowNote {
  row: ParseRow;
  /** Name of the recogniser that read it ("indicator row"), or null if none did. */
  by: string | null;
  /** The form current after the row was read (a FormBuilder: matched to its Form at the end). */
  form: object | null;
  /** Indicators the row added. */
  indicators: Indicator[];
}

const HEADING = new Set(['unit line', 'year line', 'title line']);
const GRID_HEADER = new Set(['indicator grid header', 'wide summary header', 'row above an indicator grid header']);
const INDICATORS = new Set(['indicator row', 'indicator rows without a header', 'wide summary row']);

/** Work out the provenance from the reader's notes, once the forms are built. */
export function provenanceOf(notes: readonly RowNote[], consumed: Consumed, built: Map<object, Form>): Provenance {
  const roles = new Map<Cell, CellRole>();
  const indicatorCells = new Map<Indicator, Cell[]>();
  const formCells = new Map<Form, Cell[]>();
  for (const note of notes) {
    const form = note.form ? built.get(note.form) : undefined;
    for (const cell of filled(note.row)) {
      if (!cell.source) continue;
      const role = roleOf(cell, note, consumed, form);
      roles.set(cell.source, role);
      if (form && role !== 'ignored' && role !== 'heading') formCells.set(form, [...(formCells.get(form) ?? []), cell.source]);
      for (const ind of note.indicators) {
        if (belongsTo(cell, role, ind)) indicatorCells.set(ind, [...(indicatorCells.get(ind) ?? []), cell.source]);
      }
    }
  }
  return { roles, indicatorCells, formCells };
}

function roleOf(cell: ParseCell, note: RowNote, consumed: Consumed, form: Form | undefined): CellRole {
  const by = note.by ?? '';
  if (HEADING.has(by)) return 'heading';
  if (GRID_HEADER.has(by)) return 'grid-header';
  if (consumed.has(cell)) return matchFieldLabel(cell.text) ? 'header-label' : 'header-value';
  if (!INDICATORS.has(by)) return 'ignored';
  if (isSectionLabel(cell)) return 'section';
  for (const ind of note.indicators) {
    const role = indicatorRole(cell, ind);
    if (role) return role;
  }
  const label = matchLevelLabel(cell.text, true);
  if (label) return label.level === 2 ? 'level2' : 'level1';
  if (form && Object.values(form.project).includes(cell.text)) return 'header-value';
  // a value pushed onto a row of its own by a page break belongs to the indicator above
  if (note.indicators.length === 0 && readQuantity(cell.key) !== null) return 'value';
  return 'ignored';
}

/** The role a cell plays for one indicator of its row, if any. */
function indicatorRole(cell: ParseCell, ind: Indicator): CellRole | null {
  const label = matchLevelLabel(cell.text, true);
  if (label && (label.name === ind.level1 || label.name === ind.level2)) return label.name === ind.level1 ? 'level1' : 'level2';
  if (oneLine(cell.text) === ind.name) return 'name';
  if (ind.weight !== null && parseAmount(cell.key.replace(/[%％分]$/, '')) === ind.weight && !contains(ind.value.raw, cell)) return 'weight';
  if (contains(ind.value.raw, cell)) return 'value';
  if (ind.score !== null && parseAmount(cell.key) === ind.score) return 'score';
  if (contains(ind.actual?.raw ?? null, cell)) return 'value';
  if (Object.values(ind.extra).includes(cell.text)) return 'extra';
  return null;
}

function contains(raw: string | null, cell: ParseCell): boolean {
  if (raw === null || cell.key === '') return false;
  const compact = raw.replace(/\s+/g, '');
  return compact.includes(cell.key) || cell.key.includes(compact);
}

function belongsTo(cell: ParseCell, role: CellRole, ind: Indicator): boolean {
  if (role === 'level1' || role === 'level2') return true;
  return indicatorRole(cell, ind) !== null;
}

/** The smallest box round the cells on `page` (or on the first page any of them is on). */
export function boxOf(cells: readonly Cell[], page: number | null = null): [number, number, number, number] | null {
  const boxed = cells.filter((c) => c.bbox !== null);
  const on = page ?? boxed[0]?.page ?? null;
  const mine = boxed.filter((c) => c.page === on).map((c) => c.bbox!);
  if (mine.length === 0) return null;
  const round = (n: number): number => Math.round(n * 10) / 10;
  return [
    round(Math.min(...mine.map((b) => b[0]))),
    round(Math.min(...mine.map((b) => b[1]))),
    round(Math.max(...mine.map((b) => b[2]))),
    round(Math.max(...mine.map((b) => b[3]))),
  ];
}
