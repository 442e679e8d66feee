import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { convert } from '../convert.js';
import { describeError, InputError } from '../errors.js';
import { loadPdfJsAhead, parsePdfInThisThread } from '../extract/index.js';
import type { AwaitSetup } from './early.js';
import type { Job, JobResult, WorkerSetup } from './protocol.js';
import { render } from './render.js';
import type { Document } from '../model/document.js';
import { type Target, writeDocumentBytes, writerFor, type WriterSpec } from '../write/index.js';

/**
 * A batch conversion worker: one input at a time through the same convert() as `ptarget parse`.
 * The extractors (pdf.js among them) load once per worker, on first use.
 */
// this thread's heap and time are bounded by the pool, so pdf.js's parser needs no thread of its own
parsePdfInThisThread();
const port = parentPort;
if (!port) throw new Error('batch/worker.js runs as a worker thread only');

const given = workerData as WorkerSetup | AwaitSetup;
if ('awaitSetup' in given) {
  // started before the CLI loaded (early.ts): pdf.js loads while the CLI works out the setup
  if (given.warmPdf) loadPdfJsAhead();
  port.once('message', (setup: WorkerSetup) => serve(port, setup));
} else serve(port, given);

function serve(port: MessagePort, setup: WorkerSetup): void {
  port.on('message', (job: Job) => {
    void handle(job, setup).then((result) => port.postMessage(result, result.ok && result.file ? result.file.map((c) => c.buffer) : []));
  });
}

async function handle(job: Job, setup: WorkerSetup): Promise<JobResult> {
  // hrtime, not perf_hooks: loading that module was ~6 ms of every process's start
  const start = process.hrtime.bigint();
  const ms = (): number => Number((process.hrtime.bigint() - start + 500_000n) / 1_000_000n);
  try {
    const doc = await convert({ path: job.path, bytes: new Uint8Array(job.bytes) }, setup.convert);
    const file = setup.file ? await wholeFile(doc, setup.file.output, setup.file.target) : undefined;
    // the summary's module (and chalk) only for `ptarget parse FILE`, not in each batch worker
    const summary = setup.summary ? (await import('../cli/report.js')).summarize(doc, setup.summary.color) : undefined;
    return { id: job.id, ok: true, milliseconds: ms(), ...render(doc, setup.outputs), ...(file ? { file } : {}), ...(summary === undefined ? {} : { summary }) };
  } catch (err) {
    const internal = !(err instanceof InputError);
    return {
      id: job.id,
      ok: false,
      milliseconds: ms(),
      error: describeError(job.path, err),
      ...(internal && err instanceof Error && err.stack ? { stack: err.stack } : {}),
    };
  }
}

/** The output file of one document in a text format, as UTF-8 in buffers of their own (to be transferred). */
async function wholeFile(doc: Document, output: WriterSpec, target: Target): Promise<Uint8Array<ArrayBuffer>[]> {
  return writeDocumentBytes(writerFor(output), [doc], target);
}
