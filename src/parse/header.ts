import { parseDate, parseDateRange } from './dates.js';
import type { FormBuilder } from './form.js';
import { type FieldLabel, matchFieldLabel, matchRole } from './labels.js';
import { joinWraps, oneLine } from './normalize.js';
import { type ParseCell, type ParseRow, filled, nextFilled, rightOf, under } from './rows.js';
import { readQuantity } from './value.js';
import { matchLevelLabel } from './vocabulary.js';

/** Cells already read as the value of a label (goal texts under their labels, for instance). */
export type Consumed = Set<ParseCell>;

const CONTAINERS = new Set(['funds', 'goalSection', 'indicatorSection']);

/** The header labels in a row, in column order. */
export function fieldLabels(row: ParseRow): { cell: ParseCell; label: FieldLabel }[] {
  const out: { cell: ParseCell; label: FieldLabel }[] = [];
  for (const cell of filled(row)) {
    const label = matchFieldLabel(cell.text);
    if (label) out.push({ cell, label });
  }
  return out;
}

/** A cell that is only a label (a "label：value" cell is a value where a value is expected). */
function isLabel(cell: ParseCell): boolean {
  const field = matchFieldLabel(cell.text);
  return (field !== null && field.inline === null) || matchRole(cell.text) !== null;
}

/**
 * Read the label → value pairs of a header row into the form. A value is the cell right of its
 * label; where that is another label or there is none (labels printed as column headings) it is
 * the cell below. Goals are printed either way, so an empty cell to the right also sends a goal
 * label to the cell below.
 */
export function readHeaderRow(form: FormBuilder, row: ParseRow, next: ParseRow | undefined, consumed: Consumed): void {
  form.seePage(row.page);
  const where = { page: row.page, line: row.line };
  for (const { cell, label } of fieldLabels(row)) {
    if (consumed.has(cell)) continue;
    consumed.add(cell);
    if (label.unit) form.labelUnit = label.unit;
    if (label.field === 'goalSection') {
      // 绩效目标 | text: a section label that holds its goal itself, read as summary tables read the column
      const goal = heldGoal(row, cell, consumed);
      if (goal) {
        consumed.add(goal);
        assign(form, { ...label, field: 'goalAnnual' }, goal.text, cell.col, where);
      }
      continue;
    }
    if (CONTAINERS.has(label.field)) continue;
    const value = label.inline ?? valueOf(cell, row, next, consumed, label.field.startsWith('goal'));
    assign(form, label, value, cell.col, where);
  }
  readUnknownPairs(form, row, consumed);
}

/** The goal text a section label (绩效目标) holds in the cell to its right, if that is no label. */
export function heldGoal(row: ParseRow, cell: ParseCell, consumed: Consumed = new Set()): ParseCell | null {
  const right = nextFilled(row, cell);
  return right && !isLabel(right) && !consumed.has(right) ? right : null;
}

/**
 * The value of a label: the next non-empty cell to its right unless that is another label (grids
 * from generic extractors leave the columns a merged label spans as empty cells); else, for
 * labels printed as column headings, the cells below.
 */
function valueOf(cell: ParseCell, row: ParseRow, next: ParseRow | undefined, consumed: Consumed, isGoal: boolean): string | null {
  const right = nextFilled(row, cell);
  if (right && !isLabel(right) && !consumed.has(right)) {
    consumed.add(right);
    return right.text;
  }
  const adjacent = rightOf(row, cell);
  const lookBelow = !adjacent || adjacent.key !== '' || isGoal;
  if (!lookBelow || !next || next.table !== row.table || next.table === null) return null;
  const below = under(next, cell).filter((c) => !consumed.has(c) && !isLabel(c) && !matchLevelLabel(c.text));
  if (below.length === 0) return null;
  below.forEach((c) => consumed.add(c));
  return below.map((c) => c.text).join('\n');
}

export function assign(
  form: FormBuilder,
  label: FieldLabel,
  value: string | null,
  col: number,
  where: { page: number | null; line: number | null },
): void {
  const f = label.field;
  if (value !== null) value = f.startsWith('goal') ? joinWraps(value) : oneLine(value);
  switch (f) {
    case 'projectTotal':
    case 'annualTotal':
    case 'fiscal':
    case 'appropriation':
    case 'carryover':
    case 'otherFunds':
      if (label.unit) form.labelUnit = label.unit; // 预算数（万元） as a summary table's column heading
      form.addFund({ field: f, text: value, col, label: label.label, page: where.page });
      return;
    case 'fundSource':
      if (value !== null && value !== '') form.addExtra(label.label.replace(/^其中[:：]?/, ''), value);
      return;
    case 'goalProject':
    case 'goalAnnual':
      if (value) form.setGoal(f === 'goalProject' ? 'project' : 'annual', value);
      return;
    case 'startDate':
    case 'endDate': {
      if (!value) return;
      const iso = parseDate(value);
      if (iso) form.setProject(f, iso, label.label);
      else {
        form.addExtra(label.label, value);
        form.warn('unreadable-date', `${label.label}: "${value}" is not a full date; kept in extra`, where);
      }
      return;
    }
    case 'period': {
      // "2023-01-01至2023-12-31" gives both dates; "3年" is kept as printed
      if (!value) return;
      const range = parseDateRange(value);
      if (range) {
        form.setProject('startDate', range[0], label.label);
        form.setProject('endDate', range[1], label.label);
      } else form.addExtra(label.label, value);
      return;
    }
    case 'department': {
      if (!value) return;
      const { code, name } = splitDepartment(value);
      form.setProject('department', name, label.label);
      if (code) form.setProject('departmentCode', code, label.label);
      return;
    }
    case 'name': {
      if (!value) return;
      // a department-wide form has no project: what its 专项名称 row prints (127部门整体) is kept as printed
      if (form.isDepartment) {
        form.addExtra(label.label, value);
        return;
      }
      const { code, name } = splitProjectCode(value);
      form.setProject('name', name, label.label);
      if (code) form.setProject('code', code, label.label);
      return;
    }
    case 'code':
    case 'nature':
    case 'category':
    case 'implementer':
      if (value) form.setProject(f, value, label.label);
      return;
    default:
      return;
  }
}

/**
 * A project code printed in front of the name: a run of at least ten letters and digits (a line
 * wrap may break it with a space), then a dash or a space: "11000022T000000444 016-医疗保障公众评价".
 */
export function splitProjectCode(value: string): { code: string | null; name: string } {
  const dashed = /^((?:[0-9A-Z][ \t]?){10,}?)\s*[-－—_]\s*(\S.*)$/su.exec(value.trim());
  const m = dashed ?? /^([0-9A-Z]{10,})\s+(\S.*)$/su.exec(value.trim());
  if (!m) return { code: null, name: value };
  const code = m[1]!.replace(/\s+/g, '');
  const name = m[2]!.trim();
  // after a dash a name may begin with a Latin word (8236-MPXV与HIV…); after a mere space it would be more code
  const codeLike = dashed ? /^\d/ : /^[\dA-Za-z]/;
  if ((code.match(/\d/g)?.length ?? 0) < 6 || codeLike.test(name)) return { code: null, name: value };
  return { code, name };
}

/** "[173]中国科学院", "173-中国科学院", "中国科学院（173）" → code and name. */
export function splitDepartment(value: string): { code: string | null; name: string } {
  const v = value.replace(/\n/g, '');
  const lead = /^[[【(（]?\s*(\d{2,})\s*[\]】)）]?\s*[-－—_:：、.\s]*(\D.*)$/.exec(v);
  if (lead && (/^[[【(（]/.test(v) || /^\d+\s*[-－—_:：、.\s]/.test(v) || /^\d{3,}/.test(v))) {
    return { code: lead[1]!, name: lead[2]!.trim() };
  }
  const trail = /^(.*\D)\s*[[【(（]\s*(\d{2,})\s*[\]】)）]$/.exec(v);
  if (trail) return { code: trail[2]!, name: trail[1]!.trim() };
  return { code: null, name: v };
}

/**
 * Labels outside the synonym table still carry information: a short label-like cell followed by
 * a value, in a row that is a header row, goes to `extra` under its printed label.
 */
function readUnknownPairs(form: FormBuilder, row: ParseRow, consumed: Consumed): void {
  const cells = row.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.key === '' || consumed.has(cell) || !looksLikeLabel(cell.key)) continue;
    const right = rightOf(row, cell);
    if (!right || right.key === '' || consumed.has(right) || isLabel(right)) continue;
    consumed.add(cell);
    consumed.add(right);
    form.addExtra(cell.key.replace(/[:：]$/, ''), right.text);
  }
}

/** A short cell that reads as a label: no digits, no sentence punctuation, no quantity, no indicator level. */
export function looksLikeLabel(key: string): boolean {
  return (
    key.length >= 2 &&
    key.length <= 12 &&
    !/\d/.test(key) &&
    readQuantity(key) === null &&
    !/[。，；]/.test(key) &&
    matchLevelLabel(key) === null
  );
}
