import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sha256 } from '../convert.js';
import { describeError } from '../errors.js';
import { SCHEMA_VERSION } from '../model/build.js';
import { type Document, DocumentSchema } from '../model/document.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { CsvTable } from '../write/csv.js';
import { expandInputs, type Item } from '../io/inputs.js';
import { buildManifest, type Entry, loadManifest, MANIFEST, manifestJson, reusable } from './manifest.js';
import { nameOutputs } from './names.js';
import { runOrdered } from './ordered.js';
import { defaultWorkerUrl, WorkerPool } from './pool.js';
import { type Progress, ProgressLine } from './progress.js';
import { csvHeader, type Rendered, render, type Wants } from './render.js';
import { ItemReader } from '../io/items.js';
import { renderSummary } from './summary.js';

export interface BatchOptions {
  /** Files, folders, glob patterns and .zip archives, as typed. */
  inputs: string[];
  /** Output folder; null streams to stdout instead. */
  outDir: string | null;
  /** What goes to stdout when there is no output folder: ndjson, or the rows of one CSV table. */
  stream: 'ndjson' | CsvTable;
  jobs: number;
  /** Convert even inputs the manifest says are unchanged. */
  force: boolean;
  /** Per-input limit in milliseconds; 0 for none. */
  timeoutMs: number;
  quiet: boolean;
  /** Draw the progress line (a TTY, not --quiet). */
  progress: boolean;
  color: boolean;
  version: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  cwd?: string;
  workerUrl?: URL;
  /** Print stack traces of internal errors (PTARGET_DEBUG). */
  debug?: boolean;
}

const TABLES: CsvTable[] = ['indicators', 'forms'];
const CSV_FILES: Record<CsvTable, string> = { indicators: 'indicators.csv', forms: 'forms.csv' };

type Outcome =
  | { status: 'converted' | 'skipped'; sha256: string; r: Rendered; milliseconds: number }
  | { status: 'failed'; sha256: string | null; error: string; stack?: string; milliseconds: number };

/**
 * Convert many inputs with a pool of workers. Results are written in input order whatever the
 * scheduling, so the output folder (or stream) is the same for any -j. Resolves to the exit code:
 * 1 when any input failed, else 0.
 */
export async function runBatch(o: BatchOptions): Promise<number> {
  const started = performance.now();
  const cwd = o.cwd ?? process.cwd();
  const expansion = await expandInputs(o.inputs, { cwd, exclude: o.outDir ?? undefined });
  const items = expansion.items;
  const names = nameOutputs(items, cwd);
  const outDir = o.outDir;
  const reuse = outDir && !o.force ? reusable(await loadManifest(outDir), o.version, SCHEMA_VERSION) : new Map<string, Entry>();

  const wants: Wants = outDir
    ? { json: true, line: false, tables: TABLES }
    : { json: false, line: o.stream === 'ndjson', tables: o.stream === 'ndjson' ? [] : [o.stream] };
  const pool = new WorkerPool({
    size: o.jobs,
    workerUrl: o.workerUrl ?? defaultWorkerUrl(),
    setup: { wants, convert: {} },
    timeoutMs: o.timeoutMs,
    log: o.debug ? (s) => o.stderr.write(s) : undefined,
  });
  const reader = new ItemReader();
  const bar = o.progress ? new ProgressLine(o.stderr, o.color) : null;
  const progress: Progress = { done: 0, total: items.length, failed: 0, pages: 0, converted: 0, elapsedMs: 0 };
  const entries: Entry[] = [];
  const csv: Record<CsvTable, Buffer[]> = { indicators: [], forms: [] };
  const out = (s: string): Promise<void> => write(o.stdout, s);

  /** Read, hash, skip if unchanged, else convert in a worker. Never throws: failures are outcomes. */
  const work = async (item: Item, i: number): Promise<Outcome> => {
    const t0 = performance.now();
    const failed = (error: string, hash: string | null = null): Outcome => ({
      status: 'failed', sha256: hash, error, milliseconds: Math.round(performance.now() - t0),
    });
    if (item.kind === 'refused') return failed(item.error);
    let bytes: Uint8Array;
    try {
      bytes = await reader.read(item);
    } catch (err) {
      return failed(describeError(item.path, err));
    }
    const hash = sha256(bytes);
    const prior = reuse.get(item.path);
    if (outDir && prior && prior.sha256 === hash && prior.output === names[i]) {
      const doc = await readPrevious(join(outDir, ...names[i]!.split('/')), item.path, hash);
      if (doc) {
        const r = render(doc, { json: false, line: false, tables: TABLES });
        return { status: 'skipped', sha256: hash, r, milliseconds: prior.milliseconds };
      }
    }
    const res = await pool.run(item.path, bytes);
    if (!res.ok) return { ...failed(res.error, hash), ...(res.stack ? { stack: res.stack } : {}), milliseconds: res.milliseconds };
    const { id: _id, ok: _ok, milliseconds, ...r } = res;
    return { status: 'converted', sha256: hash, r, milliseconds };
  };

  const onDone = (x: Outcome): void => {
    progress.done++;
    if (x.status === 'failed') progress.failed++;
    if (x.status === 'converted') {
      progress.converted++;
      progress.pages += x.r.pages ?? 0;
    }
    progress.elapsedMs = performance.now() - started;
    bar?.update(progress);
  };

  /** In input order: write the per-input JSON, queue CSV rows, stream to stdout, record the entry. */
  const emit = async (x: Outcome, i: number): Promise<void> => {
    const item = items[i]!;
    const name = names[i] ?? null;
    if (x.status === 'failed') {
      // A stale JSON from an earlier run must not outlive the input's failure.
      if (outDir && name) await rm(join(outDir, ...name.split('/')), { force: true });
      // With --quiet there is no summary, so each failure gets its line as it comes.
      if (o.quiet) o.stderr.write(`ptarget: ${x.error}\n`);
      if (o.debug && x.stack) o.stderr.write(`${x.stack}\n`);
    } else {
      if (outDir && x.status === 'converted') await writeFileAtomic(join(outDir, ...name!.split('/')), x.r.json!);
      if (outDir) for (const t of TABLES) csv[t].push(Buffer.from(x.r.csv[t]!, 'utf8'));
      else if (x.r.line !== undefined) await out(x.r.line);
      else await out(x.r.csv[o.stream as CsvTable]!);
    }
    entries.push(entry(item.path, x.status === 'failed' ? null : name, x));
  };

  // Ctrl-C: leave the terminal tidy. Files written so far are whole (temporary file + rename); the
  // previous manifest.json stays as it was, so the next run redoes this run's inputs.
  const interrupt = (): void => {
    bar?.clear();
    o.stderr.write(`\nptarget: interrupted after ${progress.done} of ${items.length} inputs` + (outDir ? '; manifest.json not updated\n' : '\n'));
    process.exit(130);
  };
  process.once('SIGINT', interrupt);

  if (!outDir && o.stream !== 'ndjson') await out(csvHeader(o.stream));
  try {
    const concurrency = o.jobs * 2; // one input read and waiting per worker
    await runOrdered(items, { concurrency, window: Math.max(16, o.jobs * 8) }, work, emit, onDone);
  } finally {
    process.removeListener('SIGINT', interrupt);
    bar?.clear();
    await pool.close();
  }

  const notes = [...expansion.notes, ...ignoredNote(expansion.ignored)];
  const manifest = buildManifest(o.version, SCHEMA_VERSION, entries, notes);
  if (outDir) {
    for (const t of TABLES) {
      await writeFileAtomic(join(outDir, CSV_FILES[t]), Buffer.concat([Buffer.from('\uFEFF' + csvHeader(t), 'utf8'), ...csv[t]]));
    }
    await writeFileAtomic(join(outDir, MANIFEST), manifestJson(manifest));
  }
  if (!o.quiet) {
    const elapsedMs = performance.now() - started;
    o.stderr.write(renderSummary({ manifest, elapsedMs, pages: progress.pages, outDir, color: o.color }));
  }
  return manifest.totals.failed > 0 ? 1 : 0;
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

async function write(stream: NodeJS.WritableStream, s: string): Promise<void> {
  if (!stream.write(s)) await once(stream, 'drain');
}
