import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * What ptarget may write over. It writes regular files only, never one of its inputs, and through
 * a symbolic link rather than over it; a batch folder's files only when ptarget wrote them.
 */

/** "a device", "a FIFO (named pipe)", "a socket" — or null for a regular file or a folder. */
export function specialKind(st: Stats): string | null {
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  return null;
}

/** The real path of a file, or null when it does not exist (or cannot be resolved). */
export async function realFile(path: string): Promise<string | null> {
  return realpath(path).catch(() => null);
}

/**
 * Where `-o path` really writes: the path itself, or for a symbolic link the file it points to
 * (followed to the end, so the link stays a link). A dangling link writes its target.
 */
export async function writeTarget(path: string): Promise<string> {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const st = await lstat(p).catch(() => null);
    if (!st?.isSymbolicLink()) return p;
    p = resolve(dirname(p), await readlink(p));
  }
  return p; // a loop: writing will fail with the system's own error
}

/**
 * Why `-o output` must not be written for this single input, or null when it may. Checked before
 * converting, so a careless command costs nothing.
 */
export async function refuseSingleOutput(output: string, input: string): Promise<string | null> {
  const st = await stat(output).catch(() => null);
  if (st) {
    const special = specialKind(st);
    if (special) return `-o ${output}: ${special}, not a regular file; leave out -o to write to standard output`;
    if (st.isDirectory()) return null; // the plan treats a folder as a batch output
  }
  if (input !== '-') {
    const [a, b] = await Promise.all([realFile(input), realFile(output)]);
    if (a !== null && a === b) return `-o ${output} is the input file itself: choose another output file`;
  }
  return null;
}

/**
 * Why a batch must not write `files` (relative to `outDir`), or null when it may: a file that is
 * one of the inputs is never written over; a file ptarget did not write (it is not in the folder's
 * manifest) only with --force.
 */
export async function refuseBatchOutputs(
  outDir: string,
  files: readonly string[],
  inputs: ReadonlySet<string>,
  owned: ReadonlySet<string>,
  force: boolean,
): Promise<string | null> {
  for (const f of files) {
    const shown = join(outDir, ...f.split('/'));
    const real = await realFile(shown);
    if (real === null) continue;
    if (inputs.has(real)) return `${shown} is an input; writing the batch into ${outDir} would overwrite it: choose another -o folder`;
    if (!force && !owned.has(f)) {
      return `${shown} was not written by ptarget; it would be overwritten: move it, choose another -o folder, or add --force`;
    }
  }
  return null;
}
