import type { Document } from '../model/document.js';
import { TABLES, type TableName } from './tables.js';
import { type SheetSpec, workbookBytes } from './workbook.js';
import type { FileWriter } from './writer.js';

/** The workbook's sheets: each a table, under the name a spreadsheet user sees. */
const SHEETS: readonly [string, TableName][] = [['Indicators', 'indicators'], ['Forms', 'forms'], ['Warnings', 'warnings']];

/**
 * One .xlsx workbook of all the documents: sheets Indicators, Forms and Warnings with the CSV
 * tables' columns, typed cells (money in 元 with a money format), a frozen header row and
 * autofilters; see workbook.ts.
 */
export const xlsxWriter: FileWriter = {
  kind: 'file',
  documents: 'many',
  async write(docs: readonly Document[]): Promise<Uint8Array> {
    return workbookBytes(tableSheets(docs));
  },
};

/** The sheets of the tables for these documents. */
export function tableSheets(docs: readonly Document[]): SheetSpec[] {
  return SHEETS.map(([name, t]) => {
    const table = TABLES[t];
    return { name, columns: table.columns, rows: docs.flatMap((d) => table.rows(d)), money: table.money };
  });
}
