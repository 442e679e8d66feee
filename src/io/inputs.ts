import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { describeError, printable } from '../errors.js';
import { readInput } from './read.js';

const require = createRequire(import.meta.url);
/**
 * The glob library (with its matcher, ~30 ms to load), required on first use: `ptarget parse FILE`
 * asks whether its input looks like a pattern only when no such file exists.
 */
const tinyglobby = (): typeof import('tinyglobby') => require('tinyglobby') as typeof import('tinyglobby');

/** Extensions taken from folders and archives; anything else there is left out (and counted). */
export const DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set([
  '.pdf', '.docx', '.html', '.htm', '.md', '.markdown', '.txt', '.tsv', '.csv', '.xlsx', '.xls', '.et', '.ods',
]);

/** One document to convert, or one that cannot even be read (a refused member, a damaged zip). */
export type Item =
  /** `path` is shown to people and recorded; `file` is where to read it. */
  | { kind: 'file'; path: string; file: string }
  /** `member` is the normalised path inside the archive file `archive`. */
  | { kind: 'member'; path: string; archive: string; member: string }
  | { kind: 'refused'; path: string; error: string };

export interface Expansion {
  items: Item[];
  /** Extension ("" when none) → number of files left out of folders and archives. */
  ignored: Map<string, number>;
  /** Things worth saying that are not failures (an empty folder …). */
  notes: string[];
}

export interface ExpandOptions {
  cwd: string;
  /** A folder never to descend into (the output folder, when it is inside an input folder). */
  exclude?: string;
}

/**
 * Turn command-line inputs into the ordered list of documents. Order is deterministic: arguments
 * as given; inside a folder, glob or archive, paths sorted by code unit (locale-independent). A
 * file reached twice is kept once. Folders and archives keep only document extensions and skip
 * hidden files, Office lock files (~$…) and macOS resource forks; explicitly named files and glob
 * matches are taken whatever their extension — the pattern is the user's choice (lock files and
 * hidden files still go).
 */
export async function expandInputs(args: readonly string[], opts: ExpandOptions): Promise<Expansion> {
  const out: Expansion = { items: [], ignored: new Map(), notes: [] };
  const seen = new Set<string>();
  // Identity by real path: a file reached twice (named and in its folder, or through a link) is kept once.
  const reals = new Map<string, Promise<string>>(); // an archive's members all ask for it
  const real = (file: string): Promise<string> => {
    let p = reals.get(file);
    if (!p) reals.set(file, (p = realpath(file).catch(() => resolve(opts.cwd, file))));
    return p;
  };
  const add = async (item: Item): Promise<void> => {
    const id =
      item.kind === 'file' ? await real(item.file)
      : item.kind === 'member' ? `${await real(item.archive)}\0${item.member}`
      : `\0${item.path}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.items.push(item);
  };
  const ignore = (name: string): void => {
    const ext = extname(name).toLowerCase();
    out.ignored.set(ext, (out.ignored.get(ext) ?? 0) + 1);
  };
  const addFile = async (path: string, file: string, fromFolder: boolean): Promise<void> => {
    if (isZipName(path)) return expandArchive(path, file, add, ignore);
    if (fromFolder && !isDocumentName(path)) return ignore(path);
    await add({ kind: 'file', path, file });
  };

  for (const arg of args) {
    const abs = resolve(opts.cwd, arg);
    const info = await stat(abs).catch(() => null);
    if (info?.isDirectory()) {
      const outputs: string[] = [];
      const files = await walk(abs, opts.exclude ? resolve(opts.cwd, opts.exclude) : null, ignore, (rel) => outputs.push(rel));
      for (const rel of outputs) out.notes.push(`${join(arg, ...rel.split('/'))}: left out, a ptarget output folder`);
      if (files.length === 0) out.notes.push(`${arg}: no documents in this folder`);
      for (const rel of files) await addFile(join(arg, ...rel.split('/')), join(abs, ...rel.split('/')), true);
    } else if (!info && looksLikeGlob(arg)) {
      const matches = await expandGlob(arg, opts.cwd);
      if (matches.length === 0) await add({ kind: 'refused', path: arg, error: `${printable(arg)}: no files match this pattern` });
      for (const m of matches) if (!isJunk(basename(m))) await addFile(m, resolve(opts.cwd, m), false);
    } else {
      // A missing file too: reading it later gives the usual one-line error.
      await addFile(arg, abs, false);
    }
  }
  return out;
}

/**
 * A glob pattern rather than a file name: has wildcards, braces or brackets. Parentheses alone
 * (extglobs) do not count: "报告(1).pdf" is a file name.
 */
export function looksLikeGlob(arg: string): boolean {
  return /[*?[\]{}]/.test(arg) && tinyglobby().isDynamicPattern(arg);
}

export function isZipName(path: string): boolean {
  return extname(path).toLowerCase() === '.zip';
}

function isDocumentName(path: string): boolean {
  return DOCUMENT_EXTENSIONS.has(extname(path).toLowerCase());
}

/** Hidden files, Office lock files and macOS resource forks (also __MACOSX/ in zips) are never documents. */
function isJunk(segment: string): boolean {
  return segment.startsWith('.') || segment.startsWith('~$') || segment === '__MACOSX';
}

/** Code-unit order, so the order is the same whatever the locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every file under `root` as "/"-separated relative paths, sorted. Symbolic links to files are
 * followed; links to folders are not (no cycles).
 */
async function walk(
  root: string,
  exclude: string | null,
  ignore: (name: string) => void,
  outputFolder: (rel: string) => void,
): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dir: string, rel: string): Promise<void> => {
    if (exclude !== null && dir === exclude) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable sub-folder: nothing we could convert in it
    }
    // An earlier batch's output (its CSVs would be read as inputs and count every indicator twice)
    if (rel && entries.some((e) => e.name === 'manifest.json') && (await isBatchOutput(dir))) return outputFolder(rel);
    for (const e of entries) {
      if (isJunk(e.name)) continue;
      const path = join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await visit(path, r);
      else if (e.isFile()) files.push(r);
      else if (e.isSymbolicLink()) {
        const target = await stat(path).catch(() => null);
        if (target?.isFile()) files.push(r);
        else if (!target) ignore(e.name);
      }
    }
  };
  await visit(root, '');
  return files.sort(byCodeUnit);
}

async function isBatchOutput(dir: string): Promise<boolean> {
  const head = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => '');
  return /^\{\s*"tool":\s*"ptarget"/.test(head);
}

/**
 * Glob matches as paths in the form the pattern was written (relative stays relative). The fixed
 * leading part of the pattern becomes the search root, so "/data/**\/*.pdf" or "../x/*.pdf" do not
 * crawl the whole working directory.
 */
async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  let fixed = 0;
  const { glob, isDynamicPattern } = tinyglobby();
  while (fixed < parts.length - 1 && !isDynamicPattern(parts[fixed]!)) fixed++;
  const base = parts.slice(0, fixed).join('/') || (pattern.startsWith('/') ? '/' : '');
  const rest = parts.slice(fixed).join('/');
  const root = resolve(cwd, base || '.');
  const matches = await glob(rest, { cwd: root, onlyFiles: true, dot: false, followSymbolicLinks: true, expandDirectories: false });
  return matches.sort(byCodeUnit).map((m) => (base ? join(base, ...m.split('/')) : join(...m.split('/'))));
}

/**
 * List an archive's documents as items. The archive is read whole (the zip reader works in
 * memory) but only its listing is kept; members are inflated one by one when converted.
 */
async function expandArchive(
  path: string,
  file: string,
  add: (item: Item) => Promise<void>,
  ignore: (name: string) => void,
): Promise<void> {
  let listing;
  try {
    listing = await (await import('./zip.js')).readZip(await readInput(file)); // loaded only for archives
  } catch (err) {
    return add({ kind: 'refused', path, error: describeError(path, err) });
  }
  // member names are the archive's text: escaped like a document's before they reach a terminal
  for (const r of listing.refused) await add({ kind: 'refused', path: `${path}/${r.entry}`, error: printable(`${path}/${r.message}`) });
  const members = listing.entries.map((e) => e.path).sort(byCodeUnit);
  for (const member of members) {
    if (member.split('/').some(isJunk)) continue;
    // Archives inside archives are not opened: one level is what people send.
    if (isZipName(member) || !isDocumentName(member)) {
      ignore(member);
      continue;
    }
    await add({ kind: 'member', path: `${path}/${member}`, archive: file, member });
  }
}
