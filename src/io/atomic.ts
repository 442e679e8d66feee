import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeTarget } from './guard.js';
import { release, sweepStaleTemps, tempFor } from './temp.js';

/** Why a file could not be written, in words: errors of the disk or the folder, not of ptarget. */
const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for the file system',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'input/output error on the disk',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOENT: 'a part of the path does not exist',
  // mkdir -p meeting a file where a folder should be
  EEXIST: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long for the file system',
  ELOOP: 'too many symbolic links',
};

/**
 * A file that could not be written: its message names the file as the user gave it and says why
 * in words ("out.json: not written: no space left on the device"); `code` keeps the system's code.
 */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    readonly why: string,
  ) {
    super(`${path}: not written: ${why}`);
    this.name = 'WriteError';
  }
}

/** A file's content: text (written as UTF-8), bytes, or bytes in pieces written one after another. */
export type FileData = string | Uint8Array | readonly Uint8Array[];

/**
 * Write a file so that readers see the old file or the whole new one, never half of it: write a
 * temporary file beside the target, then rename it over. A symbolic link is written through (its
 * target replaced, the link kept). The temporary file is removed if the write fails or the process
 * is interrupted (see temp.ts); ones left by a killed run in the same folder are swept first.
 * Failures of the file system are WriteErrors.
 */
export async function writeFileAtomic(path: string, data: FileData): Promise<void> {
  try {
    await writeThroughTemp(path, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw err;
    throw new WriteError(path, code, WRITE_ERRORS[code] ?? `the system said ${code}`);
  }
}

async function writeThroughTemp(path: string, data: FileData): Promise<void> {
  const target = await writeTarget(path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  await sweepStaleTemps(dir);
  const tmp = tempFor(target);
  try {
    await writeTemp(tmp, data);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    release(tmp);
  }
}

/**
 * Test hook, read by nothing but this function: PTARGET_TEST_DISK_BYTES=N makes the disk full
 * once this process has written N bytes through writeFileAtomic. The write that passes N puts
 * what still fits into its temporary file and then fails with ENOSPC, as a full disk does, so
 * tests can check full-disk handling on any machine, as any user, without mounting a small disk.
 */
const testDiskBytes = process.env.PTARGET_TEST_DISK_BYTES;
let testDiskUsed = 0;

async function writeTemp(tmp: string, data: FileData): Promise<void> {
  if (testDiskBytes === undefined) return writeFile(tmp, data);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Array.isArray(data) ? Buffer.concat(data) : (data as Uint8Array);
  const room = Math.max(0, Number(testDiskBytes) - testDiskUsed);
  testDiskUsed += Math.min(room, bytes.length);
  await writeFile(tmp, bytes.subarray(0, room));
  if (bytes.length > room) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}
