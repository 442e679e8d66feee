import type { FormBuilder } from './form.js';
import { type Consumed, assign } from './header.js';
import { type IndicatorGrid, readGridHeader } from './grid.js';
import { readIndicatorRow } from './indicator-row.js';
import { type Field, type FieldLabel, matchFieldLabel, matchRole } from './labels.js';
import { type ParseCell, type ParseRow, filled } from './rows.js';
import { readQuantity } from './value.js';
import { matchLevelLabel } from './vocabulary.js';

/**
 * A wide summary table: one header row naming project columns (项目名称, 主管部门, 预算数,
 * 年度目标 …) and indicator columns (一级, 二级, 三级, 指标值 …), then one row per indicator
 * for many projects, project cells merged down, left empty, or dropped so the row shifts left.
 */
export interface WideTable {
  fields: { col: number; end: number; field: Field; label: string; unit: FieldLabel['unit'] }[];
  /** Project columns of no known field (单位编码): kept in the form's `extra` under their label. */
  extras: { col: number; end: number; label: string }[];
  grid: IndicatorGrid;
  /** First column of the indicator part. */
  gridStart: number;
  width: number;
  signature: string;
  /** The header's lower rows, when the header is a band of two or three rows (cells over sub-columns). */
  lower: ParseRow[];
  /**
   * The field each row is keyed by: a project summary's rows are projects (项目名称); a
   * department-wide table's rows are departments or units (部门名称, 单位名称).
   */
  key: 'name' | 'department';
}

/** The deepest header band read: 年度预算申请 over 按收入性质分 over 一般公共预算 | 政府性基金 … */
const MAX_BAND = 3;

/**
 * The header of a wide summary table, in one row or in a band of up to three (`below`: the rows
 * under it, nearest first): cells of an upper row that head sub-columns (绩效指标 over 一级 |
 * 二级 …, 其中： over 财政资金 | 其他资金) give way to the labels under them, cells that span
 * the band keep their column. The deepest band that reads as a table wins. In a department-wide
 * table (`department`) the rows may be keyed by the department's or unit's name instead of a
 * project's.
 */
export function readWideHeader(
  row: ParseRow, above: ParseRow | undefined, below: readonly (ParseRow | undefined)[], department = false,
): WideTable | null {
  if (!mayHeadWideTable(below.length < MAX_BAND ? [row, ...below] : [row, ...below.slice(0, MAX_BAND - 1)], department)) return null;
  for (let depth = Math.min(below.length, MAX_BAND - 1); depth >= 1; depth--) {
    const lower = below.slice(0, depth);
    if (!lower.every((r): r is ParseRow => r !== undefined)) continue;
    const band = headerBand(row, lower);
    const table = band && wideTable(band, above, lower, department);
    if (table) return table;
  }
  return wideTable(row, above, [], department);
}

/**
 * Whether the rows of a band hold what any header read from them needs: a column role and the
 * column the rows are keyed by. Asked first, since nearly every row of a document is no header.
 */
function mayHeadWideTable(rows: readonly (ParseRow | undefined)[], department: boolean): boolean {
  // the key column first: most rows name no field at all, and then their roles need no asking;
  // asked of every row of a document, so in loops, with no arrays or closures made
  let key = false;
  for (const r of rows) for (const c of r?.cells ?? []) key ||= isKeyCell(c, department);
  if (!key) return false;
  for (const r of rows) for (const c of r?.cells ?? []) if (c.key !== '' && matchRole(c.text) !== null) return true;
  return false;
}

function isKeyCell(c: ParseCell, department: boolean): boolean {
  if (c.key === '') return false;
  const f = matchFieldLabel(c.text)?.field;
  return f === 'name' || (department && (f === 'department' || f === 'implementer'));
}

function wideTable(row: ParseRow, above: ParseRow | undefined, lower: ParseRow[], department: boolean): WideTable | null {
  const fields: WideTable['fields'] = [];
  const unknown: ParseCell[] = [];
  for (const c of filled(row)) {
    if (matchRole(c.text)) continue;
    const f = matchFieldLabel(c.text);
    // a summary table's 绩效目标 column is each project's goal for the year
    if (f && !f.inline) fields.push({ col: c.col, end: c.col + c.colSpan, field: f.field === 'goalSection' ? 'goalAnnual' : f.field, label: f.label, unit: f.unit });
    else if (!f) unknown.push(c);
  }
  const key = keyField(fields, department);
  if (!key) return null;
  const gridStart = Math.min(...filled(row).filter((c) => matchRole(c.text)).map((c) => c.col));
  const indicatorPart = { ...row, cells: row.cells.filter((c) => c.col >= gridStart) };
  const grid = Number.isFinite(gridStart) ? readGridHeader(indicatorPart, above) : null;
  if (!grid) return null;
  const extras = unknown.filter((c) => c.col < gridStart).map((c) => ({ col: c.col, end: c.col + c.colSpan, label: c.key }));
  const width = Math.max(...row.cells.map((c) => c.col + c.colSpan));
  const signature = grid.signature + '#' + fields.map((f) => f.label).join('|');
  return { fields, extras, grid, gridStart, width, signature, lower, key };
}

/**
 * What the rows are keyed by: the project's name where a column prints it; in a department-wide
 * table without one, the first column naming the department or unit (单位名称), which then reads
 * as the department.
 */
function keyField(fields: WideTable['fields'], department: boolean): WideTable['key'] | null {
  if (fields.some((f) => f.field === 'name')) return 'name';
  if (!department) return null;
  const unit = fields.find((f) => f.field === 'department' || f.field === 'implementer');
  if (!unit) return null;
  unit.field = 'department';
  return 'department';
}

/**
 * The rows of a header band read as one, folded from the bottom: each row over the band below
 * it (see overBand).
 */
function headerBand(row: ParseRow, lower: readonly ParseRow[]): ParseRow | null {
  let band: ParseRow | null = lower.at(-1)!;
  for (let i = lower.length - 2; i >= -1 && band; i--) band = overBand(i < 0 ? row : lower[i]!, band);
  return band;
}

/**
 * Two header rows read as one: the second row's labels, and the first row's cells above no label.
 * Every cell of the first row is a label, heads two or more cells of the second (绩效指标, 其中：)
 * or spans down over both rows without a number (单位编码).
 */
function overBand(row: ParseRow, below: ParseRow): ParseRow | null {
  if (row.table === null || below.table !== row.table) return null;
  const lower = filled(below);
  if (lower.filter(isLabelCell).length < 2 || lower.some((c) => readQuantity(c.key) !== null)) return null;
  const under = (c: ParseCell): number => lower.filter((l) => l.col < c.col + c.colSpan && l.col + l.colSpan > c.col).length;
  if (!filled(row).every((c) => isLabelCell(c) || under(c) >= 2 || (c.rowSpan >= 2 && !/\d/.test(c.key)))) return null;
  const cells = [...row.cells.filter((c) => under(c) === 0), ...below.cells.filter((c) => c.key !== '')].sort((a, b) => a.col - b.col);
  return { ...row, cells };
}

function isLabelCell(c: ParseCell): boolean {
  if (matchRole(c.text) !== null) return true;
  const f = matchFieldLabel(c.text);
  return f !== null && f.inline === null;
}

export function isWideHeaderRepeat(table: WideTable, row: ParseRow): boolean {
  const keys = filled(row).map((c) => c.key);
  return keys.length > 0 && table.fields.every((f) => keys.includes(f.label)) && matchRole(keys.at(-1) ?? '') !== null;
}

const SUBTOTAL = /^(合计|小计|总计)|(合计|小计|总计)$/;

/**
 * A row that is no project's: a 合计 / 小计 row, or a row of project cells with no indicator cells
 * that spans no rows below it (a department's or unit's subtotal line in a summary of many).
 */
export function isSubtotal(table: WideTable, row: ParseRow): boolean {
  if (filled(row).some((c) => SUBTOTAL.test(c.key))) return true;
  const cells = filled(row);
  return cells.length > 0 && cells.every((c) => c.col < table.gridStart && c.rowSpan === 1) && cells.some((c) => readQuantity(c.key) !== null);
}

/**
 * Rows of text exports lose the cells of merged project columns, shifting the rest left. Where a
 * row is short, place it right-aligned instead if that fits the columns better.
 */
export function alignRow(table: WideTable, row: ParseRow): ParseRow {
  const width = Math.max(0, ...row.cells.map((c) => c.col + c.colSpan));
  const contiguous = row.cells.every((c, i) => c.col === i && c.colSpan === 1);
  if (width >= table.width || !contiguous || row.cells.length === 0) return row;
  const shift = table.width - width;
  const shifted = { ...row, cells: row.cells.map((c) => ({ ...c, col: c.col + shift })) };
  return fit(table, shifted) > fit(table, row) ? shifted : row;
}

function fit(table: WideTable, row: ParseRow): number {
  let score = 0;
  for (const c of filled(row)) {
    const role = table.grid.groups.flatMap((g) => g.columns).find((x) => c.col >= x.col && c.col < x.end)?.role;
    const field = table.fields.find((f) => c.col >= f.col && c.col < f.end)?.field;
    const label = matchLevelLabel(c.text, true);
    const quantity = readQuantity(c.key) !== null;
    if (role === 'level1' || role === 'level2') score += label ? 2 : -1;
    else if (role === 'value') score += quantity ? 1 : 0;
    else if (role === 'name') score += label || quantity ? -1 : 1;
    else if (field) score += label ? -2 : field === 'annualTotal' ? (quantity ? 1 : -1) : 0;
  }
  return score;
}

/** The project cells of a row, by field. */
export function projectCells(table: WideTable, row: ParseRow): { field: Field; label: string; cell: ParseCell }[] {
  const out: { field: Field; label: string; cell: ParseCell }[] = [];
  for (const c of filled(row)) {
    const f = table.fields.find((x) => c.col >= x.col && c.col < x.end);
    if (f) out.push({ field: f.field, label: f.label, cell: c });
  }
  return out;
}

/** Read the project cells of a row into the form (first value wins; goals continue over pages). */
export function readWideProject(form: FormBuilder, table: WideTable, row: ParseRow, cells = projectCells(table, row)): void {
  form.seePage(row.page);
  for (const x of table.extras) {
    const cell = filled(row).find((c) => c.col >= x.col && c.col < x.end);
    if (cell && !(x.label in form.extra)) form.addExtra(x.label, cell.text);
  }
  for (const { field, label, cell } of cells) {
    if (field === table.key) continue;
    const unit = table.fields.find((x) => cell.col >= x.col && cell.col < x.end)?.unit ?? null;
    const fake = { field, label, unit, inline: null };
    assign(form, fake, cell.text, cell.col, { page: row.page, line: row.line });
  }
}

export function readWideIndicators(form: FormBuilder, table: WideTable, row: ParseRow, skip: Consumed): void {
  const part = { ...row, cells: row.cells.filter((c) => c.col >= table.gridStart) };
  readIndicatorRow(form, table.grid, part, skip);
}
