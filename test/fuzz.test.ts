import { availableParallelism } from 'node:os';
import { expect, test } from 'vitest';
import { buildCases } from '../scripts/fuzz/cases.js';
import { report, runAll } from '../scripts/fuzz/run.js';

// A fixed slice of the fuzz suite (`npm run fuzz` runs the whole of it): every kind of generated,
// mutated and crafted input, the crafted ones of tens of megabytes left out.
test('fuzz slice: no crash, stack trace, hang, memory blow-up, invalid or partial output', async () => {
  const cases = await buildCases({ seed: 20261201, scale: 0.03, light: true });
  const records = await runAll(cases, Math.min(2, availableParallelism()));
  const problems = records.flatMap((r) => r.problems.map((p) => `${r.id}: ${p.kind}: ${p.detail}`));
  if (problems.length) console.error(report(records));
  expect(problems).toEqual([]);
  expect(records.length).toBeGreaterThan(80);
}, 900_000);
