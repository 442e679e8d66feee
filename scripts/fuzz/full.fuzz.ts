import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { expect, test } from 'vitest';
import { buildCases } from './cases.js';
import { report, runAll } from './run.js';

// `npm run fuzz`: the full run (FUZZ_SEED and FUZZ_SCALE change it; FUZZ_ONLY=substring picks cases).
// Prints the figures and the slowest inputs, and keeps every record in fuzz-report.json.
test('fuzz: every input ends in bounded time and memory, with valid output or a clear error', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261201);
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  const only = process.env.FUZZ_ONLY;
  const cases = (await buildCases({ seed, scale, light: Boolean(process.env.FUZZ_LIGHT) })).filter((c) => !only || c.id.includes(only));
  let done = 0;
  const records = await runAll(cases, Number(process.env.FUZZ_JOBS ?? availableParallelism()), (r) => {
    if (++done % 25 === 0 || r.problems.length) process.stderr.write(`fuzz ${done}/${cases.length}${r.problems.length ? ` PROBLEM ${r.id}: ${r.problems[0]!.kind} ${r.problems[0]!.detail}` : ''}\n`);
  });
  const text = report(records);
  writeFileSync('fuzz-report.json', JSON.stringify({ seed, scale, records }, null, 1));
  process.stderr.write(`seed ${seed}\n${text}\n`);
  expect(records.flatMap((r) => r.problems.map((p) => `${r.id}: ${p.kind}: ${p.detail}`))).toEqual([]);
}, 6 * 3600_000);
