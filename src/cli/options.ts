import type { Shard } from '../batch/shard.js';
import type { OutputFormat, TableName } from '../write/index.js';

/** Exit codes: 0 done (warnings allowed), 1 an input could not be read or parsed, 2 usage. */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const;

/** Where the command line prints: the process's streams, or a test's. */
export interface Output {
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
  /** stdout is a terminal (binary output is refused there). */
  stdoutIsTTY?: boolean;
}

/** The options of `ptarget parse`, as commander hands them over. */
export interface ParseOptions {
  output?: string;
  format?: OutputFormat;
  table?: TableName;
  csvRaw?: boolean;
  quiet?: boolean;
  jobs?: number;
  force?: boolean;
  timeout?: number;
  /** Largest input, in MB. */
  maxSize?: number;
  /** Heap limit of the conversion, in MB. */
  maxMemory?: number;
  /** PDF pages to read (`--pages`). */
  pages?: number[];
  /** Give indicators and forms the bbox of their cells (`--provenance`). */
  provenance?: boolean;
  /** Read every PDF page for tables, not only those whose text may hold a form (`--all-pages`). */
  allPages?: boolean;
  /** Refuse PDFs of more pages than this (`--max-pages`). */
  maxPages?: number;
  shard?: Shard;
}

/** The options of `ptarget inspect` and `ptarget tables`. */
export interface InspectFlags {
  output?: string;
  pages?: number[];
  allPages?: boolean;
  format?: 'html' | 'json';
  quiet?: boolean;
}

/** Heap for converting one document: several times what a 1,000-page PDF needs. */
export const DEFAULT_MAX_MEMORY_MB = 768;

/** Per-input limit in a batch: generous, since a long scanned PDF can take minutes. */
export const DEFAULT_TIMEOUT_S = 300;

/** Colour on stderr: a terminal, and NO_COLOR not set. */
export function stderrColor(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
}
