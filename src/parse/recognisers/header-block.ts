import { fieldLabels, readHeaderRow } from '../header.js';
import type { Field } from '../labels.js';
import { recogniser } from '../recogniser.js';

const SECTIONS = new Set<Field>(['indicatorSection', 'goalSection']);

/** One stray label ("预算数" over a budget table) is no form: opening one takes a 项目名称 or two fields. */
const OPENING_FIELDS = 2;

/**
 * A row of a form's header block: labels and their values (项目名称, 主管部门, 项目资金 …, goals).
 * Inside a form's header any label will do; elsewhere a row opens a form only if it names the
 * project or two fields. A 项目名称 in a form that already has one (or after its indicator grid)
 * starts the next form.
 */
export const headerBlock = recogniser({
  name: 'header block',
  match(row, state) {
    const labels = fieldLabels(row).filter((l) => !SECTIONS.has(l.label.field));
    const names = labels.some((l) => l.label.field === 'name');
    const opens = names || new Set(labels.map((l) => l.label.field)).size >= OPENING_FIELDS;
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
