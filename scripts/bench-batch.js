#!/usr/bin/env node
// Batch throughput: pages per second converting a folder of fixture copies with `ptarget parse DIR -o OUT`,
// once with -j 1 and once with every core, through the built CLI (run `npm run build` first).
//
//   node scripts/bench-batch.js [--count 20] [--kind pdf|text] [--jobs 1,2] [--runs 1]
//
// --kind text uses the text/HTML/Markdown fixtures (no pages: files per second) to measure the pool
// itself. The exported benchBatch() lets scripts/bench.js include these figures.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/ptarget.js');

function sources(kind) {
  if (kind === 'pdf') {
    const dir = join(ROOT, 'fixtures/shared');
    return readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(dir, f));
  }
  return [
    'fixtures/shared/shanghai-fwzk-2023-summary.txt',
    'fixtures/html/mof-form.html',
    'fixtures/markdown/shanghai-form.md',
  ].map((f) => join(ROOT, f));
}

/** A folder of `count` copies of the fixtures, cycling through them. */
function makeFolder(kind, count) {
  const dir = mkdtempSync(join(tmpdir(), `ptarget-bench-${kind}-`));
  const files = sources(kind);
  if (files.length === 0) throw new Error(`no ${kind} fixtures`);
  mkdirSync(join(dir, 'in'));
  for (let i = 0; i < count; i++) {
    const src = files[i % files.length];
    copyFileSync(src, join(dir, 'in', `${String(i).padStart(3, '0')}-${src.split('/').pop()}`));
  }
  return dir;
}

function runOnce(dir, jobs) {
  const out = join(dir, `out-j${jobs}`);
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'parse', 'in', '-o', out, '--force', '-q', '-j', String(jobs)], {
    cwd: dir,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`ptarget exited ${r.status}: ${r.stderr}`);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const ok = manifest.inputs.filter((e) => e.status !== 'failed');
  const pages = ok.reduce((n, e) => n + (e.pages ?? 0), 0);
  const firstError = manifest.inputs.find((e) => e.status === 'failed')?.error ?? null;
  return { jobs, seconds, files: ok.length, failed: manifest.totals.failed, pages, firstError };
}

/** Figures for one kind of input: the best of `runs` wall-clock times for each -j. */
export function benchBatch({ kind = 'pdf', count = 20, jobs = [1, availableParallelism()], runs = 1 } = {}) {
  const dir = makeFolder(kind, count);
  try {
    runOnce(dir, Math.max(...jobs)); // warm the disk cache and the module cache
    const results = jobs.map((j) => {
      let best = null;
      for (let i = 0; i < runs; i++) {
        const r = runOnce(dir, j);
        if (!best || r.seconds < best.seconds) best = r;
      }
      return best;
    });
    const base = results[0].seconds;
    return results.map((r) => ({ ...r, speedup: base / r.seconds }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatBatch(kind, count, results) {
  const lines = [`batch: ${count} ${kind === 'pdf' ? 'PDF' : 'text/HTML/Markdown'} fixture copies, ptarget parse DIR -o OUT --force`];
  lines.push('  jobs   seconds   converted  failed    pages   pages/s   files/s   speedup');
  for (const r of results) {
    lines.push(
      `  ${String(r.jobs).padStart(4)}  ${r.seconds.toFixed(2).padStart(8)}  ${String(r.files).padStart(10)}  ${String(r.failed).padStart(6)}` +
        `  ${String(r.pages).padStart(7)}  ${(r.pages / r.seconds).toFixed(1).padStart(8)}  ${(r.files / r.seconds).toFixed(1).padStart(8)}` +
        `  ${r.speedup.toFixed(2).padStart(7)}×`,
    );
  }
  const failed = results.find((r) => r.failed > 0);
  if (failed) lines.push(`  note: ${failed.failed} input(s) failed, e.g. ${failed.firstError}`);
  return lines.join('\n');
}

/** The batch section of `npm run bench` (scripts/bench.js): 20 PDF copies, -j 1 and every core. Unpinned. */
export function printBatch() {
  if (process.env.BENCH_BATCH === '0') return;
  console.log('');
  console.log(formatBatch('pdf', 20, benchBatch({ kind: 'pdf', count: 20 })));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
  };
  const kind = arg('kind', 'pdf');
  const count = Number(arg('count', kind === 'pdf' ? 20 : 200));
  const jobs = arg('jobs', `1,${availableParallelism()}`).split(',').map(Number);
  const runs = Number(arg('runs', 1));
  console.log(formatBatch(kind, count, benchBatch({ kind, count, jobs, runs })));
}
