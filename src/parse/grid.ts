import type { Indicator } from '../model/document.js';
import { type Role, matchFieldLabel, matchRole, termOf } from './labels.js';
import { type ParseCell, type ParseRow, filled } from './rows.js';
import { matchLevelLabel } from './vocabulary.js';

// The indicator grid's columns, from its header row. Column shapes the header can show:
// - one group of columns (一级 | 二级 | 三级 | 指标值);
// - a dual grid: two groups side by side, a long-term and an annual one (a role named twice
//   starts the second group; 中期 / 年度 above or in the header say which is which);
// - dual value columns: a group of value columns only (中期指标值 | 年度指标值 beside one name);
// - split value columns: direction, unit and weight in columns of their own (指标性质, 计量单位, 分值).

type Term = Indicator['term'];

/** A column of a group: its role, and for an `extra` column the label printed over it. */
export interface Column {
  col: number;
  end: number;
  role: Role;
  label: string;
}

/** One column group of an indicator grid: a dual grid has a long-term and an annual group. */
export interface Group {
  columns: Column[];
  start: number;
  end: number;
  term: Term;
  /** Separate direction / unit / weight columns: values are read by column. */
  split: boolean;
  level2: string | null;
  last: Indicator | null;
}

/** The indicator grid of a form (or of a wide summary table), from its header row. */
export interface IndicatorGrid {
  groups: Group[];
  /** The header row's keys, to recognise it when it is repeated at the top of a page. */
  signature: string;
  level1: string | null;
  /** Printed variants already reported for this form. */
  reported: Set<string>;
}

/** A row that names at least two indicator columns (三级指标 and 指标值, or 一级/二级). */
export function readGridHeader(row: ParseRow, above: ParseRow | undefined): IndicatorGrid | null {
  const roleCells = headerColumns(row);
  const roles = new Set(roleCells.map((x) => x.role).filter((r) => r !== 'extra'));
  if (!(roles.has('name') && roles.size >= 2) && !(roles.has('level1') && roles.has('level2'))) return null;
  const groups: Group[] = [];
  let cur: Group | null = null;
  for (const { c, role } of roleCells) {
    if (!cur || (role !== 'extra' && cur.columns.some((x) => x.role === role))) {
      cur = { columns: [], start: c.col, end: c.col + c.colSpan, term: 'annual', split: false, level2: null, last: null };
      groups.push(cur);
    }
    cur.columns.push({ col: c.col, end: c.col + c.colSpan, role, label: c.text.replace(/\s+/g, '') });
    cur.end = c.col + c.colSpan;
    if (role === 'direction' || role === 'unit' || role === 'weight' || role === 'extra') cur.split = true;
  }
  // Ranges tile the row so cells shifted left or right still fall in a group.
  groups.forEach((g, i) => {
    g.start = i === 0 ? 0 : g.start;
    g.end = i === groups.length - 1 ? Number.POSITIVE_INFINITY : groups[i + 1]!.start;
  });
  assignTerms(groups, row, above);
  return { groups, signature: filled(row).map((c) => c.key).join('|'), level1: null, reported: new Set() };
}

/**
 * The header cells of a grid with their roles: from the first cell naming a role on, a cell with
 * no known role is an `extra` column (指标解释, 评（扣）分标准, 备注 …), never part of the value.
 */
function headerColumns(row: ParseRow): { c: ParseCell; role: Role }[] {
  const cells = filled(row).filter((c) => !isSectionLabel(c));
  const first = cells.findIndex((c) => matchRole(c.text) !== null);
  if (first < 0) return [];
  return cells.slice(first).map((c) => ({ c, role: matchRole(c.text) ?? 'extra' }));
}

/**
 * A grid for indicator rows that come without a header row naming the columns (a layout the tool
 * does not know): one group, everything read by vocabulary and order.
 */
export function headerlessGrid(): IndicatorGrid {
  const group: Group = { columns: [], start: 0, end: Number.POSITIVE_INFINITY, term: 'annual', split: false, level2: null, last: null };
  return { groups: [group], signature: '', level1: null, reported: new Set() };
}

/** A row that starts an indicator hierarchy: a level label followed by more cells. */
export function startsHierarchy(row: ParseRow): boolean {
  const cells = filled(row).filter((c) => !isSectionLabel(c));
  return cells.length >= 2 && matchLevelLabel(cells[0]!.text) !== null;
}

/** A row that shows it belongs to an indicator grid: a section label or a level label. */
export function continuesHierarchy(row: ParseRow): boolean {
  return filled(row).some((c) => isSectionLabel(c) || matchLevelLabel(c.text) !== null);
}

function assignTerms(groups: Group[], row: ParseRow, above: ParseRow | undefined): void {
  const headerText = (g: Group): string =>
    filled(row)
      .filter((c) => c.col >= g.start && c.col < g.end)
      .map((c) => c.key)
      .join('');
  const aboveText = (g: Group): string =>
    above ? filled(above).filter((c) => c.col < g.end && c.col + c.colSpan > g.start).map((c) => c.key).join('') : '';
  groups.forEach((g, i) => {
    const own = termOf(headerText(g).replace(/年度\(\/项目\)/, '年度'));
    const fromAbove = groups.length > 1 ? termOf(aboveText(g)) : null;
    g.term = own ?? fromAbove ?? (groups.length > 1 && i === 0 ? 'midterm' : 'annual');
  });
}

export function roleAt(g: Group, col: number): Role | null {
  return g.columns.find((x) => col >= x.col && col < x.end)?.role ?? null;
}

/** Section labels printed in the first column (绩效指标, 绩效 指标 repeated at a page top). */
export function isSectionLabel(cell: ParseCell): boolean {
  const f = matchFieldLabel(cell.text)?.field;
  return f === 'indicatorSection' || f === 'goalSection';
}
