import type { PDFPageProxy } from 'pdfjs-dist';

/**
 * Bounds on the work a PDF may cause. A few kilobytes of PDF can make pdf.js do unbounded work:
 * a form XObject drawing another ten times, ten levels deep; one content stream shared by every
 * page; a megabyte-long string in one text operator. The work is counted as pdf.js streams a page
 * to us (operators, characters, text runs), and a page is given up once it passes a bound.
 * Giving up is not asking pdf.js for more: its parser then waits, idle, until the document is
 * closed, and its thread lives on. (Cancelling the stream would not do: pdf.js keeps parsing a
 * cancelled page to its end, only no longer sending what it finds.)
 *
 * The defaults are far above real budget documents: over the nine real budgets and the largest of
 * the real-smoke corpus (some 1,000 pages), a page has at most 37,000 operators, 2,600 characters
 * and no forms, and a document uses at most 1.2 units of work per byte of its file.
 */

/** Per page: operators, counting those of every form XObject each time it is drawn. */
export const PAGE_OPERATORS = 1_000_000;
/** Per page: characters shown (a page of legible 4-point print holds under 30,000). */
export const PAGE_CHARACTERS = 30_000;
/** Per page: form XObjects drawn, each time one is drawn (the real budgets draw none, or a few). */
export const PAGE_FORMS = 2000;
/** Pages a document may have (`--max-pages`): more than any budget book, even a province's. */
export const DEFAULT_MAX_PAGES = 10_000;
/**
 * Work for the whole document: at least this much, else so much per byte of the file. A unit is
 * an operator or a character pdf.js passes us; a page opened costs pdf.js about as much as
 * PAGE_OPEN_WORK operators, a form XObject drawn as much as FORM_WORK.
 */
export const DOCUMENT_WORK_MIN = 2_000_000;
export const DOCUMENT_WORK_PER_BYTE = 8;
export const PAGE_OPEN_WORK = 1500;
/**
 * A page left out for passing a bound is charged this share of the document's budget: no real
 * budget has such a page, and a document of hundreds of them (one heavy content shared by every
 * page) is built to wear the reader out. The document stops after this many.
 */
export const PAGES_OVER_LIMIT = 20;
const FORM_WORK = 50;

/** Why a page was not read: it passed one of the bounds above. */
export class PageOverLimit extends Error {}

/** The document's budget ran out: this page and the rest are not read. */
export class DocumentOverBudget extends Error {}

/** The document-wide work budget, spent page by page. */
export class WorkBudget {
  private spent = 0;
  private overLimit = 0;
  constructor(readonly limit: number) {}

  static forFile(bytes: number): WorkBudget {
    return new WorkBudget(Math.max(DOCUMENT_WORK_MIN, DOCUMENT_WORK_PER_BYTE * bytes));
  }

  /** Charges a page left out for passing a bound (see PAGES_OVER_LIMIT). */
  pageOverLimit(): void {
    this.overLimit++;
    try {
      this.spend(Math.ceil(this.limit / PAGES_OVER_LIMIT));
    } catch (e) {
      if (e instanceof DocumentOverBudget) throw new DocumentOverBudget(`${e.message}, ${this.overLimit} pages having been over a page's limits`);
      throw e;
    }
  }

  spend(units: number): void {
    this.spent += units;
    if (this.spent > this.limit) throw new DocumentOverBudget(`the document's work limit (${count(this.limit)} operators and characters, ${DOCUMENT_WORK_PER_BYTE} per byte of the file) was reached`);
  }
}

/** A page's operator list: operator numbers and their arguments, as pdf.js's getOperatorList gives them. */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

interface Chunk {
  fnArray: number[];
  argsArray: unknown[];
  length: number;
  lastChunk: boolean;
}

/** The operators the bounds look at: those that show text, and the start of a form XObject. */
export interface OperatorCodes {
  showText: ReadonlySet<number>;
  formBegin: number;
}

/** What the stream reader needs of pdf.js's page proxy (its transport is not in pdf.js's types). */
interface PageInternals {
  _pageIndex: number;
  _transport: {
    getRenderingIntent(intent: string, annotationMode: number, storage: null, isEditing: boolean, isOpList: boolean): {
      renderingIntent: number;
      cacheKey: string;
      annotationStorageSerializable: { map: unknown; transfer?: unknown[] };
      modifiedIds: unknown;
    };
    messageHandler: { sendWithStream(action: string, data: unknown, strategy?: unknown, transfers?: unknown[]): ReadableStream<Chunk> };
  };
}

/**
 * Reads a page's operator list as getOperatorList does (the same request, so the same list), but
 * chunk by chunk, stopping pdf.js once the page passes PAGE_OPERATORS or PAGE_CHARACTERS or the
 * budget runs out. pdf.js has no public streaming operator list; pdfjs-dist is pinned to one
 * version, and the PDF tests fail should this request change.
 */
export async function readOperatorList(page: PDFPageProxy, budget: WorkBudget, codes: OperatorCodes): Promise<OperatorList> {
  budget.spend(PAGE_OPEN_WORK);
  const internals = page as unknown as PageInternals;
  const transport = internals._transport;
  const intent = transport.getRenderingIntent('display', ANNOTATIONS_ENABLE, null, false, true);
  const stream = transport.messageHandler.sendWithStream(
    'GetOperatorList',
    {
      pageId: internals._pageIndex,
      pageIndex: internals._pageIndex,
      intent: intent.renderingIntent,
      cacheKey: intent.cacheKey,
      annotationStorage: intent.annotationStorageSerializable.map,
      modifiedIds: intent.modifiedIds,
    },
    undefined,
    intent.annotationStorageSerializable.transfer,
  );
  const reader = stream.getReader();
  const out: OperatorList = { fnArray: [], argsArray: [] };
  let chars = 0;
  let forms = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    const { fnArray, argsArray, length } = next.value;
    let shown = 0;
    let drawn = 0;
    for (let i = 0; i < length; i++) {
      const fn = fnArray[i]!;
      out.fnArray.push(fn);
      out.argsArray.push(argsArray[i]);
      if (codes.showText.has(fn)) shown += (argsArray[i] as [ArrayLike<unknown> | null] | null)?.[0]?.length ?? 0;
      else if (fn === codes.formBegin) drawn++;
    }
    chars += shown;
    forms += drawn;
    if (forms > PAGE_FORMS) throw new PageOverLimit(`more than ${count(PAGE_FORMS)} forms drawn (forms drawn within forms?)`);
    if (out.fnArray.length > PAGE_OPERATORS) throw new PageOverLimit(`more than ${count(PAGE_OPERATORS)} drawing operators`);
    if (chars > PAGE_CHARACTERS) throw new PageOverLimit(`more than ${count(PAGE_CHARACTERS)} characters`);
    budget.spend(length + shown + FORM_WORK * drawn);
    if (next.value.lastChunk) break;
  }
  return out;
}

/** 30,000. */
const count = (n: number): string => n.toLocaleString('en');

/** pdf.js's AnnotationMode.ENABLE: annotations' appearance streams are part of the list, as in getOperatorList's default. */
const ANNOTATIONS_ENABLE = 1;
