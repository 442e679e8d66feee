import type { Document } from '../model/document.js';
import { type SheetHead, Workbook } from '../write/workbook.js';
import { tableSheets } from '../write/xlsx.js';
import type { Manifest } from './manifest.js';

const FILES: SheetHead = {
  name: 'Files',
  columns: ['path', 'status', 'output', 'format', 'pages', 'forms', 'indicators', 'warnings', 'error', 'sha256'],
};

/**
 * The batch's workbook: the Indicators, Forms and Warnings sheets of `ptarget parse -f xlsx` over
 * every document, added in input order as each document's JSON is written (while the workers go
 * on), and a Files sheet listing every input as manifest.json does, less what depends on the run
 * (timings; an input kept from the last run is "converted" as it was then), so the same inputs
 * give the same bytes.
 */
export class BatchWorkbook {
  private readonly book: Workbook;
  private readonly tables: number;

  constructor() {
    const heads = tableSheets([]);
    this.tables = heads.length;
    this.book = new Workbook([...heads, FILES]);
  }

  /** A document, as the JSON its file holds. */
  add(json: string): void {
    tableSheets([JSON.parse(json) as Document]).forEach((sheet, i) => this.book.add(i, sheet.rows));
  }

  bytes(manifest: Manifest): Uint8Array {
    const files = manifest.inputs.map((e) => [
      e.path, e.status === 'failed' ? 'failed' : 'converted', e.output, e.format, e.pages, e.forms, e.indicators, e.warnings, e.error, e.sha256,
    ]);
    this.book.add(this.tables, files);
    return this.book.bytes();
  }
}
