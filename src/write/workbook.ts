import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** A cell of a sheet: text, a number, or empty. */
export type SheetCell = string | number | null;

/** One sheet: a header row of column names, then the rows. */
export interface SheetSpec {
  name: string;
  columns: readonly string[];
  rows: readonly SheetCell[][];
  /** Columns holding money in 元: shown with separators, two decimals and the unit. */
  money?: readonly string[];
}

/** Every date inside the file (document properties, zip entries): the same bytes for the same sheets. */
const FIXED_TIME = new Date(Date.UTC(2000, 0, 1));
const MONEY_FORMAT = '#,##0.00"元"';
const HEADER_FILL = 'FFDDEBF7';
const WIDTH = { min: 6, max: 60 };
/** Rows looked at to size a column: enough to see what a column holds, bounded for big batches. */
const SIZING_ROWS = 2000;
/** How a money cell shows, for its width; one formatter (toLocaleString builds one per call, a tenth of a batch's main thread). */
const MONEY_TEXT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * An .xlsx workbook of the given sheets, as bytes. Cells keep their types (numbers are numbers,
 * text such as "=365(天)" is text, never a formula); each sheet has a bold, shaded header row that
 * stays in view when scrolling, an autofilter over its columns and widths fitted to the content
 * (a CJK character counts two). Pure: no clock, no file system — the same sheets give the same bytes.
 */
export async function workbookBytes(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ptarget';
  wb.lastModifiedBy = 'ptarget';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  for (const sheet of sheets) addSheet(wb, sheet);
  // stored, not deflated: fixZipTimes compresses every entry once, as the file is written
  const stored = new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
  return fixZipTimes(stored);
}

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = spec.columns.map((name, c) => ({ header: name, key: name, width: columnWidth(name, spec.rows, c) }));
  for (const row of spec.rows) {
    const added = ws.addRow(row.map((v) => v ?? null));
    row.forEach((v, c) => {
      if (typeof v === 'string' && v.includes('\n')) added.getCell(c + 1).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  for (const name of spec.money ?? []) {
    const c = spec.columns.indexOf(name);
    if (c < 0) throw new Error(`sheet ${spec.name}: no column ${name}`);
    ws.getColumn(c + 1).eachCell({ includeEmpty: false }, (cell, r) => {
      if (r > 1) cell.numFmt = MONEY_FORMAT;
    });
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  header.alignment = { vertical: 'middle' };
  if (spec.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  }
}

/** Shown two cells wide: Hangul Jamo, CJK, Hangul syllables, compatibility ideographs and forms, full-width forms (all in the BMP). */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/**
 * Display width of text in character cells: CJK and full-width forms take two, any other character
 * (a surrogate pair is one) one. By code unit: a regex per character was 3-7x slower, most of sizing
 * a batch's columns.
 */
function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function columnWidth(header: string, rows: readonly SheetCell[][], c: number): number {
  let widest = displayWidth(header) + 3; // room for the autofilter button
  for (const row of rows.slice(0, SIZING_ROWS)) {
    const v = row[c];
    if (v === null || v === undefined) continue;
    const text = typeof v === 'number' ? MONEY_TEXT.format(v) + '元' : v;
    for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line) + 1);
  }
  return Math.min(WIDTH.max, Math.max(WIDTH.min, widest));
}

/**
 * exceljs stamps every zip entry with the time of writing; stamp them all with FIXED_TIME instead
 * (the entries' order and contents stay as they were) and deflate them.
 */
async function fixZipTimes(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async('uint8array'), { date: FIXED_TIME, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
