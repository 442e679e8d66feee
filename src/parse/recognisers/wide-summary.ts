import { warning } from '../../model/build.js';
import { recogniser } from '../recogniser.js';
import { type ParseRow, filled } from '../rows.js';
import type { ReaderState, WideState } from '../state.js';
import {
  alignRow, isSubtotal, isWideHeaderRepeat, projectCells, readWideHeader, readWideIndicators, readWideProject,
} from '../wide.js';

/**
 * The header of a wide summary table: project columns (项目名称, 主管部门, 预算数 …) and indicator
 * columns in one row. Every later row, up to the next title, is a row of that table.
 */
export const wideHeader = recogniser({
  name: 'wide summary header',
  match: (row, state) => readWideHeader(row, state.above),
  read(row, state, table) {
    if (state.wide && isWideHeaderRepeat(state.wide.table, row)) return; // repeated at a page top
    state.wide = { table, spans: new Map() };
    state.form = null;
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
    if (row.table === null || isWideHeaderRepeat(wide.table, row)) return;
    readWideRow(row, state, wide);
  },
});

function readWideRow(row: ParseRow, state: ReaderState, wide: WideState): void {
  const { table, spans } = wide;
  const aligned = alignRow(table, row);
  if (isSubtotal(aligned)) return;
  const cells = projectCells(table, aligned);
  const name = cells.find((p) => p.field === 'name')?.cell;
  if (name && (!state.form || state.form.project.name !== name.text)) {
    const form = state.open({ title: null });
    form.project.name = name.text;
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
  readWideProject(form, table, aligned, cells);
  readWideIndicators(form, table, aligned, state.consumed);
}
