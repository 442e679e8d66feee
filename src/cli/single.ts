import { describeError, InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { refuseSingleOutput } from '../io/guard.js';
import { readInput } from '../io/read.js';
import { extname } from 'node:path';
import type { Document } from '../model/document.js';
import { formatOfFile, isBinaryFormat, OUTPUT_EXTENSIONS, type WriterSpec } from '../write/formats.js';
import type { Target } from '../write/writer.js';
import type { WorkerPool } from '../batch/pool.js';
import type { JobResult, WorkerSetup } from '../batch/protocol.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, EXIT, type Output, type ParseOptions, stderrColor } from './options.js';
import { UsageError } from './plan.js';

/** `ptarget parse FILE`: one input, one output (a file written whole, or stdout); resolves to the exit code. */
export async function runSingle(input: string, opts: ParseOptions, out: Output): Promise<number> {
  const implied = opts.output ? formatOfFile(opts.output) : null;
  if (opts.output && !opts.format && !implied && extname(opts.output) !== '') {
    // -o result.tsv would otherwise get JSON under a name that promises something else
    throw new UsageError(
      `-o ${opts.output}: ptarget does not write ${extname(opts.output)} files; ` +
        `name the output ${OUTPUT_EXTENSIONS.join(', ')} (or choose the format with -f)`,
    );
  }
  const format = opts.format ?? implied ?? (opts.table ? 'csv' : 'json');
  if (opts.table && format !== 'csv') throw new UsageError('--table applies to CSV output only');
  if (!opts.output && out.stdoutIsTTY && isBinaryFormat(format)) {
    // a workbook's bytes would only garble the terminal
    throw new UsageError(`-f ${format} writes a binary file: name it with -o (e.g. -o out.${format}) or redirect the output`);
  }
  const refusal = opts.output ? await refuseSingleOutput(opts.output, input) : null;
  if (refusal) throw new UsageError(refusal);
  const spec: WriterSpec = { format, table: opts.table, csvRaw: opts.csvRaw };
  const target: Target = opts.output ? 'file' : 'stream';
  // the converter starts while the input is read (its start-up is most of a small file's time)
  const pool = await converter(opts, isBinaryFormat(format) ? null : { output: spec, target });
  let done: Converted;
  try {
    const bytes = await readInput(input, opts.maxSize ? { maxBytes: opts.maxSize * 1024 * 1024 } : {});
    done = await convertIn(pool, input, bytes);
  } catch (err) {
    out.stderr(`ptarget: ${err instanceof ConvertFailed ? err.line : describeError(input, err)}\n`);
    const stack = err instanceof ConvertFailed ? err.detail : err instanceof InputError ? undefined : (err as Error).stack;
    if (stack && process.env.PTARGET_DEBUG) out.stderr(`${stack}\n`);
    // a --pages selection the input cannot give is a usage error (PageSelectionError, said by the worker)
    return opts.pages && err instanceof ConvertFailed && / --pages[: ]/.test(err.line) ? EXIT.usage : EXIT.input;
  } finally {
    await pool.close();
  }
  // a text format comes made; a workbook is made here, of the document as the worker sent it (ndjson)
  const data = done.file ?? (await workbookOf(spec, JSON.parse(done.parts[0]!) as Document, target));
  if (opts.output) await writeFileAtomic(opts.output, data);
  else if (Array.isArray(data)) for (const chunk of data) out.stdout(chunk);
  else out.stdout(data);
  if (!opts.quiet && done.summary) out.stderr(done.summary);
  return EXIT.ok;
}

/** A binary format's file (the workbook), made here: its writer loads for this only. */
async function workbookOf(spec: WriterSpec, doc: Document, target: Target): Promise<string | Uint8Array> {
  const { writeDocuments, writerFor } = await import('../write/index.js');
  return writeDocuments(writerFor(spec), [doc], target);
}

type Converted = Extract<JobResult, { ok: true }>;

/**
 * A worker thread to convert in, as a batch does, so that the time limit (--timeout) and the memory
 * limit (--max-memory) hold: a runaway input ends that worker with a one-line error. The worker
 * also writes a text format's whole `file` and the summary: the main thread neither parses nor
 * serialises the document (on a 100,000-row table that took seconds and hundreds of megabytes).
 * Started at once, before there is an input to give it.
 */
async function converter(opts: ParseOptions, file: WorkerSetup['file'] | null): Promise<WorkerPool> {
  const { WorkerPool, defaultWorkerUrl } = await import('../batch/pool.js');
  const pool = new WorkerPool({
    size: 1,
    workerUrl: defaultWorkerUrl(),
    setup: {
      ...(file ? { outputs: [], file } : { outputs: [{ format: 'ndjson' }] }),
      convert: { pages: opts.pages, provenance: opts.provenance, allPages: Boolean(opts.allPages), maxPages: opts.maxPages },
      ...(opts.quiet ? {} : { summary: { color: stderrColor() } }),
    },
    timeoutMs: (opts.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
    memoryMb: opts.maxMemory ?? DEFAULT_MAX_MEMORY_MB,
    ...(process.env.PTARGET_DEBUG ? { log: (s: string) => void process.stderr.write(s) } : {}),
  });
  pool.warm();
  return pool;
}

async function convertIn(pool: WorkerPool, input: string, bytes: Uint8Array): Promise<Converted> {
  const r = await pool.run(input, bytes);
  if (!r.ok) throw new ConvertFailed(r.error, r.stack);
  return r;
}

/** A failure the worker already put in describeError's words (`detail`: the stack of an internal error). */
class ConvertFailed extends Error {
  constructor(
    readonly line: string,
    readonly detail?: string,
  ) {
    super(line);
  }
}
