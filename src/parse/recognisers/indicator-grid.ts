import { type IndicatorGrid, continuesGrid, headerlessGrid, readGridHeader, startsHierarchy } from '../grid.js';
import { readIndicatorRow } from '../indicator-row.js';
import { recogniser } from '../recogniser.js';
import type { ParseRow } from '../rows.js';
import type { ReaderState } from '../state.js';

/**
 * The header row of an indicator grid (一级指标 | 二级指标 | 三级指标 | 指标值 …): it says which
 * column holds what, where a dual grid splits into its long-term and annual halves, and whether
 * direction, unit and weight have columns of their own. Repeated at a page top, it is skipped.
 */
export const gridHeader = recogniser({
  name: 'indicator grid header',
  match: (row, state) => readGridHeader(row, state.above, state.below),
  read(row, state, header) {
    for (const c of header.lower?.cells ?? []) state.consumed.add(c); // the header's second row
    if (state.grid && state.grid.signature === header.signature) return; // repeated at a page top
    const form = state.form ?? state.open();
    form.seePage(row.page);
    form.weightTotal ??= header.weightTotal;
    state.grid = header;
    state.formTable = row.table;
  },
});

/**
 * The grid a row continues: the current one, in the table the form was read from or in another
 * table that goes on with it (text exports and page breaks split tables).
 */
function continuedGrid(row: ParseRow, state: ReaderState): IndicatorGrid | null {
  if (!state.grid) return null;
  return row.table === state.formTable || continuesGrid(state.grid, row) ? state.grid : null;
}

/** A row of the current form's indicator grid. */
export const indicatorRow = recogniser({
  name: 'indicator row',
  match: (row, state) => (state.form ? continuedGrid(row, state) : null),
  read(row, state, grid) {
    state.formTable = row.table;
    readIndicatorRow(state.form!, grid, row, state.consumed);
  },
});

/**
 * Indicator rows without a header row naming the columns (a layout the tool does not know): a
 * row that starts with a level label opens a grid read by vocabulary and order, with a warning.
 */
export const headerlessRows = recogniser({
  name: 'indicator rows without a header',
  match: (row) => startsHierarchy(row),
  read(row, state) {
    state.formTable = row.table;
    const form = state.form ?? state.open();
    form.warn('unknown-layout', 'indicator rows without a header row naming the columns; read by vocabulary and order', {
      page: row.page,
      line: row.line,
    });
    state.grid = headerlessGrid();
    readIndicatorRow(form, state.grid, row, state.consumed);
  },
});

/** Another table after a form that does not go on with its indicators: not part of the form. */
export const foreignTable = recogniser({
  name: 'table outside the form',
  match: (row, state) => row.table !== state.formTable,
  read(_row, state) {
    state.grid = null;
  },
});

/** A row over the grid's header (绩效指标 spanning 一级/二级/三级): nothing to read. */
export const gridSuperHeader = recogniser({
  name: 'row above an indicator grid header',
  match(row, state) {
    const below = state.below;
    return below !== undefined && below.table === row.table && readGridHeader(below, row) !== null;
  },
  read() {},
});
