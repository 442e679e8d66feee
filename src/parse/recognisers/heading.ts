import { yearOf } from '../dates.js';
import type { Unit } from '../form.js';
import { continuesGrid, isSectionLabel, readGridHeader } from '../grid.js';
import { matchFieldLabel } from '../labels.js';
import { recogniser } from '../recogniser.js';
import { type ParseCell, type ParseRow, filled } from '../rows.js';
import type { ReaderState } from '../state.js';
import { opensForm } from './header-block.js';

// Lines on their own that set context for what follows: "单位：万元", "(2023年度)", a form's title.

const UNIT_LINE = /^[(（]?(?:金额|资金|货币)?单位[:：]\s*(万元|元)[)）]?$/;
// (2023年度), 2023年, and Beijing's 2026（年度）
const YEAR_LINE = /^[(（]?\s*((?:19|20)\d{2})\s*(?:年度?|[(（]\s*年度\s*[)）])\s*[)）]?$/;
const TITLE = /绩效.{0,16}(表|目标)$/;

/** The one filled cell of a row, if it has exactly one. */
function soleCell(row: ParseRow): ParseCell | null {
  const cells = filled(row);
  return cells.length === 1 ? cells[0]! : null;
}

/** "单位：万元" in a row of one or two cells: the money unit of the forms that follow. */
export const unitLine = recogniser({
  name: 'unit line',
  match(row) {
    const cells = filled(row);
    if (cells.length === 0 || cells.length > 2) return null;
    return cells.map((c) => UNIT_LINE.exec(c.key)?.[1]).find(Boolean) as Unit | undefined;
  },
  read(_row, state, unit) {
    state.unit = unit;
    if (state.form && !state.form.hasContent) state.form.preamble.unit = unit;
  },
});

/** "(2023年度)": the year of the form it heads, or of the next one. */
export const yearLine = recogniser({
  name: 'year line',
  match(row) {
    const cell = soleCell(row);
    const year = cell ? YEAR_LINE.exec(cell.key) : null;
    return year ? Number(year[1]) : null;
  },
  read(_row, state, year) {
    if (state.form && !state.form.hasContent) state.form.preamble.year = year;
    else state.pendingYear = year;
    state.docYear ??= year;
  },
});

/**
 * A title (…绩效目标表, …项目绩效目标): the document's title if it comes first, else the next
 * form's; it ends the form and the tables read so far — unless what follows goes on with the
 * form (see continuesForm).
 */
export const titleLine = recogniser({
  name: 'title line',
  match(row) {
    const cell = soleCell(row);
    if (!cell) return null;
    const bare = cell.key.replace(/[(（][^()（）]*[)）]$/, '');
    return cell.key.length <= 60 && TITLE.test(bare) && !matchFieldLabel(cell.key) ? cell.text : null;
  },
  read(_row, state, title) {
    if (state.title === null && state.forms.length === 0) {
      state.title = title;
      state.docYear = yearOf(title) ?? state.docYear; // a cover's "2026年度" stands when the title prints no year
    }
    if (!state.wide && !state.packed && continuesForm(state)) return;
    if (state.packed && state.packed.title === title) {
      // a packed table's title repeated over its next page: the table goes on, its last row has ended
      state.form = null;
      return;
    }
    state.pendingTitle = title;
    state.headingUnit = null;
    if (state.form?.hasContent) state.form = null;
    state.wide = null;
    state.packed = null;
    state.grid = null;
  },
});

/**
 * A title over rows that go on with the open form starts no form: the title some exports print
 * at the top of every page, over the continued indicator grid (its rows, or its header row
 * repeated), and a sub-heading (绩效项目指标表) between a form's header block and its grid. The
 * first row of substance after the title decides; header fields that could open a form, or
 * anything outside a table, mean a new form.
 */
function continuesForm(state: ReaderState): boolean {
  const form = state.form;
  if (!form?.hasContent) return false;
  const next = nextRowOfSubstance(state);
  if (!next || next.table === null || opensForm(next)) return false;
  const header = readGridHeader(next, undefined);
  if (state.grid) return header ? header.signature === state.grid.signature : continuesGrid(state.grid, next);
  return header !== null && form.indicatorCount === 0;
}

/** The next row after the current one, past page numbers, unit, year and title lines (printed twice) and bare section labels. */
function nextRowOfSubstance(state: ReaderState): ParseRow | undefined {
  for (const row of state.ahead()) {
    const cells = filled(row);
    if (cells.length === 0 || cells.every(isSectionLabel)) continue;
    if (row.table === null && (!/\p{Script=Han}/u.test(row.cells[0]!.text) || unitLine.match(row, state) || yearLine.match(row, state) || titleLine.match(row, state))) continue;
    return row;
  }
  return undefined;
}

/**
 * "部门名称：长沙市信访局" (or 单位名称：…, the implementing unit) on a line of its own, between a
 * summary table's title and the table: the department (unit) of every project of the table that
 * prints none (see wide-summary.ts).
 */
export const departmentLine = recogniser({
  name: 'department line',
  match(row) {
    const cell = row.table === null ? soleCell(row) : null;
    const label = cell ? matchFieldLabel(cell.text) : null;
    if (!label?.inline || (label.field !== 'department' && label.field !== 'implementer')) return null;
    return { field: label.field, label: label.label.replace(/[:：].*$/s, ''), name: label.inline };
  },
  read(_row, state, unit) {
    state.headingUnit = unit;
  },
});
