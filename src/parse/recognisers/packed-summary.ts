import type { Indicator } from '../../model/document.js';
import type { FormBuilder } from '../form.js';
import { assign } from '../header.js';
import { Alphabet } from '../alphabet.js';
import { FIELD_WORDS, type Field, type FieldLabel, MAX_LABEL_TEXT, matchFieldLabel } from '../labels.js';
import { byText } from '../memo.js';
import { oneLine } from '../normalize.js';
import { type PackedItem, isPacked, readPacked } from '../packed.js';
import { recogniser } from '../recogniser.js';
import { type ParseCell, type ParseRow, filled } from '../rows.js';
import type { PackedTable, ReaderState } from '../state.js';
import { isMissing, noValue, parseValue } from '../value.js';
import { matchLevelLabel } from '../vocabulary.js';

// A summary table of one row per project whose 绩效指标 column packs all of the project's
// indicators into one cell as numbered text (packed.ts):
//   项目名称（资金使用单位） | 总计 | 财政拨款 | 其他资金 | 绩效目标 | 绩效指标

/** Header words of such a table that are not form labels elsewhere: the row's total is the year's. */
const TOTAL_LABELS = ['总计', '合计', '金额合计', '资金合计'];

/** Rows read to find a packed cell under a header candidate. */
const LOOKAHEAD = 8;

/**
 * The header of a packed summary table: a project-name column and an indicator column, no
 * indicator-grid roles, and a packed cell under the indicator column within the next rows.
 */
export const packedHeader = recogniser({
  name: 'packed summary header',
  match(row, state) {
    const table = readPackedHeader(row, state.pendingTitle);
    if (!table) return null;
    let seen = 0;
    for (const next of state.ahead()) {
      if (next.table !== row.table || ++seen > LOOKAHEAD) break;
      if (cellsIn(next, table.indicators).some((c) => isPacked(c.text))) return table;
    }
    return null;
  },
  read(_row, state, table) {
    // repeated on each page: the new page's columns, the same unit spending the money
    if (state.packed?.signature === table.signature) {
      state.packed = { ...table, title: table.title ?? state.packed.title, implementer: state.packed.implementer };
      return;
    }
    state.packed = { ...table, implementer: null };
    state.wide = null;
    state.form = null;
  },
});

/**
 * A row of a packed summary table: a project with its funds, goal and indicators; a row with
 * amounts only names the unit spending the money of the projects below it; 合计 rows are skipped.
 */
export const packedRow = recogniser({
  name: 'packed summary row',
  match: (row, state) => (row.table !== null ? state.packed : null),
  read(row, state, table) {
    const name = oneLine(cellsIn(row, table.name).map((c) => c.text).join('\n'));
    if (name === '' || TOTAL_LABELS.includes(name.replace(/\s+/g, '')) || matchFieldLabel(name)) return;
    const packed = cellsIn(row, table.indicators).map((c) => c.text).join('\n');
    const goal = table.fields.filter((f) => f.label.field === 'goalAnnual').flatMap((f) => cellsIn(row, f));
    if (packed === '' && goal.length === 0) {
      table.implementer = name;
      return;
    }
    const form = state.open({ title: table.title });
    form.seePage(row.page);
    form.setProject('name', name, '项目名称');
    if (table.implementer) form.setProject('implementer', table.implementer, '资金使用单位');
    // 部门名称：… (单位名称：…) under the title: the department (unit) of every project of the table
    const heading = state.headingUnit;
    if (heading && form.project[heading.field] === null) form.setProject(heading.field, heading.name, heading.label);
    readProjectCells(form, table, row);
    readPackedIndicators(form, packed, row);
  },
});

function readPackedHeader(row: ParseRow, title: string | null): Omit<PackedTable, 'implementer'> | null {
  let name: Span | null = null;
  let indicators: Span | null = null;
  const fields: PackedTable['fields'] = [];
  const extras: PackedTable['extras'] = [];
  const cells = filled(row);
  // most rows are no header: ask first whether the two columns it needs are there
  const has = (field: Field): boolean => cells.some((c) => headerLabel(c.text)?.field === field);
  if (!has('name') || !has('indicatorSection')) return null;
  for (const c of cells) {
    const span = { col: c.col, end: c.col + c.colSpan };
    const label = headerLabel(c.text);
    if (label?.field === 'name') name = span;
    else if (label?.field === 'indicatorSection') indicators = span;
    else if (label) fields.push({ ...span, label });
    else extras.push({ ...span, label: c.key.replace(/[:：]$/, '') });
  }
  if (!name || !indicators) return null;
  const signature = cells.map((c) => c.key).join('|');
  return { name, indicators, fields, extras, title, signature };
}

/** A header cell's field: labels as elsewhere, a qualified name label, the row total, the lone goal. */
const headerLabel = (text: string): FieldLabel | null => (FIELD_WORDS.excludes(text) && TOTAL_WORDS.excludes(text) ? null : headerLabelMemo(text));
const TOTAL_WORDS = new Alphabet(TOTAL_LABELS, [], '()（）:：');
const headerLabelMemo = byText((text: string): FieldLabel | null => {
  if (text.length > MAX_LABEL_TEXT) return null;
  const key = text.replace(/\s+/g, '').replace(/[:：]$/, '');
  if (TOTAL_LABELS.includes(key)) return { field: 'annualTotal', label: key, unit: null, inline: null };
  const label = matchFieldLabel(text) ?? matchFieldLabel(key.replace(/[(（][^()（）]*[)）]$/, ''));
  if (label?.field === 'goalSection') return { ...label, field: 'goalAnnual' };
  return label;
});

interface Span {
  col: number;
  end: number;
}

function cellsIn(row: ParseRow, span: Span): ParseCell[] {
  return filled(row).filter((c) => c.col >= span.col && c.col < span.end);
}

function readProjectCells(form: FormBuilder, table: PackedTable, row: ParseRow): void {
  const where = { page: row.page, line: row.line };
  for (const f of table.fields) {
    const text = cellsIn(row, f).map((c) => c.text).join('\n');
    if (text !== '') assign(form, f.label, text, f.col, where);
  }
  for (const x of table.extras) {
    const text = cellsIn(row, x).map((c) => c.text).join('\n');
    if (text !== '') form.addExtra(x.label, oneLine(text));
  }
}

/** Each packed item gives one indicator per term it prints a value for, long-term values first. */
function readPackedIndicators(form: FormBuilder, packed: string, row: ParseRow): void {
  const where = { page: row.page, line: row.line };
  const items = readPacked(packed);
  if (items.length === 0) {
    form.warn('unparsed-row', `packed indicator cell not read: ${oneLine(packed).slice(0, 60)}`, where);
    return;
  }
  for (const item of items) {
    const { level1, level2 } = levels(form, item, where);
    if (item.values.length === 0) form.warn('missing-value', `indicator ${item.name} has no value`, where);
    for (const v of item.values) {
      const indicator: Indicator = {
        level1, level2, name: item.name, value: parseValue(v.text), weight: null, term: v.term, page: row.page ?? row.line,
        actual: null, score: null, extra: {},
      };
      if (isMissing(indicator.value)) form.warn('missing-value', `indicator ${item.name} (${v.term}) ${noValue(indicator.value)}`, where);
      form.addIndicator(indicator, v.term === 'midterm' ? 0 : 1);
    }
  }
}

/** The item's levels by vocabulary (short forms such as 社会效益 included); unknown ones as printed. */
function levels(form: FormBuilder, item: PackedItem, where: { page: number | null; line: number | null }): { level1: string; level2: string | null } {
  const l1 = matchLevelLabel(item.level1, true);
  const l2 = item.level2 === null ? null : matchLevelLabel(item.level2, true);
  if (!l1) form.warn('unknown-label', `unrecognised 一级指标 "${item.level1}" kept as printed`, where);
  if (item.level2 !== null && !l2) form.warn('unknown-label', `unrecognised 二级指标 "${item.level2}" kept as printed`, where);
  return { level1: l1?.name ?? item.level1, level2: l2?.name ?? item.level2 };
}

