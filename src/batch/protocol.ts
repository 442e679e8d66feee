import type { ConvertOptions } from '../convert.js';
import type { Target, WriterSpec } from '../write/index.js';
import type { Rendered } from './render.js';

/** Messages between the batch's main thread and its conversion workers. */

/** Given to each worker once, as workerData. */
export interface WorkerSetup {
  /** The outputs each document is rendered to (Rendered.parts, in this order). */
  outputs: WriterSpec[];
  convert: ConvertOptions;
  /**
   * `ptarget parse FILE` in a text format: the whole output file, made in the worker as UTF-8
   * (JobResult's `file`, buffers transferred), so that the main thread only writes it.
   */
  file?: { output: WriterSpec; target: Target };
  /** `ptarget parse FILE`: also the summary it prints (JobResult's `summary`), in colour or not. */
  summary?: { color: boolean };
}

/** main → worker: one input; `bytes` is transferred, not copied. */
export interface Job {
  id: number;
  path: string;
  bytes: ArrayBuffer;
}

/** worker → main. `error` is describeError's one line; `stack` only for internal errors. */
export type JobResult =
  | ({ id: number; ok: true; milliseconds: number; file?: Uint8Array<ArrayBuffer>[]; summary?: string } & Rendered)
  | { id: number; ok: false; milliseconds: number; error: string; stack?: string };
