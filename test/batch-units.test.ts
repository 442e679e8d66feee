import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, looksLikeGlob } from '../src/io/inputs.js';
import { buildManifest, type Entry, reusable } from '../src/batch/manifest.js';
import { planParse, UsageError } from '../src/cli/plan.js';
import { looksLikeBatch } from '../src/batch/early.js';
import { mirrorPath, nameOutputs, outputNames, sanitiseSegment } from '../src/batch/names.js';
import { runOrdered } from '../src/batch/ordered.js';
import { renderBar } from '../src/cli/progress.js';
import { render } from '../src/batch/render.js';
import { ItemReader } from '../src/io/items.js';
import { renderSummary } from '../src/cli/batch-summary.js';
import { streamWriterFor, TABLE_NAMES, type WriterSpec } from '../src/write/index.js';
import { parseFixture } from './helpers/expected.js';
import { buildZip } from './helpers/zip-build.js';

const GBK_JIXIAO = [0xbc, 0xa8, 0xd0, 0xa7]; // 绩效

describe('planParse: single file or batch', () => {
  const kinds: Record<string, 'file' | 'dir'> = { 'a.pdf': 'file', 'b.txt': 'file', dir: 'dir', out: 'dir', 'x.json': 'file', 'a[1].pdf': 'file' };
  const kind = (p: string) => kinds[p] ?? null;
  const plan = (inputs: string[], flags = {}) => planParse(inputs, flags, kind);

  it('keeps one plain file (or stdin) single, whatever -o file says', () => {
    expect(plan(['a.pdf'])).toEqual({ mode: 'single' });
    expect(plan(['a.pdf'], { output: 'a.json' })).toEqual({ mode: 'single' });
    expect(plan(['a.pdf'], { output: 'new-name' })).toEqual({ mode: 'single' });
    expect(plan(['-'], { format: 'csv' })).toEqual({ mode: 'single' });
    expect(plan(['missing.pdf'])).toEqual({ mode: 'single' }); // fails later as "no such file"
    expect(plan(['a[1].pdf'])).toEqual({ mode: 'single' }); // an existing file, not a pattern
    expect(plan(['报告(1).pdf'])).toEqual({ mode: 'single' }); // parentheses alone are no glob
  });

  it('makes a batch of several inputs, folders, globs, zips, -o folders and ndjson', () => {
    expect(plan(['a.pdf', 'b.txt'], { output: 'o' })).toEqual({ mode: 'batch', outDir: 'o', stream: 'ndjson' });
    expect(plan(['dir'])).toEqual({ mode: 'batch', outDir: null, stream: 'ndjson' });
    expect(plan(['*.pdf'], { format: 'csv' })).toEqual({ mode: 'batch', outDir: null, stream: 'indicators' });
    expect(plan(['x.zip'], { table: 'forms' })).toEqual({ mode: 'batch', outDir: null, stream: 'forms' });
    expect(plan(['a.pdf'], { output: 'out' })).toEqual({ mode: 'batch', outDir: 'out', stream: 'ndjson' });
    expect(plan(['a.pdf'], { output: 'fresh/' })).toEqual({ mode: 'batch', outDir: 'fresh/', stream: 'ndjson' });
    expect(plan(['a.pdf'], { format: 'ndjson' })).toEqual({ mode: 'batch', outDir: null, stream: 'ndjson' });
  });

  it.each([
    [['a.pdf', 'b.txt'], { output: 'x.json' }, /several inputs, so -o must name a folder/],
    [['dir'], { output: 'all.csv' }, /dir is a directory, so -o must name a folder/],
    [['dir', 'a.pdf'], { output: 'x.json' }, /must name a folder/], // an existing file
    [['dir', '-'], {}, /standard input.*cannot be combined/],
    [['dir'], { output: 'o/', format: 'ndjson' }, /leave out -o/],
    [['a.pdf'], { output: 'a.json', format: 'ndjson' }, /leave out -o/],
    [['dir'], { output: 'o/', table: 'forms' }, /--table choose what is streamed/],
    [['dir'], { format: 'json' }, /JSON output needs -o FOLDER/],
    [['dir'], { format: 'ndjson', table: 'forms' }, /--table applies to CSV/],
  ])('%j %j is a usage error', (inputs, flags, message) => {
    expect(() => plan(inputs, flags)).toThrow(UsageError);
    expect(() => plan(inputs, flags)).toThrow(message);
  });

  // bin/ptarget.js guesses before the CLI loads, to start the conversion worker with a batch's limits
  it.each([
    [['a.pdf'], {}, false],
    [['a.pdf', '-o', 'x.json', '-q'], { output: 'x.json' }, false],
    [['a.pdf', '-j', '2', '--pages', '3'], {}, false],
    [['a[1].pdf'], {}, false],
    [['-', '-f', 'csv'], { format: 'csv' }, false],
    [['dir'], {}, true],
    [['a.pdf', '-o', 'out'], { output: 'out' }, true],
    [['a.pdf', '--output', 'fresh/'], { output: 'fresh/' }, true],
    [['a.pdf', 'b.txt', '-o', 'o/'], { output: 'o/' }, true],
    [['*.pdf', '-f', 'csv'], { format: 'csv' }, true],
    [['x.zip'], {}, true],
  ])('guesses %j a batch: %s, as planParse decides', (args, flags, batch) => {
    expect(looksLikeBatch(args, kind)).toBe(batch);
    const inputs = args.filter((a, i) => (!a.startsWith('-') || a === '-') && !/^-/.test(args[i - 1] ?? '') );
    expect(plan(inputs, flags).mode).toBe(batch ? 'batch' : 'single');
  });

  it('tells patterns from file names', () => {
    expect(looksLikeGlob('a/**/*.pdf')).toBe(true);
    expect(looksLikeGlob('a/{x,y}.md')).toBe(true);
    expect(looksLikeGlob('报告(2023).pdf')).toBe(false);
    expect(looksLikeGlob('plain.pdf')).toBe(false);
  });
});

describe('output names', () => {
  it('mirror the input path relative to the working directory, or the absolute path without its root', () => {
    expect(mirrorPath('./a/b.pdf', '/w')).toBe('a/b.pdf');
    expect(mirrorPath('/w/a/b.pdf', '/w')).toBe('a/b.pdf');
    expect(mirrorPath('../x/b.pdf', '/w/sub')).toBe('w/x/b.pdf');
    expect(mirrorPath('/data/z.zip/2023/绩效.txt', '/w')).toBe('data/z.zip/2023/绩效.txt');
  });

  it('are sanitised, unique (also without case), and never the batch files', () => {
    expect(sanitiseSegment('a:b?.pdf')).toBe('a_b_.pdf');
    expect(sanitiseSegment('CON.txt')).toBe('_CON.txt');
    expect(sanitiseSegment('trailing. ')).toBe('trailing__');
    expect(Buffer.byteLength(sanitiseSegment('绩'.repeat(200)))).toBeLessThanOrEqual(200);
    expect(outputNames(['a/B.pdf', 'a/b.pdf', 'manifest', 'x/绩效.txt', 'a/b.pdf'])).toEqual([
      'a/B.pdf.json',
      'a/b.pdf~2.json',
      'manifest~2.json',
      'x/绩效.txt.json',
      'a/b.pdf~3.json',
    ]);
    // a file may not take the name of a folder another output needs
    expect(outputNames(['d', 'd.json/x.md'])).toEqual(['d~2.json', 'd.json/x.md.json']);
    // a refused member ("../evil.pdf") gets no name and takes none from a real input
    expect(
      nameOutputs(
        [
          { kind: 'refused', path: 'in/a.zip/../evil.pdf', error: 'x' },
          { kind: 'file', path: 'in/evil.pdf', file: '/w/in/evil.pdf' },
          { kind: 'member', path: 'in/a.zip/2023/绩效.txt', archive: '/w/in/a.zip', member: '2023/绩效.txt' },
        ],
        '/w',
      ),
    ).toEqual([null, 'in/evil.pdf.json', 'in/a.zip/2023/绩效.txt.json']);
  });
});

describe('runOrdered', () => {
  it('emits in item order whatever the finishing order, within the concurrency and window', async () => {
    const delays = [40, 5, 30, 0, 10, 25, 0, 15, 5, 35, 0, 20];
    let running = 0;
    let peak = 0;
    let maxAhead = 0;
    const emitted: number[] = [];
    const done: number[] = [];
    await runOrdered(
      delays,
      { concurrency: 3, window: 5 },
      async (ms, i) => {
        running++;
        peak = Math.max(peak, running);
        maxAhead = Math.max(maxAhead, i - emitted.length);
        await new Promise((r) => setTimeout(r, ms));
        running--;
        return i * 10;
      },
      async (r) => {
        await new Promise((res) => setTimeout(res, 1));
        emitted.push(r / 10);
      },
      (_r, i) => done.push(i),
    );
    expect(emitted).toEqual(delays.map((_, i) => i));
    expect(done).not.toEqual(emitted); // finished out of order, still emitted in order
    expect(peak).toBeLessThanOrEqual(3);
    expect(maxAhead).toBeLessThan(5);
  });

  it('starts the heaviest item the window allows first, and still emits in item order', async () => {
    const order = async (window: number) => {
      const started: number[] = [];
      const emitted: number[] = [];
      const weights = [1, 5, 2, 9, 3];
      await runOrdered(weights, { concurrency: 1, window, weight: (w) => w }, async (_w, i) => (started.push(i), i), (i) => void emitted.push(i));
      expect(emitted).toEqual([0, 1, 2, 3, 4]);
      return started;
    };
    expect(await order(5)).toEqual([3, 1, 4, 2, 0]);
    expect(await order(2)).toEqual([1, 0, 3, 2, 4]); // never further ahead of the oldest unemitted item than the window
  });

  it('resolves for no items and rejects when emit throws', async () => {
    await runOrdered([], { concurrency: 2, window: 2 }, async () => 1, () => {});
    await expect(
      runOrdered([1, 2, 3], { concurrency: 2, window: 4 }, async (x) => x, (x) => {
        if (x === 2) throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
  });
});

describe('manifest', () => {
  const entry = (path: string, status: Entry['status'], extra: Partial<Entry> = {}): Entry => ({
    path, output: `${path}.json`, sha256: `sha-${path}`, status, format: 'text', pages: null,
    forms: 1, indicators: 3, warnings: 0, error: null, milliseconds: 5, ...extra,
  });

  const filtered = { allPages: false };
  it('totals the inputs and offers converted and skipped entries of the same version and settings for reuse', () => {
    const m = buildManifest('1.0.0', 1, filtered, [
      entry('a', 'converted'),
      entry('b', 'skipped', { indicators: 4 }),
      entry('c', 'failed', { output: null, forms: null, indicators: null, error: 'c: bad' }),
    ], []);
    expect(m.totals).toEqual({ inputs: 3, converted: 1, skipped: 1, failed: 1, forms: 2, indicators: 7, warnings: 0 });
    expect([...reusable(m, '1.0.0', 1, filtered).keys()]).toEqual(['a', 'b']);
    expect(reusable(m, '1.0.1', 1, filtered).size).toBe(0); // a new version converts everything again
    expect(reusable(m, '1.0.0', 2, filtered).size).toBe(0);
    expect(reusable(m, '1.0.0', 1, { allPages: true }).size).toBe(0); // --all-pages may read more forms
    expect(reusable({ ...m, settings: undefined }, '1.0.0', 1, filtered).size).toBe(0); // settings not recorded
    expect(reusable(null, '1.0.0', 1, filtered).size).toBe(0);
  });

  it('is summarised with every failure named, and says when nothing was converted', () => {
    const m = buildManifest('1.0.0', 1, filtered, [entry('a', 'skipped'), entry('c', 'failed', { error: 'c: not a PDF file' })], ['left out 1 file']);
    const warningCodes: [string, number][] = [['missing-value', 3], ['unknown-label', 1]];
    const text = renderSummary({ manifest: m, warningCodes, elapsedMs: 1500, pages: 0, outDir: 'out/', color: false });
    expect(text).toContain('Warnings by code: missing-value 3, unknown-label 1 — every one in out/warnings.csv.');
    expect(text).toMatch(/^\s+inputs\s+forms\s+indicators\s+warnings$/m);
    expect(text).toMatch(/^skipped\s+1\s+1\s+3\s+0$/m);
    expect(text).toContain('1 failed:\n  c: not a PDF file');
    expect(text).toContain('Nothing converted: 1 input unchanged since the last run were skipped');
    expect(text).toContain('note: left out 1 file');
    expect(text).not.toMatch(/\x1b\[/);
  });

  it('lists in its last line only the files a full disk let be written', () => {
    const m = buildManifest('1.0.0', 1, filtered, [entry('a', 'converted'), entry('b', 'converted'), entry('c', 'converted')], []);
    const render = (unwritten: string[]): string =>
      renderSummary({ manifest: m, warningCodes: [], elapsedMs: 1500, pages: 0, outDir: 'out', color: false, unwritten }).trimEnd().split('\n').at(-1)!;
    expect(render([])).toMatch(/^out: 3 JSON files, indicators\.csv, forms\.csv, warnings\.csv, workbook\.xlsx, manifest\.json \(/);
    expect(render(['out/c.json', 'out/forms.csv', 'out/manifest.json'])).toMatch(/^out: 2 JSON files, indicators\.csv, warnings\.csv, workbook\.xlsx \(/);
  });
});

describe('progress line', () => {
  it('shows files done of total, pages per second and failures, fitted to the width', () => {
    const c = new Chalk({ level: 0 });
    const line = renderBar({ done: 5, total: 20, failed: 1, pages: 30, converted: 4, elapsedMs: 10_000 }, 80, c);
    expect(line).toMatch(/^\[█{10}·{30}\] 5\/20 · 3\.0 pages\/s · 1 failed · 0:10$/);
    expect(line.length).toBeLessThan(80);
    expect(renderBar({ done: 1, total: 2, failed: 0, pages: 0, converted: 1, elapsedMs: 2000 }, 30, c)).toBe('1/2 · 0.5 files/s · 0:02');
  });
});

describe('render', () => {
  it("gives each document's part of every output asked for, and the counts for the manifest", async () => {
    const docs = [await parseFixture('html/mof-form.html'), await parseFixture('markdown/shanghai-form.md')];
    const specs: WriterSpec[] = [{ format: 'ndjson' }, ...TABLE_NAMES.map((table): WriterSpec => ({ format: 'csv', table }))];
    const r = render(docs[0]!, specs);
    expect(r).toMatchObject({ format: 'html', forms: 1, indicators: 6 });
    expect(r.parts).toHaveLength(4);
    expect(r.parts[0]!.endsWith('}\n')).toBe(true);
    expect(r.parts[0]!.split('\n')).toHaveLength(2);
    expect(JSON.parse(r.parts[0]!)).toEqual(docs[0]);
    expect(r.parts[1]!.split('\r\n')).toHaveLength(6 + 1); // one line per indicator, no header
    expect(r.parts[2]!.split('\r\n')).toHaveLength(1 + 1);
    // parts of several documents join under one header, as a batch stream writes them
    const csv = streamWriterFor(specs[1]!);
    const joined = csv.head('stream') + docs.map((d) => render(d, [specs[1]!]).parts[0]).join('');
    expect(joined.split('\r\n').filter((l) => l.startsWith('source,'))).toHaveLength(1);
    expect(joined.split('\r\n')).toHaveLength(1 + docs.reduce((n, d) => n + render(d, []).indicators, 0) + 1);
  });
});

describe('expandInputs', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ptarget-inputs-'));
    mkdirSync(join(root, 'in/b/c'), { recursive: true });
    mkdirSync(join(root, 'in/.git'));
    mkdirSync(join(root, 'in/out'));
    for (const f of ['in/z.pdf', 'in/a.txt', 'in/b/c/d.docx', 'in/b.md', 'in/photo.jpg', 'in/.hidden.pdf', 'in/~$lock.docx', 'in/.git/x.txt', 'in/out/old.txt', 'in/B.HTML']) {
      writeFileSync(join(root, f), 'x');
    }
    symlinkSync(join(root, 'in/b'), join(root, 'in/loop'));
    mkdirSync(join(root, 'in/old-run'));
    writeFileSync(join(root, 'in/old-run/manifest.json'), '{\n  "tool": "ptarget",\n  "version": "0.0.1"\n}\n');
    writeFileSync(join(root, 'in/old-run/indicators.csv'), 'source,form\r\n');
    writeFileSync(
      join(root, 'in/pack.zip'),
      buildZip([
        { name: 'z/late.md', data: '| a |' },
        { name: Uint8Array.from([...GBK_JIXIAO, ...Buffer.from('.txt')]), data: 'gbk' },
        { name: '../evil.pdf', data: 'x' },
        { name: 'inner.zip', data: 'x' },
        { name: '__MACOSX/._late.md', data: 'x' },
      ]),
    );
    writeFileSync(join(root, 'broken.zip'), 'PK\u0003\u0004 truncated');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('walks folders sorted, keeps documents, opens zips in place, leaves out the rest', async () => {
    const { items, ignored, notes } = await expandInputs(['in', 'in/a.txt', 'in/photo.jpg'], { cwd: root, exclude: 'in/out' });
    expect(items.map((i) => `${i.kind} ${i.path}`)).toEqual([
      'file in/B.HTML',
      'file in/a.txt',
      'file in/b.md',
      'file in/b/c/d.docx',
      'refused in/pack.zip/../evil.pdf',
      'member in/pack.zip/z/late.md',
      'member in/pack.zip/绩效.txt',
      'file in/z.pdf',
      'file in/photo.jpg', // named explicitly: taken as is
    ]);
    expect(Object.fromEntries(ignored)).toEqual({ '.jpg': 1, '.zip': 1 });
    expect(notes).toEqual(['in/old-run: left out, a ptarget output folder']);
    const evil = items[4]!;
    expect(evil.kind === 'refused' && evil.error).toMatch(/^in\/pack\.zip\/\.\.\/evil\.pdf: refused: /);
  });

  it('expands glob patterns relative to their fixed part; no match is a refused input', async () => {
    const { items } = await expandInputs([join(root, 'in/**/*.{docx,md}'), 'in/*.nothing'], { cwd: root });
    expect(items.map((i) => i.path)).toEqual([join(root, 'in/b.md'), join(root, 'in/b/c/d.docx'), 'in/*.nothing']);
    expect(items[2]).toMatchObject({ kind: 'refused', error: 'in/*.nothing: no files match this pattern' });
  });

  it('reports a damaged archive as one refused input, and reads members on demand', async () => {
    const { items } = await expandInputs(['broken.zip', 'in/pack.zip'], { cwd: root });
    expect(items[0]).toMatchObject({ kind: 'refused', path: 'broken.zip' });
    expect(items[0]!.kind === 'refused' && items[0]!.error).toMatch(/^broken\.zip: damaged or not a zip archive/);
    const reader = new ItemReader();
    const member = items.find((i) => i.path === 'in/pack.zip/绩效.txt')!;
    if (member.kind !== 'member') throw new Error('not a member');
    expect(Buffer.from(await reader.read(member)).toString()).toBe('gbk');
    expect(readFileSync(join(root, 'in/a.txt'), 'utf8')).toBe('x');
  });

  it('notes an empty folder', async () => {
    mkdirSync(join(root, 'empty'));
    const { items, notes } = await expandInputs(['empty'], { cwd: root });
    expect(items).toEqual([]);
    expect(notes).toEqual(['empty: no documents in this folder']);
  });
});
