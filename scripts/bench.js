#!/usr/bin/env node
// PDF extraction speed: pages per second and peak memory for each fixture PDF, in one process
// pinned to one CPU (with taskset, where there is one). Run with `npm run bench` (it builds first).
// The first pass over the files is reported as "cold" (module loading, JIT warm-up, worker start);
// the figures after it are the median of several warm runs.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!process.env.PTARGET_BENCH_CHILD) {
  const args = [fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const env = { ...process.env, PTARGET_BENCH_CHILD: '1' };
  const pinned = spawnSync('taskset', ['-c', '0', process.execPath, ...args], { stdio: 'inherit', env });
  // Batch throughput (issue 5) needs every core, so it runs here, outside the pinned child.
  const batch = () => import('./bench-batch.js').then((b) => b.printBatch());
  if (pinned.error) {
    // no taskset: run unpinned and say so
    env.PTARGET_BENCH_UNPINNED = '1';
    const r = spawnSync(process.execPath, args, { stdio: 'inherit', env });
    await batch();
    process.exit(r.status ?? 1);
  }
  await batch();
  process.exit(pinned.status ?? 1);
}

const { extractPdf } = await import(join(root, 'dist/extract/pdf/index.js'));

const dirs = ['fixtures/shared', 'fixtures/pdf'].map((d) => join(root, d)).filter(existsSync);
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => join(d, f)),
);

const runs = Number(process.env.BENCH_RUNS ?? 5);
const mb = (n) => (n / 1024 / 1024).toFixed(0);

/** Runs fn while sampling the process RSS; returns its result and the peak seen. */
async function sampled(fn) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

console.log(
  `PDF extraction benchmark: node ${process.version}, ${process.env.PTARGET_BENCH_UNPINNED ? 'unpinned (no taskset)' : 'pinned to one CPU'}, ${runs} warm runs each`,
);

// cold pass: the first document pays for loading pdf.js and warming up
const good = [];
let coldPages = 0;
let coldMs = 0;
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  try {
    const r = await extractPdf(bytes);
    const ms = performance.now() - t0;
    coldPages += r.pages;
    coldMs += ms;
    good.push({ file, bytes, pages: r.pages, coldMs: ms });
  } catch (e) {
    console.log(`  skip ${relative(root, file)}: ${e.message}`);
  }
}

console.log('');
console.log(
  `${'file'.padEnd(58)} ${'pages'.padStart(5)} ${'cold ms'.padStart(8)} ${'warm ms'.padStart(8)} ${'pages/s'.padStart(8)} ${'pages/cpu-s'.padStart(11)} ${'peak RSS MB'.padStart(12)}`,
);
let warmPages = 0;
let warmMs = 0;
let warmCpu = 0;
let peakAll = 0;
for (const f of good) {
  const times = [];
  let peak = 0;
  // CPU time of the whole process (both threads): what the work costs one otherwise idle core
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const s = await sampled(() => extractPdf(f.bytes));
    times.push(performance.now() - t0);
    peak = Math.max(peak, s.peak);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  warmPages += f.pages;
  warmMs += median;
  warmCpu += cpuMs;
  peakAll = Math.max(peakAll, peak);
  console.log(
    `${relative(root, f.file).padEnd(58)} ${String(f.pages).padStart(5)} ${f.coldMs.toFixed(0).padStart(8)} ${median.toFixed(0).padStart(8)} ${(f.pages / (median / 1000)).toFixed(1).padStart(8)} ${(f.pages / (cpuMs / 1000)).toFixed(1).padStart(11)} ${mb(peak).padStart(12)}`,
  );
}
console.log('');
console.log(`cold, first pass over all files (includes loading pdf.js): ${coldPages} pages in ${coldMs.toFixed(0)} ms = ${(coldPages / (coldMs / 1000)).toFixed(1)} pages/s`);
console.log(
  `warm, all files: ${warmPages} pages in ${warmMs.toFixed(0)} ms = ${(warmPages / (warmMs / 1000)).toFixed(1)} pages/s (wall), ${(warmPages / (warmCpu / 1000)).toFixed(1)} pages per CPU-second; peak RSS ${mb(peakAll)} MB`,
);
