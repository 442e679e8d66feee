import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry, Manifest } from '../src/batch/manifest.js';
import { type Document, DocumentSchema } from '../src/model/document.js';
import { writeDocuments, writerFor } from '../src/write/index.js';
import { fixture } from './helpers/expected.js';
import { buildZip } from './helpers/zip-build.js';

/**
 * End to end, through bin/ptarget.js (built by `npm test`): a folder of the fixtures plus a zip
 * with a GBK-named member, a corrupt PDF and a "../evil.pdf" member. PDF results are not
 * hard-coded (they depend on the PDF extractor); text, HTML and Markdown counts are exact.
 */

const BIN = resolve(import.meta.dirname, '../bin/ptarget.js');
const GBK_NAME = Uint8Array.from([...Buffer.from('2023/'), 0xbc, 0xa8, 0xd0, 0xa7, 0xc4, 0xbf, 0xb1, 0xea, ...Buffer.from('.txt')]); // 2023/绩效目标.txt
const LONG = 180_000;

let root: string;

function run(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'buffer',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: LONG,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(root, dir, 'manifest.json'), 'utf8')) as Manifest;
const ok = (m: Manifest): Entry[] => m.inputs.filter((e) => e.status !== 'failed');
const byPath = (m: Manifest, path: string): Entry => {
  const e = m.inputs.find((x) => x.path === path);
  if (!e) throw new Error(`no manifest entry for ${path}: ${m.inputs.map((x) => x.path).join(', ')}`);
  return e;
};

/** Every file under dir (relative path → bytes), for byte-for-byte comparisons. */
function snapshot(dir: string, except: string[] = []): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(join(d, e.name), r);
      else if (!except.includes(r)) out.set(r, readFileSync(join(d, e.name)));
    }
  };
  visit(join(root, dir), '');
  return out;
}

/** Records in a CSV text: CRLF outside quotes (fields may hold line breaks). */
function csvRecords(text: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\r' && text[i + 1] === '\n') n++;
  }
  return n;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ptarget-batch-'));
  const archive = join(root, 'archive');
  mkdirSync(join(archive, 'nested'), { recursive: true });
  for (const f of readdirSync(fixture('shared'))) {
    if (/\.(pdf|docx|txt)$/.test(f)) copyFileSync(fixture(`shared/${f}`), join(archive, f));
  }
  copyFileSync(fixture('html/mof-form.html'), join(archive, 'nested', 'mof-form.html'));
  copyFileSync(fixture('markdown/shanghai-form.md'), join(archive, 'nested', 'shanghai-form.md'));
  writeFileSync(join(archive, 'budget.ppt'), 'not ours'); // left out, with a note
  writeFileSync(join(archive, '.DS_Store'), 'junk'); // left out silently
  const seed = readFileSync(fixture('shared/shanghai-fwzk-2023-summary.txt'));
  const zip = buildZip([
    { name: GBK_NAME, data: seed },
    { name: 'forms/shanghai-form.md', data: readFileSync(fixture('markdown/shanghai-form.md')) },
    { name: 'forms/shanghai-2023.pdf', data: readFileSync(fixture('shared/shanghai-2023.pdf')) },
    { name: 'broken.pdf', data: '%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a PDF body\n' },
    { name: '../evil.pdf', data: '%PDF-1.7 evil' },
    { name: '__MACOSX/forms/._shanghai-form.md', data: 'resource fork' },
  ]);
  writeFileSync(join(archive, 'bundle.zip'), zip);
}, LONG);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('batch: a folder of fixtures with a zip', () => {
  let first: ReturnType<typeof run>;
  let manifest: Manifest;
  let firstOut: Map<string, Buffer>;

  beforeAll(() => {
    first = run(['parse', 'archive', '-o', 'out/', '-j', '2']);
    manifest = readManifest('out');
    firstOut = snapshot('out', ['manifest.json']);
  }, LONG);

  it('converts every good input, names the bad ones, exits 1', () => {
    expect(first.code).toBe(1);
    expect(first.stdout.length).toBe(0);
    const paths = manifest.inputs.map((e) => e.path);
    // input order: sorted within the folder; the zip's refusals, then its members sorted, where the zip sorts
    const sorted = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const plain = paths.filter((p) => !p.startsWith('archive/bundle.zip/'));
    expect(plain).toEqual(sorted(plain));
    const inZip = paths.filter((p) => p.startsWith('archive/bundle.zip/'));
    expect(inZip).toEqual([
      'archive/bundle.zip/../evil.pdf',
      'archive/bundle.zip/2023/绩效目标.txt',
      'archive/bundle.zip/broken.pdf',
      'archive/bundle.zip/forms/shanghai-2023.pdf',
      'archive/bundle.zip/forms/shanghai-form.md',
    ]);
    expect(paths.indexOf(inZip[0]!)).toBe(paths.indexOf(plain.find((p) => p > 'archive/bundle.zip')!) - inZip.length);
    expect(paths).toContain('archive/shanghai-fwzk-2023-summary.txt');
    expect(paths).toContain('archive/nested/mof-form.html');
    expect(paths).not.toContain('archive/budget.ppt');
    expect(paths.some((p) => p.includes('__MACOSX') || p.includes('.DS_Store'))).toBe(false);

    expect(byPath(manifest, 'archive/shanghai-fwzk-2023-summary.txt')).toMatchObject({ status: 'converted', forms: 6, indicators: 108 });
    expect(byPath(manifest, 'archive/bundle.zip/2023/绩效目标.txt')).toMatchObject({
      status: 'converted',
      forms: 6,
      indicators: 108,
      output: 'archive/bundle.zip/2023/绩效目标.txt.json',
    });
    expect(byPath(manifest, 'archive/nested/mof-form.html')).toMatchObject({ status: 'converted', forms: 1, indicators: 6 });
    expect(byPath(manifest, 'archive/nested/shanghai-form.md')).toMatchObject({ status: 'converted', forms: 1, indicators: 4 });
    expect(byPath(manifest, 'archive/bundle.zip/forms/shanghai-form.md')).toMatchObject({ status: 'converted', indicators: 4 });

    const broken = byPath(manifest, 'archive/bundle.zip/broken.pdf');
    expect(broken).toMatchObject({ status: 'failed', output: null, forms: null });
    expect(broken.error).toMatch(/^archive\/bundle\.zip\/broken\.pdf: /);
    const evil = byPath(manifest, 'archive/bundle.zip/../evil.pdf');
    expect(evil).toMatchObject({ status: 'failed', sha256: null, output: null });
    expect(evil.error).toMatch(/refused: .*leaves the archive/);

    // the summary names every failure; every entry is accounted for
    for (const e of manifest.inputs.filter((x) => x.status === 'failed')) expect(first.stderr).toContain(e.error!);
    expect(manifest.totals.failed).toBe(manifest.inputs.length - ok(manifest).length);
    expect(manifest.totals.converted).toBe(ok(manifest).length);
    expect(manifest.notes.join('\n')).toMatch(/left out 1 file .*\.ppt 1/);
    expect(first.stderr).toMatch(/failed:/);
    expect(first.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes one JSON per converted input, mirroring its path', () => {
    for (const e of ok(manifest)) {
      const doc = DocumentSchema.parse(JSON.parse(readFileSync(join(root, 'out', e.output!), 'utf8')));
      expect(doc.source.path).toBe(e.path);
      expect(doc.source.sha256).toBe(e.sha256);
      expect(doc.forms.reduce((n, f) => n + f.indicators.length, 0)).toBe(e.indicators);
    }
    expect(existsSync(join(root, 'out/archive/bundle.zip/broken.pdf.json'))).toBe(false);
    expect(readdirSync(join(root, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes combined CSVs: one row per indicator (and per form) across all inputs, in input order', async () => {
    const docs: Document[] = ok(manifest).map((e) => JSON.parse(readFileSync(join(root, 'out', e.output!), 'utf8')) as Document);
    const indicators = readFileSync(join(root, 'out/indicators.csv'), 'utf8');
    const forms = readFileSync(join(root, 'out/forms.csv'), 'utf8');
    // the same bytes as the CSV writer gives for all the documents at once (as `-o x.csv` would)
    expect(indicators).toBe(await writeDocuments(writerFor({ format: 'csv', table: 'indicators' }), docs, 'file'));
    expect(forms).toBe(await writeDocuments(writerFor({ format: 'csv', table: 'forms' }), docs, 'file'));
    expect(csvRecords(indicators) - 1).toBe(manifest.totals.indicators);
    expect(manifest.totals.indicators).toBe(ok(manifest).reduce((n, e) => n + e.indicators!, 0));
    expect(csvRecords(forms) - 1).toBe(manifest.totals.forms);
    expect(manifest.totals.indicators).toBeGreaterThanOrEqual(108 * 2 + 6 + 4 + 4);
  });

  it('converts nothing on a second run and says so; the outputs stay byte for byte', () => {
    const again = run(['parse', 'archive', '-o', 'out/', '-j', '2']);
    expect(again.code).toBe(1); // the bad inputs are still bad
    expect(again.stderr).toMatch(/Nothing converted: \d+ inputs unchanged since the last run were skipped/);
    const m = readManifest('out');
    expect(m.totals.converted).toBe(0);
    expect(m.totals.skipped).toBe(ok(manifest).length);
    expect(m.inputs.map((e) => [e.path, e.sha256, e.output, e.indicators])).toEqual(
      manifest.inputs.map((e) => [e.path, e.sha256, e.output, e.indicators]),
    );
    const now = snapshot('out', ['manifest.json']);
    expect([...now.keys()]).toEqual([...firstOut.keys()]);
    for (const [k, v] of firstOut) expect(Buffer.compare(now.get(k)!, v), k).toBe(0);
  }, LONG);

  it('--force converts everything again; -j 1 writes exactly what -j 2 wrote', () => {
    const forced = run(['parse', 'archive', '-o', 'out/', '--force', '-j', '1', '-q']);
    expect(forced.code).toBe(1);
    // -q: only the failures, one line each
    const failures = manifest.inputs.filter((e) => e.status === 'failed');
    expect(forced.stderr.trim().split('\n')).toEqual(failures.map((e) => `ptarget: ${e.error}`));
    const m = readManifest('out');
    expect(m.totals.converted).toBe(ok(manifest).length);
    expect(m.totals.skipped).toBe(0);
    const strip = (x: Manifest) => ({ ...x, inputs: x.inputs.map((e) => ({ ...e, milliseconds: 0 })) });
    expect(strip(m)).toEqual(strip(manifest));
    const now = snapshot('out', ['manifest.json']);
    expect([...now.keys()]).toEqual([...firstOut.keys()]);
    for (const [k, v] of firstOut) expect(Buffer.compare(now.get(k)!, v), k).toBe(0);
  }, LONG);

  it('re-converts an input whose bytes changed, and only that one', () => {
    const dir = join(root, 'grow');
    mkdirSync(dir);
    copyFileSync(fixture('markdown/shanghai-form.md'), join(dir, 'a.md'));
    copyFileSync(fixture('html/mof-form.html'), join(dir, 'b.html'));
    expect(run(['parse', 'grow', '-o', 'grow-out', '-q']).code).toBe(0); // grow-out does not exist yet: a folder since grow is one
    writeFileSync(join(dir, 'b.html'), readFileSync(fixture('html/mof-form.html'), 'utf8').replace('社区养老服务补助', '社区养老服务补贴'));
    cpSync(fixture('shared/shanghai-fwzk-2023-summary.txt'), join(dir, 'c.txt'));
    const r = run(['parse', 'grow', '-o', 'grow-out', '-j', '2']);
    expect(r.code).toBe(0);
    expect(readManifest('grow-out').inputs.map((e) => [e.path, e.status])).toEqual([
      ['grow/a.md', 'skipped'],
      ['grow/b.html', 'converted'],
      ['grow/c.txt', 'converted'],
    ]);
    expect(readFileSync(join(root, 'grow-out/indicators.csv'), 'utf8')).toContain('社区养老服务补贴');
    // --all-pages may read more forms from a PDF: a manifest written without it stands for nothing, and back
    const statuses = () => readManifest('grow-out').inputs.map((e) => e.status);
    expect(run(['parse', 'grow', '-o', 'grow-out', '-q', '--all-pages']).code).toBe(0);
    expect(statuses()).toEqual(['converted', 'converted', 'converted']);
    expect(readManifest('grow-out').settings).toEqual({ allPages: true });
    expect(run(['parse', 'grow', '-o', 'grow-out', '-q', '--all-pages']).code).toBe(0);
    expect(statuses()).toEqual(['skipped', 'skipped', 'skipped']);
    expect(run(['parse', 'grow', '-o', 'grow-out', '-q']).code).toBe(0);
    expect(statuses()).toEqual(['converted', 'converted', 'converted']);
  }, LONG);
});

describe('batch: streams and inputs', () => {
  it('--format ndjson: one compact document per line in input order; failures only on stderr', () => {
    const r = run(['parse', 'archive/nested', 'archive/bundle.zip', '--format', 'ndjson', '-j', '2']);
    expect(r.code).toBe(1);
    const lines = r.stdout.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    const docs = lines.map((l) => DocumentSchema.parse(JSON.parse(l)));
    const paths = docs.map((d) => d.source.path);
    expect(paths.slice(0, 2)).toEqual(['archive/nested/mof-form.html', 'archive/nested/shanghai-form.md']);
    expect(paths).toContain('archive/bundle.zip/2023/绩效目标.txt');
    expect(paths).not.toContain('archive/bundle.zip/broken.pdf');
    expect(r.stderr).toContain('archive/bundle.zip/broken.pdf: ');
    expect(r.stderr).toContain('archive/bundle.zip/../evil.pdf: refused');
  }, LONG);

  it('quoted glob patterns are expanded; a file named twice is converted once', () => {
    const r = run(['parse', 'archive/nested/*.{md,html}', 'archive/nested/shanghai-form.md', '-f', 'csv']);
    expect(r.code).toBe(0);
    const text = r.stdout.toString('utf8');
    expect(text.startsWith('source,')).toBe(true); // no BOM on a stream
    expect(csvRecords(text)).toBe(1 + 6 + 4);
    expect(text.indexOf('archive/nested/mof-form.html')).toBeLessThan(text.indexOf('archive/nested/shanghai-form.md'));
    expect(r.stderr).toMatch(/converted\s+2\b/);
  }, LONG);

  it('a pattern matching nothing is a failed input, not a usage error', () => {
    const r = run(['parse', 'archive/*.nothing', 'archive/nested/shanghai-form.md', '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('ptarget: archive/*.nothing: no files match this pattern');
    expect(r.stdout.toString().split('\n')).toHaveLength(2);
  }, LONG);

  it('one plain file with -o naming a folder is a batch of one', () => {
    const r = run(['parse', 'archive/nested/shanghai-form.md', '-o', 'single-out/', '-q']);
    expect(r.code).toBe(0);
    expect(readManifest('single-out').inputs).toHaveLength(1);
    expect(existsSync(join(root, 'single-out/archive/nested/shanghai-form.md.json'))).toBe(true);
  }, LONG);
});

describe('batch: usage errors exit 2 and explain', () => {
  // the full set of combinations is in batch-units.test.ts (planParse); these go through the CLI
  it.each([
    [['archive/nested/mof-form.html', 'archive/nested/shanghai-form.md', '-o', 'x.json'], /several inputs, so -o must name a folder/],
    [['archive', '-o', 'x.json'], /archive is a directory, so -o must name a folder/],
    [['archive', '-j', '0'], /at least 1/],
  ])('%j', (args, message) => {
    const r = run(['parse', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2); // the reason (and commander's pointer to --help)
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'x.json'))).toBe(false);
  });
});
