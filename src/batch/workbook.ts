import { readFile } from 'node:fs/promises';
import type { Document } from '../model/document.js';
import { workbookBytes } from '../write/workbook.js';
import { tableSheets } from '../write/xlsx.js';
import type { Manifest } from './manifest.js';

const FILE_COLUMNS = ['path', 'status', 'output', 'format', 'pages', 'forms', 'indicators', 'warnings', 'error', 'sha256'];

/**
 * The batch's workbook: the Indicators, Forms and Warnings sheets of `ptarget parse -f xlsx` over
 * every document, read back from their JSON files in input order, and a Files sheet listing every
 * input as manifest.json does, less what depends on the run (timings; an input kept from the last
 * run is "converted" as it was then), so the same inputs give the same bytes.
 */
export async function batchWorkbook(jsonFiles: readonly string[], manifest: Manifest): Promise<Uint8Array> {
  const docs: Document[] = [];
  for (const file of jsonFiles) docs.push(JSON.parse(await readFile(file, 'utf8')) as Document);
  const files = manifest.inputs.map((e) => [
    e.path, e.status === 'failed' ? 'failed' : 'converted', e.output, e.format, e.pages, e.forms, e.indicators, e.warnings, e.error, e.sha256,
  ]);
  return workbookBytes([...tableSheets(docs), { name: 'Files', columns: FILE_COLUMNS, rows: files }]);
}
