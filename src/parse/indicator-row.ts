import type { Indicator, Value } from '../model/document.js';
import type { WarningCode } from '../model/warning-codes.js';
import type { FormBuilder } from './form.js';
import { type Group, type IndicatorGrid, isSectionLabel, roleAt } from './grid.js';
import type { Role } from './labels.js';
import { oneLine } from './normalize.js';
import { type ParseCell, type ParseRow, filled } from './rows.js';
import { combineValue, isMissing, isPlaceholder, noValue, parseAmount, parseValue, readQuantity } from './value.js';
import { LEVEL2_PARENT, type LabelMatch, looksLikeLevelLabel, matchLevelLabel, stripNamePrefix } from './vocabulary.js';

// Reading one row of an indicator grid into the form: per column group, the level labels, the
// indicator's name and its value.

/** A cell of a row, with the column role its position gives and the level label it reads as. */
interface Item {
  cell: ParseCell;
  role: Role | null;
  label: LabelMatch | null;
  level: 1 | 2 | null;
}

/**
 * Read one row of the indicator grid. Labels are recognised by vocabulary, not position: exports
 * shift cells left or right at page breaks, so the first non-label text after the labels is the
 * indicator name and the rest is its value. Columns decide only where the layout splits the
 * value over several columns, and between the groups of a dual grid.
 */
export function readIndicatorRow(form: FormBuilder, grid: IndicatorGrid, row: ParseRow, skip: Set<ParseCell>): void {
  const cells = filled(row).filter((c) => !skip.has(c) && !isSectionLabel(c));
  if (cells.length === 0) return;
  form.seePage(row.page);
  endLabelsAtEmptyBlocks(form, grid, row);
  grid.lastPage = row.page;
  const byGroup = cellsByGroup(grid, cells);
  let named: Indicator | null = null;
  for (let i = 0; i < grid.groups.length; i++) {
    const g = grid.groups[i]!;
    const mine = byGroup[i];
    if (!hasNames(g)) {
      if (named) readValueColumns(form, grid, g, named, mine ?? [], row);
    } else if (mine) {
      named = readNamedGroup(form, grid, g, mine, row);
    }
  }
}

/** The cells of each column group, by the group's index (a cell out of every group's range goes to the first). */
function cellsByGroup(grid: IndicatorGrid, cells: ParseCell[]): (ParseCell[] | undefined)[] {
  if (grid.groups.length === 1) return [cells];
  const byGroup: (ParseCell[] | undefined)[] = [];
  for (const c of cells) {
    const at = Math.max(0, grid.groups.findIndex((x) => c.col >= x.start && c.col < x.end));
    (byGroup[at] ??= []).push(c);
  }
  return byGroup;
}

/**
 * A level cell merged down over several rows and left empty (a ruled grid says where each block
 * starts) opens a block the form did not label: the label of the block above ends there, and the
 * rows below get no level rather than a borrowed one. A table's first row, and a page's first row
 * of the grid, are exempt: a block continued from the page before is empty there (the label printed
 * on that page only, a repeated header row between) and keeps its label. Text exports, which print
 * no merges, still carry labels down.
 */
function endLabelsAtEmptyBlocks(form: FormBuilder, grid: IndicatorGrid, row: ParseRow): void {
  if (row.index === 0 || (grid.lastPage !== null && row.page !== grid.lastPage)) return;
  for (const c of row.cells) {
    if (c.text !== '' || c.rowSpan < 2) continue;
    const g = grid.groups.find((x) => c.col >= x.start && c.col < x.end);
    if (!g) continue;
    const role = roleAt(g, c.col);
    if (role === 'level1') {
      grid.level1 = null;
      for (const x of grid.groups) x.level2 = null;
    } else if (role === 'level2' && g.level2 !== null) {
      form.warn('missing-level2', `an empty 二级指标 cell spans ${c.rowSpan} rows; their indicators have no 二级指标, not ${g.level2}`, { page: row.page, line: row.line });
      g.level2 = null;
    }
  }
}

/**
 * A grid that prints levels: a header naming a 一级 or 二级 column, or no header at all (levels read
 * by vocabulary). A template without level columns (指标名称 | 指标值 only) leaves every level empty
 * by design; that is no doubt worth a warning.
 */
function hasLevelColumns(grid: IndicatorGrid): boolean {
  return grid.groups.some((g) => g.columns.length === 0 || g.columns.some((c) => c.role === 'level1' || c.role === 'level2'));
}

function hasNames(g: Group): boolean {
  return g.columns.length === 0 || g.columns.some((c) => c.role === 'name');
}

/**
 * Dual value columns: a group of value columns only (中期指标值 | 年度指标值 beside one name)
 * gives the indicator named before it a twin of its own term.
 */
function readValueColumns(form: FormBuilder, grid: IndicatorGrid, g: Group, named: Indicator, cells: ParseCell[], row: ParseRow): void {
  const items: Item[] = cells.map((cell) => ({ cell, role: roleAt(g, cell.col), label: null, level: null }));
  const { value, weight, extra, joined, unitConflict } = readValue(g, items);
  if (joined) warnJoined(form, value, row);
  if (unitConflict) warnUnitConflict(form, value, unitConflict, row);
  const twin: Indicator = { ...named, value, weight, term: g.term, extra: { ...named.extra, ...extra } };
  if (isMissing(value)) form.warn('missing-value', `indicator ${twin.name} (${g.term}) ${noValue(value)}`, { page: row.page, line: row.line });
  form.addIndicator(twin, grid.groups.indexOf(g));
  g.last = twin;
}

/**
 * Read the cells of a group with names: level labels first (by vocabulary), then the name, then
 * its value. Returns the indicator it added, if any.
 */
function readNamedGroup(form: FormBuilder, grid: IndicatorGrid, g: Group, cells: ParseCell[], row: ParseRow): Indicator | null {
  const where = { page: row.page, line: row.line };
  const items: Item[] = [];
  for (const cell of cells) {
    const role = roleAt(g, cell.col);
    let label = matchLevelLabel(cell.text, role === 'level1' || role === 'level2');
    if (label && isNameCell(g, cell, cells, label, items)) label = null;
    items.push({ cell, role, label, level: label && label.level !== 'both' ? label.level : null });
  }
  // a 一级指标 cell merged down over this row, read on a row above
  const underLevel1 = grid.level1Rows !== null && grid.level1Rows.table === row.table && row.index < grid.level1Rows.until;
  items.forEach((it, i) => {
    if (!it.label || it.label.level !== 'both') return;
    const next = items[i + 1];
    const l1Before = items.slice(0, i).some((x) => x.level === 1);
    if (next?.label?.level === 2) it.level = 1;
    else if (it.role === 'level1' || it.role === 'level2') it.level = it.role === 'level1' ? 1 : 2;
    else it.level = l1Before || underLevel1 ? 2 : 1;
  });

  const lastLabel = items.map((it) => it.label !== null).lastIndexOf(true);
  let l1: Item | null = null;
  let l2: Item | null = null;
  let garbledL1: string | null = null;
  items.slice(0, lastLabel + 1).forEach((it, i, pre) => {
    if (it.level === 1) l1 = it;
    else if (it.level === 2) l2 = it;
    else if (!l1 && pre.slice(i + 1).some((x) => x.level === 2)) garbledL1 = it.cell.text;
    else report(form, grid, 'unknown-label', `unrecognised label "${it.cell.text}" ignored`, where);
  });
  let rest = items.slice(lastLabel + 1);

  // `/ | /` under a 二级指标: the form says it has no indicator there
  const none = rest.every((it) => isPlaceholder(it.cell.text));
  // A cell repeated by the export (the name printed twice) is one cell; a value that says what
  // its name says, printed under the value column, is the value.
  if (!none && rest.length >= 2 && rest[0]!.cell.key === rest[1]!.cell.key && !(rest[0]!.role === 'name' && rest[1]!.role === 'value')) {
    report(form, grid, 'duplicate-cell', `"${rest[0]!.cell.text}" printed twice; read once`, where);
    rest = rest.slice(1);
  }
  // Without split value columns a row holds at most name and value: a third text in front is
  // a label the vocabulary does not know.
  let unknownL2: string | null = null;
  if (!g.split && rest.length >= 3 && looksLikeLevelLabel(rest[0]!.cell.text)) {
    if (!l1 && !l2 && rest[0]!.role === 'level1') garbledL1 = rest[0]!.cell.text;
    else unknownL2 = rest[0]!.cell.text;
    rest = rest.slice(1);
  }

  applyLabels(form, grid, g, l1, l2, garbledL1, unknownL2, where);
  const level1Cell = items.find((it) => it.level === 1)?.cell;
  if (level1Cell) grid.level1Rows = { table: row.table, until: row.index + level1Cell.rowSpan };
  if (none) return null;

  const first = rest[0]!;
  if (rest.length === 1 && g.last && g.last.value.raw === null && first.role !== 'name' && isValueShaped(first.cell.text)) {
    // the value of the row above, pushed onto its own row by a page break
    g.last.value = parseValue(first.cell.text);
    return null;
  }
  const { value, weight, extra, joined, unitConflict } = readValue(g, rest.slice(1));
  if (joined) warnJoined(form, value, where);
  if (unitConflict) warnUnitConflict(form, value, unitConflict, where);
  const indicator: Indicator = {
    level1: grid.level1,
    level2: g.level2,
    name: stripNamePrefix(oneLine(first.cell.text)),
    value,
    weight,
    term: g.term,
    page: row.page ?? row.line,
    actual: null,
    score: null,
    extra,
  };
  if (isMissing(value)) form.warn('missing-value', `indicator ${indicator.name} ${noValue(value)}`, where);
  if (indicator.level1 === null && hasLevelColumns(grid)) {
    form.warnOnce('missing-level1', `indicator ${indicator.name} has no 一级指标 (reported once per form)`, where);
  }
  form.addIndicator(indicator, grid.groups.indexOf(g));
  g.last = indicator;
  return indicator;
}

/**
 * A cell under the header's name column, with a value beside it, whose text only repeats the
 * 二级指标 in force (服务对象满意度 under 服务对象满意度指标) is the indicator's name, not a label.
 * Any other label there is one: text exports shift a row's cells left into the name column.
 */
function isNameCell(g: Group, cell: ParseCell, cells: ParseCell[], label: LabelMatch, before: Item[]): boolean {
  if (roleAt(g, cell.col) !== 'name' || !cells.some((c) => c.col > cell.col && roleAt(g, c.col) !== 'name')) return false;
  const level2 = before.findLast((it) => it.label && it.label.level !== 1)?.label?.name ?? g.level2;
  return label.name === level2;
}

function applyLabels(
  form: FormBuilder,
  grid: IndicatorGrid,
  g: Group,
  l1: Item | null,
  l2: Item | null,
  garbledL1: string | null,
  unknownL2: string | null,
  where: { page: number | null; line: number | null },
): void {
  if (l1) {
    grid.level1 = l1.label!.name;
    for (const x of grid.groups) x.level2 = null;
    reportMapped(form, grid, l1.label!, where);
  }
  if (l2) {
    const name = l2.label!.name;
    g.level2 = name;
    reportMapped(form, grid, l2.label!, where);
    const parent = LEVEL2_PARENT[name]!;
    const fits = grid.level1 === parent || (name === '成本指标' && grid.level1 === '成本指标');
    if (!l1 && (!fits || garbledL1)) {
      const why = garbledL1 ? `"${garbledL1}" is not a 一级指标` : '一级指标 missing';
      form.warn('inferred-level1', `${why}; ${parent} inferred from 二级指标 ${name}`, where);
      grid.level1 = parent;
    }
  } else if (garbledL1) {
    report(form, grid, 'unknown-label', `unrecognised 一级指标 "${garbledL1}" kept as printed`, where);
    grid.level1 = garbledL1;
    for (const x of grid.groups) x.level2 = null;
  }
  if (unknownL2) {
    report(form, grid, 'unknown-label', `unrecognised 二级指标 "${unknownL2}" kept as printed`, where);
    g.level2 = unknownL2;
  }
}

function reportMapped(form: FormBuilder, grid: IndicatorGrid, label: LabelMatch, where: { page: number | null; line: number | null }): void {
  if (label.printed) report(form, grid, 'label-mapped', `"${label.printed}" read as ${label.name}`, where);
}

/** Warn once per form for each distinct message. */
function report(form: FormBuilder, grid: IndicatorGrid, code: WarningCode, message: string, where: { page: number | null; line: number | null }): void {
  if (grid.reported.has(message)) return;
  grid.reported.add(message);
  form.warn(code, message, where);
}

function warnJoined(form: FormBuilder, value: Value, where: { page: number | null; line: number | null }): void {
  form.warn('joined-cells', `"${value.raw}": numbers of two cells in one value; kept as text`, where);
}

function warnUnitConflict(form: FormBuilder, value: Value, column: string, where: { page: number | null; line: number | null }): void {
  form.warn('unit-conflict', `"${value.raw}" prints ${value.unit} where its unit column says ${column}; read as ${value.unit}`, where);
}

function isValueShaped(text: string): boolean {
  return readQuantity(text.replace(/\s+/g, '')) !== null;
}

/** What the cells after the name give: the value, the weight, and the cells of `extra` columns. */
interface ValueCells {
  value: Value;
  weight: number | null;
  extra: Record<string, string>;
  /** Texts of two cells holding numbers were read as one value (not parsed as a number). */
  joined: boolean;
  /** The unit column's text, where the value cell prints a unit of its own that differs from it. */
  unitConflict: string | null;
}

/** The cells after the name: by column where the layout splits the value, else in order. */
function readValue(g: Group, parts: Item[]): ValueCells {
  if (parts.length === 0) return { value: parseValue(null), weight: null, extra: {}, joined: false, unitConflict: null };
  if (g.split) return readSplitValue(g, parts);
  const { text, joined } = joinCells(parts.map((p) => p.cell.text));
  return { value: joined ? textValue(text) : parseValue(text), weight: null, extra: {}, joined, unitConflict: null };
}

const VALUE_PARTS = new Set<Role>(['value', 'direction', 'unit', 'weight', 'polarity']);

/**
 * Split value columns: direction, value, unit and weight each in a column of their own; a cell
 * under a column with no known role goes to `extra` under the column's printed label.
 */
function readSplitValue(g: Group, parts: Item[]): ValueCells {
  const by: Partial<Record<Role, string[]>> = {};
  const extra: Record<string, string> = {};
  for (const p of parts) {
    if (p.role === 'extra') {
      const label = g.columns.find((c) => p.cell.col >= c.col && p.cell.col < c.end)!.label;
      extra[label] = extra[label] ? `${extra[label]} ${p.cell.text}` : p.cell.text;
      continue;
    }
    const role = p.role && VALUE_PARTS.has(p.role) ? p.role : 'value';
    (by[role] ??= []).push(p.cell.text);
  }
  const joinedValue = joinCells(by.value ?? []);
  const direction = (by.direction ?? by.polarity)?.join(' ');
  const value = joinedValue.joined
    ? textValue(joinedValue.text)
    : combineValue({ direction, value: by.value ? joinedValue.text : undefined, unit: by.unit?.join(' ') });
  const w = by.weight ? parseAmount(by.weight.join(' ').replace(/[%％分]$/, '')) : null;
  const unitText = by.unit?.join('') ?? '';
  const own = by.value && !joinedValue.joined ? parseValue(joinedValue.text).unit : null;
  const unitConflict = own !== null && unitText !== '' && !sameUnit(own, parseValue(`1${unitText}`).unit ?? unitText) ? unitText : null;
  return { value, weight: typeof w === 'number' ? w : null, extra, joined: joinedValue.joined, unitConflict };
}

/** Two ways of printing one unit: equal once normalised, or one spelling the other out (次 / 人次 is not: 人次 counts people). */
function sameUnit(a: string, b: string): boolean {
  return a.replace(/[()（）]/g, '') === b.replace(/[()（）]/g, '');
}

/** Cell texts read as one value; two of them holding numbers would glue (≥90 + 20 → ≥9020). */
function joinCells(texts: string[]): { text: string; joined: boolean } {
  return { text: texts.join(' '), joined: texts.filter((t) => /\d/.test(t)).length >= 2 };
}

/** A value kept as printed text, unparsed. */
function textValue(text: string): Value {
  const v = parseValue(text);
  return { raw: v.raw, operator: null, number: null, unit: null, text: v.raw };
}
