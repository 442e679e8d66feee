import type { FormBuilder } from './form.js';
import { type Field, matchFieldLabel } from './labels.js';
import { bareLabel, executionSlot } from './evaluation.js';
import { type ParseCell, type ParseRow, filled } from './rows.js';
import { parseAmount } from './value.js';

// Department-wide forms (部门（单位）整体支出绩效目标表) and the budget blocks of self-evaluations:
// the department's name, its budget lines, its task table. Label words are data.

/** Labels of the department a department form is about, and of its code. */
const DEPARTMENT_NAME = /^(部门名称|部门单位名称|单位名称|部门|单位|预算部门|预算单位|部门预算单位名称)$/;
const DEPARTMENT_CODE = /^(部门预算编码|部门编码|部门代码|单位编码|单位代码|预算编码|部门预算代码)$/;

export function isDepartmentLabel(text: string): boolean {
  return DEPARTMENT_NAME.test(bareLabel(text));
}

export function isDepartmentCodeLabel(text: string): boolean {
  return DEPARTMENT_CODE.test(bareLabel(text));
}

/** A cell that holds an amount (or a percentage, for 执行率 columns). */
export function amountOf(cell: ParseCell): number | null {
  const a = parseAmount(cell.text.replace(/[%％]$/, ''));
  return typeof a === 'number' ? a : null;
}

/** The money unit a heading prints: 预算金额（万元）, 总体资金情况（万元）. */
export function unitOf(text: string): '元' | '万元' | null {
  return (/[(（](?:单位[:：])?(万元|元)[)）]/.exec(text)?.[1] as '元' | '万元' | undefined) ?? null;
}

// ---- budget lines -------------------------------------------------------------------------------

/** Labels that only say "the total" (of the column or group above them). */
const TOTAL_WORD =
  /^(年度|本年|当年|全年)?(合计|小计|总计|总额|金额合计|资金总额|资金申请总额|资金|预算支出总额|预算总额|预算金额|预算申请|预算|预算数|收入合计|支出合计|资金合计)$/;

/** Budget-line words → funds slot (the contract's label rules); anything else goes to `extra`. */
const FUND_WORDS: [RegExp, Field][] = [
  [/^(当年|本年)?(财政拨款|一般公共预算)(资金|拨款)?(小计)?$/, 'appropriation'],
  [/^财政资金(小计)?$/, 'appropriation'],
  [/^(上年|以前年度)?结转(结余)?(资金)?$/, 'carryover'],
  [/^其他(来源)?资金(小计)?$/, 'otherFunds'],
];

const SENTENCE = /[。；]/;

/** The budget block being read: its heading rows, which name the columns of the amounts below. */
export interface BudgetBlock {
  table: number;
  headings: ParseRow[];
  /** Index of the block's last row: the block is the rows right after it, none in between. */
  last: number;
}

/** The row goes on with the block (the next row of its table). */
export function continuesBlock(block: BudgetBlock, row: ParseRow): boolean {
  return row.table === block.table && row.index === block.last + 1;
}

/**
 * A row of a budget block: headings (short labels, no amounts) or amounts with their labels. Rows
 * that name a goal, a project or an indicator section are not part of it.
 */
export function isBudgetRow(row: ParseRow): boolean {
  const cells = filled(row);
  if (row.table === null || cells.length === 0) return false;
  for (const c of cells) {
    const f = matchFieldLabel(c.text)?.field;
    if (f && !FUND_FIELDS.has(f)) return false;
  }
  return cells.every((c) => amountOf(c) !== null || (c.key.length <= 40 && !SENTENCE.test(c.key)));
}

const FUND_FIELDS = new Set<Field>(['funds', 'projectTotal', 'annualTotal', 'fiscal', 'appropriation', 'carryover', 'otherFunds']);

/** The headings above column `col`, top to bottom. */
function headingPath(block: BudgetBlock, col: number): string[] {
  const out: string[] = [];
  for (const h of block.headings) {
    for (const c of filled(h)) if (c.col <= col && col < c.col + c.colSpan) out.push(c.text);
  }
  return out;
}

/** The label of an amount in its row: the nearest text cell to its left. */
function rowLabel(row: ParseRow, cell: ParseCell): ParseCell | null {
  const left = filled(row).filter((c) => c.col < cell.col && amountOf(c) === null);
  return left.at(-1) ?? null;
}

const isTotal = (label: string): boolean => TOTAL_WORD.test(bareLabel(label));
const fundOf = (label: string): Field | null => FUND_WORDS.find(([re]) => re.test(bareLabel(label)))?.[1] ?? null;

/**
 * Read a row of a budget block into the form. Heading rows name the columns; in a row of
 * amounts each amount is labelled by the headings above it and the text to its left. On a
 * department form the last label that is not a mere "total" decides the funds slot (none: the
 * annual total); on a self-evaluation the column heading decides the execution slot (年初预算数 …)
 * and the row label the funds slot of the 全年预算数 column.
 */
export function readBudgetRow(form: FormBuilder, block: BudgetBlock, row: ParseRow, selfEvaluation: boolean): void {
  form.seePage(row.page);
  block.last = row.index;
  for (const c of filled(row)) {
    const unit = unitOf(c.text);
    if (unit) form.labelUnit = unit;
  }
  const amounts = filled(row).filter((c) => amountOf(c) !== null);
  if (amounts.length === 0) {
    block.headings.push(row);
    return;
  }
  const where = { page: row.page };
  for (const cell of amounts) {
    const path = headingPath(block, cell.col);
    const label = rowLabel(row, cell);
    const labels = [...path, ...(label ? [label.text] : [])];
    const slot = selfEvaluation ? executionSlot(path) : null;
    if (slot) {
      const rowIsTotal = label === null || isTotal(label.text);
      if (rowIsTotal) form.setExecution(slot, amountOf(cell)!);
      if (slot !== 'budget') continue;
      const field = rowIsTotal ? 'annualTotal' : label ? fundOf(label.text) : null;
      if (field) form.addFund({ field, text: cell.text, col: cell.col, label: label?.text ?? path.join(' '), ...where });
      continue;
    }
    const named = labels.filter((l) => !isTotal(l));
    const field = named.length === 0 ? 'annualTotal' : fundOf(named.at(-1)!);
    const key = label ? bareLabel(label.text) : path.map(bareLabel).join(' ');
    if (field) form.addFund({ field, text: cell.text, col: cell.col, label: key, ...where });
    else if (!selfEvaluation) form.addExtra(key, cell.text);
  }
}

// ---- tasks --------------------------------------------------------------------------------------

/** The heading of a department's task table, and the columns of a task. */
const TASK_SECTION = /^(年度重点工作任务|年度主要任务|重点工作任务|主要任务|年度工作任务|部门年度主要任务|年度重点任务|重点任务)$/;
const TASK_COLUMNS: [RegExp, 'name' | 'detail' | 'amount'][] = [
  [/^(任务名称|名称|任务|工作任务|重点任务|任务内容名称)$/, 'name'],
  [/^(主要内容|主要实施内容|任务内容|实施内容|具体内容|主要工作内容|工作内容)$/, 'detail'],
  [/(预算金额|投入的?资金|资金金额|预算数|金额|资金)$/, 'amount'],
];

export interface TaskTable {
  table: number | null;
  /** Last row index the section label spans (exclusive), when it is a merged cell. */
  until: number | null;
  columns: { col: number; end: number; role: 'name' | 'detail' | 'amount' | null; label: string }[];
  /** Sub-columns of the amount (总额 | 财政拨款 | 其他资金), read on the total row. */
  amountParts: { col: number; end: number; label: string }[];
}

/** A row that opens a task table: the section label and the column headings after it. */
export function readTaskHeader(row: ParseRow): TaskTable | null {
  const cells = filled(row);
  const section = cells.find((c) => TASK_SECTION.test(bareLabel(c.text)));
  if (!section) return null;
  const columns = cells
    .filter((c) => c !== section)
    .map((c) => ({ col: c.col, end: c.col + c.colSpan, role: TASK_COLUMNS.find(([re]) => re.test(bareLabel(c.text)))?.[1] ?? null, label: c.key }));
  if (!columns.some((c) => c.role === 'name')) return null;
  const until = section.rowSpan > 1 ? row.index + section.rowSpan : null;
  return { table: row.table, until, columns, amountParts: [] };
}

/** Still inside the task table: the section's merged cell reaches this row, or (unmerged) the row fills the name column. */
export function inTaskTable(tasks: TaskTable, row: ParseRow): boolean {
  if (row.table !== tasks.table) return false;
  if (tasks.until !== null) return row.index < tasks.until;
  const name = tasks.columns.find((c) => c.role === 'name')!;
  return filled(row).some((c) => c.col >= name.col && c.col < name.end) && filled(row).every((c) => !matchFieldLabel(c.text));
}

const AMOUNT_TOTAL = /^(总额|合计|小计|金额|总计)$/;

/** Read one row of the task table: a sub-heading of the amount, a task, or the total row (funds). */
export function readTaskRow(form: FormBuilder, tasks: TaskTable, row: ParseRow): void {
  form.seePage(row.page);
  const cells = filled(row);
  const at = (c: ParseCell) => tasks.columns.find((x) => c.col >= x.col && c.col < x.end);
  const amountCol = tasks.columns.find((x) => x.role === 'amount');
  for (const c of cells) {
    const unit = unitOf(c.text);
    if (unit) form.labelUnit = unit;
  }
  if (amountCol && cells.length > 0 && cells.every((c) => amountOf(c) === null && c.col >= amountCol.col && c.col < amountCol.end)) {
    tasks.amountParts = cells.map((c) => ({ col: c.col, end: c.col + c.colSpan, label: c.key }));
    return;
  }
  const first = cells[0];
  if (!first) return;
  if (isTotal(first.text) || /合计$/.test(bareLabel(first.text))) {
    readTaskTotal(form, tasks, row);
    return;
  }
  const task = { name: null as string | null, detail: null as string | null, amount: null as string | null, extra: {} as Record<string, string> };
  for (const c of cells) {
    const column = at(c);
    if (!column) continue;
    if (column.role === 'amount') {
      const part = tasks.amountParts.find((p) => c.col >= p.col && c.col < p.end);
      if (!part || AMOUNT_TOTAL.test(bareLabel(part.label))) task.amount ??= c.text;
      else task.extra[`${column.label} ${part.label}`] = c.text;
    } else if (column.role) task[column.role] ??= c.text;
    else task.extra[column.label] = c.text;
  }
  if (task.name !== null) form.addTask(task);
}

function readTaskTotal(form: FormBuilder, tasks: TaskTable, row: ParseRow): void {
  for (const c of filled(row)) {
    if (amountOf(c) === null) continue;
    const part = tasks.amountParts.find((p) => c.col >= p.col && c.col < p.end);
    const field = !part || AMOUNT_TOTAL.test(bareLabel(part.label)) ? 'annualTotal' : fundOf(part.label);
    if (field) form.addFund({ field, text: c.text, col: c.col, label: part?.label ?? '合计', page: row.page });
  }
}
