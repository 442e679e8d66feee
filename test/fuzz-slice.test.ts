import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildCases } from '../scripts/fuzz/cases.js';
import { failureLines, report, runAll, runCase } from '../scripts/fuzz/run.js';

/**
 * A seeded slice of `npm run fuzz` (issue 14): about 150 inputs of every kind the full run makes —
 * generated text documents, damaged PDFs and DOCX files, generated PDFs and the crafted hostile
 * cases that are small enough — each run through the CLI as a child process and judged from the
 * outside: exit status, no stack trace or internal path, schema-valid output, no partial file,
 * bounded time and memory. The seed is fixed so a failure here reproduces with
 * `FUZZ_ONLY=<id> npm run fuzz`. Runs are judged by the CPU time they use, so a busy machine
 * makes the test slower, not failed: its time-out is generous for that reason.
 */

const SEED = 20261201;
/**
 * Inputs per kind, weighed by what each costs: a text document takes half a second of CPU, a
 * damaged PDF or DOCX two or three times that. With the crafted cases that are not heavy, about
 * 150 inputs and two minutes of CPU.
 */
const COUNTS = { tsv: 16, csv: 12, markdown: 10, html: 16, layout: 8, edited: 14, pdfBytes: 14, pdfBuilt: 4, docxBytes: 6, docxXml: 8 };
/** Mutate the smaller fixture PDFs only: the layouts, not the 400-page real budgets. */
const MAX_SEED_BYTES = 100_000;

describe('fuzz slice', () => {
  it('the harness notices a run that breaks its expectations or leaves a file behind', async () => {
    const r = await runCase({
      id: 'meta/planted',
      name: 'empty.txt',
      // a hidden file in the output folder stands for a temporary file a run forgot
      prepare: async (dir) => {
        await writeFile(`${dir}/in/empty.txt`, '');
        await writeFile(`${dir}/out/.out.json.tmp`, '{');
        return 'in/empty.txt';
      },
      expect: { exit: 0 },
    });
    expect(r.exit).toBe(1);
    expect(r.problems.map((p) => p.kind).sort()).toEqual(['expectation', 'partial']);
  });

  it("reads the lines naming what failed: ptarget's own, and a batch summary's list of failures", () => {
    const batch = ['            inputs', 'failed           2', '', '2 failed:', '  in/a.zip: too big', '  in/b.txt: empty', '', 'out/: 0 JSON files (0:01).'];
    expect(failureLines([...batch, 'ptarget: no space left on the device: not written: out/x.json', ''].join('\n'))).toEqual([
      'in/a.zip: too big',
      'in/b.txt: empty',
      'ptarget: no space left on the device: not written: out/x.json',
    ]);
    // the lines of a single file's summary (its warnings) name no failure
    expect(failureLines('a.txt: 1 form, 3 indicators, 1 warning\n  missing-value (form 1): x\n')).toEqual([]);
  });

  it('every input ends in bounded time and memory, with valid output or a clear error', async () => {
    const cases = await buildCases({ seed: SEED, scale: 1, counts: COUNTS, maxSeedBytes: MAX_SEED_BYTES, light: true });
    expect(cases.length).toBeGreaterThanOrEqual(140);
    const records = await runAll(cases, Math.min(2, availableParallelism()));
    const problems = records.flatMap((r) => r.problems.map((p) => `${r.id}: ${p.kind}: ${p.detail}`));
    if (problems.length) process.stderr.write(`${report(records)}\n`);
    expect(problems).toEqual([]);
    // both outcomes are exercised: documents read, and documents refused with a message
    expect(records.filter((r) => r.exit === 0).length).toBeGreaterThan(20);
    expect(records.filter((r) => r.exit === 1).length).toBeGreaterThan(20);
  }, 1_800_000);
});
