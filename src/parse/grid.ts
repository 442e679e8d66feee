import type { Indicator } from '../model/document.js';
import { type Role, matchFieldLabel, matchRole, termOf, yearTerm } from './labels.js';
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
  /** The rows the 一级指标 cell read last is merged over: a label both levels use (成本指标) in them is a 二级指标. */
  level1Rows: { table: number | null; until: number } | null;
  /** The page of the last row read into the grid: a block merged over a page break goes on at the next page's top. */
  lastPage: number | null;
  /** Printed variants already reported for this form. */
  reported: Set<string>;
  /** The header's second row, where labels are split over two (指标值 over 年度 | 实施周期). */
  lower: ParseRow | null;
  /** Columns the header spans (0 without a header). */
  width: number;
  /** The total the weights should add up to, printed in the weight column's label: 分值（90）, 权重(100). */
  weightTotal: number | null;
}

/**
 * A row that names at least two indicator columns (三级指标 and 指标值, or 一级/二级); with the
 * row `below` it, a header split over two rows (see termBand).
 */
export function readGridHeader(row: ParseRow, above: ParseRow | undefined, below?: ParseRow): IndicatorGrid | null {
  const band = termBand(row, below);
  const grid = band ? readGridRow(band, above) : null;
  return grid ? { ...grid, lower: below! } : readGridRow(row, above);
}

/** Term words printed alone under a column label: 年度 | 实施周期 under 指标值. */
const TERM_WORD = /^(年度|本年度?|当年|全年|中期|长期|实施期|实施周期|项目周期|整体)(指标值?|目标值?|值)?$/;
/** Years printed alone in their place: 2025年 | 2025-2027年 (the word each stands for is given to the column). */
const YEAR_WORD = /^(?:19|20)\d\d年?度?(?:[-－—–~～至到](?:19|20)\d\d年?度?)?$/;

/** A lower header cell's term word: as printed, or the one its years stand for (2025-2027年 → 实施期). */
function termWord(key: string): string | null {
  if (TERM_WORD.test(key)) return key;
  if (!YEAR_WORD.test(key)) return null;
  return yearTerm(key) === 'midterm' ? '实施期' : '年度';
}

/**
 * A header whose labels are split over two rows: a column label over sub-columns that name their
 * term (指标值 over 年度 | 实施周期, or over 年度指标值 | 中期指标值). (Labels over rows of labels, 中期指标 over 二级指标 |
 * 三级指标 …, are a super-header: the grid header is the lower row.) The band reads as one row with the
 * two joined (年度指标值 | 实施周期指标值). Each lower cell belongs to the label above it, or
 * where the export lost the span, to the nearest label to its left.
 */
function termBand(row: ParseRow, below: ParseRow | undefined): ParseRow | null {
  if (!below || row.table === null || below.table !== row.table) return null;
  const upper = filled(row);
  const lower = filled(below);
  if (lower.length < 2) return null;
  const children = new Map<ParseCell, ParseCell[]>();
  for (const c of lower) {
    const term = termWord(c.key);
    if (term === null) return null; // asked first: most rows under a row are no term words
    const parent = upper.filter((u) => u.col <= c.col).at(-1);
    if (!parent || matchRole(parent.text) === null) return null;
    children.set(parent, [...(children.get(parent) ?? []), { ...c, text: term, key: term }]);
  }
  if (![...children.values()].some((list) => list.length >= 2)) return null;
  const joined = [...children].flatMap(([parent, list]) =>
    list.map((c) => {
      const key = matchRole(c.text) === null ? `${c.key}${parent.key}` : c.key; // 年度 + 指标值, or 年度指标值 as printed
      return { ...c, text: key, key };
    }),
  );
  return { ...row, cells: [...row.cells.filter((u) => !children.has(u)), ...joined].sort((a, b) => a.col - b.col) };
}

function readGridRow(row: ParseRow, above: ParseRow | undefined): IndicatorGrid | null {
  const roleCells = headerColumns(row);
  if (roleCells.length === 0) return null; // most rows name no role
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
  // a section label (绩效指标) merged down beside the header is not printed again where the page
  // repeats the header
  const signature = filled(row).filter((c) => !isSectionLabel(c)).map((c) => c.key).join('|');
  return { groups, signature, level1: null, level1Rows: null, lastPage: null, reported: new Set(), lower: null, width: rowWidth(row), weightTotal: weightTotalOf(groups) };
}

function weightTotalOf(groups: Group[]): number | null {
  const label = groups.flatMap((g) => g.columns).find((c) => c.role === 'weight')?.label ?? '';
  const total = /[(（](\d+(?:\.\d+)?)分?[)）]/.exec(label);
  return total ? Number(total[1]) : null;
}

function rowWidth(row: ParseRow): number {
  return Math.max(0, ...row.cells.map((c) => c.col + c.colSpan));
}

/**
 * The header cells of a grid with their roles: from the first cell naming a role on, a cell with
 * no known role is an `extra` column (指标解释, 评（扣）分标准, 备注 …), never part of the value.
 */
function headerColumns(row: ParseRow): { c: ParseCell; role: Role }[] {
  const cells = filled(row);
  const first = cells.findIndex((c) => !isSectionLabel(c) && matchRole(c.text) !== null);
  if (first < 0) return [];
  return cells.slice(first).filter((c) => !isSectionLabel(c)).map((c) => ({ c, role: matchRole(c.text) ?? 'extra' }));
}

/**
 * A grid for indicator rows that come without a header row naming the columns (a layout the tool
 * does not know): one group, everything read by vocabulary and order.
 */
export function headerlessGrid(): IndicatorGrid {
  const group: Group = { columns: [], start: 0, end: Number.POSITIVE_INFINITY, term: 'annual', split: false, level2: null, last: null };
  return { groups: [group], signature: '', level1: null, level1Rows: null, lastPage: null, reported: new Set(), lower: null, width: 0, weightTotal: null };
}

/** A row that starts an indicator hierarchy: a level label followed by more cells. */
export function startsHierarchy(row: ParseRow): boolean {
  const cells = filled(row).filter((c) => !isSectionLabel(c));
  return cells.length >= 2 && matchLevelLabel(cells[0]!.text) !== null;
}

/**
 * A row of another table that goes on with `grid`: it shows a section or level label, or it is the
 * first row of a table (a page break split the grid) laid out as the grid's header was, its level
 * cells empty (a label merged down from the page before) and a name and a value in their columns.
 */
export function continuesGrid(grid: IndicatorGrid, row: ParseRow): boolean {
  return continuesHierarchy(row) || (row.index === 0 && fitsGridColumns(grid, row));
}

function fitsGridColumns(grid: IndicatorGrid, row: ParseRow): boolean {
  if (grid.width === 0 || rowWidth(row) !== grid.width) return false;
  const roles = filled(row).map((c) => grid.groups.map((g) => roleAt(g, c.col)).find((r) => r !== null) ?? null);
  if (roles.some((r) => r === null || r === 'level1' || r === 'level2')) return false;
  return roles.includes('name') && roles.some((r) => r !== 'name');
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
  const byWords = groups.map((g) => termOf(headerText(g).replace(/年度\(\/项目\)/, '年度')) ?? yearTerm(headerText(g)) ?? (groups.length > 1 ? termOf(aboveText(g)) : null));
  // years over the groups (2025-2027年 | 2025年) mark them only where every group has its own
  const byYears = groups.length > 1 ? groups.map((g) => yearTerm(aboveText(g))) : [];
  const marked = byWords.every((t) => t === null) && byYears.length > 0 && byYears.every((t) => t !== null) ? byYears : byWords;
  // a dual grid only where the header marks a term: an unmarked group takes the term the marked
  // ones do not; with no mark at all, groups side by side are one grid printed two-up
  const terms = new Set(marked.filter((t) => t !== null));
  const other: Term = terms.size === 1 && terms.has('annual') ? 'midterm' : 'annual';
  groups.forEach((g, i) => {
    g.term = marked[i] ?? other;
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
