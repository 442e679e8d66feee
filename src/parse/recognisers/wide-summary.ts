import { warning } from '../../model/build.js';
import type { FormBuilder } from '../form.js';
import { splitProjectCode } from '../header.js';
import { matchFieldLabel, matchRole } from '../labels.js';
import { oneLine } from '../normalize.js';
import { recogniser } from '../recogniser.js';
import { type ParseRow, filled } from '../rows.js';
import type { ReaderState, WideState } from '../state.js';
import {
  alignRow, isSubtotal, isWideHeaderRepeat, projectCells, readWideHeader, readWideIndicators, readWideProject,
} from '../wide.js';

/** A table number in front of a title: 预算12表, 表十一, 附表3-1. */
const TABLE_NUMBER = /^(?:预算\d+表|附?表[\d一二三四五六七八九十]+(?:-\d+)?)\s*/;

/**
 * The header of a wide summary table: project columns (项目名称, 主管部门, 预算数 …) and indicator
 * columns in one row. Every later row, up to the next title, is a row of that table.
 */
export const wideHeader = recogniser({
  name: 'wide summary header',
  match: (row, state) => readWideHeader(row, state.above, state.below),
  read(row, state, table) {
    for (const c of table.lower?.cells ?? []) state.consumed.add(c); // the band's second row
    if (state.wide && (state.wide.table.signature === table.signature || isWideHeaderRepeat(state.wide.table, row))) {
      state.wide.last = null; // repeated at a page top
      return;
    }
    const title = state.pendingTitle ?? state.title;
    state.wide = { table, spans: new Map(), last: null, title: title && title.replace(TABLE_NUMBER, '') };
    // the same table continued on the next page, after its title: its last project goes on
    state.form = state.wideTail?.signature === table.signature ? state.wideTail.form : null;
  },
});

/**
 * A row of a wide summary table: an indicator of the project it names, or of the project above
 * where the project cells are merged down, left blank or dropped (the row then shifts left).
 */
export const wideRow = recogniser({
  name: 'wide summary row',
  match: (_row, state) => state.wide,
  read(row, state, wide) {
    if (row.table === null) return;
    if (isWideHeaderRepeat(wide.table, row)) {
      wide.last = null;
      return;
    }
    readWideRow(row, state, wide);
  },
});

/**
 * The form a project's row group continues: summary tables re-print the project's cells at the
 * top of each page, so the last form read, of the same name, goes on.
 */
function continued(state: ReaderState, name: string): FormBuilder | null {
  const last = state.forms.at(-1);
  return last && last.project.name === name ? last : null;
}

function readWideRow(row: ParseRow, state: ReaderState, wide: WideState): void {
  const { table, spans } = wide;
  const aligned = alignRow(table, row);
  if (isSubtotal(table, aligned)) return;
  const cells = projectCells(table, aligned);
  const printed = cells.find((p) => p.field === 'name')?.cell.text;
  const startsPage = wide.last === null || wide.last.page !== row.page || wide.last.table !== row.table;
  wide.last = { page: row.page, table: row.table };
  const name = printed !== undefined ? splitProjectCode(oneLine(printed)) : blankBlock(row, state, wide, startsPage);
  if (name && (!state.form || state.form.project.name !== name.name)) {
    const form = continued(state, name.name) ?? state.open({ title: wide.title });
    state.form = form;
    form.project.name = name.name;
    if (name.code) form.setProject('code', name.code, '项目编码');
    // a cell merged down over several projects (单位名称) belongs to each of them
    for (const [field, span] of spans) {
      if (span.table === row.table && row.index < span.until && !cells.some((p) => p.field === field)) {
        readWideProject(form, table, { ...row, cells: [span.cell] }, [{ field, label: span.label, cell: span.cell }]);
      }
    }
  }
  for (const p of cells) {
    if (p.cell.rowSpan > 1) spans.set(p.field, { cell: p.cell, label: p.label, table: row.table, until: row.index + p.cell.rowSpan });
  }
  const form = state.form;
  if (!form) {
    if (filled(aligned).length > 0) {
      state.warnings.push(warning('unparsed-row', `row before any project: ${filled(aligned).map((c) => c.text).join(' | ')}`, {
        page: row.page,
        line: row.line,
      }));
    }
    return;
  }
  state.wideTail = { signature: table.signature, form };
  readWideProject(form, table, aligned, cells);
  readWideIndicators(form, table, aligned, state.consumed);
}

/**
 * A project block whose merged name cell is empty: exports split a merged cell at a page break
 * and print its text in one part only. A block at the top of a page goes on with the project
 * above it (null: nothing changes); a block that starts inside a page and runs to its bottom is
 * the start of the project named at the top of the next page.
 */
function blankBlock(row: ParseRow, state: ReaderState, wide: WideState, startsPage: boolean): { code: string | null; name: string } | null {
  const blank = row.cells.find((c) => c.key === '' && c.rowSpan > 1 && wide.table.fields.some((f) => f.field === 'name' && c.col >= f.col && c.col < f.end));
  if (!blank || startsPage) return null;
  for (let k = 1, seen = 0; seen < blank.rowSpan + 8; k++, seen++) {
    const next = state.peek(k);
    if (!next) return null;
    if (next.table === row.table && next.index < row.index + blank.rowSpan) continue; // the block's own rows
    if (next.table === null || next.page === row.page || readWideHeader(next, undefined, undefined)) continue;
    if (filled(next).every((c) => state.consumed.has(c) || matchRole(c.text) !== null || matchFieldLabel(c.text) !== null)) continue;
    const text = projectCells(wide.table, alignRow(wide.table, next)).find((p) => p.field === 'name')?.cell.text;
    return text === undefined ? null : splitProjectCode(oneLine(text));
  }
  return null;
}
