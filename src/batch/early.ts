import { type ResourceLimits, Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Each worker's young generation (the nursery of short-lived objects), in MB. V8's default lets it
 * grow to 48 MB (two 16 MB semi-spaces and a large-object space); a conversion allocates mostly
 * short-lived glyphs and lines, and with 12 MB a real budget peaks 35-40 MB lower for about the
 * same CPU time in a one-file run (docs/performance.md; a batch's workers take more, pool.ts).
 */
const YOUNG_GENERATION_MB = 12;

/**
 * A batch's workers live through many documents, and there V8's full 48 MB young generation pays:
 * the nine real budgets as a `-j 1` batch spend ~1 s less in the collector (of ~5 s in the worker;
 * fewer pdf.js font tables and page glyphs outlive a scavenge and are copied), for ~20 MB more
 * peak RSS per worker.
 */
export const BATCH_YOUNG_GENERATION_MB = 48;

/** The compiled worker's entry (worker-start.ts). Under vitest this module runs from src/*.ts, so point at dist/ (npm test builds first). */
export function defaultWorkerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/batch/worker-start.js', import.meta.url)
    : new URL('./worker-start.js', import.meta.url);
}

/** The heap limits of a conversion worker whose old generation may take `memoryMb` (none: V8's default). */
export function workerLimits(memoryMb: number | undefined, youngGenerationMb = YOUNG_GENERATION_MB): ResourceLimits {
  return { maxYoungGenerationSizeMb: youngGenerationMb, ...(memoryMb ? { maxOldGenerationSizeMb: memoryMb } : {}) };
}

/** A worker's console is piped to its owner, which drops it or logs it (pool.ts). */
const workerOptions = (workerData: unknown, resourceLimits: ResourceLimits): WorkerOptions => ({ workerData, stdout: true, stderr: true, resourceLimits });

/** The workerData of a worker started early: it waits for its WorkerSetup as its first message (batch/worker.ts). */
export interface AwaitSetup {
  awaitSetup: true;
  /** Load pdf.js while waiting (the input is a PDF). */
  warmPdf: boolean;
}

/**
 * A conversion worker started by bin/ptarget.js for `ptarget parse` before the CLI's bundle loads,
 * so that its start (its own bundle, pdf.js) runs on the other core meanwhile instead of after.
 * It is unref'd until a pool takes it, so one never taken (--help, a usage error) keeps nothing alive;
 * its limits are a one-file run's or a batch's (looksLikeBatch), and a pool that needs others
 * (--max-memory, a wrong guess) ends it and starts its own.
 * Kept on a global: the CLI's bundle holds a copy of this module of its own.
 */
interface Early {
  worker: Worker;
  url: string;
  limits: string;
  gone: boolean;
}

const KEY = Symbol.for('ptarget.earlyWorker');
const store = globalThis as { [KEY]?: Early };

/**
 * Whether `ptarget parse ARGS` looks like a batch, guessed before the CLI loads (cli/plan.ts
 * decides): an argument that is a folder, ends in a slash, is a .zip or has a wildcard, or two
 * that are files. A wrong guess only costs the early worker's start.
 */
export function looksLikeBatch(args: readonly string[], kind: (path: string) => 'file' | 'dir' | null): boolean {
  let files = 0;
  for (const [i, arg] of args.entries()) {
    if (arg.startsWith('-') && arg !== '-') continue;
    const output = args[i - 1] === '-o' || args[i - 1] === '--output';
    if (/[/\\]$/.test(arg) || kind(arg) === 'dir') return true;
    if (output) continue;
    if (/\.zip$/i.test(arg) || (/[*?]/.test(arg) && kind(arg) === null)) return true;
    if (kind(arg) === 'file' && ++files > 1) return true;
  }
  return false;
}

export function startEarlyWorker(url: URL, resourceLimits: ResourceLimits, warmPdf: boolean): Worker {
  const setup: AwaitSetup = { awaitSetup: true, warmPdf };
  const worker = new Worker(url, workerOptions(setup, resourceLimits));
  worker.unref();
  const early: Early = { worker, url: url.href, limits: JSON.stringify(resourceLimits), gone: false };
  // a failure before a pool takes it is that pool's to see: it then starts a worker of its own
  worker.on('error', () => (early.gone = true));
  worker.on('exit', () => (early.gone = true));
  store[KEY] = early;
  return worker;
}

/**
 * A new conversion worker of `url` with these limits, set up with `setup`: the early one when it
 * matches and is alive (it is then ref'd like any other), else a fresh one.
 */
export function newConversionWorker(url: URL, resourceLimits: ResourceLimits, setup: unknown): Worker {
  const early = store[KEY];
  delete store[KEY];
  if (early && !early.gone && early.url === url.href && early.limits === JSON.stringify(resourceLimits)) {
    early.worker.ref();
    early.worker.postMessage(setup);
    return early.worker;
  }
  if (early && !early.gone) void early.worker.terminate();
  return new Worker(url, workerOptions(setup, resourceLimits));
}
