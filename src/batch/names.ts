import { isAbsolute, parse, relative, resolve, sep } from 'node:path';
import type { Item } from '../io/inputs.js';
import type { TableName } from '../write/index.js';

export const MANIFEST = 'manifest.json';

/** The combined table of every input, in the output folder. */
export const TABLE_FILES: Readonly<Record<TableName, string>> = {
  indicators: 'indicators.csv',
  forms: 'forms.csv',
  warnings: 'warnings.csv',
};

/** The tables and the list of inputs as one Excel workbook. */
export const WORKBOOK = 'workbook.xlsx';

/** Files a batch writes into its output folder besides the per-input JSON. */
export const BATCH_FILES = [MANIFEST, ...Object.values(TABLE_FILES), WORKBOOK];

/**
 * The input's path as a relative "/"-separated path to mirror under the output folder: relative to
 * the working directory when the input is inside it (what the user typed, minus "./"), otherwise
 * the absolute path without its root, as tar does. Zip members are already "archive.zip/member".
 */
export function mirrorPath(displayPath: string, cwd: string): string {
  const abs = resolve(cwd, displayPath);
  const rel = relative(cwd, abs);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const path = inside ? rel : abs.slice(parse(abs).root.length);
  return path.split(sep).join('/');
}

// Characters Windows refuses in names, and control characters: output folders get copied around.
const UNSAFE = /[<>:"|?*\u0000-\u001f\\]/g;
const DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_SEGMENT_BYTES = 200;

/** One path segment made safe to create on Windows, macOS and Linux. */
export function sanitiseSegment(seg: string): string {
  let s = seg.replace(UNSAFE, '_').replace(/[. ]+$/, (m) => '_'.repeat(m.length));
  if (s === '' || s === '.' || s === '..') s = '_';
  if (DEVICE.test(s)) s = `_${s}`;
  // File systems cap a name near 255 bytes; leave room for "~N.json".
  while (Buffer.byteLength(s) > MAX_SEGMENT_BYTES) s = [...s].slice(0, -1).join('');
  return s;
}

/**
 * Output file names (relative to the output folder, "/"-separated) for inputs mirrored as given:
 * "a/b.pdf" → "a/b.pdf.json". Names are unique even on case-insensitive file systems and never
 * land on the batch's own files or on a folder another name needs; a clash gets "~2", "~3" …
 * in input order, so the same inputs always get the same names.
 */
export function outputNames(mirrored: readonly string[]): string[] {
  const wanted = mirrored.map((p) => p.split('/').map(sanitiseSegment).join('/') + '.json');
  const key = (p: string): string => p.normalize('NFC').toLowerCase();
  // Every folder some output lives in; a file may not take one of these names.
  const folders = new Set<string>();
  for (const w of wanted) {
    const parts = w.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(key(parts.slice(0, i).join('/')));
  }
  const taken = new Set<string>(BATCH_FILES.map(key));
  return wanted.map((w) => {
    let name = w;
    for (let n = 2; taken.has(key(name)) || folders.has(key(name)); n++) name = `${w.slice(0, -'.json'.length)}~${n}.json`;
    taken.add(key(name));
    return name;
  });
}

/** Output names for the inputs that have bytes; refused ones (whose path may hold "..") get none. */
export function nameOutputs(items: readonly Item[], cwd: string): (string | null)[] {
  const readable = items.filter((it) => it.kind !== 'refused');
  const given = outputNames(readable.map((it) => mirrorPath(it.path, cwd)));
  let k = 0;
  return items.map((it) => (it.kind === 'refused' ? null : given[k++]!));
}
