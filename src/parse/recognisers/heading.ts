import { yearOf } from '../dates.js';
import type { Unit } from '../form.js';
import { matchFieldLabel } from '../labels.js';
import { recogniser } from '../recogniser.js';
import { type ParseCell, type ParseRow, filled } from '../rows.js';

// Lines on their own that set context for what follows: "单位：万元", "(2023年度)", a form's title.

const UNIT_LINE = /^[(（]?(?:金额|资金|货币)?单位[:：]\s*(万元|元)[)）]?$/;
const YEAR_LINE = /^[(（]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?$/;
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
 * form's; it ends the form and the tables read so far.
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
      state.docYear = yearOf(title);
    }
    state.pendingTitle = title;
    if (state.form?.hasContent) state.form = null;
    state.wide = null;
    state.grid = null;
  },
});
