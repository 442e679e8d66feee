import type { FormBuilder } from './form.js';
import { type Consumed, assign } from './header.js';
import { type IndicatorGrid, readGridHeader } from './grid.js';
import { readIndicatorRow } from './indicator-row.js';
import { type Field, matchFieldLabel, matchRole } from './labels.js';
import { type ParseCell, type ParseRow, filled } from './rows.js';
import { readQuantity } from './value.js';
import { matchLevelLabel } from './vocabulary.js';

/**
 * A wide summary table: one header row naming project columns (项目名称, 主管部门, 预算数,
 * 年度目标 …) and indicator columns (一级, 二级, 三级, 指标值 …), then one row per indicator
 * for many projects, project cells merged down, left empty, or dropped so the row shifts left.
 */
export interface WideTable {
  fields: { col: number; end: number; field: Field; label: string }[];
  grid: IndicatorGrid;
  /** First column of the indicator part. */
  gridStart: number;
  width: number;
  signature: string;
}

export function readWideHeader(row: ParseRow, above: ParseRow | undefined): WideTable | null {
  const fields: WideTable['fields'] = [];
  for (const c of filled(row)) {
    if (matchRole(c.text)) continue;
    const f = matchFieldLabel(c.text);
    if (f && !f.inline) fields.push({ col: c.col, end: c.col + c.colSpan, field: f.field, label: f.label });
  }
  if (!fields.some((f) => f.field === 'name')) return null;
  const gridStart = Math.min(...filled(row).filter((c) => matchRole(c.text)).map((c) => c.col));
  const indicatorPart = { ...row, cells: row.cells.filter((c) => c.col >= gridStart) };
  const grid = Number.isFinite(gridStart) ? readGridHeader(indicatorPart, above) : null;
  if (!grid) return null;
  const width = Math.max(...row.cells.map((c) => c.col + c.colSpan));
  return { fields, grid, gridStart, width, signature: grid.signature + '#' + fields.map((f) => f.label).join('|') };
}

export function isWideHeaderRepeat(table: WideTable, row: ParseRow): boolean {
  const keys = filled(row).map((c) => c.key);
  return keys.length > 0 && table.fields.every((f) => keys.includes(f.label)) && matchRole(keys.at(-1) ?? '') !== null;
}

const SUBTOTAL = /^(合计|小计|总计)|(合计|小计|总计)$/;

export function isSubtotal(row: ParseRow): boolean {
  return filled(row).some((c) => SUBTOTAL.test(c.key));
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
  for (const { field, label, cell } of cells) {
    if (field === 'name') continue;
    const fake = { field, label, unit: null, inline: null };
    assign(form, fake, cell.text, cell.col, { page: row.page, line: row.line });
  }
}

export function readWideIndicators(form: FormBuilder, table: WideTable, row: ParseRow, skip: Consumed): void {
  const part = { ...row, cells: row.cells.filter((c) => c.col >= table.gridStart) };
  readIndicatorRow(form, table.grid, part, skip);
}
