import type { PDFDocumentProxy } from 'pdfjs-dist';
import { InputError, PageSelectionError } from '../../errors.js';
import type { Block, Extracted } from '../../model/intermediate.js';
import { warning } from '../../model/build.js';
import type { Warning } from '../../model/warning.js';
import { layoutPage, stitchPages, type Box, type PageLayout, type Segment } from '../layout/index.js';
import { readPage, type PdfPageContent } from './content.js';
import { currentHost, HostDied, loadPdfJs, openDocument, TIMED_OUT, within, type Host, type PdfJs } from './engine.js';
import type { FontInfo } from './fonts.js';
import type { Matrix } from './matrix.js';

export interface PdfOptions {
  /** Abandon a page (with a warning) that takes longer than this to read. */
  pageTimeoutMs?: number;
  /**
   * Read only these pages (1-based; `--pages`). A page past the end is an error; a table that may
   * run on to a page outside the selection is reported with a `page-not-selected` warning.
   */
  pages?: readonly number[];
  /** Told of every page laid out, with what the table finder saw (`ptarget inspect` draws it). */
  onPage?: (page: PageGeometry) => void;
}

/** A page as the table finder saw it: its size, ruling segments and tables, in points from the top-left. */
export interface PageGeometry {
  page: number;
  width: number;
  height: number;
  segments: readonly Segment[];
  tables: readonly Box[];
}


const DEFAULT_PAGE_TIMEOUT_MS = 20_000;
/** Opening includes starting the worker thread; a short page time-out should not fail it. */
const OPEN_TIMEOUT_MS = 20_000;

/** Reads a PDF into paragraphs and tables (see the modules beside this one). Throws InputError for bad input. */
export async function extractPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<Extracted> {
  // start the parser thread first: it loads its half of pdf.js while this thread loads the other
  const [pdfjs] = await Promise.all([loadPdfJs(), currentHost()]);
  const timeout = opts.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const session = new Session(pdfjs, bytes, timeout);
  let pages = 0;
  const layouts: PageLayout[] = [];
  const imageOnly: number[] = [];
  const timedOut: number[] = [];
  const broken: number[] = [];
  const pageWarnings: Warning[] = [];
  try {
    pages = await session.open();
    const selected = selection(opts.pages, pages);
    for (let p = 1; p <= pages; p++) {
      if (selected && !selected.has(p)) continue;
      const content = await session.read(p);
      if (content === 'timeout') {
        timedOut.push(p);
        continue;
      }
      if (content === 'broken') {
        broken.push(p);
        continue;
      }
      if (!content.glyphs.some((g) => !g.space)) {
        // a blank page says nothing; a page that is only a picture is a scan
        if (content.images > 0) imageOnly.push(p);
        continue;
      }
      if (content.diagonal > 0) {
        const message = `page ${p}: ${content.diagonal} characters set at a slant (a watermark?) were left out`;
        pageWarnings.push(warning('diagonal-text', message, { page: p }));
      }
      const layout = { page: p, width: content.width, height: content.height, items: layoutPage(content, p, pageWarnings) };
      layouts.push(layout);
      opts.onPage?.(geometryOf(layout, content.segments));
    }
  } finally {
    session.close();
  }

  const warnings: Warning[] = [];
  // the messages name the pages themselves
  if (!layouts.length) {
    if (imageOnly.length) throw new InputError(`no text layer on ${pageList(imageOnly)} (scanned images?); ptarget does not do OCR`);
    if (broken.length) throw new InputError(`damaged PDF: ${pageList(broken)} could not be read`);
    if (timedOut.length) throw new InputError(`${pageList(timedOut)} took longer than ${timeout} ms each to read; nothing was read`);
    throw new InputError('the PDF has no text');
  }
  if (broken.length && !hasEndMarker(bytes)) {
    throw new InputError(`truncated PDF: the end of the file is missing (${pageList(broken)} could not be read)`);
  }
  if (imageOnly.length) {
    warnings.push(
      warning('no-text-layer', `${pageList(imageOnly)}: no text layer (scanned images?); OCR is not done, so their content is missing`, {
        page: imageOnly[0],
      }),
    );
  }
  for (const p of timedOut) warnings.push(warning('page-timeout', `page ${p} took longer than ${timeout} ms to read and was skipped`, { page: p }));
  for (const p of broken) warnings.push(warning('page-unreadable', `page ${p} is damaged and was skipped`, { page: p }));
  warnings.push(...pageWarnings);
  const blocks = stitchPages(layouts);
  if (opts.pages) warnings.push(...selectionEdges(blocks, layouts, new Set(opts.pages), pages));
  return { format: 'pdf', pages, encoding: null, blocks, warnings };
}

/** The selected pages as a set, or null for all; a page past the end is an error. */
function selection(pages: readonly number[] | undefined, count: number): Set<number> | null {
  if (!pages) return null;
  const outside = pages.filter((p) => p < 1 || p > count);
  if (outside.length) throw new PageSelectionError(`--pages: ${pageList(outside)} past the end (the PDF has ${count} page${count === 1 ? '' : 's'})`);
  return new Set(pages);
}

function geometryOf(layout: PageLayout, segments: readonly Segment[]): PageGeometry {
  const tables = layout.items.flatMap((item) => (item.kind === 'table' ? [item.table.box] : []));
  return { page: layout.page, width: layout.width, height: layout.height, segments, tables };
}

/**
 * A selection cuts the document at its edges: a table that ends a selected page may go on over
 * the next, unselected one, and a table that opens a selected page may be the continuation of
 * the page before. Either is reported, so a form cut short is never taken for a whole one.
 */
function selectionEdges(blocks: readonly Block[], layouts: readonly PageLayout[], selected: Set<number>, count: number): Warning[] {
  const out: Warning[] = [];
  const pageOf = (b: Block): number | null => (b.kind === 'table' ? (b.rows.at(-1)?.page ?? b.page) : b.page);
  for (const { page } of layouts) {
    // page headers, footers and page numbers are paragraphs: what matters is the tables
    const tables = blocks.filter((b) => b.kind === 'table' && (b.page === page || pageOf(b) === page));
    const last = tables.at(-1);
    const first = tables[0];
    if (page < count && !selected.has(page + 1) && last && pageOf(last) === page) {
      out.push(warning('page-not-selected', `page ${page} ends in a table that may go on over page ${page + 1}, which --pages leaves out`, { page }));
    }
    if (page > 1 && !selected.has(page - 1) && first && first.page === page) {
      out.push(warning('page-not-selected', `page ${page} opens with a table that may go on from page ${page - 1}, which --pages leaves out`, { page }));
    }
  }
  return out;
}

/** "page 3", "pages 1–3, 7". */
export function pageList(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return `${pages.length === 1 ? 'page' : 'pages'} ${parts.join(', ')}`;
}

/** A complete PDF ends with %%EOF (give or take trailing junk). */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).subarray(Math.max(0, bytes.length - 2048));
  return tail.includes('%%EOF', 0, 'latin1');
}

function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
}

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0]!.trim();
}

/** Why a document would not open, in one line. */
function openError(e: unknown, bytes: Uint8Array): InputError {
  const name = errorName(e);
  if (name === 'PasswordException') return new InputError('password-protected PDF: it cannot be read without its password');
  // objects but no end: the file was cut short; no objects at all: it is not really a PDF
  if (!hasEndMarker(bytes) && contains(bytes, 'endobj')) return new InputError('truncated PDF: the end of the file is missing');
  if (name === 'InvalidPDFException' || !contains(bytes, 'endobj')) return new InputError('damaged PDF: no readable document structure');
  return new InputError(`damaged PDF: ${errorText(e) || 'it cannot be read'}`);
}

function contains(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(needle, 0, 'latin1');
}

/** One document on the pdf.js worker thread; reopens it on a fresh thread when the thread dies. */
class Session {
  private host: Host | null = null;
  private doc: PDFDocumentProxy | null = null;
  private cancel: (() => Promise<void>) | null = null;
  private ahead: { n: number; doc: PDFDocumentProxy; promise: Promise<PdfPageContent> } | null = null;

  constructor(
    private readonly pdfjs: PdfJs,
    private readonly bytes: Uint8Array,
    private readonly timeout: number,
  ) {}

  async open(): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const host = await currentHost();
      const task = openDocument(this.pdfjs, host, this.bytes);
      try {
        const limit = Math.max(this.timeout, OPEN_TIMEOUT_MS);
        const doc = await within(task.promise, limit, host);
        if (doc === TIMED_OUT) {
          host.kill();
          throw new InputError(`the PDF took longer than ${limit} ms to open`);
        }
        if (doc.numPages < 1) throw new InputError('the PDF has no pages');
        this.host = host;
        this.doc = doc;
        this.cancel = task.cancel;
        host.acquire();
        return doc.numPages;
      } catch (e) {
        if (e instanceof HostDied) continue;
        void task.cancel();
        if (e instanceof InputError) throw e;
        throw openError(e, this.bytes);
      }
    }
    throw new InputError('the PDF could not be opened');
  }

  /** The page's content, or why there is none. */
  async read(n: number): Promise<PdfPageContent | 'timeout' | 'broken'> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!this.doc || !this.host || this.host.dead) {
        this.close();
        await this.open();
      }
      const host = this.host!;
      const doc = this.doc!;
      const ahead = this.ahead;
      const work = ahead && ahead.n === n && ahead.doc === doc ? ahead.promise : this.readPage(doc, n);
      // the worker thread parses the next page while the caller lays this one out
      this.ahead = null;
      if (n < doc.numPages) {
        const next = this.readPage(doc, n + 1);
        next.catch(() => {});
        this.ahead = { n: n + 1, doc, promise: next };
      }
      try {
        const got = await within(work, this.timeout, host);
        if (got === TIMED_OUT) {
          // the only way to stop pdf.js mid-page is to stop its thread
          host.kill();
          this.close();
          return 'timeout';
        }
        return got;
      } catch (e) {
        if (e instanceof HostDied) continue;
        if (e instanceof InputError) throw e;
        return 'broken';
      }
    }
    return 'timeout';
  }

  private async readPage(doc: PDFDocumentProxy, n: number): Promise<PdfPageContent> {
    const page = await doc.getPage(n);
    try {
      const view = page.getViewport({ scale: 1 });
      const ops = await page.getOperatorList();
      const fontOf = (name: string): FontInfo | null => {
        try {
          return page.commonObjs.has(name) ? (page.commonObjs.get(name) as FontInfo) : null;
        } catch {
          return null;
        }
      };
      return readPage(
        ops.fnArray,
        ops.argsArray,
        { transform: view.transform as unknown as Matrix, width: view.width, height: view.height },
        this.pdfjs.OPS as unknown as Record<string, number>,
        fontOf,
        this.pdfjs.normalizeUnicode,
      );
    } finally {
      page.cleanup();
    }
  }

  close(): void {
    const host = this.host;
    host?.release();
    void this.cancel?.().then(() => host?.settle());
    this.cancel = null;
    this.ahead = null;
    this.doc = null;
    this.host = null;
  }
}
