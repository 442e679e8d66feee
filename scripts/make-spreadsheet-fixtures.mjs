// Make the spreadsheet test fixtures (fixtures/spreadsheets/) from the shared DOCX fixtures, the way
// budget systems export these forms: one cell per grid cell with the DOCX's merges, money as numbers
// with a display format, dates as date cells, a hidden column and a hidden row of working notes that
// a reader must not see. The .xls/.et and .ods copies are LibreOffice's conversions of the .xlsx.
//
//   npm run build && node scripts/make-spreadsheet-fixtures.mjs     (needs LibreOffice: soffice)
//
// The results are committed; tests never run this.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { extract } from '../dist/extract/index.js';

const OUT = 'fixtures/spreadsheets';
const FIXED = new Date(Date.UTC(2024, 0, 1));

/** Per layout: the dates' number format (null: dates stay text, as the DOCX prints them), whether each form gets its own sheet, what LibreOffice makes of it. */
const LAYOUTS = {
  shanghai: { dateFormat: 'mm-dd-yy', sheetPerForm: true, formats: ['xlsx', 'et'] }, // built-in 14: the locale's short date
  mof: { dateFormat: null, sheetPerForm: false, formats: ['xls'] },
  split: { dateFormat: null, sheetPerForm: false, formats: ['ods'] },
  summary: { dateFormat: null, sheetPerForm: false, formats: ['xlsx'] },
};

const MONEY = /^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function typed(text, dateFormat) {
  if (MONEY.test(text)) return { value: Number(text.replace(/,/g, '')), numFmt: '#,##0.00' };
  if (/^\d+$/.test(text)) return { value: Number(text), numFmt: undefined };
  const d = DATE.exec(text);
  if (d && dateFormat) return { value: new Date(Date.UTC(+d[1], +d[2] - 1, +d[3])), numFmt: dateFormat };
  return { value: text, numFmt: undefined };
}

/** Split the blocks into sheets: a new sheet at each run of paragraphs that follows a table. */
function sheetsOf(blocks, perForm) {
  if (!perForm) return [blocks];
  const sheets = [[]];
  blocks.forEach((b, i) => {
    if (b.kind === 'paragraph' && blocks[i - 1]?.kind === 'table') sheets.push([]);
    sheets.at(-1).push(b);
  });
  return sheets;
}

function writeSheet(ws, blocks, dateFormat) {
  const tables = blocks.filter((b) => b.kind === 'table');
  const width = Math.max(...tables.flatMap((b) => b.rows.flatMap((r) => r.cells.map((c) => c.col + c.colSpan))));
  // Column B holds hidden notes, so grid columns from 1 move right by one; a hidden row of drafts
  // sits in the middle of the first table, inside its merged cells.
  const col = (c) => (c === 0 ? 1 : c + 2);
  let r = 1;
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      ws.getCell(r, 1).value = b.text;
      ws.mergeCells(r, 1, r, width + 1);
      r++;
      continue;
    }
    const start = r;
    const hiddenAt = b === tables[0] ? Math.floor(b.rows.length / 2) : Infinity;
    const row = (i) => start + i + (i >= hiddenAt ? 1 : 0);
    b.rows.forEach((cells, i) => {
      for (const c of cells.cells) {
        const cell = ws.getCell(row(i), col(c.col));
        const { value, numFmt } = typed(c.text, dateFormat);
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
        if (c.text.includes('\n')) cell.alignment = { wrapText: true };
        if (c.rowSpan > 1 || c.colSpan > 1) ws.mergeCells(row(i), col(c.col), row(i + c.rowSpan - 1), col(c.col + c.colSpan - 1));
      }
      ws.getCell(row(i), 2).value = `备注${i + 1}`;
    });
    if (hiddenAt !== Infinity) {
      const hidden = ws.getRow(start + hiddenAt);
      for (let c = 1; c <= width + 1; c++) if (!ws.getCell(start + hiddenAt, c).isMerged) hidden.getCell(c).value = `草稿${c}`;
      hidden.hidden = true;
    }
    r = row(b.rows.length - 1) + 2; // a blank row between tables
  }
  ws.getColumn(2).hidden = true;
}

const tmp = mkdtempSync(join(tmpdir(), 'ptarget-sheets-'));
mkdirSync(OUT, { recursive: true });
try {
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    const docx = `fixtures/shared/${name}-2023.docx`;
    const { blocks } = await extract(new Uint8Array(readFileSync(docx)), docx);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'ptarget fixtures';
    wb.created = wb.modified = FIXED;
    sheetsOf(blocks, layout.sheetPerForm).forEach((part, i) => writeSheet(wb.addWorksheet(`表${i + 1}`), part, layout.dateFormat));
    const xlsx = join(tmp, `${name}-2023.xlsx`);
    await wb.xlsx.writeFile(xlsx);
    for (const format of layout.formats) {
      const target = join(OUT, `${name}-2023.${format}`);
      if (format === 'xlsx') {
        copyFileSync(xlsx, target);
        continue;
      }
      // WPS .et is BIFF8 in a compound file, as .xls is; LibreOffice cannot name it so
      const filter = format === 'ods' ? 'ods' : 'xls:MS Excel 97';
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', filter, '--outdir', tmp, xlsx], { stdio: 'ignore' });
      copyFileSync(join(tmp, `${name}-2023.${format === 'ods' ? 'ods' : 'xls'}`), target);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
