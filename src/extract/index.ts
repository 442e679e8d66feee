import { extname } from 'node:path';
import { InputError, PageSelectionError } from '../errors.js';
import type { Extracted, InputFormat } from '../model/intermediate.js';
import { decodeText, looksBinary } from './decode.js';
import { extractMarkdown, isTableLine } from './markdown.js';
import type { PdfOptions } from './pdf/index.js';
import { extractText } from './text.js';

// The extractors with heavy dependencies (pdf.js, mammoth, parse5, csv-parse) load on first use,
// so converting one kind of input never pays for loading the others.

export type ExtractOptions = PdfOptions;
// small (no pdf.js): where pdf.js's parser runs is decided before any PDF is read, and pdf.js may load ahead of one
export { loadPdfJsNow as loadPdfJsAhead, parseInThisThread as parsePdfInThisThread } from './pdf/engine.js';
export type { PageGeometry } from './pdf/index.js';
export type { PageImage } from './pdf/render.js';
export { DEFAULT_MAX_PAGES } from './pdf/limits.js';

/** Draw PDF pages to compressed images (for `ptarget inspect`). */
export async function renderPdfPages(bytes: Uint8Array, pages: readonly number[]): Promise<Map<number, import('./pdf/render.js').PageImage>> {
  return (await import('./pdf/render.js')).renderPages(bytes, pages);
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // OLE2 compound file: .xls, .et, .doc

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

function indexOfAscii(bytes: Uint8Array, needle: string, limit = bytes.length): number {
  const n = Buffer.from(needle, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.length)).indexOf(n);
}

/** Which binary container the bytes are, from their content; null for text. */
async function sniffBinary(bytes: Uint8Array): Promise<'pdf' | 'docx' | 'xlsx' | 'ods' | 'zip' | 'cfb' | null> {
  // %PDF- may follow some junk; the spec allows it within the first 1024 bytes
  if (startsWith(bytes, PDF_MAGIC) || indexOfAscii(bytes, '%PDF-', 1024) >= 0) return 'pdf';
  if (startsWith(bytes, CFB_MAGIC)) return 'cfb';
  if (!startsWith(bytes, ZIP_MAGIC)) return null;
  // an Office package by its main part; an OpenDocument one by its mimetype, stored uncompressed
  if (indexOfAscii(bytes, 'word/document.xml') >= 0) return 'docx';
  if (indexOfAscii(bytes, 'xl/workbook.') >= 0) return 'xlsx';
  if (indexOfAscii(bytes, 'application/vnd.oasis.opendocument.spreadsheet') >= 0) return 'ods';
  // a Word main part under another name is found through the package's content types
  return (await (await import('./docx/package.js')).isWordPackage(bytes)) ? 'docx' : 'zip';
}

/** Markup and table syntax decide among the text formats; the extension only breaks ties. */
function sniffText(text: string, ext: string): 'html' | 'markdown' | 'csv' | 'text' {
  const head = text.slice(0, 20000);
  if (/<(table|html|body|tr|td)\b/i.test(head) || (ext.startsWith('.htm') && /<[a-z]/i.test(head))) return 'html';
  const lines = head.split(/\r?\n/).map((l) => l.trim());
  const hasSeparator = lines.some((l) => /^\|?\s*:?-{2,}:?\s*\|/.test(l));
  if (hasSeparator && lines.some(isTableLine)) return 'markdown';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.csv' && !head.includes('\t')) return 'csv';
  return 'text';
}

/** Read any supported input into the intermediate tables. Throws InputError for bad input. */
export async function extract(bytes: Uint8Array, path: string, opts: ExtractOptions = {}): Promise<Extracted> {
  const ext = extname(path).toLowerCase();
  if (bytes.length === 0) throw new InputError('empty file');
  const binary = await sniffBinary(bytes);
  if (binary === 'pdf') return (await import('./pdf/index.js')).extractPdf(bytes, opts);
  if (opts.pages) throw new PageSelectionError('--pages applies to PDF inputs only');
  if (binary === 'docx') return (await import('./docx.js')).extractDocx(bytes);
  if (binary === 'xlsx' || binary === 'ods') return (await import('./spreadsheet.js')).extractSpreadsheet(bytes, binary);
  if (binary === 'cfb') {
    const sheets = await import('./spreadsheet.js');
    if (sheets.isBinaryWorkbook(bytes)) return sheets.extractSpreadsheet(bytes, 'xls');
  }
  if (binary === 'zip') {
    throw new InputError(
      ext === '.docx' ? 'not a Word document (a zip package without a Word main part)'
      : ext === '.xlsx' || ext === '.ods' ? 'not a spreadsheet (a zip without a workbook)'
      : 'a zip archive, not a document',
    );
  }
  if (ext === '.pdf') throw new InputError('not a PDF file (no %PDF header): damaged or mislabelled');
  if (ext === '.docx') {
    const { compoundFileMessage } = await import('./docx/package.js');
    throw new InputError(compoundFileMessage(bytes) ?? 'not a Word .docx file (not a zip package)');
  }
  if (ext === '.doc' || ext === '.wps') {
    throw new InputError(`${ext} files are not supported; save as .docx, .pdf or tab-separated text`);
  }
  if (binary === 'cfb') throw new InputError((await import('./spreadsheet.js')).compoundFileMessage(bytes));
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new InputError('empty file (no text)');
  if (looksBinary(text)) throw new InputError('not a document ptarget reads (binary content)');
  const format: InputFormat = sniffText(text, ext);
  if (format === 'html') return (await import('./html.js')).extractHtml(text, encoding);
  if (format === 'markdown') return extractMarkdown(text, encoding);
  if (format === 'csv') return (await import('./csv.js')).extractCsv(text, encoding);
  // no tab anywhere: columns were laid out with spaces
  if (!text.includes('\t')) return (await import('./layout-text.js')).extractLayoutText(text, encoding);
  return extractText(text, encoding);
}
