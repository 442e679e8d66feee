import { warning } from '../../model/build.js';
import type { FormBuilder } from '../form.js';
import { splitDepartment, splitProjectCode } from '../header.js';
import { kindOf } from '../kinds.js';
import { type Field, matchFieldLabel, matchRole } from '../labels.js';
import { oneLine } from '../normalize.js';
import { recogniser } from '../recogniser.js';
import { type ParseRow, filled } from '../rows.js';
import type { ReaderState, WideState } from '../state.js';
import type { WideTable } from '../wide.js';
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
  match: (row, state) => readWideHeader(row, state.above, [state.peek(1), state.peek(2)], departmentAhead(state)),
  read(row, state, table) {
    for (const c of table.lower.flatMap((r) => r.cells)) state.consumed.add(c); // the band's lower rows
    if (state.wide && (state.wide.table.signature === table.signature || isWideHeaderRepeat(state.wide.table, row))) {
      state.wide.last = null; // repeated at a page top
      return;
    }
    const title = state.pendingTitle ?? state.title;
    state.wide = { table, spans: new Map(), last: null, title: title && title.replace(TABLE_NUMBER, '') };
    // the same table continued on the next page, after its title: its last project goes on; a
    // department's table fills the form its title and name line opened
    const opened = table.key === 'department' && state.form && !state.form.hasContent ? state.form : null;
    state.form = state.wideTail?.signature === table.signature ? state.wideTail.form : opened;
  },
});

/** A department-wide form is announced: by the title over it, or by the empty form its name line opened. */
function departmentAhead(state: ReaderState): boolean {
  const form = state.form;
  return kindOf(state.pendingTitle) === 'department' || (form !== null && !form.hasContent && form.isDepartment);
}

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
function continued(state: ReaderState, key: WideTable['key'], name: string): FormBuilder | null {
  const last = state.forms.at(-1);
  return last && keyOf(last, key) === name ? last : null;
}

/** The name a form's rows are keyed by in a wide table. */
function keyOf(form: FormBuilder, key: WideTable['key']): string | null {
  return key === 'name' ? form.project.name : form.project.department;
}

/** The key cell's text split into name and code: 11000022T000000412345-信息系统运维, 126001 长沙市信访局. */
function splitKey(text: string, key: WideTable['key']): { code: string | null; name: string } {
  return key === 'name' ? splitProjectCode(oneLine(text)) : splitDepartment(oneLine(text));
}

/** Open the form a row names, or go on with the one it continues. */
function formOf(state: ReaderState, wide: WideState, name: { code: string | null; name: string }): FormBuilder {
  const key = wide.table.key;
  const form = continued(state, key, name.name) ?? state.open({ title: wide.title });
  form.weightTotal ??= wide.table.grid.weightTotal;
  if (key === 'department') {
    form.kind = 'department';
    form.project.department ??= name.name;
    if (name.code) form.project.departmentCode ??= name.code;
  } else {
    form.project.name = name.name;
    if (name.code) form.setProject('code', name.code, '项目编码');
  }
  return form;
}

/** Fields of money amounts. */
const AMOUNT_FIELDS = new Set<Field>(['projectTotal', 'annualTotal', 'fiscal', 'appropriation', 'carryover', 'otherFunds']);

function readWideRow(row: ParseRow, state: ReaderState, wide: WideState): void {
  const { table, spans } = wide;
  const aligned = alignRow(table, row);
  if (isSubtotal(table, aligned)) return;
  const cells = projectCells(table, aligned);
  const printed = cells.find((p) => p.field === table.key)?.cell.text;
  const startsPage = wide.last === null || wide.last.page !== row.page || wide.last.table !== row.table;
  wide.last = { page: row.page, table: row.table };
  const name = printed !== undefined ? splitKey(printed, table.key) : blankBlock(row, state, wide, startsPage);
  const opened = name !== null && (!state.form || keyOf(state.form, table.key) !== name.name);
  if (name && opened) {
    const form = formOf(state, wide, name);
    state.form = form;
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
  const before = form.fundCount;
  readWideProject(form, table, aligned, cells);
  // amounts merged over a block of rows under the project's merged name cell: a second funding
  // line of the project (Beijing prints a 财政资金 and an 其他资金 line so), not a repeat (a page's
  // first row may re-print the amounts read; amounts printed on every row are merged over none).
  // At a page top the project may also be named again, its name cell cut by the break.
  const block = cells.some((p) => AMOUNT_FIELDS.has(p.field) && p.cell.rowSpan > 1);
  const nameCell = spans.get(table.key);
  const underName = nameCell !== undefined && nameCell.table === row.table && row.index < nameCell.until && nameCell.cell.text.trim() !== '';
  const sameProject = printed === undefined ? underName : startsPage;
  const fresh = form.fundCount > before && !(startsPage && form.repeatsFunds(before));
  if (block && !opened && sameProject && fresh) form.markFundLine(before);
  const heading = state.headingUnit;
  if (heading && form.project[heading.field] === null) form.setProject(heading.field, heading.name, heading.label);
  readWideIndicators(form, table, aligned, state.consumed);
}

/**
 * A project block whose merged name cell is empty: exports split a merged cell at a page break
 * and print its text in one part only. A block at the top of a page goes on with the project
 * above it (null: nothing changes); a block that starts inside a page and runs to its bottom is
 * the start of the project named at the top of the next page.
 */
function blankBlock(row: ParseRow, state: ReaderState, wide: WideState, startsPage: boolean): { code: string | null; name: string } | null {
  const key = wide.table.key;
  const blank = row.cells.find((c) => c.key === '' && c.rowSpan > 1 && wide.table.fields.some((f) => f.field === key && c.col >= f.col && c.col < f.end));
  if (!blank || startsPage) return null;
  for (let k = 1, seen = 0; seen < blank.rowSpan + 8; k++, seen++) {
    const next = state.peek(k);
    if (!next) return null;
    if (next.table === row.table && next.index < row.index + blank.rowSpan) continue; // the block's own rows
    if (next.table === null || next.page === row.page || readWideHeader(next, undefined, [])) continue;
    if (filled(next).every((c) => state.consumed.has(c) || matchRole(c.text) !== null || matchFieldLabel(c.text) !== null)) continue;
    const text = projectCells(wide.table, alignRow(wide.table, next)).find((p) => p.field === key)?.cell.text;
    return text === undefined ? null : splitKey(text, key);
  }
  return null;
}
