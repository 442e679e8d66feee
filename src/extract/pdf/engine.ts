import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, resourceLimits as ownLimits, Worker, type MessagePort } from 'node:worker_threads';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';
import { inThreadChannel, type InThreadPort } from './in-thread-channel.js';
import { pdfjsModuleFiles } from './patched-worker.js';
import { loadPdfJsFile, type PdfJsModuleFile } from './pdfjs-script.js';

/**
 * pdf.js, loaded once per thread, with its parsing ("worker") side in one of two places:
 *
 * - by default, in a worker thread of its own (a ThreadHost). The thread is what makes a page
 *   time-out real even when one operator takes minutes: a page that takes too long is abandoned by
 *   terminating the thread and reopening the document in a fresh one; a thread that runs out of
 *   memory loses its page, not the process. Its console is silenced, so pdf.js never prints.
 * - in this very thread (a LocalHost, after parseInThisThread()), when this thread is itself a
 *   conversion worker whose owner bounds its heap and time (a batch or single-file conversion):
 *   one V8 heap instead of two, no copy of every page's operators between threads, and pdf.js
 *   loaded once. Messages to and from the parser go through a channel whose two ends are both
 *   here (in-thread-channel.ts: handed over, not copied): each is a task of the event loop, so a
 *   page's time-out still fires between the chunks of operators pdf.js sends (one per ~1000
 *   operators), and closing the document stops the abandoned page at pdf.js's next check.
 */

export type PdfJs = typeof import('pdfjs-dist');

const require = createRequire(import.meta.url);
/** The installed pdfjs-dist folder, ending in a separator (pdf.js wants folder paths that way). */
export const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json')) + '/';

/**
 * The legacy build installs core-js polyfills at import; on Node 20's V8 a few of them replace
 * working built-ins with slow JavaScript (Array.prototype.push above all, which every array in
 * the process then uses). Put the engine's own functions back once pdf.js has loaded (in a
 * parser thread too: WORKER_CODE).
 */
const RESTORE = `const keep = [Array.prototype.push, JSON.parse, JSON.stringify];
const restore = () => { Array.prototype.push = keep[0]; JSON.parse = keep[1]; JSON.stringify = keep[2]; };`;

let importing: Promise<unknown> = Promise.resolve();

/**
 * Imports a pdf.js module with what its import-time checks see arranged for speed, and undoes the
 * side effects that would slow the rest of the thread down. One at a time: the API side and the
 * parser load together (LocalHost), and the first to finish would otherwise put the real Response
 * back while the other's checks still run (loading undici, ~35 ms).
 */
function importPdfJsModule<T>(m: PdfJsModuleFile): Promise<T> {
  const done = importing.then(() => importArranged<T>(m));
  importing = done.catch(() => {});
  return done;
}

async function importArranged<T>(m: PdfJsModuleFile): Promise<T> {
  const keep = [Array.prototype.push, JSON.parse, JSON.stringify] as const;
  const nativeToBase64 = 'toBase64' in Uint8Array.prototype;
  // pdf.js only tests Response for a polyfill at import; Node's lazy global would load all of
  // undici for that (~50 ms), so it sees a stand-in and the real global is put back after
  const response = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  Object.defineProperty(globalThis, 'Response', { value: class Response {}, writable: true, configurable: true });
  const unstub = stubCanvas();
  try {
    return await loadPdfJsFile<T>(m);
  } finally {
    unstub();
    if (response) Object.defineProperty(globalThis, 'Response', response);
    else delete (globalThis as { Response?: unknown }).Response;
    Array.prototype.push = keep[0];
    JSON.parse = keep[1];
    JSON.stringify = keep[2];
    // pdf.js base64-encodes every font it loads; core-js's polyfill does it a character at a time
    if (!nativeToBase64) Object.defineProperty(Uint8Array.prototype, 'toBase64', { value: toBase64, writable: true, configurable: true });
  }
}

/**
 * pdf.js's API side requires @napi-rs/canvas at import (in Node) to take DOMMatrix, Path2D and
 * ImageData from it, which maps its 30 MB native library into the process (~13 MB of resident
 * memory) even when nothing is ever drawn. While pdf.js loads, the require finds a stand-in in
 * the module cache, and the three globals are given: DOMMatrix from the package's own pure-JS
 * geometry module (the very class it exports), Path2D and ImageData as stand-ins that load the
 * real package the first time one is made. render.ts installs the real classes before drawing.
 * Returns what takes the stand-in out of the cache again. Where any of this is not as expected,
 * nothing is stubbed and pdf.js loads the package as it would.
 */
function stubCanvas(): () => void {
  const g = globalThis as Record<string, unknown>;
  const pdfRequire = createRequire(join(PDFJS_DIR, 'legacy/build/pdf.mjs'));
  let path: string;
  let geometry: { DOMMatrix?: unknown };
  try {
    path = pdfRequire.resolve('@napi-rs/canvas');
    if (pdfRequire.cache[path]) return () => {}; // loaded already: nothing to save
    geometry = pdfRequire(join(dirname(path), 'geometry.js')) as { DOMMatrix?: unknown };
  } catch {
    return () => {};
  }
  if (typeof geometry.DOMMatrix !== 'function') return () => {};
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  pdfRequire.cache[path] = stub;
  g.DOMMatrix ??= geometry.DOMMatrix;
  for (const name of ['Path2D', 'ImageData']) {
    g[name] ??= class {
      constructor(...args: unknown[]) {
        const Real = (pdfRequire('@napi-rs/canvas') as Record<string, new (...a: unknown[]) => object>)[name]!;
        return new Real(...args);
      }
    };
  }
  return () => {
    if (pdfRequire.cache[path] === stub) delete pdfRequire.cache[path];
  };
}

let pdfjsPromise: Promise<PdfJs> | undefined;

/** pdf.js's API side, loaded once per thread. */
export function loadPdfJs(): Promise<PdfJs> {
  // @napi-rs/canvas, when pdf.js loads it after all (to draw for `inspect`), would scan every
  // system font at import (0.1–0.4 s); ptarget draws with pdf.js's own fonts only
  process.env.DISABLE_SYSTEM_FONTS_LOAD ??= '1';
  pdfjsPromise ??= importPdfJsModule<PdfJs>(pdfjsFiles().api);
  return pdfjsPromise;
}

/** Uint8Array.prototype.toBase64 (TC39 proposal-arraybuffer-base64) on Node's own encoder. */
function toBase64(this: Uint8Array, options?: { alphabet?: unknown; omitPadding?: unknown }): string {
  if (!(this instanceof Uint8Array)) throw new TypeError('Uint8Array.prototype.toBase64 called on a non-Uint8Array');
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('options must be an object');
  const alphabet = options?.alphabet ?? 'base64';
  if (alphabet !== 'base64' && alphabet !== 'base64url') throw new TypeError('alphabet must be "base64" or "base64url"');
  let s = Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
  if (alphabet === 'base64url') s = s.replace(/\+/g, '-').replace(/\//g, '_');
  return options?.omitPadding ? s.replace(/=+$/, '') : s;
}

const WORKER_CODE = `${RESTORE}
const { workerData } = require('node:worker_threads');
// pdf.js reports through console; nothing it says should reach the user's terminal
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir']) console[k] = () => {};
process.stdout.write = process.stderr.write = () => true;
// pdf.js only tests Response for a polyfill; touching Node's lazy global would load all of undici
// (~50 ms of start-up), and this thread never fetches: documents arrive as bytes
Object.defineProperty(globalThis, 'Response', { value: class Response {}, writable: true, configurable: true });
import(workerData.url).then((m) => {
  restore();
  m.WorkerMessageHandler.initializeFromPort(workerData.port);
});
// pdf.js drops its port listeners when a document closes; the thread lives until terminated
setInterval(() => {}, 1 << 30);`;

export class HostDied extends Error {
  constructor(readonly outOfMemory: boolean) {
    super(outOfMemory ? 'pdf.js ran out of memory' : 'pdf.js worker stopped');
  }
}

/**
 * The parser thread's heap limit: the limit of the thread that starts it (a conversion worker
 * started with --max-memory), else 2048 MB. (A conversion worker normally runs the parser in its
 * own thread and heap: parseInThisThread.)
 */
export const PARSER_HEAP_MB = ownLimits.maxOldGenerationSizeMb && ownLimits.maxOldGenerationSizeMb > 0 ? ownLimits.maxOldGenerationSizeMb : 2048;

let files: ReturnType<typeof pdfjsModuleFiles> | undefined;
/**
 * pdf.js's API side and parser: the build's patched parser and script forms of both (patched-worker.ts,
 * pdfjs-script.ts), else pdf.js's own files (PTARGET_PDFJS_UNPATCHED=1, or no copy for these patches: one did not apply).
 */
function pdfjsFiles(): ReturnType<typeof pdfjsModuleFiles> {
  files ??= pdfjsModuleFiles(PDFJS_DIR, Boolean(process.env.PTARGET_PDFJS_UNPATCHED));
  return files;
}

/** Where pdf.js's parser runs, and what the documents read with it need to know about that. */
export interface Host {
  readonly pdfWorker: PDFWorker;
  /** The parser can no longer be used (its thread died or was killed): open documents anew. */
  readonly dead: boolean;
  /** The parser's thread died for want of memory (its heap limit, PARSER_HEAP_MB). */
  readonly outOfMemory: boolean;
  /** The parser works beside this thread, so asking for the next page early gains time. */
  readonly parallel: boolean;
  /** A document starts using the parser: keep the process alive for it. */
  acquire(): void;
  release(): void;
  /** pdf.js adds port listeners as documents open and close, and a listener refs the port again. */
  settle(): void;
  /** Calls `fn` once if the parser dies; returns a function that stops listening. */
  onDeath(fn: () => void): () => void;
  /**
   * Gives up on the work in progress, before its document is closed: a thread is killed (nothing
   * else stops pdf.js mid-page there); in this thread, closing the document stops its tasks.
   */
  abandon(): void;
}

/** One worker thread running pdf.js's parser, shared by all documents until it is killed. */
class ThreadHost implements Host {
  readonly pdfWorker: PDFWorker;
  readonly parallel = true;
  dead = false;
  outOfMemory = false;
  private readonly thread: Worker;
  private readonly port: MessagePort;
  private users = 0;
  private readonly mourners = new Set<() => void>();

  constructor(pdfjs: PdfJs, thread: Worker, port: MessagePort) {
    this.thread = thread;
    this.port = port;
    this.thread.on('error', (err: NodeJS.ErrnoException) => {
      this.outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.abandon();
    });
    this.thread.on('exit', () => this.abandon());
    this.pdfWorker = newPdfWorker(pdfjs, this.port);
    this.idle();
  }

  /** Starts the thread; it loads pdf.js's parser while the caller loads the rest. */
  static start(): { thread: Worker; port: MessagePort } {
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { port: port2, url: pdfjsFiles().parser.url },
      transferList: [port2],
      // a pathological file runs the thread out of memory, not the process
      resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB },
    });
    thread.unref();
    port1.unref();
    return { thread, port: port1 };
  }

  acquire(): void {
    this.users++;
    this.thread.ref();
    this.port.ref();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.idle();
  }

  settle(): void {
    if (this.users === 0 && !this.dead) this.idle();
  }

  /** An idle thread must not keep the process alive (pdf.js re-refs the port with every listener). */
  private idle(): void {
    this.thread.unref();
    this.port.unref();
  }

  onDeath(fn: () => void): () => void {
    if (this.dead) {
      fn();
      return () => {};
    }
    this.mourners.add(fn);
    return () => this.mourners.delete(fn);
  }

  abandon(): void {
    if (this.dead) return;
    this.dead = true;
    void this.thread.terminate();
    // documents still open on the thread hold listeners that would keep the port (and the process) alive
    this.port.close();
    try {
      this.pdfWorker.destroy();
    } catch {
      // already gone
    }
    for (const fn of this.mourners) fn();
    this.mourners.clear();
  }
}

/**
 * pdf.js's parser in this thread, behind a MessageChannel with both ends here. It never dies on its
 * own: a parse that runs this thread out of memory ends the thread, for its owner to report.
 */
class LocalHost implements Host {
  readonly pdfWorker: PDFWorker;
  readonly parallel = false;
  readonly dead = false;
  readonly outOfMemory = false;
  private readonly ports: readonly (MessagePort | InThreadPort)[];
  private users = 0;

  constructor(pdfjs: PdfJs, parser: ParserModule) {
    // the patched parser sends nothing it changes afterwards: its messages need no copying
    const { port1, port2 } = pdfjsFiles().patched ? inThreadChannel() : new MessageChannel();
    parser.WorkerMessageHandler.initializeFromPort(port2);
    this.pdfWorker = newPdfWorker(pdfjs, port1);
    this.ports = [port1, port2];
    this.idle();
  }

  acquire(): void {
    this.users++;
    for (const p of this.ports) p.ref();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.idle();
  }

  settle(): void {
    if (this.users === 0) this.idle();
  }

  private idle(): void {
    for (const p of this.ports) p.unref();
  }

  onDeath(): () => void {
    return () => {};
  }

  abandon(): void {}
}

function newPdfWorker(pdfjs: PdfJs, port: MessagePort | InThreadPort): PDFWorker {
  const Ctor = pdfjs.PDFWorker as unknown as new (o: { port: unknown; verbosity: number }) => PDFWorker;
  return new Ctor({ port, verbosity: pdfjs.VerbosityLevel.ERRORS });
}

interface ParserModule {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
}

let parserModule: Promise<ParserModule> | undefined;
/** pdf.js's parser (patched), loaded into this thread. */
function loadParserHere(): Promise<ParserModule> {
  parserModule ??= (async () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'pdfjsWorker');
    try {
      return await importPdfJsModule<ParserModule>(pdfjsFiles().parser);
    } finally {
      // the parser announces itself there, and pdf.js's API side would then take it for every
      // document it opens without a worker (render.ts's drawing, which needs what the patches skip)
      if (had) Object.defineProperty(globalThis, 'pdfjsWorker', had);
      else delete (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker;
    }
  })();
  return parserModule;
}

let here = false;
/**
 * From now on, run pdf.js's parser in this thread rather than in one of its own. For a thread
 * whose owner bounds its memory and time (batch/worker.ts), so that a conversion is one V8 heap.
 */
export function parseInThisThread(): void {
  here = true;
}

/**
 * Loads pdf.js (and starts its parser) now, before there is a PDF: a conversion worker started
 * early (batch/early.ts) does it while the CLI loads. A failure is left to the first PDF to report.
 */
export function loadPdfJsNow(): void {
  currentHost().catch(() => {});
}

let host: Host | undefined;
let starting: Promise<Host> | undefined;
/** The live parser, started on first use and after a thread was killed. */
export function currentHost(): Promise<Host> {
  if (host && !host.dead) return Promise.resolve(host);
  starting ??= (async () => {
    try {
      if (here) {
        const [pdfjs, parser] = await Promise.all([loadPdfJs(), loadParserHere()]);
        host = new LocalHost(pdfjs, parser);
      } else {
        const { thread, port } = ThreadHost.start();
        host = new ThreadHost(await loadPdfJs(), thread, port);
      }
      return host;
    } finally {
      starting = undefined;
    }
  })();
  return starting;
}

export const TIMED_OUT = Symbol('timed out');

/**
 * Waits for `work` at most `ms`; rejects with HostDied if the thread dies meanwhile. The timer
 * keeps the process alive while the unref'd thread works.
 */
export function within<T>(work: Promise<T>, ms: number, h: Host): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(() => resolve(TIMED_OUT)), ms);
    const stop = h.onDeath(() => finish(() => reject(new HostDied(h.outOfMemory))));
    let done = false;
    function finish(then: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop();
      then();
    }
    work.then(
      (v) => finish(() => resolve(v)),
      (e: unknown) => finish(() => reject(e)),
    );
  });
}

/**
 * Where pdf.js's font loader puts @font-face rules when there is no DOM: a style sheet that keeps
 * nothing. (Should pdf.js ever need more of it, binding the font fails and pdf.js falls back to
 * the glyph outlines: slower, still correct.)
 */
const INERT_DOCUMENT = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => {} }),
  documentElement: { getElementsByTagName: () => [{ append: () => {} }] },
};

/**
 * What every load of a document shares, reading or drawing: a copy of the bytes (pdf.js takes
 * ownership), the package's own CMaps, standard fonts and decoders, never the system's fonts.
 */
export function documentOptions(pdfjs: PdfJs, bytes: Uint8Array) {
  return {
    data: new Uint8Array(bytes),
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
    wasmUrl: join(PDFJS_DIR, 'wasm') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // never ask the user for anything; a password-protected file fails with PasswordException
    password: '',
  };
}

/** Starts loading a document on the given thread (the bytes are copied: pdf.js takes ownership). */
export function openDocument(pdfjs: PdfJs, h: Host, bytes: Uint8Array): { promise: Promise<PDFDocumentProxy>; cancel: () => Promise<void> } {
  const task = pdfjs.getDocument({
    ...documentOptions(pdfjs, bytes),
    worker: h.pdfWorker,
    // Not disableFontFace: with it the parser outlines every glyph it meets and posts each outline
    // here for drawing text as paths, which costs ~15% on CJK documents. Text is only read, never
    // drawn, so font faces go to an inert document instead (in Node there is no DOM to load them).
    disableFontFace: false,
    ownerDocument: INERT_DOCUMENT,
  });
  return {
    promise: task.promise,
    cancel: () => task.destroy().catch(() => {}),
  };
}
