import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './helpers/expected.js';

const BIN = resolve(import.meta.dirname, '../bin/ptarget.js');
const SEED = fixture('shared/shanghai-fwzk-2023-summary.txt');

function run(args: string[], input?: Buffer | string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'buffer', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ptarget-cli-'));
});

describe('ptarget parse', () => {
  it('writes JSON to a file and a summary to stderr', () => {
    const out = join(dir, 'seed.json');
    const r = run(['parse', SEED, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain('6 forms, 108 indicators');
    expect(r.stderr).toContain('missing-value');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.forms).toHaveLength(6);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives the same forms from stdin, and byte-identical output run to run', () => {
    const fromFile = run(['parse', SEED, '-q']);
    const again = run(['parse', SEED, '-q']);
    expect(Buffer.compare(fromFile.stdout, again.stdout)).toBe(0);
    const fromStdin = run(['parse', '-', '-q'], readFileSync(SEED));
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout.toString()).forms).toEqual(JSON.parse(fromFile.stdout.toString()).forms);
    expect(fromFile.stderr).toBe('');
  });

  it('writes CSV: a BOM in files, none on stdout, one row per indicator', () => {
    const out = join(dir, 'seed.csv');
    expect(run(['parse', SEED, '-o', out, '-q']).code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(109);
    expect(lines[0]).toBe(
      'source,form,year,project,project_code,department,implementer,level1,level2,indicator,raw,operator,number,unit,text,page,weight,term,' +
        'kind,stage,actual_raw,actual_operator,actual_number,actual_unit,actual_text,score,notes',
    );
    expect(lines[1]).toContain('机房电费');
    // text a spreadsheet would run as a formula gets a leading apostrophe (--csv-raw keeps it as printed)
    expect(lines[1]).toContain(",产出指标,数量指标,计划机房供电天数,'=365(天),'=,365,天,,");
    expect(lines[1]).toMatch(/,annual,project,target,,,,,,,$/);
    const stdout = run(['parse', SEED, '-f', 'csv', '-q']).stdout;
    expect(stdout[0]).toBe('s'.charCodeAt(0));
  });

  it('writes what the writers make of the converted document, byte for byte, to a file and to stdout', async () => {
    // the worker makes the output file; the main thread passes its bytes through
    const { convert } = await import('../src/convert.js');
    const { writeDocuments, writerFor } = await import('../src/write/index.js');
    const doc = await convert({ path: SEED, bytes: readFileSync(SEED) });
    const out = join(dir, 'bytes.json');
    expect(run(['parse', SEED, '-o', out, '-q']).code).toBe(0);
    expect(readFileSync(out).toString('utf8')).toBe(await writeDocuments(writerFor({ format: 'json' }), [doc], 'file'));
    const forms = await writeDocuments(writerFor({ format: 'csv', table: 'forms' }), [doc], 'stream');
    expect(run(['parse', SEED, '-f', 'csv', '--table', 'forms', '-q']).stdout.toString('utf8')).toBe(forms);
  });

  it('writes one CSV row per form with --table forms', () => {
    const r = run(['parse', SEED, '--table', 'forms', '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]!.split(',')).toHaveLength(32);
    expect(lines[0]).toMatch(/,pages,kind,stage,eval_budget,eval_executed,eval_rate,eval_score,tasks$/);
    expect(lines[1]).toContain(',元,360000,360000,0,0,');
    expect(lines[1]).toMatch(/,project,target,,,,,0$/);
  });
});

describe('bad input', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => join(dir, 'nope.txt'), /nope\.txt: no such file/],
    // a directory is a batch input now: with -o FILE it is a usage error (test/batch.test.ts)
    ['an empty file', () => write('empty.txt', ''), /empty\.txt: empty file/],
    ['binary garbage', () => write('garbage.bin', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))), /garbage\.bin: not/],
    ['a mislabelled PDF', () => write('fake.pdf', 'hello'), /fake\.pdf: not a PDF/],
  ];
  it.each(cases)('%s: one line naming the file, exit 1, no output file', (_what, make, message) => {
    const input = make();
    const out = join(dir, 'bad-out.json');
    const r = run(['parse', input, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['parse']],
    [['parse', SEED, '-f', 'xml']],
    [['parse', SEED, '--table', 'forms', '-f', 'json']],
    [['parse', SEED, '--bogus']],
    // a PDF's conversion worker starts before the CLI reads its options (batch/early.ts), and must not outlive them
    [['parse', 'missing.pdf', '--bogus']],
    [['frobnicate']],
  ])('usage error %j exits 2', (args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toBe('');
  });
});

describe('ptarget schema and --version', () => {
  it('prints the JSON Schema of the output', () => {
    const r = run(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout.toString());
    expect(schema.properties.forms.items.properties.indicators.items.required).toContain('term');
    const form = schema.properties.forms.items;
    expect(form.required).toEqual(expect.arrayContaining(['kind', 'stage', 'tasks', 'evaluation']));
    expect(form.properties.kind.enum).toEqual(['project', 'department']);
    expect(form.properties.indicators.items.required).toEqual(expect.arrayContaining(['actual', 'score', 'extra']));
    expect(schema.properties.schemaVersion.const).toBe(1);
  });

  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8'));
    expect(run(['--version']).stdout.toString().trim()).toBe(pkg.version);
  });
});

function write(name: string, data: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
