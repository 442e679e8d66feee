import { extname } from 'node:path';
import type { TableName } from './tables.js';

/**
 * Every output format as data: what chooses it and whether it is bytes. Apart from the writers
 * (write/index.ts) so that the CLI's main thread checks its arguments without loading them.
 */
interface Registration {
  /** File extensions that choose this format when none is given (`-o out.csv`). */
  impliedBy: readonly string[];
  /** Bytes for a program, not text for a terminal. */
  binary?: boolean;
}

export const FORMATS = {
  json: { impliedBy: ['.json'] },
  csv: { impliedBy: ['.csv'] },
  ndjson: { impliedBy: ['.ndjson', '.jsonl'] },
  xlsx: { impliedBy: ['.xlsx'], binary: true },
} as const satisfies Record<string, Registration>;

export type OutputFormat = keyof typeof FORMATS;

export const OUTPUT_FORMATS = Object.keys(FORMATS) as OutputFormat[];

/** A format and its options, as plain data (it crosses to batch workers). */
export interface WriterSpec {
  format: OutputFormat;
  table?: TableName;
  csvRaw?: boolean;
}

/** Is the format binary (never printed on a terminal)? */
export function isBinaryFormat(format: OutputFormat): boolean {
  return (FORMATS[format] as Registration).binary === true;
}

/** Every extension that implies a format, for messages: ".json, .csv, …". */
export const OUTPUT_EXTENSIONS: readonly string[] = OUTPUT_FORMATS.flatMap((f) => (FORMATS[f] as Registration).impliedBy);

/** The format a file name implies by its extension, or null. */
export function formatOfFile(path: string): OutputFormat | null {
  const ext = extname(path).toLowerCase();
  return OUTPUT_FORMATS.find((f) => (FORMATS[f] as Registration).impliedBy.includes(ext)) ?? null;
}
