import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_YOUNG_GENERATION_MB, defaultWorkerUrl, startEarlyWorker, workerLimits } from '../src/batch/early.js';
import { WorkerPool } from '../src/batch/pool.js';
import type { JobResult } from '../src/batch/protocol.js';
import { FIXTURES } from './helpers/expected.js';

const STUB = pathToFileURL(resolve(FIXTURES, 'batch/stub-worker.mjs'));
const setup = { outputs: [{ format: 'ndjson' as const }], convert: {} };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('WorkerPool', () => {
  it('runs inputs on up to `size` workers and answers each with its own result', async () => {
    pool = new WorkerPool({ size: 2, workerUrl: STUB, setup, timeoutMs: 0 });
    const results = await Promise.all(['sleep 60 a', 'b', 'sleep 20 cc', 'ddd'].map((t, i) => pool!.run(`in${i}`, bytes(t))));
    expect(results.map((r) => r.ok && r.parts[0])).toEqual(['in0\n', 'in1\n', 'in2\n', 'in3\n']);
    expect(pool.size).toBe(2);
  });

  it('a hung input times out, a crashing or exiting worker fails only its input; the pool goes on', async () => {
    const log: string[] = [];
    pool = new WorkerPool({ size: 2, workerUrl: STUB, setup, timeoutMs: 3000, log: (s) => log.push(s) });
    const texts = ['hang', 'exit', 'a', 'throw', 'print b', 'c'];
    const results: JobResult[] = await Promise.all(texts.map((t, i) => pool!.run(`f${i}.pdf`, bytes(t))));
    const summary = results.map((r) => (r.ok ? 'ok' : r.error));
    expect(summary[0]).toBe('f0.pdf: gave up after 3 s (raise the limit with --timeout)');
    expect(summary[1]).toBe('f1.pdf: the converter stopped unexpectedly (exit code 3)');
    expect(summary[3]).toBe('f3.pdf: the converter crashed: boom');
    expect([summary[2], summary[4], summary[5]]).toEqual(['ok', 'ok', 'ok']);
    expect(log.join('')).toContain('chatter that must not reach stdout');
    // replacements were started and still work
    const after = await pool.run('later.pdf', bytes('x'));
    expect(after.ok).toBe(true);
  });

  it('transfers bytes that share a buffer without detaching the rest of it', async () => {
    pool = new WorkerPool({ size: 1, workerUrl: STUB, setup, timeoutMs: 0 });
    const shared = bytes('0123456789');
    const view = shared.subarray(2, 5);
    const r = await pool.run('v', view);
    expect(r.ok && r.indicators).toBe(3);
    expect(shared.byteLength).toBe(10); // not detached
  });

  it('starts no worker when nothing is run', async () => {
    pool = new WorkerPool({ size: 4, workerUrl: STUB, setup, timeoutMs: 0 });
    expect(pool.size).toBe(0);
  });
});

describe('a conversion worker started early (bin/ptarget.js, batch/early.ts)', () => {
  const pdf = resolve(FIXTURES, 'pdf/borderless-form.pdf');
  const real = { outputs: [{ format: 'ndjson' as const }], convert: {} };

  it('is the one a pool with its limits takes, set up by that pool', async () => {
    const early = startEarlyWorker(defaultWorkerUrl(), workerLimits(768), true);
    const answered: number[] = [];
    early.on('message', (r: JobResult) => answered.push(r.id));
    pool = new WorkerPool({ size: 1, workerUrl: defaultWorkerUrl(), setup: real, timeoutMs: 0, memoryMb: 768 });
    const r = await pool.run(pdf, new Uint8Array(readFileSync(pdf)));
    expect(r.ok && JSON.parse(r.parts[0]!).forms.length).toBeGreaterThan(0);
    expect(answered).toEqual([1]);
  });

  it("started with a batch's limits, is the one a batch's pool takes", async () => {
    const early = startEarlyWorker(defaultWorkerUrl(), workerLimits(768, BATCH_YOUNG_GENERATION_MB), true);
    const answered: number[] = [];
    early.on('message', (r: JobResult) => answered.push(r.id));
    pool = new WorkerPool({ size: 1, workerUrl: defaultWorkerUrl(), setup: real, timeoutMs: 0, memoryMb: 768, youngGenerationMb: BATCH_YOUNG_GENERATION_MB });
    const r = await pool.run(pdf, new Uint8Array(readFileSync(pdf)));
    expect(r.ok).toBe(true);
    expect(answered).toEqual([1]);
  });

  it('is ended, not used, by a pool that needs other limits (--max-memory)', async () => {
    const early = startEarlyWorker(defaultWorkerUrl(), workerLimits(768), false);
    const ended = new Promise((done) => early.once('exit', done));
    pool = new WorkerPool({ size: 1, workerUrl: defaultWorkerUrl(), setup: real, timeoutMs: 0, memoryMb: 500 });
    const r = await pool.run(pdf, new Uint8Array(readFileSync(pdf)));
    expect(r.ok).toBe(true);
    await ended;
  });
});
