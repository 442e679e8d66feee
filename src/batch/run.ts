import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ConvertOptions, sha256 } from '../convert.js';
import { type Shard, shardOf } from './shard.js';
import { describeError } from '../errors.js';
import { SCHEMA_VERSION } from '../model/build.js';
import { type Document, DocumentSchema } from '../model/document.js';
import { expandInputs, type Item } from '../io/inputs.js';
import { ItemReader } from '../io/items.js';
import type { TableName, WriterSpec } from '../write/index.js';
import { buildManifest, type Entry, loadManifest, type Manifest, reusable, type Settings } from './manifest.js';
import { BATCH_FILES, nameOutputs } from './names.js';
import { realFile, refuseBatchOutputs } from '../io/guard.js';
import { UsageError } from '../cli/plan.js';
import { resolve } from 'node:path';
import { runOrdered } from './ordered.js';
import { type BatchOutput, FolderOutput, StreamOutput } from './outputs.js';
import { BATCH_YOUNG_GENERATION_MB, defaultWorkerUrl, WorkerPool } from './pool.js';
import { type Rendered, render } from './render.js';

export interface BatchOptions {
  /** Files, folders, glob patterns and .zip archives, as typed. */
  inputs: string[];
  /** Output folder; null streams to stdout instead. */
  outDir: string | null;
  /** What goes to stdout when there is no output folder: ndjson, or the rows of one CSV table. */
  stream: 'ndjson' | TableName;
  /** CSV cells as printed, formulas and all (see write/csv.ts). */
  csvRaw?: boolean;
  jobs: number;
  /** Convert even inputs the manifest says are unchanged. */
  force: boolean;
  /** Per-input limit in milliseconds; 0 for none. */
  timeoutMs: number;
  /** Heap limit of each worker in MB. */
  memoryMb?: number;
  /** Convert only this slice of the inputs (the manifest records where each entry stands among all). */
  shard?: Shard;
  /** Passed to convert() for every input. */
  convert?: ConvertOptions;
  version: string;
  stdout: NodeJS.WritableStream;
  cwd?: string;
  workerUrl?: URL;
}

export interface Progress {
  /** Inputs finished (converted, skipped or failed). */
  done: number;
  total: number;
  failed: number;
  /** Pages converted so far (PDF pages; other inputs count none). */
  pages: number;
  /** Inputs converted so far (not skipped), for a rate when there are no pages. */
  converted: number;
  elapsedMs: number;
}

/** What the batch tells its caller (the command line) as it goes. */
export interface BatchReporter {
  /** Once the inputs are listed, then after each input, in the order they finish. */
  progress(p: Readonly<Progress>): void;
  /** A failed input's one-line error (and stack, for an internal error), in input order. */
  failed(error: string, stack?: string): void;
  /** Console output of the workers; dropped when absent. */
  log?: (chunk: string) => void;
}

export interface BatchResult {
  manifest: Manifest;
  /** Warning codes of the documents written, most frequent first (ties by code). */
  warningCodes: [code: string, count: number][];
  elapsedMs: number;
  /** Pages converted in this run. */
  pages: number;
  /** Output files that could not be written (a full disk …), and why. */
  unwritten: { files: string[]; why: string | null };
}

type Outcome =
  | { status: 'converted' | 'skipped'; sha256: string; r: Rendered; milliseconds: number }
  | { status: 'failed'; sha256: string | null; error: string; stack?: string; milliseconds: number };

/**
 * Convert many inputs with a pool of workers. Results are written in input order whatever the
 * scheduling, so the output folder (or stream) is the same for any -j. The manifest's totals say
 * whether any input failed.
 */
export async function runBatch(o: BatchOptions, report: BatchReporter): Promise<BatchResult> {
  const started = performance.now();
  const cwd = o.cwd ?? process.cwd();
  const expansion = await expandInputs(o.inputs, { cwd, exclude: o.outDir ?? undefined });
  // names over every input, so a slice names its outputs as the whole batch would
  const allNames = nameOutputs(expansion.items, cwd);
  const positions = expansion.items.map((_, i) => i).filter((i) => !o.shard || shardOf(expansion.items[i]!.path, o.shard.n) === o.shard.k);
  const items = positions.map((i) => expansion.items[i]!);
  const csvRaw = o.csvRaw ?? false;
  const names = positions.map((i) => allNames[i]!);
  const previous = o.outDir ? await loadManifest(o.outDir) : null;
  const settings: Settings = { allPages: Boolean(o.convert?.allPages) };
  if (o.outDir) await checkFolder(o.outDir, names, items, previous, o.force, cwd);
  const output: BatchOutput = o.outDir
    ? new FolderOutput(o.outDir, csvRaw)
    : new StreamOutput(streamSpec(o.stream, csvRaw), o.stdout);
  const ctx: Context = {
    outDir: o.outDir,
    names,
    outputs: output.outputs,
    reuse: o.outDir && !o.force ? reusable(previous, o.version, SCHEMA_VERSION, settings) : new Map(),
    reader: new ItemReader(),
    pool: new WorkerPool({
      size: o.jobs,
      workerUrl: o.workerUrl ?? defaultWorkerUrl(),
      setup: { outputs: [...output.outputs], convert: o.convert ?? {} },
      timeoutMs: o.timeoutMs,
      ...(o.memoryMb ? { memoryMb: o.memoryMb } : {}),
      youngGenerationMb: BATCH_YOUNG_GENERATION_MB,
      log: report.log,
    }),
  };
  const progress: Progress = { done: 0, total: items.length, failed: 0, pages: 0, converted: 0, elapsedMs: 0 };
  const entries: Entry[] = [];
  const codes = new Map<string, number>();

  const onDone = (x: Outcome): void => {
    progress.done++;
    if (x.status === 'failed') progress.failed++;
    if (x.status === 'converted') {
      progress.converted++;
      progress.pages += x.r.pages ?? 0;
    }
    progress.elapsedMs = performance.now() - started;
    report.progress(progress);
  };

  /** In input order: hand the document to the output, or report the failure; record the entry. */
  const emit = async (x: Outcome, i: number): Promise<void> => {
    const name = ctx.names[i] ?? null;
    if (x.status === 'failed') {
      await output.failed(name);
      report.failed(x.error, x.stack);
    } else {
      await output.add(x.r.parts, name, x.status === 'converted');
      for (const [code, n] of Object.entries(x.r.codes)) codes.set(code, (codes.get(code) ?? 0) + n);
    }
    entries.push(entry(items[i]!.path, x.status === 'failed' ? null : name, x));
  };

  report.progress(progress); // the total is known: 0 of it done
  await output.start();
  try {
    const concurrency = o.jobs * 2; // one input read and waiting per worker
    // the largest inputs first (within the window), so the batch does not end on one long input;
    // one worker has no other to balance, and in input order each result is written as it comes
    const sizes = o.jobs > 1 ? await inputSizes(items, cwd) : null;
    const weight = sizes ? (_item: Item, i: number): number => sizes[i]! : undefined;
    await runOrdered(items, { concurrency, window: Math.max(16, o.jobs * 8), ...(weight ? { weight } : {}) }, (item, i) => work(ctx, item, i), emit, onDone);
  } finally {
    await ctx.pool.close();
  }

  const notes = [...expansion.notes, ...ignoredNote(expansion.ignored)];
  const manifest = buildManifest(o.version, SCHEMA_VERSION, settings, entries, notes);
  if (o.shard) manifest.shard = { ...o.shard, inputs: expansion.items.length, positions };
  await output.finish(manifest);
  const warningCodes = [...codes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { manifest, warningCodes, elapsedMs: performance.now() - started, pages: progress.pages, unwritten: output.unwritten };
}

/**
 * Refuse (as a usage error) to write over an input, or over a file in the folder that ptarget did
 * not write: those it wrote are listed in the folder's manifest.
 */
async function checkFolder(outDir: string, names: readonly (string | null)[], items: readonly Item[], previous: Manifest | null, force: boolean, cwd: string): Promise<void> {
  const files = [...names.filter((n): n is string => n !== null), ...BATCH_FILES];
  const owned = new Set<string>(previous ? [...BATCH_FILES, ...previous.inputs.flatMap((e) => (e.output ? [e.output] : []))] : []);
  const inputs = new Set<string>();
  for (const item of items) {
    const file = item.kind === 'file' ? item.file : item.kind === 'member' ? item.archive : null;
    const real = file ? await realFile(resolve(cwd, file)) : null;
    if (real) inputs.add(real);
  }
  const refusal = await refuseBatchOutputs(outDir, files, inputs, owned, force);
  if (refusal) throw new UsageError(refusal);
}

function streamSpec(stream: 'ndjson' | TableName, csvRaw: boolean): WriterSpec {
  return stream === 'ndjson' ? { format: 'ndjson' } : { format: 'csv', table: stream, csvRaw };
}

/** Bytes of each input on disk; 0 where unknown (an archive member, a refused input). */
async function inputSizes(items: readonly Item[], cwd: string): Promise<number[]> {
  return Promise.all(items.map(async (item) => (item.kind === 'file' ? ((await stat(resolve(cwd, item.file)).catch(() => null))?.size ?? 0) : 0)));
}

/** What converting one item needs. */
interface Context {
  outDir: string | null;
  /** Per-input output names (null for refused items). */
  names: (string | null)[];
  outputs: readonly WriterSpec[];
  /** Entries of the last run's manifest that may stand in for a conversion. */
  reuse: Map<string, Entry>;
  reader: ItemReader;
  pool: WorkerPool;
}

/** Read, hash, skip if unchanged, else convert in a worker. Never throws: failures are outcomes. */
async function work(ctx: Context, item: Item, i: number): Promise<Outcome> {
  const t0 = performance.now();
  const failed = (error: string, hash: string | null = null): Outcome => ({
    status: 'failed', sha256: hash, error, milliseconds: Math.round(performance.now() - t0),
  });
  if (item.kind === 'refused') return failed(item.error);
  let bytes: Uint8Array;
  try {
    bytes = await ctx.reader.read(item);
  } catch (err) {
    return failed(describeError(item.path, err));
  }
  const hash = sha256(bytes);
  const prior = ctx.reuse.get(item.path);
  const name = ctx.names[i]!;
  if (ctx.outDir && prior && prior.sha256 === hash && prior.output === name) {
    const doc = await readPrevious(join(ctx.outDir, ...name.split('/')), item.path, hash);
    if (doc) return { status: 'skipped', sha256: hash, r: render(doc, ctx.outputs), milliseconds: prior.milliseconds };
  }
  const res = await ctx.pool.run(item.path, bytes);
  if (!res.ok) return { ...failed(res.error, hash), ...(res.stack ? { stack: res.stack } : {}), milliseconds: res.milliseconds };
  const { id: _id, ok: _ok, milliseconds, ...r } = res;
  return { status: 'converted', sha256: hash, r, milliseconds };
}

function entry(path: string, output: string | null, x: Outcome): Entry {
  const ok = x.status !== 'failed';
  return {
    path,
    output,
    sha256: x.sha256,
    status: x.status,
    format: ok ? x.r.format : null,
    pages: ok ? x.r.pages : null,
    forms: ok ? x.r.forms : null,
    indicators: ok ? x.r.indicators : null,
    warnings: ok ? x.r.warnings : null,
    error: ok ? null : x.error,
    milliseconds: x.milliseconds,
  };
}

/** The document an earlier run wrote for this input, if it is still there, whole and for these bytes. */
async function readPrevious(file: string, path: string, hash: string): Promise<Document | null> {
  try {
    const parsed = DocumentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success || parsed.data.source.sha256 !== hash || parsed.data.source.path !== path) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** "left out 3 files of other types (.xls 2, .jpg 1)" */
function ignoredNote(ignored: Map<string, number>): string[] {
  if (ignored.size === 0) return [];
  const n = [...ignored.values()].reduce((a, b) => a + b, 0);
  const kinds = [...ignored.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([ext, k]) => `${ext || 'no extension'} ${k}`)
    .join(', ');
  return [`left out ${n} file${n === 1 ? '' : 's'} of other types in folders and archives (${kinds})`];
}

