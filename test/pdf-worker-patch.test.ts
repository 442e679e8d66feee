import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFJS_DIR } from '../src/extract/pdf/engine.js';
import { patchSource, WORKER_PATCHES } from '../src/extract/pdf/worker-patch.js';
import { fixture } from './helpers/expected.js';

// The in-memory patch of pdf.js's parser (src/extract/pdf/worker-patch.ts): it must apply to the
// installed pdfjs-dist (an upgrade that moves the text fails here, not silently slower), and it must
// not change any output.

const WORKER = join(PDFJS_DIR, 'legacy/build/pdf.worker.mjs');
const BIN = join(import.meta.dirname, '../bin/ptarget.js');

describe('pdf.js worker patch', () => {
  it('applies exactly once to the installed pdf.js', () => {
    const source = readFileSync(WORKER, 'utf8');
    for (const p of WORKER_PATCHES) expect(source.split(p.find).length - 1, p.why).toBe(1);
    const patched = patchSource(source);
    expect(patched).not.toBeNull();
    expect(patched!.length).toBe(source.length + WORKER_PATCHES.reduce((n, p) => n + p.replace.length - p.find.length, 0));
  });

  it('refuses text where a patch does not match exactly once', () => {
    const p = { why: 'test', find: 'a = 1;', replace: 'a = 2;' };
    expect(patchSource('b = 0;', [p])).toBeNull();
    expect(patchSource('a = 1; a = 1;', [p])).toBeNull();
    expect(patchSource('x; a = 1; y', [p])).toBe('x; a = 2; y');
  });

  it('gives byte-identical output with and without it', () => {
    // a real budget's form pages: embedded CJK CFF fonts, the fonts the patch concerns
    const pdf = fixture('real-budgets/xian-sfj-2026-dept-budget.pdf');
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, [BIN, 'parse', pdf, '-q'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const patched = run({});
    expect(JSON.parse(patched).forms.length).toBeGreaterThan(0);
    expect(run({ PTARGET_PDFJS_UNPATCHED: '1' })).toBe(patched);
  }, 120_000);
});
