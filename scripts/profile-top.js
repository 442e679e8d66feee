#!/usr/bin/env node
// The top self-time entries of V8 CPU profiles, so that profile figures can be reproduced:
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/ptarget.js parse big.pdf -o /tmp/out.json
//   node scripts/profile-top.js /tmp/prof            every .cpuprofile in the folder (one per thread)
//   node scripts/profile-top.js a.cpuprofile -n 30   one profile, 30 entries
//
// Self time is summed per function (name, file, line) and shown as a share of the profile's samples
// (idle excluded), then per file: proportions survive a loaded machine, absolute times do not.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const nAt = args.indexOf('-n');
const top = nAt >= 0 ? Number(args.splice(nAt, 2)[1]) : 20;
const paths = args.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith('.cpuprofile'))
        .sort()
        .map((f) => join(p, f))
    : [p],
);
if (!paths.length) {
  console.error('usage: node scripts/profile-top.js DIR|FILE.cpuprofile … [-n N]');
  process.exit(2);
}

const IDLE = new Set(['(idle)', '(program)']);
// pdf.js's parser runs from the build's patched copy, dist/pdfjs-worker/pdf.worker.VERSION-HASH.mjs (patched-worker.ts)
const file = (url) => (!url ? '' : basename(url.replace(/^file:\/\//, '')).replace(/^pdf\.worker\.[^/]*-[0-9a-f]{8}\.mjs$/, 'pdf.worker.mjs (patched)'));

for (const path of paths) {
  const prof = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id → µs
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const fns = new Map();
  const files = new Map();
  let busy = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const name = functionName || '(anonymous)';
    if (IDLE.has(name)) {
      idle += us;
      continue;
    }
    busy += us;
    const key = `${name}  ${file(url)}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const f = file(url) || name; // (garbage collector), (root) …
    files.set(f, (files.get(f) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  console.log(`${basename(path)}: ${(busy / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle`);
  for (const [key, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)} ${ms(us)}  ${key}`);
  console.log('  by file:');
  for (const [f, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${pct(us)} ${ms(us)}  ${f}`);
  console.log('');
}
