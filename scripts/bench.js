#!/usr/bin/env node
// Whole-process speed on a folder of PDFs: `npm run bench -- DIR` (default fixtures/real-budgets; it builds first).
//
// Per PDF, one `ptarget parse FILE` process each, start-up included: pages, pages read for tables,
// seconds, pages/s, peak RSS (all threads). Then the folder as a batch with -j 1 and -j 2, beside
// the machine's two-process ceiling: two independent `-j 1` processes converting half the files each
// at the same time, and a memory-bound microbenchmark run once alone and twice at once. The ceiling
// is what two cores give on this work here; `-j 2` is judged against it, not against 2×.
// `pdftotext -layout` on the same files, when poppler-utils is installed, gives a reference rate.
// Timings mean something only on a quiet machine: the load average is printed with the figures.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/ptarget.js');
const CHILD = join(ROOT, 'scripts/bench-child.js');
const dir = resolve(process.argv[2] ?? join(ROOT, 'fixtures/real-budgets'));
const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => join(dir, f));
if (!files.length) {
  console.error(`bench: no PDF in ${dir}`);
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'ptarget-bench-'));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

/** Runs a command to the end; resolves to its wall seconds and what it wrote on fd 3. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], ...opts });
    let report = '';
    let stderr = '';
    child.stdio[3]?.on('data', (d) => (report += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.split('\n')[0]}`));
      else resolve({ seconds, report: report ? JSON.parse(report) : null });
    });
  });
}

const out = (name) => join(tmp, name);
const pad = (s, n) => String(s).padStart(n);

console.log(`ptarget bench on ${dir} (${files.length} PDFs), node ${process.version}, load average ${load()}`);
console.log('');
console.log(`${'file'.padEnd(48)} ${pad('pages', 5)} ${pad('read', 5)} ${pad('seconds', 8)} ${pad('pages/s', 8)} ${pad('peak MB', 8)}`);
let pages = 0;
let read = 0;
let seconds = 0;
let peak = 0;
const took = new Map(); // file → seconds, to split the folder into halves of equal work for the ceiling
const pagesOf = new Map();
const rss = new Map();
for (const file of files) {
  const json = out('one.json');
  const r = await run(process.execPath, [CHILD, 'parse', file, '-o', json, '-q']);
  const doc = JSON.parse(readFileSync(json, 'utf8'));
  const n = doc.source.pages;
  const k = doc.source.pagesRead?.length ?? n;
  const mb = r.report.maxRssKb / 1024;
  pages += n;
  read += k;
  seconds += r.seconds;
  took.set(file, r.seconds);
  pagesOf.set(file, n);
  rss.set(file, mb);
  peak = Math.max(peak, mb);
  console.log(`${file.split('/').pop().slice(0, 48).padEnd(48)} ${pad(n, 5)} ${pad(k, 5)} ${pad(r.seconds.toFixed(2), 8)} ${pad((n / r.seconds).toFixed(1), 8)} ${pad(mb.toFixed(0), 8)}`);
}
const ours = pages / seconds;
const heavy = files.filter((f) => rss.get(f) >= 150);
console.log(`${'total'.padEnd(48)} ${pad(pages, 5)} ${pad(read, 5)} ${pad(seconds.toFixed(2), 8)} ${pad(ours.toFixed(1), 8)} ${pad(peak.toFixed(0), 8)}`);

console.log(`peak RSS of 150 MB or more: ${heavy.length ? `${heavy.length} of ${files.length} PDFs` : 'none'}`);
let reference = null; // pdftotext's pages/s, when installed
if (spawnSync('pdftotext', ['-v']).error === undefined) {
  let t = 0;
  for (const file of files) t += (await run('pdftotext', ['-layout', file, out('one.txt')])).seconds;
  reference = pages / t;
  console.log(`pdftotext -layout, same files: ${reference.toFixed(1)} pages/s; ptarget (one process per PDF) is ${((ours / reference) * 100).toFixed(0)} % of it`);
} else {
  console.log('pdftotext not installed (apt-get install poppler-utils): no reference rate');
}

// start-up: the median of 5 whole processes each (a 1-page PDF: the smallest one-page file given, else a fixture)
const median = async (args) => {
  const t = [];
  for (let i = 0; i < 5; i++) t.push((await run(process.execPath, [BIN, ...args])).seconds);
  return t.sort((a, b) => a - b)[2];
};
const onePage = files.find((f) => took.has(f) && pagesOf.get(f) === 1) ?? join(ROOT, 'fixtures/real-budgets/ningde-zfb-2024-dept-selfeval.pdf');
console.log(`start-up (median of 5): ptarget --version ${(await median(['--version'])).toFixed(2)} s; a 1-page PDF ${(await median(['parse', onePage, '-o', out('p1.json'), '-q'])).toFixed(2)} s (${onePage.split('/').pop()})`);

// batch: the whole folder at once
const batch = (jobs, inputs, name) => run(process.execPath, [BIN, 'parse', ...inputs, '-o', out(name), '--force', '-q', '-j', String(jobs)]);
// the two halves of the ceiling do equal work (by the times above, largest first to the lighter half),
// so that the ceiling is what two cores can do, not the wait for the heavier half
const halves = [[], []];
const load2 = [0, 0];
for (const file of [...files].sort((a, b) => took.get(b) - took.get(a))) {
  const k = load2[0] <= load2[1] ? 0 : 1;
  halves[k].push(file);
  load2[k] += took.get(file);
}
await batch(1, files, 'warm'); // the disk cache, for every run below
const j1 = await batch(1, files, 'j1');
const j2 = await batch(2, files, 'j2');
const pair = await Promise.all([batch(1, halves[0].sort(), 'a'), batch(1, halves[1].sort(), 'b')]);
const ceiling = Math.max(...pair.map((p) => p.seconds));

// memory-bound microbenchmark: streaming over a buffer far larger than the caches, alone and twice at once
const STREAM = `const a = new Float64Array(1 << 24); let s = 0; for (let r = 0; r < 12; r++) for (let i = 0; i < a.length; i++) s += a[i] += 1; if (s < 0) console.log(s);`;
const stream = () => run(process.execPath, ['-e', STREAM]);
const alone = (await stream()).seconds;
const both = Math.max(...(await Promise.all([stream(), stream()])).map((r) => r.seconds));

console.log('');
console.log(`batch of ${files.length} PDFs (${pages} pages), load average ${load()}:`);
// the batch's rate also as a share of pdftotext's (one process per PDF, measured above)
const share = (s) => (reference ? `  ${pad(((pages / s / reference) * 100).toFixed(0), 3)} % of pdftotext` : '');
const rate = (s) => `${pad(s.toFixed(2), 6)} s  ${pad((pages / s).toFixed(1), 6)} pages/s${share(s)}`;
console.log(`  -j 1                                 ${rate(j1.seconds)}`);
console.log(`  -j 2                                 ${rate(j2.seconds)}  ${(j1.seconds / j2.seconds).toFixed(2)}× of -j 1`);
console.log(`  ceiling: two -j 1 processes, half each ${rate(ceiling)}  ${(j1.seconds / ceiling).toFixed(2)}× of -j 1`);
console.log(`  -j 2 reaches ${((ceiling / j2.seconds) * 100).toFixed(0)} % of the ceiling`);
console.log(`  memory-bound microbenchmark: two at once ${((2 * alone) / both).toFixed(2)}× the work of one per unit time`);
rmSync(tmp, { recursive: true, force: true });
