import { availableParallelism } from 'node:os';
import type { Progress } from '../batch/run.js';
import { renderSummary } from './batch-summary.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, EXIT, type ParseOptions, stderrColor } from './options.js';
import type { Plan } from './plan.js';
import { ProgressLine } from './progress.js';
import { cleanUpOnSignals } from '../io/temp.js';
import { printable } from '../errors.js';

/**
 * `ptarget parse` over many inputs: run the batch with a progress line on a terminal, print the
 * summary (or, with --quiet, each failure as it comes); resolves to the exit code.
 */
export async function runBatchCommand(
  inputs: string[],
  plan: Extract<Plan, { mode: 'batch' }>,
  opts: ParseOptions,
  version: string,
): Promise<number> {
  const { runBatch } = await import('../batch/run.js'); // worker pool and zip reader: loaded for batches only
  const stderr = process.stderr;
  const quiet = Boolean(opts.quiet);
  const debug = Boolean(process.env.PTARGET_DEBUG);
  const color = stderrColor();
  const bar = stderr.isTTY && !quiet ? new ProgressLine(stderr, color) : null;
  let last: Progress | null = null;

  // Ctrl-C: leave the terminal tidy. Files written so far are whole (temporary file + rename); the
  // previous manifest.json stays as it was, so the next run redoes this run's inputs.
  // Temporary files are removed on the way out (io/temp.ts).
  cleanUpOnSignals(() => {
    bar?.clear();
    const where = last ? ` after ${last.done} of ${last.total} inputs` : ' while listing the inputs';
    stderr.write(`\nptarget: interrupted${where}` + (plan.outDir ? '; manifest.json not updated\n' : '\n'));
  });
  try {
    const result = await runBatch(
      {
        inputs,
        outDir: plan.outDir,
        stream: plan.stream,
        csvRaw: Boolean(opts.csvRaw),
        jobs: opts.jobs ?? availableParallelism(),
        force: Boolean(opts.force),
        timeoutMs: (opts.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
        memoryMb: opts.maxMemory ?? DEFAULT_MAX_MEMORY_MB,
        convert: { allPages: Boolean(opts.allPages), maxPages: opts.maxPages },
        ...(opts.shard ? { shard: opts.shard } : {}),
        version,
        stdout: process.stdout,
      },
      {
        progress: (p) => {
          last = { ...p };
          bar?.update(last);
        },
        // With --quiet there is no summary, so each failure gets its line as it comes.
        failed: (error, stack) => {
          if (quiet) stderr.write(`ptarget: ${error}\n`);
          if (debug && stack) stderr.write(`${stack}\n`);
        },
        // workers' console output would corrupt ndjson on stdout: shown only when debugging
        ...(debug ? { log: (s: string) => void stderr.write(s) } : {}),
      },
    );
    bar?.clear();
    const { manifest, warningCodes, elapsedMs, pages, unwritten } = result;
    if (!quiet) stderr.write(renderSummary({ manifest, warningCodes, elapsedMs, pages, outDir: plan.outDir, color, unwritten: unwritten.files }));
    if (unwritten.files.length) {
      const shown = unwritten.files.slice(0, 5).join(', ') + (unwritten.files.length > 5 ? ` and ${unwritten.files.length - 5} more` : '');
      stderr.write(`ptarget: ${unwritten.why}: not written: ${printable(shown)}\n`);
    }
    return manifest.totals.failed > 0 || unwritten.files.length ? EXIT.input : EXIT.ok;
  } finally {
    bar?.clear();
  }
}
