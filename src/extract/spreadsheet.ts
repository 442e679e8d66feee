import * as XLSX from '@e965/xlsx';
// the subpath with a require() form: the build's bundles require it when an .xls needs it, instead of carrying its 0.86 MB
import * as cptable from '@e965/xlsx/dist/cpexcel';
import { InputError } from '../errors.js';
import { warning } from '../model/build.js';
import type { Block, Cell, Extracted, Row } from '../model/intermediate.js';
import type { Warning } from '../model/warning.js';
import { odsVisibility, type Visibility } from './ods-visibility.js';

// Old .xls files store their strings in the workbook's code page (GBK for Chinese Excel and WPS).
XLSX.set_cptable(cptable);

export type SpreadsheetFormat = 'xlsx' | 'xls' | 'ods';

/**
 * Spreadsheets (.xlsx, .xls BIFF8, WPS .et, .ods), read with SheetJS. Every visible sheet becomes
 * blocks in sheet order: a run of rows separated from the next by a blank row is a table, and the
 * lone-cell rows that open a run (title, "(2023年度)", "单位：元") are paragraphs, as they would be
 * in a document. Merged ranges become row/col spans; hidden rows, columns and sheets are left out,
 * as a person reading the sheet never sees them. A cell's text is what the sheet shows: the
 * formatted value where a number has a display format ("360,000.00"), never a recomputed formula.
 *
 * Positions: `page` is the 1-based number of the sheet among the visible ones, `line` the row
 * number the spreadsheet program shows.
 */
export function extractSpreadsheet(bytes: Uint8Array, format: SpreadsheetFormat): Extracted {
  const wb = readWorkbook(bytes);
  const ods = format === 'ods' ? odsVisibility(bytes) : null;
  const blocks: Block[] = [];
  const warnings: Warning[] = [];
  const hidden: string[] = [];
  let page = 0;
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name]!;
    const shown = ods?.[i] ?? visibility(wb, i, ws);
    if (shown.sheetHidden) hidden.push(name);
    else blocks.push(...sheetBlocks(ws, shown, ++page));
  });
  if (hidden.length) {
    warnings.push(warning('hidden-sheet', `hidden sheet(s) not read: ${hidden.join(', ')}`));
  }
  return { format, pages: page, encoding: null, blocks, warnings };
}

/** Hidden sheets, rows and columns as SheetJS reads them from .xlsx and .xls. */
function visibility(wb: XLSX.WorkBook, i: number, ws: XLSX.WorkSheet): Visibility {
  return {
    sheetHidden: (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0,
    row: (r) => Boolean(ws['!rows']?.[r]?.hidden),
    col: (c) => Boolean(ws['!cols']?.[c]?.hidden),
  };
}

function readWorkbook(bytes: Uint8Array): XLSX.WorkBook {
  // SheetJS writes notes about formats it only approximates to the console; the CLI's stderr is for
  // the user's warnings and errors, and the text read does not depend on those formats' conditions.
  const log = console.error;
  console.error = () => {};
  try {
    // cellStyles: row and column properties, where "hidden" lives; cellNF: each cell's format
    return XLSX.read(bytes, { type: 'array', cellStyles: true, cellNF: true, cellHTML: false });
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    if (/password|encrypt/i.test(msg)) {
      throw new InputError('password-protected workbook: save a copy without a password and try again');
    }
    throw new InputError(`damaged spreadsheet (${msg})`);
  } finally {
    console.error = log;
  }
}

interface Merge {
  rowSpan: number;
  colSpan: number;
}

/** The sheet's visible grid: merges re-anchored on visible cells and counted in visible rows/cols. */
interface Grid {
  rows: number[]; // sheet row indexes shown, in order
  cols: number[]; // sheet column indexes shown, in order
  anchors: Map<string, Merge>; // "r,c" (positions in rows/cols) → spans, for merges over more than one cell
  covered: Set<string>; // "r,c" of cells hidden under a merge
  inMerge: Set<number>; // rows (positions in rows) that a merge from a row above reaches into
  text: (r: number, c: number) => string;
}

/**
 * The range holding values and merges. The sheet's own dimension ("!ref") can reach far beyond
 * them when whole rows or columns were formatted, which must not turn into a million empty rows.
 */
function usedRange(ws: XLSX.WorkSheet): XLSX.Range | null {
  const range = { s: { r: Infinity, c: Infinity }, e: { r: -1, c: -1 } };
  const include = (r: number, c: number): void => {
    range.s.r = Math.min(range.s.r, r);
    range.s.c = Math.min(range.s.c, c);
    range.e.r = Math.max(range.e.r, r);
    range.e.c = Math.max(range.e.c, c);
  };
  for (const ref of Object.keys(ws)) {
    if (ref.startsWith('!') || cellText(ws[ref] as XLSX.CellObject) === '') continue;
    const { r, c } = XLSX.utils.decode_cell(ref);
    include(r, c);
  }
  for (const m of ws['!merges'] ?? []) {
    include(m.s.r, m.s.c);
    include(m.e.r, m.e.c);
  }
  return range.e.r < 0 ? null : range;
}

function visibleGrid(ws: XLSX.WorkSheet, shown: Visibility): Grid | null {
  const range = usedRange(ws);
  if (!range) return null;
  const rows: number[] = [];
  for (let r = range.s.r; r <= range.e.r; r++) if (!shown.row(r)) rows.push(r);
  const cols: number[] = [];
  for (let c = range.s.c; c <= range.e.c; c++) if (!shown.col(c)) cols.push(c);
  const rowAt = new Map(rows.map((r, i) => [r, i]));
  const colAt = new Map(cols.map((c, i) => [c, i]));

  const anchors = new Map<string, Merge>();
  const covered = new Set<string>();
  const inMerge = new Set<number>();
  const source = new Map<string, string>(); // anchor → the merge's top-left cell, where its value is
  for (const m of ws['!merges'] ?? []) {
    const rs = rows.filter((r) => r >= m.s.r && r <= m.e.r).map((r) => rowAt.get(r)!);
    const cs = cols.filter((c) => c >= m.s.c && c <= m.e.c).map((c) => colAt.get(c)!);
    if (rs.length === 0 || cs.length === 0) continue; // wholly hidden
    const key = `${rs[0]},${cs[0]}`;
    anchors.set(key, { rowSpan: rs.length, colSpan: cs.length });
    source.set(key, XLSX.utils.encode_cell(m.s));
    for (const r of rs) for (const c of cs) if (r !== rs[0] || c !== cs[0]) covered.add(`${r},${c}`);
    for (const r of rs.slice(1)) inMerge.add(r);
  }
  const text = (r: number, c: number): string => {
    const ref = source.get(`${r},${c}`) ?? XLSX.utils.encode_cell({ r: rows[r]!, c: cols[c]! });
    return cellText(ws[ref] as XLSX.CellObject | undefined);
  };
  return { rows, cols, anchors, covered, inMerge, text };
}

/** What the sheet shows in a cell. */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === 'z') return '';
  const shown = fullDate(cell) ?? cell.w ?? (cell.v === undefined ? '' : String(cell.v));
  return shown.replace(/\r\n?/g, '\n').replace(/_x000D_/g, '').trim();
}

/**
 * A date cell whose format shows a whole date, as ISO yyyy-mm-dd: how a date is displayed
 * ("1/1/2023", "01-01-23") depends on the locale of the program that saved the file, the date
 * does not. Formats that show less (年月 only) keep their text.
 */
function fullDate(cell: XLSX.CellObject): string | null {
  if (cell.t !== 'n' || typeof cell.v !== 'number' || !cell.z || !XLSX.SSF.is_date(cell.z)) return null;
  const tokens = String(cell.z).replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  if (!tokens.includes('y') || !tokens.includes('d')) return null;
  const d = XLSX.SSF.parse_date_code(cell.v);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.y}-${pad(d.m)}-${pad(d.d)}`;
}

function sheetBlocks(ws: XLSX.WorkSheet, shown: Visibility, page: number): Block[] {
  const grid = visibleGrid(ws, shown);
  if (!grid) return [];
  const rows = grid.rows.map((sheetRow, r) => gridRow(grid, r, sheetRow + 1, page));
  // Columns left of everything and right of everything are margins, not part of any table.
  const used = rows.flatMap((row) => row.cells.filter((c) => c.text !== '' || c.rowSpan > 1 || c.colSpan > 1));
  if (used.length === 0) return [];
  const first = Math.min(...used.map((c) => c.col));
  const end = Math.max(...used.map((c) => c.col + c.colSpan));
  const blocks: Block[] = [];
  let table: Row[] | null = null;
  rows.forEach((row, r) => {
    const cells = row.cells
      .filter((c) => c.col >= first && c.col < end)
      .map((c) => ({ ...c, col: c.col - first }));
    const filled = cells.filter((c) => c.text !== '');
    const underMerge = grid.inMerge.has(r);
    if (filled.length === 0 && !underMerge && !cells.some((c) => c.rowSpan > 1)) {
      table = null; // a blank row ends a table
    } else if (filled.length === 1 && !table && !underMerge && filled[0]!.rowSpan === 1) {
      blocks.push({ kind: 'paragraph', text: filled[0]!.text, page, line: row.line });
    } else {
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table, page });
      }
      table.push({ ...row, cells });
    }
  });
  return blocks;
}

/** One visible row: a cell per grid position that starts there (empty ones included). */
function gridRow(grid: Grid, r: number, line: number, page: number): Row {
  const cells: Cell[] = [];
  grid.cols.forEach((_, c) => {
    if (grid.covered.has(`${r},${c}`)) return;
    const span = grid.anchors.get(`${r},${c}`) ?? { rowSpan: 1, colSpan: 1 };
    cells.push({ text: grid.text(r, c), col: c, ...span, page, line, bbox: null });
  });
  return { cells, page, line };
}

/** Whether an OLE2 compound file holds a BIFF workbook (.xls, WPS .et) rather than a .doc or an encrypted package. */
export function isBinaryWorkbook(bytes: Uint8Array): boolean {
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'array' });
    return cfb.FileIndex.some((e: { type: number; name: string }) => e.type === 2 && (e.name === 'Workbook' || e.name === 'Book'));
  } catch {
    return false; // a damaged compound file: the caller says what the extension promised
  }
}

/** Why a compound file that holds no workbook cannot be read. */
export function compoundFileMessage(bytes: Uint8Array): string {
  const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    Buffer.from('EncryptedPackage', 'utf16le'),
  );
  return encrypted
    ? 'password-protected Office file: save a copy without a password and try again'
    : 'an Office 97-2003 file that is not a workbook (a .doc?): save it as .docx, .xlsx or PDF first';
}
