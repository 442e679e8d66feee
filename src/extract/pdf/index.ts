import type { PDFDocumentProxy } from 'pdfjs-dist';
import { InputError, PageSelectionError } from '../../errors.js';
import type { Block, Extracted } from '../../model/intermediate.js';
import { warning } from '../../model/build.js';
import type { Warning } from '../../model/warning.js';
import { buildLines, endsInTable, glyphText, layoutPage, stitchPages, type Box, type PageLayout, type Segment } from '../layout/index.js';
import { readPage, type PdfPageContent } from './content.js';
import { currentHost, HostDied, loadPdfJs, openDocument, PARSER_HEAP_MB, TIMED_OUT, within, type Host, type PdfJs } from './engine.js';
import type { FontInfo } from './fonts.js';
import { DEFAULT_MAX_PAGES, DocumentOverBudget, PageOverLimit, readOperatorList, WorkBudget, type OperatorCodes } from './limits.js';
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
  /**
   * Whether a page's text (every character it shows, in drawing order, unnormalised) can belong to
   * what the caller looks for. When given, tables are looked for only on the pages it accepts and
   * on every page that may continue a table from a page read; the others give their text lines as
   * paragraphs. Without it every page is read for tables. Applies within `pages`.
   */
  pageFilter?: (text: string) => boolean;
  /** Refuse a PDF of more pages than this (`--max-pages`; default DEFAULT_MAX_PAGES). */
  maxPages?: number;
}

/** A page as the table finder saw it: its size, ruling segments and tables, in points from the top-left. */
export interface PageGeometry {
  page: number;
  width: number;
  height: number;
  segments: readonly Segment[];
  tables: readonly Box[];
  /** Why the table pass left the page out, when it did. */
  notRead?: string;
}

const DEFAULT_PAGE_TIMEOUT_MS = 20_000;
/** Opening includes starting the worker thread; a short page time-out should not fail it. */
const OPEN_TIMEOUT_MS = 20_000;

/** What reading the pages found, before it becomes blocks and warnings. */
interface PageScan {
  /** The text lines of the pages not read for tables: context (a cover's year, a unit line) for what follows. */
  skipped: Map<number, string[]>;
  layouts: PageLayout[];
  pagesRead: number[];
  imageOnly: number[];
  timedOut: number[];
  broken: number[];
  /** Pages on which pdf.js's parser thread stopped (out of memory, or crashed). */
  stopped: number[];
  /** Pages left out because they passed a bound on the work of one page (limits.ts), and which. */
  overLimit: { page: number; why: string }[];
  /** Pages left out because the document's work budget ran out, and why. */
  overBudget: { pages: number[]; why: string };
  pageWarnings: Warning[];
}

/** Reads a PDF into paragraphs and tables (see the modules beside this one). Throws InputError for bad input. */
export async function extractPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<Extracted> {
  // start the parser thread first: it loads its half of pdf.js while this thread loads the other
  const [pdfjs] = await Promise.all([loadPdfJs(), currentHost()]);
  const timeout = opts.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const session = new Session(pdfjs, bytes, timeout, WorkBudget.forFile(bytes.length));
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  let pages = 0;
  let scan: PageScan;
  try {
    pages = await session.open();
    if (pages > maxPages) throw new InputError(`the PDF has ${pages.toLocaleString('en')} pages, more than the limit of ${maxPages.toLocaleString('en')} (--max-pages)`);
    const selected = selection(opts.pages, pages);
    const candidates = selected ? [...selected].sort((x, y) => x - y) : Array.from({ length: pages }, (_, k) => k + 1);
    scan = await readPages(session, candidates, opts.pageFilter, opts.onPage);
  } finally {
    session.close();
  }
  const { layouts, pagesRead, skipped, imageOnly, timedOut, broken, stopped, overLimit, overBudget, pageWarnings } = scan;
  const stoppedWhy = session.outOfMemory ? `ran out of memory (limit ${PARSER_HEAP_MB} MB; raise it with --max-memory)` : 'stopped the PDF parser (internal error)';
  const skippedText = [...skipped.values()].some((lines) => lines.length > 0);

  const warnings: Warning[] = [];
  // the messages name the pages themselves
  if (!layouts.length && !skippedText) {
    if (imageOnly.length) throw new InputError(`no text layer on ${pageList(imageOnly)} (scanned images?); ptarget does not do OCR`);
    if (overBudget.pages.length) throw new InputError(`${overBudget.why} (${pageList(overBudget.pages)} not read)`);
    if (overLimit.length) throw new InputError(`${overLimit.map((o) => `page ${o.page}: ${o.why}`).join('; ')}; nothing was read`);
    if (stopped.length) throw new InputError(`${pageList(stopped)} ${stoppedWhy}`);
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
  for (const p of stopped) warnings.push(warning('page-unreadable', `page ${p} ${stoppedWhy} and was skipped`, { page: p }));
  for (const o of overLimit) warnings.push(warning('page-over-limit', `page ${o.page}: ${o.why}; skipped`, { page: o.page }));
  if (overBudget.pages.length) {
    const first = overBudget.pages[0]!;
    warnings.push(warning('page-over-limit', `${pageList(overBudget.pages)} not read: ${overBudget.why}`, { page: first }));
  }
  warnings.push(...pageWarnings);
  const blocks = stitchPages(layouts);
  if (opts.pages) warnings.push(...selectionEdges(blocks, layouts, new Set(opts.pages), pages));
  return { format: 'pdf', pages, pagesRead, encoding: null, blocks: withContext(blocks, skipped), warnings };
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

/**
 * The blocks, with the lines of the pages not read for tables as paragraphs in page order: the
 * parser takes context from lines before a form (a cover's "2026年度", a "单位：万元"). No table
 * runs over a page left out, so page order places them.
 */
function withContext(blocks: Block[], skipped: Map<number, string[]>): Block[] {
  if (!skipped.size) return blocks;
  const out: Block[] = [];
  const pending = [...skipped.keys()].sort((a, b) => a - b);
  const flush = (before: number): void => {
    while (pending.length && pending[0]! < before) {
      const page = pending.shift()!;
      for (const text of skipped.get(page)!) out.push({ kind: 'paragraph', text, page, line: null });
    }
  };
  for (const b of blocks) {
    flush(b.page ?? Infinity);
    out.push(b);
  }
  flush(Infinity);
  return out;
}

/** Why the table pass leaves a page out (`ptarget inspect` notes it on the page). */
export const NOT_READ = 'not read: no form vocabulary';

/**
 * Reads the candidate pages (all, or the selection), each once. With a filter, tables are looked
 * for only on the pages it accepts and on the pages that may continue a table from a page looked
 * at; the others give their text lines as paragraphs. pdf.js's work is the same either way (the
 * operator list of every page): a text pass before it would parse each page's content twice.
 */
async function readPages(session: Session, candidates: readonly number[], accepts: PdfOptions['pageFilter'], onPage: PdfOptions['onPage']): Promise<PageScan> {
  const scan: PageScan = {
    skipped: new Map(),
    layouts: [],
    pagesRead: [],
    imageOnly: [],
    timedOut: [],
    broken: [],
    stopped: [],
    overLimit: [],
    overBudget: { pages: [], why: '' },
    pageWarnings: [],
  };
  let endsTable = 0; // the last page read that ends in a table: the page after it may carry the table on
  for (const [i, p] of candidates.entries()) {
    if (!accepts) scan.pagesRead.push(p);
    const content = await session.read(p, candidates[i + 1]);
    if (content instanceof Error) {
      refuse(scan, p, content);
      continue;
    }
    if (accepts) {
      // a page without text is read for tables all the same: that finds a scan
      if (typeof content !== 'string' && endsTable !== p - 1 && /\S/.test(content.text) && !accepts(content.text)) {
        scan.skipped.set(p, textLines(content));
        onPage?.({ page: p, width: content.width, height: content.height, segments: [], tables: [], notRead: NOT_READ });
        continue;
      }
      scan.pagesRead.push(p);
    }
    if (content === 'timeout') {
      scan.timedOut.push(p);
      continue;
    }
    if (content === 'broken') {
      scan.broken.push(p);
      continue;
    }
    if (content === 'stopped') {
      scan.stopped.push(p);
      continue;
    }
    if (!content.glyphs.some((g) => !g.space)) {
      // a blank page says nothing; a page that is only a picture is a scan
      if (content.images > 0) scan.imageOnly.push(p);
      continue;
    }
    if (content.diagonal > 0) {
      const message = `page ${p}: ${content.diagonal} characters set at a slant (a watermark?) were left out`;
      scan.pageWarnings.push(warning('diagonal-text', message, { page: p }));
    }
    const layout = { page: p, width: content.width, height: content.height, items: layoutPage(content, p, scan.pageWarnings) };
    scan.layouts.push(layout);
    onPage?.(geometryOf(layout, content.segments));
    if (endsInTable(layout)) endsTable = p;
  }
  return scan;
}

/** The text lines of a page not read for tables, in reading order. */
function textLines(content: PdfPageContent): string[] {
  return buildLines(content.glyphs).flatMap((line) => {
    const text = glyphText(line.glyphs).trim();
    return text ? [text] : [];
  });
}

/** Notes a page left out for passing a bound. */
function refuse(scan: PageScan, page: number, why: Refused): void {
  if (why instanceof DocumentOverBudget) {
    scan.overBudget.pages.push(page);
    scan.overBudget.why = why.message;
  } else scan.overLimit.push({ page, why: why.message });
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

/** Why a page has no content: too slow, damaged, pdf.js's thread died on it, or it passed a bound. */
type Unread = 'timeout' | 'broken' | 'stopped' | Refused;
/** A page passed a bound on its own work, or the document's budget ran out. */
type Refused = PageOverLimit | DocumentOverBudget;

/** One document open in pdf.js's parser; reopened after a page is abandoned, on a fresh thread when its thread died. */
class Session {
  /** pdf.js's thread died for want of memory at least once. */
  outOfMemory = false;
  private host: Host | null = null;
  private doc: PDFDocumentProxy | null = null;
  private cancel: (() => Promise<void>) | null = null;
  /** The operators whose count a page's bounds look at. */
  private readonly codes: OperatorCodes;
  /** Set once the document's work budget has run out: no page is read after it. */
  private spent: DocumentOverBudget | null = null;
  private ahead: { n: number; doc: PDFDocumentProxy; promise: Promise<PdfPageContent> } | null = null;

  constructor(
    private readonly pdfjs: PdfJs,
    private readonly bytes: Uint8Array,
    private readonly timeout: number,
    private readonly budget: WorkBudget,
  ) {
    const ops = pdfjs.OPS as unknown as Record<string, number>;
    const showText = new Set(['showText', 'showSpacedText', 'nextLineShowText', 'nextLineSetSpacingShowText'].map((k) => ops[k]!));
    this.codes = { showText, formBegin: ops.paintFormXObjectBegin! };
  }

  async open(): Promise<number> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const host = await currentHost();
      const task = openDocument(this.pdfjs, host, this.bytes);
      try {
        const limit = Math.max(this.timeout, OPEN_TIMEOUT_MS);
        const doc = await within(task.promise, limit, host);
        if (doc === TIMED_OUT) {
          host.abandon();
          throw new InputError(`the PDF took longer than ${limit} ms to open`);
        }
        if (doc.numPages < 1) throw new InputError('the PDF has no pages');
        this.host = host;
        this.doc = doc;
        this.cancel = task.cancel;
        host.acquire();
        return doc.numPages;
      } catch (e) {
        if (e instanceof HostDied) {
          this.outOfMemory ||= e.outOfMemory;
          continue;
        }
        void task.cancel();
        if (e instanceof InputError) throw e;
        throw openError(e, this.bytes);
      }
    }
    throw new InputError(
      this.outOfMemory ? `opening the PDF ran out of memory (limit ${PARSER_HEAP_MB} MB; raise it with --max-memory)` : 'the PDF could not be opened (the PDF parser stopped)',
    );
  }

  /** The page's content, or why there is none; starts reading page `next` meanwhile. */
  /**
   * If pdf.js's thread dies on the page, it is read once more on a fresh thread with nothing read
   * ahead (the page read ahead may have been the one that killed it); dying again, it is 'stopped'.
   */
  async read(n: number, next?: number): Promise<PdfPageContent | Unread> {
    if (this.spent) return this.spent;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.doc || !this.host || this.host.dead) {
        this.close();
        await this.open();
      }
      const host = this.host!;
      const doc = this.doc!;
      const ahead = this.ahead;
      const work = ahead && ahead.n === n && ahead.doc === doc ? ahead.promise : this.readPage(doc, n);
      // a parser thread parses the next page while the caller lays this one out
      this.ahead = null;
      if (attempt === 0 && host.parallel && next !== undefined && next <= doc.numPages) {
        const promise = this.readPage(doc, next);
        promise.catch(() => {});
        this.ahead = { n: next, doc, promise };
      }
      try {
        const got = await within(work, this.timeout, host);
        if (got === TIMED_OUT) {
          host.abandon();
          this.close();
          return 'timeout';
        }
        return got;
      } catch (e) {
        if (e instanceof HostDied) {
          this.outOfMemory ||= e.outOfMemory;
          continue;
        }
        if (e instanceof InputError) throw e;
        if (e instanceof PageOverLimit) {
          try {
            this.budget.pageOverLimit();
          } catch (over) {
            if (over instanceof DocumentOverBudget) this.spent = over;
            else throw over;
          }
          return e;
        }
        if (e instanceof DocumentOverBudget) {
          this.spent = e;
          return e;
        }
        return 'broken';
      }
    }
    return 'stopped';
  }

  private async readPage(doc: PDFDocumentProxy, n: number): Promise<PdfPageContent> {
    const page = await doc.getPage(n);
    try {
      const view = page.getViewport({ scale: 1 });
      const ops = await readOperatorList(page, this.budget, this.codes);
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
