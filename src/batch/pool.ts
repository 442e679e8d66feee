import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { describeError, InputError } from '../errors.js';
import { newConversionWorker, workerLimits } from './early.js';
import type { Job, JobResult, WorkerSetup } from './protocol.js';

export interface PoolOptions {
  /** Most workers at once; they start when there is work, so an all-skipped batch starts none. */
  size: number;
  workerUrl: URL;
  setup: WorkerSetup;
  /** Give up on one input after this many milliseconds (0: wait for ever). */
  timeoutMs: number;
  /** Heap limit of each worker in MB: a runaway input fails alone instead of taking the process down. */
  memoryMb?: number;
  /** Each worker's young generation in MB (default early.ts's YOUNG_GENERATION_MB; a batch takes BATCH_YOUNG_GENERATION_MB). */
  youngGenerationMb?: number;
  /** Where workers' console output goes; by default it is dropped (it would corrupt ndjson on stdout). */
  log?: (chunk: string) => void;
}

interface Task {
  id: number;
  path: string;
  bytes: Uint8Array;
  resolve: (r: JobResult) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  started: number;
  gone: boolean;
}


/** Where the entry and the limits of a conversion worker are said (early.ts, which bin/ptarget.js loads alone). */
export { BATCH_YOUNG_GENERATION_MB, defaultWorkerUrl } from './early.js';

/**
 * A pool of conversion workers. run() never rejects: a worker that crashes, exits or exceeds the
 * timeout is terminated and replaced, and only its input is reported failed.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  /** Convert one input; the bytes are handed to the worker (the caller must not use them after). */
  run(path: string, bytes: Uint8Array): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, path, bytes, resolve });
      this.pump();
    });
  }

  /** Starts a worker ahead of the first input, so that its start-up overlaps the caller's reading of it. */
  warm(): void {
    if (!this.closed && this.slots.length < this.opts.size) this.spawn();
  }

  /** Workers started so far that are still alive. */
  get size(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) {
      s.gone = true;
      if (s.timer) clearTimeout(s.timer);
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.task) ?? (this.slots.length < this.opts.size ? this.spawn() : null);
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const mb = this.opts.memoryMb;
    const worker = newConversionWorker(this.opts.workerUrl, workerLimits(mb, this.opts.youngGenerationMb), this.opts.setup);
    const slot: Slot = { worker, task: null, timer: null, started: 0, gone: false };
    const log = this.opts.log ?? ((): void => {});
    worker.stdout.on('data', (c: Buffer) => log(c.toString()));
    worker.stderr.on('data', (c: Buffer) => log(c.toString()));
    worker.on('message', (r: JobResult) => {
      if (slot.gone || !slot.task || r.id !== slot.task.id) return;
      this.settle(slot, r);
      this.pump();
    });
    worker.on('error', (err: NodeJS.ErrnoException) =>
      this.lose(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of memory (limit ${mb} MB; raise it with --max-memory)` : `the converter crashed: ${err.message}`),
    );
    worker.on('exit', (code: number) => this.lose(slot, `the converter stopped unexpectedly (exit code ${code})`));
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.started = performance.now();
    const bytes = transferable(task.bytes);
    task.bytes = new Uint8Array(0); // the worker owns them now
    const job: Job = { id: task.id, path: task.path, bytes };
    slot.worker.postMessage(job, [bytes]);
    if (this.opts.timeoutMs > 0) {
      const seconds = Math.round(this.opts.timeoutMs / 100) / 10;
      slot.timer = setTimeout(() => this.lose(slot, `gave up after ${seconds} s (raise the limit with --timeout)`, true), this.opts.timeoutMs);
    }
  }

  private settle(slot: Slot, result: JobResult): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    task?.resolve(result);
  }

  /** The worker is gone, or must go: fail its input, drop it; pump() starts a replacement if work waits. */
  private lose(slot: Slot, why: string, terminate = false): void {
    if (slot.gone) return;
    slot.gone = true;
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    const task = slot.task;
    if (task) {
      const milliseconds = Math.round(performance.now() - slot.started);
      this.settle(slot, { id: task.id, ok: false, milliseconds, error: describeError(task.path, new InputError(why)) });
    } else if (slot.timer) clearTimeout(slot.timer);
    if (terminate) void slot.worker.terminate();
    this.pump();
  }
}

/** An ArrayBuffer holding exactly these bytes that may be transferred (copied when a view shares its buffer, e.g. Buffer's pool). */
function transferable(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
