import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFJS_DIR } from '../src/extract/pdf/engine.js';
import { asciiSource, patchedWorkerFile, patchedWorkerName, patchedWorkerSource } from '../src/extract/pdf/patched-worker.js';
import { patchSource, WORKER_PATCHES } from '../src/extract/pdf/worker-patch.js';
import { fixture } from './helpers/expected.js';

// The patch of pdf.js's parser (src/extract/pdf/worker-patch.ts), written to dist/ by the build
// (patched-worker.ts): it must apply to the installed pdfjs-dist (an upgrade that moves the text fails
// here, not silently slower), the build must have written it for the current patches, and it must not
// change any output.

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
    const q = { why: 'test', find: 'y', replace: 'z' };
    expect(patchSource('y; a = 1; x', [p, q])).toBe('z; a = 2; x');
    expect(patchSource('a = 1;', [p, { why: 'test', find: '1;', replace: '3;' }])).toBeNull();
  });

  it('is the file the build wrote for these patches and this pdf.js, in ASCII', () => {
    const file = patchedWorkerFile();
    expect(file, 'no patched pdf.js parser for the current patches in dist/: run npm run build').not.toBeNull();
    const written = readFileSync(file!, 'utf8');
    expect(written).toBe(patchedWorkerSource(PDFJS_DIR));
    expect(written).toMatch(/^[\x00-\x7f]*$/);
    // another patch list is another file, never a stale one
    expect(patchedWorkerName('5.6.205', WORKER_PATCHES.slice(1))).not.toBe(patchedWorkerName('5.6.205'));
  });

  it('escapes non-ASCII characters to what they mean in a string literal', () => {
    const source = 'const s = "© 2013–2025 тест ﬅ";';
    const escaped = asciiSource(source);
    expect(escaped).toMatch(/^[\x00-\x7f]*$/);
    expect(new Function(`${escaped} return s;`)()).toBe(new Function(`${source} return s;`)());
  });

  it('checks TrueType glyph locations as pdf.js does, on ordered, unordered and damaged tables', () => {
    const source = readFileSync(WORKER, 'utf8');
    const original = glyphLocationChecker(source);
    const patched = glyphLocationChecker(patchSource(source)!);
    const random = lcg(13);
    let unordered = 0;
    for (let n = 0; n < 400; n++) {
      const font = randomGlyphTable(random, n);
      if (!font.inOrder) unordered++;
      const a = runChecker(original, font);
      const b = runChecker(patched, font);
      expect(b, `font ${n}`).toEqual(a);
    }
    expect(unordered).toBeGreaterThan(50);
  });

  // real budgets: embedded CJK CFF fonts (xian); subset TrueType fonts, one program shared by many
  // font dictionaries, JPEG images (yantai)
  it.each(['xian-sfj-2026-dept-budget.pdf', 'yantai-zjj-2026-dept-budget.pdf'])('gives byte-identical output with and without it: %s', (name) => {
    const pdf = fixture(`real-budgets/${name}`);
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, [BIN, 'parse', pdf, '-q'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const patched = run({});
    expect(JSON.parse(patched).forms.length).toBeGreaterThan(0);
    expect(run({ PTARGET_PDFJS_UNPATCHED: '1' })).toBe(patched);
  }, 180_000);
});

type Checker = (...args: unknown[]) => { missingGlyphs: Record<number, unknown>; maxSizeOfInstructions: number };

/** pdf.js's sanitizeGlyphLocations (nested in Font.checkAndRepair) and what it calls, cut out of the parser's source. */
function glyphLocationChecker(source: string): Checker {
  const cut = (from: string, to: string): string => {
    const at = source.indexOf(from);
    const end = source.indexOf(to, at);
    expect(at, from).toBeGreaterThan(0);
    expect(end, to).toBeGreaterThan(at);
    return source.slice(at, end);
  };
  const helpers = ['function int16(', 'function writeSignedInt16(', 'function signedInt16('].map((f) => cut(f, '\n}\n') + '\n}\n');
  const body = [
    ...helpers,
    cut('    function sanitizeGlyph(', '    function sanitizeHead('),
    cut('    function sanitizeGlyphLocations(', '    function readPostScriptTable('),
    'return sanitizeGlyphLocations;',
  ].join('\n');
  class FormatError extends Error {}
  return new Function('FormatError', body)(FormatError) as Checker;
}

interface GlyphTable {
  loca: Uint8Array;
  glyf: Uint8Array;
  numGlyphs: number;
  long: boolean;
  hintsValid: boolean;
  dupFirstEntry: boolean;
  inOrder: boolean;
}

/** Everything the check returns or changes, or the error it throws. */
function runChecker(check: Checker, t: GlyphTable): unknown {
  const loca = { data: t.loca.slice(), length: t.loca.length };
  const glyf = { data: t.glyf.slice(), length: t.glyf.length };
  try {
    const r = check(loca, glyf, t.numGlyphs, t.long, t.hintsValid, t.dupFirstEntry, 0);
    const missing = Array.from({ length: t.numGlyphs + 2 }, (_, i) => !!r.missingGlyphs[i]);
    return { loca: [...loca.data], glyf: [...glyf.data], missing, max: r.maxSizeOfInstructions };
  } catch {
    return 'throws';
  }
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A glyph table of simple glyphs (some empty, some cut short, some with instructions) and its
 * locations: in order, shuffled, with ties, zeros, and offsets past the table's end.
 */
function randomGlyphTable(random: () => number, n: number): GlyphTable {
  const int = (k: number): number => Math.floor(random() * k);
  const numGlyphs = n === 0 ? 0 : 1 + int(n % 3 === 0 ? 400 : 40);
  const long = random() < 0.5;
  const parts: number[][] = [];
  for (let g = 0; g < numGlyphs; g++) {
    if (random() < 0.4) {
      parts.push([]);
      continue;
    }
    const contours = int(4) - (random() < 0.1 ? 2 : 0);
    const glyph = [contours >> 8, contours & 255, ...Array.from({ length: 8 }, () => int(256))];
    let points = 0;
    for (let c = 0; c < Math.max(contours, 0); c++) {
      points += 1 + int(4);
      glyph.push(0, points - 1);
    }
    const instructions = random() < 0.3 ? int(6) : 0;
    glyph.push(0, instructions, ...Array.from({ length: instructions }, () => int(256)));
    for (let k = 0; k < points + int(6); k++) glyph.push(random() < 0.8 ? int(64) : int(256));
    if (random() < 0.2) glyph.length = Math.max(0, glyph.length - int(8));
    while (glyph.length % 2) glyph.push(0);
    parts.push(glyph);
  }
  const glyf = Uint8Array.from(parts.flat());
  const offsets = [0];
  for (const p of parts) offsets.push(offsets.at(-1)! + p.length);
  const mode = n % 4;
  if (mode === 1) for (let i = offsets.length - 1; i > 0; i--) (j => ([offsets[i], offsets[j]] = [offsets[j]!, offsets[i]!]))(int(i + 1));
  if (mode === 2) for (let k = 0; k < 3; k++) offsets[int(offsets.length)] = random() < 0.5 ? 0 : glyf.length + 2 * int(100);
  if (mode === 3 && offsets.length > 3) offsets[1] = offsets[2] = 0;
  const inOrder = offsets.every((o, i) => i === 0 || o >= offsets[i - 1]!);
  const size = long ? 4 : 2;
  const loca = new Uint8Array((numGlyphs + 1 + int(2)) * size);
  offsets.forEach((o, i) => {
    if (long) new DataView(loca.buffer).setUint32(i * 4, o);
    else new DataView(loca.buffer).setUint16(i * 2, o >> 1);
  });
  return { loca, glyf, numGlyphs, long, hintsValid: random() < 0.5, dupFirstEntry: random() < 0.8, inOrder };
}
