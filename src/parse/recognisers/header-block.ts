import { fieldLabels, heldGoal, looksLikeLabel, readHeaderRow } from '../header.js';
import { type Field, matchFieldLabel, matchNoteLabel } from '../labels.js';
import { recogniser } from '../recogniser.js';
import { type ParseRow, filled, nextFilled } from '../rows.js';
import type { ReaderState } from '../state.js';

const SECTIONS = new Set<Field>(['indicatorSection', 'goalSection']);

/** One stray label ("预算数" over a budget table) is no form: opening one takes a 项目名称 or two fields. */
const OPENING_FIELDS = 2;

/** The field labels of a row, whether one names the project, and whether they could open a form. */
function headerLabels(row: ParseRow) {
  // a section label counts where it holds its text itself (绩效目标 | the goal)
  const labels = fieldLabels(row).filter((l) => !SECTIONS.has(l.label.field) || (l.label.field === 'goalSection' && heldGoal(row, l.cell) !== null));
  const names = labels.some((l) => l.label.field === 'name');
  const opens = names || (labels.length >= OPENING_FIELDS && new Set(labels.map((l) => l.label.field)).size >= OPENING_FIELDS);
  return { labels, names, opens };
}

/** A row of header fields that would open a form of its own (项目名称, or two fields). */
export function opensForm(row: ParseRow): boolean {
  return headerLabels(row).opens;
}

/**
 * A row of a form's header block: labels and their values (项目名称, 主管部门, 项目资金 …, goals).
 * Inside a form's header any label will do; elsewhere a row opens a form only if it names the
 * project or two fields. A 项目名称 in a form that already has one (or after its indicator grid)
 * starts the next form.
 */
export const headerBlock = recogniser({
  name: 'header block',
  match(row, state) {
    const { labels, names, opens } = headerLabels(row);
    const inHeader = state.grid === null && state.form !== null;
    return (inHeader ? labels.length > 0 : opens) ? { names } : null;
  },
  read(row, state, { names }) {
    let form = state.form;
    if (!form || (names && form.project.name !== null) || (state.grid && names)) form = state.open();
    state.grid = null;
    state.formTable = row.table;
    readHeaderRow(form, row, state.below, state.consumed);
  },
});

/** Header fields whose text a page break can cut in two. */
const CONTINUABLE = new Set<Field>(['name', 'department', 'implementer', 'nature', 'category', 'goalProject', 'goalAnnual']);

/**
 * The rest of a header value cut by a page break: the first row of a table on a new page, its
 * label column empty and one text in it, goes on with the value that ended the page before (a
 * project name wrapped as `…提升补助资` | `金`).
 */
export const headerValueContinued = recogniser({
  name: 'header value continued over a page break',
  match(row, state) {
    if (!state.form || state.grid || row.table === null || row.index !== 0) return null;
    const cells = filled(row);
    if (cells.length !== 1 || cells[0]!.col === row.cells[0]!.col || fieldLabels(row).length > 0) return null;
    const before = previousTableRow(state);
    if (!before || before.page === null || row.page === null || before.page >= row.page) return null;
    const value = filled(before).at(-1)!;
    const label = fieldLabels(before).filter((l) => l.cell.col < value.col).at(-1);
    if (!label || !state.consumed.has(value) || !CONTINUABLE.has(label.label.field)) return null;
    return { field: label.label.field, value: value.text };
  },
  read(row, state, { field, value }) {
    state.form!.continueText(field, value, filled(row)[0]!.text);
  },
});

/**
 * The rest of a header value printed in the rows its label is merged down over: a label cell spanning
 * rows (年度总体目标 over 目标1…6 | 目标7…11, a line drawn between them where a spreadsheet's page ended),
 * and below its value one text in the same column, the label's other columns empty.
 */
export const headerValueUnderMergedLabel = recogniser({
  name: 'header value under a label merged down',
  match(row, state) {
    if (!state.form || state.grid || row.table === null) return null;
    const cells = filled(row);
    if (cells.length !== 1 || fieldLabels(row).length > 0) return null;
    const cell = cells[0]!;
    let printed: string | null = null; // the nearest part above, which the form's text ends with
    for (const before of state.behind()) {
      if (before.table !== row.table) return null;
      const label = fieldLabels(before).find((l) => l.cell.col < cell.col && before.index + l.cell.rowSpan > row.index);
      if (label) {
        // the label's own value: the text right of it, read as such (not a second label: 整体绩效目标 | 整体绩效目标 | …)
        const value = nextFilled(before, label.cell);
        if (!CONTINUABLE.has(label.label.field) || !value || value.col !== cell.col || !state.consumed.has(value)) return null;
        if (matchFieldLabel(value.text) !== null || matchNoteLabel(cell.text) !== null) return null;
        return { field: label.label.field, value: printed ?? value.text };
      }
      const part = filled(before);
      if (part.length !== 1 || part[0]!.col !== cell.col) return null;
      printed ??= part[0]!.text;
    }
    return null;
  },
  read(row, state, { field, value }) {
    state.form!.continueText(field, value, filled(row)[0]!.text);
  },
});

function previousTableRow(state: ReaderState): ParseRow | undefined {
  for (const row of state.behind()) if (row.table !== null) return row;
  return undefined;
}

/**
 * A row of a form's header block whose label is none we know (项目概况 | text, 补助区县 | …): a
 * header field all the same, kept in the form's `extra` under its printed label, blank if the form
 * leaves it blank. Tried last, after every reading as indicators.
 */
export const unknownHeaderField = recogniser({
  name: 'header field of an unknown label',
  match(row, state) {
    if (!state.form || state.grid !== null || row.table === null) return null;
    const [label, ...values] = filled(row);
    if (!label || label.col !== row.cells[0]!.col || !looksLikeLabel(label.key) || values.length > 1) return null;
    return { label: label.key.replace(/[:：]$/, ''), value: values[0]?.text ?? '' };
  },
  read(row, state, { label, value }) {
    state.form!.seePage(row.page);
    state.form!.addExtra(label, value);
  },
});
