import { statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { OutputFormat, TableName } from '../write/index.js';
import { isZipName, looksLikeGlob } from '../io/inputs.js';

/** A combination of arguments that cannot work; the CLI prints the message and exits 2. */
export class UsageError extends Error {}

export interface ParseFlags {
  output?: string;
  format?: OutputFormat;
  table?: TableName;
}

export type Plan =
  | { mode: 'single' }
  | { mode: 'batch'; outDir: string | null; stream: 'ndjson' | TableName };

type Kind = 'file' | 'dir' | null;
const kindOf = (p: string): Kind => {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
};

/**
 * Single file or batch? Batch when there is more than one input, or an input is a folder, a glob
 * pattern (that is not an existing file) or a .zip, or -o names an existing folder or ends in "/",
 * or --format ndjson. A single plain file keeps the one-document behaviour exactly.
 */
export function planParse(inputs: readonly string[], flags: ParseFlags, kind: (p: string) => Kind = kindOf): Plan {
  const out = flags.output;
  const outIsDir = out !== undefined && (out.endsWith('/') || out.endsWith(sep) || kind(out) === 'dir');
  const reason = batchReason(inputs, kind) ?? (outIsDir ? `-o ${out} is a folder` : null) ??
    (flags.format === 'ndjson' ? '--format ndjson' : null);
  if (reason === null) return { mode: 'single' };

  if (inputs.includes('-')) {
    throw new UsageError(`- (standard input) is one document; it cannot be combined with ${reason}`);
  }
  if (flags.table && flags.format && flags.format !== 'csv') throw new UsageError('--table applies to CSV output only');
  if (out !== undefined) {
    if (flags.format === 'ndjson') throw new UsageError('--format ndjson streams to standard output; leave out -o');
    if (outIsDir && inputs.some((i) => kind(i) === 'dir' && resolve(i) === resolve(out))) {
      throw new UsageError(`-o ${out} is the input folder itself: write the batch elsewhere (e.g. -o ${join(out, 'ptarget-out')}/)`);
    }
    if (!outIsDir && (kind(out) === 'file' || /\.(json|csv|ndjson|jsonl|xlsx)$/i.test(out))) {
      throw new UsageError(
        `${reason}, so -o must name a folder (e.g. -o out/) to hold one JSON per input beside ` +
          `indicators.csv, forms.csv, warnings.csv, workbook.xlsx and manifest.json; or leave out -o and stream with --format ndjson`,
      );
    }
    if (flags.format === 'csv' || flags.table) {
      throw new UsageError(
        '-o FOLDER writes a JSON per input, every CSV table (indicators.csv, forms.csv, warnings.csv) and workbook.xlsx; ' +
          '-f csv and --table choose what is streamed to standard output when there is no -o',
      );
    }
    return { mode: 'batch', outDir: out, stream: 'ndjson' };
  }
  if (flags.format === 'xlsx') {
    throw new UsageError(`${reason}: a batch writes its workbook into the output folder; give -o FOLDER/ (it holds workbook.xlsx)`);
  }
  if (flags.format === 'json') {
    throw new UsageError(`${reason}: JSON output needs -o FOLDER/ (one file per input); to stream, use --format ndjson`);
  }
  const stream = flags.format === 'csv' || flags.table ? (flags.table ?? 'indicators') : 'ndjson';
  return { mode: 'batch', outDir: null, stream };
}

/** Why the inputs alone make a batch, or null for a single plain file. */
function batchReason(inputs: readonly string[], kind: (p: string) => Kind): string | null {
  if (inputs.length > 1) return 'there are several inputs';
  const [input] = inputs;
  if (input === undefined || input === '-') return null;
  const k = kind(input);
  if (k === 'dir') return `${input} is a directory`;
  if (isZipName(input)) return `${input} is a zip archive`;
  if (k === null && looksLikeGlob(input)) return `${input} is a glob pattern`;
  return null;
}
