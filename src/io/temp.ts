import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Temporary files beside their targets (".name.PID.RANDOM.tmp"), written whole and then renamed
 * over the target. Those of this process are removed if it is interrupted; those of a process
 * that was killed are swept by the next run that writes into the same folder.
 */

const live = new Set<string>();
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** A fresh temporary path beside `target`, removed on SIGINT/SIGTERM until `release`d. */
export function tempFor(target: string): string {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  live.add(tmp);
  return tmp;
}

export function release(tmp: string): void {
  live.delete(tmp);
}

/** Remove this process's temporary files now (from a signal handler: synchronous). */
export function removeLiveTemps(): void {
  for (const tmp of live) rmSync(tmp, { force: true });
  live.clear();
}

/** Remove temporary files in `dir` left by ptarget processes that no longer run. */
export async function sweepStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(TEMP_NAME.exec(name)?.[1] ?? 0);
      if (pid > 0 && pid !== process.pid && !isRunning(pid)) await rm(join(dir, name), { force: true });
    }),
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

const EXIT_CODE: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
let onSignal: ((signal: string) => void) | null = null;
let installed = false;

/**
 * On SIGINT, SIGTERM or SIGHUP: remove this process's temporary files, let `say` print what it
 * needs to (the batch says how far it got), and exit with 128 + the signal number.
 */
export function cleanUpOnSignals(say: ((signal: string) => void) | null = null): void {
  onSignal = say;
  if (installed) return;
  installed = true;
  for (const sig of Object.keys(EXIT_CODE)) {
    process.on(sig, () => {
      removeLiveTemps();
      onSignal?.(sig);
      process.exit(EXIT_CODE[sig]);
    });
  }
}
