import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeTarget } from './guard.js';
import { release, sweepStaleTemps, tempFor } from './temp.js';

/**
 * Write a file so that readers see the old file or the whole new one, never half of it: write a
 * temporary file beside the target, then rename it over. A symbolic link is written through (its
 * target replaced, the link kept). The temporary file is removed if the write fails or the process
 * is interrupted (see temp.ts); ones left by a killed run in the same folder are swept first.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await writeTarget(path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  await sweepStaleTemps(dir);
  const tmp = tempFor(target);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    release(tmp);
  }
}
