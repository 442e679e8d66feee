import { bareLabel, readSummaryRow, scoredRole } from '../evaluation.js';
import { type IndicatorGrid, continuesHierarchy, isSectionLabel, readGridHeader, roleAt } from '../grid.js';
import { readIndicatorRow } from '../indicator-row.js';
import { matchRole } from '../labels.js';
import { recogniser } from '../recogniser.js';
import { type ParseCell, type ParseRow, filled } from '../rows.js';
import type { ReaderState, ScoredGrid } from '../state.js';
import { parseAmount, parseValue } from '../value.js';
import { LEVEL1, LEVEL2_PARENT, matchLevelLabel } from '../vocabulary.js';

// Self-evaluation grids: the target form's indicator grid plus 实际完成值, 分值, 得分 and note
// columns (偏差原因分析及改进措施 …), closed by 总分 / 评价等级 rows.

/**
 * The header of a scored grid: the target grid's columns, and the columns a self-evaluation adds;
 * or a grid whose one 绩效指标 column packs levels and name, with columns of its own beside it.
 */
function readScoredHeader(row: ParseRow, above: ParseRow | undefined): ScoredGrid | null {
  const cells = filled(row);
  const roles = cells.map((c) => matchRole(c.text));
  const packs = !roles.includes('name') && !roles.includes('level1') && roles.includes('value');
  // most rows are no header: without a packed column, a header needs an 实际完成值 or 得分 column
  if (!packs && !cells.some((c) => isResultRole(scoredRole(c.text)))) return null;
  const side: ScoredGrid['columns'] = [];
  const keep: ParseCell[] = [];
  let packed: ScoredGrid['packed'] = null;
  let valueSeen = false;
  for (const c of row.cells) {
    const role = c.key === '' ? null : scoredRole(c.text);
    const gridRole = c.key === '' ? null : matchRole(c.text);
    if (gridRole === 'value') valueSeen = true;
    if (packs && !packed && c.key !== '' && isSectionLabel(c)) {
      packed = { col: c.col, end: c.col + c.colSpan };
      keep.push({ ...c, text: '三级指标', key: '三级指标' });
    } else if (role) side.push({ col: c.col, end: c.col + c.colSpan, role, label: bareLabel(c.text) });
    else if (c.key !== '' && (valueSeen || packs) && !gridRole && !isSectionLabel(c)) side.push({ col: c.col, end: c.col + c.colSpan, role: 'extra', label: c.text });
    else keep.push(c);
  }
  if (!packed && !side.some((s) => isResultRole(s.role))) return null;
  const grid = readGridHeader({ ...row, cells: keep }, above);
  return grid ? { grid, columns: side, packed } : null;
}

function isResultRole(role: ScoredGrid['columns'][number]['role'] | null): boolean {
  return role === 'actual' || role === 'score';
}

/** 产出指标数量指标参保人数 → 产出指标, 数量指标, 参保人数 (the longest vocabulary prefixes). */
function splitPacked(text: string): { level1: string | null; level2: string | null; name: string } {
  let rest = text.trim();
  const take = (level: 1 | 2): string | null => {
    for (let n = Math.min(rest.length - 1, 20); n >= 2; n--) {
      const label = matchLevelLabel(rest.slice(0, n));
      if (label && (label.level === level || label.level === 'both')) {
        rest = rest.slice(n).trim();
        return label.name;
      }
    }
    return null;
  };
  const level1 = take(1);
  const level2 = take(2);
  return { level1, level2, name: rest };
}

/** 一级指标 | … | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施: a self-evaluation's grid. */
export const scoredGridHeader = recogniser({
  name: 'self-evaluation grid header',
  match: (row, state) => readScoredHeader(row, state.above),
  read(row, state, scored) {
    if (state.scored && state.scored.grid.signature === scored.grid.signature) return; // repeated at a page top
    const form = state.form ?? state.open();
    if (scored.columns.some((c) => c.role === 'actual' || c.role === 'score')) form.stage = 'self-evaluation';
    form.seePage(row.page);
    state.grid = scored.grid;
    state.scored = scored;
    state.formTable = row.table;
    state.budget = null;
    state.tasks = null;
  },
});

/** A row of a self-evaluation's grid: the indicator, then its result, weight, score and notes. */
export const scoredRow = recogniser({
  name: 'self-evaluation grid row',
  match(row, state) {
    const scored = state.scored;
    if (!state.form || !scored || state.grid !== scored.grid) return null;
    return row.table === state.formTable || continuesHierarchy(row) ? scored : null;
  },
  read(row, state, scored) {
    const form = state.form!;
    state.formTable = row.table;
    const beside = (c: ParseCell) => scored.columns.find((s) => c.col >= s.col && c.col < s.end);
    const own = row.cells.filter((c) => !beside(c)).map((c) => (scored.packed && c.col === scored.packed.col ? unpack(scored.grid, c) : c));
    const before = form.indicatorCount;
    const levels = printedLevels(scored.grid, own, state);
    readIndicatorRow(form, scored.grid, { ...row, cells: levels.cells }, state.consumed);
    // a printed 二级 label set after the row's 一级 label reset it
    if (levels.level2 !== null) scored.grid.groups[0]!.level2 = levels.level2;
    const indicator = form.lastIndicator;
    if (form.indicatorCount === before || !indicator) return;
    if (levels.level2 !== null) indicator.level2 = levels.level2;
    for (const c of filled(row)) {
      const s = beside(c);
      if (!s) continue;
      if (s.role === 'actual') indicator.actual = parseValue(c.text);
      else if (s.role === 'extra') indicator.extra[s.label] = c.text;
      else {
        const n = parseAmount(c.text.replace(/[%％分]$/, ''));
        if (typeof n === 'number') {
          if (s.role === 'score') indicator.score = n;
          else indicator.weight ??= n;
        }
      }
    }
  },
});

/** The name of a packed cell; its levels become the grid's current ones. */
function unpack(grid: IndicatorGrid, cell: ParseCell): ParseCell {
  const { level1, level2, name } = splitPacked(cell.text);
  if (level1 !== null && level1 !== grid.level1) {
    grid.level1 = level1;
    for (const g of grid.groups) g.level2 = null;
  }
  if (level2 !== null) grid.groups[0]!.level2 = level2;
  return { ...cell, text: name, key: name.replace(/\s+/g, '') };
}

/**
 * Level cells the vocabulary does not know (一般性支出情况, a department's own headings) are
 * still levels where the header's columns say so; a cell cut short by its box (服务对象满意) is the
 * one canonical name it begins. Returns the cells left for the row reader and the printed levels.
 */
function printedLevels(grid: IndicatorGrid, cells: ParseCell[], state: ReaderState): { cells: ParseCell[]; level2: string | null } {
  const g = grid.groups[0]!;
  let level2: string | null = null;
  const rest = cells.filter((c) => {
    if (c.key === '' || matchLevelLabel(c.text, true)) return true;
    const role = roleAt(g, c.col);
    if (role !== 'level1' && role !== 'level2') return true;
    const names = role === 'level1' ? [...LEVEL1] : Object.keys(LEVEL2_PARENT);
    const whole = c.key.length >= 4 ? names.filter((n) => n.startsWith(c.key)) : [];
    const name = whole.length === 1 ? whole[0]! : c.text;
    const message = whole.length === 1 ? `"${c.text}" read as ${name}` : `unrecognised ${role === 'level1' ? '一级' : '二级'}指标 "${c.text}" kept as printed`;
    if (!grid.reported.has(message)) {
      grid.reported.add(message);
      state.form!.warn(whole.length === 1 ? 'label-mapped' : 'unknown-label', message, {});
    }
    if (role === 'level1') {
      grid.level1 = name;
      for (const x of grid.groups) x.level2 = null;
    } else level2 = name;
    return false;
  });
  return { cells: rest, level2 };
}

/** 总分 | … | 92.33 and 评价等级 | 优: the self-evaluation's total, never indicators. */
export const scoreSummary = recogniser({
  name: 'total score row',
  match: (row, state) => (state.form && (state.scored || state.form.isSelfEvaluation) ? readSummaryRow(row) : null),
  read(row, state, summary) {
    const form = state.form!;
    form.seePage(row.page);
    if (summary.kind === 'total') form.setExecution('totalScore', summary.score);
    else form.addExtra(summary.label, summary.text);
  },
});
