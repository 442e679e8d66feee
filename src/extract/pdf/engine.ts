import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, resourceLimits as ownLimits, Worker, type MessagePort } from 'node:worker_threads';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';
import { patchSource } from './worker-patch.js';

/**
 * pdf.js, loaded once per process, with its parsing ("worker") side in a worker thread of ours.
 * The thread is what makes a page time-out real: pdf.js parses in one long chain of microtasks, so
 * a timer on the same thread could not fire until the page was done. A page that takes too long
 * is abandoned by terminating the thread and reopening the document in a fresh one. The thread's
 * console is silenced, so pdf.js never prints.
 */

export type PdfJs = typeof import('pdfjs-dist');

const require = createRequire(import.meta.url);
/** The installed pdfjs-dist folder, ending in a separator (pdf.js wants folder paths that way). */
export const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json')) + '/';

/**
 * The legacy build installs core-js polyfills at import; on Node 20's V8 a few of them replace
 * working built-ins with slow JavaScript (Array.prototype.push above all, which every array in
 * the process then uses). Put the engine's own functions back once pdf.js has loaded (here in the
 * worker thread; loadPdfJs does the same in this one).
 */
const RESTORE = `const keep = [Array.prototype.push, JSON.parse, JSON.stringify];
const restore = () => { Array.prototype.push = keep[0]; JSON.parse = keep[1]; JSON.stringify = keep[2]; };`;

let pdfjsPromise: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    // pdf.js loads @napi-rs/canvas (for its DOMMatrix), which would scan every system font at
    // import (0.1–0.4 s); text extraction never draws, so it needs none of them
    process.env.DISABLE_SYSTEM_FONTS_LOAD ??= '1';
    const keep = [Array.prototype.push, JSON.parse, JSON.stringify] as const;
    const nativeToBase64 = 'toBase64' in Uint8Array.prototype;
    // pdf.js only tests Response for a polyfill at import; Node's lazy global would load all of
    // undici for that (~50 ms), so it sees a stand-in and the real global is put back after
    const response = Object.getOwnPropertyDescriptor(globalThis, 'Response');
    Object.defineProperty(globalThis, 'Response', { value: class Response {}, writable: true, configurable: true });
    try {
      return (await import(pathToFileURL(join(PDFJS_DIR, 'legacy/build/pdf.mjs')).href)) as PdfJs;
    } finally {
      if (response) Object.defineProperty(globalThis, 'Response', response);
      else delete (globalThis as { Response?: unknown }).Response;
      Array.prototype.push = keep[0];
      JSON.parse = keep[1];
      JSON.stringify = keep[2];
      // pdf.js base64-encodes every font it loads; core-js's polyfill does it a character at a time
      if (!nativeToBase64) Object.defineProperty(Uint8Array.prototype, 'toBase64', { value: toBase64, writable: true, configurable: true });
    }
  })();
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
// Without DecompressionStream pdf.js inflates with its own synchronous code, about 10% faster
// overall than Node's streams wrapper around zlib for the many small streams of a page.
delete globalThis.DecompressionStream;
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
 * started with --max-memory), else 2048 MB. The two heaps are apart, so a process converting a
 * PDF can use up to about twice --max-memory, plus what is outside V8's heaps (pdf.js's buffers).
 */
export const PARSER_HEAP_MB = ownLimits.maxOldGenerationSizeMb && ownLimits.maxOldGenerationSizeMb > 0 ? ownLimits.maxOldGenerationSizeMb : 2048;

interface Thread {
  thread: Worker;
  port: MessagePort;
}

let workerUrl: string | undefined;
/** pdf.js's parser with the patches of worker-patch.ts, as a module URL (the file itself where they do not apply). */
function parserUrl(): string {
  if (workerUrl) return workerUrl;
  const file = join(PDFJS_DIR, 'legacy/build/pdf.worker.mjs');
  const patched = process.env.PTARGET_PDFJS_UNPATCHED ? null : patchSource(readFileSync(file, 'utf8'));
  workerUrl = patched === null ? pathToFileURL(file).href : `data:text/javascript;base64,${Buffer.from(patched).toString('base64')}`;
  return workerUrl;
}

/** Starts the thread; it loads pdf.js's parser while this thread loads the rest. */
function startThread(): Thread {
  const { port1, port2 } = new MessageChannel();
  const thread = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { port: port2, url: parserUrl() },
    transferList: [port2],
    // a pathological file runs the thread out of memory, not the process
    resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB },
  });
  thread.unref();
  port1.unref();
  return { thread, port: port1 };
}

/** One worker thread running pdf.js's parser, shared by all documents until it is killed. */
export class Host {
  readonly pdfWorker: PDFWorker;
  dead = false;
  /** The thread died for want of memory (its heap limit, PARSER_HEAP_MB). */
  outOfMemory = false;
  private readonly thread: Worker;
  private readonly port: MessagePort;
  private users = 0;
  private readonly mourners = new Set<() => void>();

  constructor(pdfjs: PdfJs, started: Thread) {
    this.thread = started.thread;
    this.port = started.port;
    this.thread.on('error', (err: NodeJS.ErrnoException) => {
      this.outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.kill();
    });
    this.thread.on('exit', () => this.kill());
    const Ctor = pdfjs.PDFWorker as unknown as new (o: { port: unknown; verbosity: number }) => PDFWorker;
    this.pdfWorker = new Ctor({ port: this.port, verbosity: pdfjs.VerbosityLevel.ERRORS });
    this.idle();
  }

  /** A document starts using the thread: keep the process alive for it. */
  acquire(): void {
    this.users++;
    this.thread.ref();
    this.port.ref();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.idle();
  }

  /** pdf.js adds port listeners as documents open and close, and a listener refs the port again. */
  settle(): void {
    if (this.users === 0 && !this.dead) this.idle();
  }

  /** An idle thread must not keep the process alive (pdf.js re-refs the port with every listener). */
  private idle(): void {
    this.thread.unref();
    this.port.unref();
  }

  /** Calls `fn` once if the thread dies; returns a function that stops listening. */
  onDeath(fn: () => void): () => void {
    if (this.dead) {
      fn();
      return () => {};
    }
    this.mourners.add(fn);
    return () => this.mourners.delete(fn);
  }

  kill(): void {
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

let host: Host | undefined;
let starting: Promise<Host> | undefined;
/** The live worker thread, started on first use and after a kill. */
export function currentHost(): Promise<Host> {
  if (host && !host.dead) return Promise.resolve(host);
  starting ??= (async () => {
    try {
      const thread = startThread();
      host = new Host(await loadPdfJs(), thread);
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

/** Starts loading a document on the given thread (the bytes are copied: pdf.js takes ownership). */
export function openDocument(pdfjs: PdfJs, h: Host, bytes: Uint8Array): { promise: Promise<PDFDocumentProxy>; cancel: () => Promise<void> } {
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    worker: h.pdfWorker,
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
    wasmUrl: join(PDFJS_DIR, 'wasm') + '/',
    isEvalSupported: false,
    // Not disableFontFace: with it the parser outlines every glyph it meets and posts each outline
    // here for drawing text as paths, which costs ~15% on CJK documents. Text is only read, never
    // drawn, so font faces go to an inert document instead (in Node there is no DOM to load them).
    disableFontFace: false,
    ownerDocument: INERT_DOCUMENT,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // never ask the user for anything; a password-protected file fails with PasswordException
    password: '',
  });
  return {
    promise: task.promise,
    cancel: () => task.destroy().catch(() => {}),
  };
}
