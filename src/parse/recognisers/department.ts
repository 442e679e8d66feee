import { continuesBlock, unitOf, isDepartmentCodeLabel, isDepartmentLabel, inTaskTable, isBudgetRow, readBudgetRow, readTaskHeader, readTaskRow } from '../department.js';
import { goalHeadings } from '../evaluation.js';
import { splitDepartment } from '../header.js';
import { kindOf } from '../kinds.js';
import { matchFieldLabel } from '../labels.js';
import { recogniser } from '../recogniser.js';
import { type ParseRow, filled, nextFilled, under } from '../rows.js';
import type { ReaderState } from '../state.js';

// Department-wide forms: the department's name opens the form, then its budget block, its task
// table and its goals; the indicator grid is read as on any form.

/** The department name (and code) a row prints, as label → value pairs or "部门名称：…". */
function departmentOf(row: ParseRow): { name: string; code: string | null } | null {
  let name: string | null = null;
  let code: string | null = null;
  for (const c of filled(row)) {
    const colon = c.text.search(/[:：]/);
    if (colon > 0 && isDepartmentLabel(c.text.slice(0, colon)) && c.text.slice(colon + 1).trim() !== '') {
      name ??= c.text.slice(colon + 1).trim();
      continue;
    }
    const value = nextFilled(row, c);
    if (!value || isDepartmentLabel(value.text) || isDepartmentCodeLabel(value.text)) continue;
    if (isDepartmentLabel(c.text)) name ??= value.text;
    else if (isDepartmentCodeLabel(c.text)) code ??= value.key;
  }
  return name ? { name, code } : null;
}

/** The kind the title over the next form announces. */
function announcesDepartment(state: ReaderState): boolean {
  const form = state.form;
  if (form && !form.hasContent && form.project.department === null) return form.isDepartment || kindOf(state.pendingTitle) === 'department';
  return kindOf(state.pendingTitle) === 'department';
}

/** 部门（单位）名称 | 宁德市人民政府办公室 under a department form's title: opens the form. */
export const departmentHeader = recogniser({
  name: 'department form header',
  match: (row, state) => (announcesDepartment(state) ? departmentOf(row) : null),
  read(row, state, { name, code }) {
    const reuse = state.form && !state.form.hasContent && state.form.project.department === null;
    const form = reuse ? state.form! : state.open();
    form.kind = 'department';
    form.seePage(row.page);
    const split = splitDepartment(name);
    form.project.department = split.name;
    form.project.departmentCode = code ?? split.code;
    state.formTable = row.table;
    state.budget = row.table === null ? null : { table: row.table, headings: [], last: row.index };
    state.tasks = null;
  },
});

/** 年度重点工作任务 | 名称 | 主要实施内容 | 拟投入的资金（万元）…: a department's task table. */
export const taskHeader = recogniser({
  name: 'task table header',
  match: (row, state) => (state.form?.isDepartment ? readTaskHeader(row) : null),
  read(row, state, tasks) {
    state.form!.seePage(row.page);
    for (const c of filled(row)) state.form!.labelUnit = unitOf(c.text) ?? state.form!.labelUnit;
    state.tasks = tasks;
  },
});

/** A row of a department's task table: a task, a sub-heading of the amount, or the total row. */
export const taskRow = recogniser({
  name: 'task row',
  match: (row, state) => (state.form && state.tasks && inTaskTable(state.tasks, row) ? state.tasks : null),
  read(row, state, tasks) {
    readTaskRow(state.form!, tasks, row);
  },
});

/**
 * A row of the budget block of a department form or a self-evaluation (预算整体情况, 总体资金情况,
 * 年初预算数 | 全年预算数 | 全年执行数 …): headings and amounts, before the goals and the grid.
 */
export const budgetRow = recogniser({
  name: 'budget block row',
  match(row, state) {
    const form = state.form;
    if (!form || state.grid !== null || row.table === null) return null;
    if (!(form.isDepartment || form.isSelfEvaluation)) return null;
    if (state.tasks && inTaskTable(state.tasks, row)) return null;
    if (state.budget && !continuesBlock(state.budget, row)) return null; // the block ended
    if (!isBudgetRow(row) || readTaskHeader(row) || goalHeadings(row)) return null;
    return true;
  },
  read(row, state) {
    state.budget ??= { table: row.table!, headings: [], last: row.index - 1 };
    state.formTable = row.table;
    readBudgetRow(state.form!, state.budget, row, state.form!.isSelfEvaluation);
  },
});

/**
 * 年度总体目标 | 预期目标 | 实际完成情况 over the two texts: the goal, and the result the
 * self-evaluation reports.
 */
export const goalWithResult = recogniser({
  name: 'goal and its result',
  match: (row, state) => (state.form ? goalHeadings(row) : null),
  read(row, state, { expected, result }) {
    const form = state.form!;
    form.seePage(row.page);
    const below = state.below;
    if (!below || below.table !== row.table) return;
    const text = (cell: typeof expected) => under(below, cell).filter((c) => !state.consumed.has(c));
    const goal = text(expected);
    const done = text(result);
    const which = filled(row).some((c) => matchFieldLabel(c.text)?.field === 'goalProject') ? 'project' : 'annual';
    if (goal.length > 0) form.setGoal(which, goal.map((c) => c.text).join('\n'));
    if (done.length > 0) form.setExecution('resultText', done.map((c) => c.text).join('\n'));
    [...goal, ...done].forEach((c) => state.consumed.add(c));
  },
});
