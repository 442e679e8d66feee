import type { Recogniser } from '../recogniser.js';
import { budgetRow, departmentHeader, goalWithResult, taskHeader, taskRow } from './department.js';
import { headerBlock, headerValueContinued, headerValueUnderMergedLabel, unknownHeaderField } from './header-block.js';
import { departmentLine, titleLine, unitLine, yearLine } from './heading.js';
import { foreignTable, gridHeader, gridSuperHeader, headerlessRows, indicatorRow } from './indicator-grid.js';
import { packedHeader, packedRow } from './packed-summary.js';
import { alreadyRead, formNote, prose, unplaced } from './skip.js';
import { scoreSummary, scoredGridHeader, scoredRow } from './self-evaluation.js';
import { wideHeader, wideRow } from './wide-summary.js';

/**
 * The shapes of row the reader knows, in the order they are tried; the first that matches reads
 * the row. Order matters where shapes overlap: a heading line beats everything, a wide summary
 * table takes every row after its header, a row of labels is a header row before it is read as
 * indicators, and the last entry takes whatever is left.
 *
 * A new layout family is a recogniser here (see recogniser.ts) plus fixtures.
 */
export const RECOGNISERS: readonly Recogniser<unknown>[] = [
  alreadyRead,
  unitLine,
  yearLine,
  titleLine,
  wideHeader,
  wideRow,
  packedHeader,
  packedRow,
  departmentHeader,
  scoreSummary,
  taskHeader,
  taskRow,
  goalWithResult,
  budgetRow,
  scoredGridHeader,
  scoredRow,
  headerValueContinued,
  headerValueUnderMergedLabel,
  headerBlock,
  gridHeader,
  departmentLine,
  prose,
  formNote,
  indicatorRow,
  headerlessRows,
  foreignTable,
  gridSuperHeader,
  unknownHeaderField,
  unplaced,
];
