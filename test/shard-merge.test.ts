import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/batch/manifest.js';
import { parseShard, shardOf } from '../src/batch/shard.js';
import { fixture } from './helpers/expected.js';

// --shard K/N over 3 shards, then `ptarget merge`: the same folder, byte for byte, as one run over
// every input (the manifest's conversion times aside), through bin/ptarget.js (built by `npm test`).

const BIN = resolve(import.meta.dirname, '../bin/ptarget.js');
let root: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 180_000 });
  return { code: r.status, stderr: r.stderr };
}

/** Every file of a folder, relative path → bytes; manifest.json without its timings. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(root, dir, rel);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // a folder
    }
    // the workbook lists the manifest's inputs with their conversion times, which differ by run
    if (rel.endsWith('.xlsx')) continue;
    if (rel === 'manifest.json') {
      const m = JSON.parse(text) as Manifest;
      text = JSON.stringify({ ...m, inputs: m.inputs.map((e) => ({ ...e, milliseconds: 0 })) }, null, 2);
    }
    out[rel] = text;
  }
  return out;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ptarget-shard-'));
  mkdirSync(join(root, 'in/sub'), { recursive: true });
  for (const dir of ['layouts', 'text', 'markdown', 'html']) cpSync(fixture(dir), join(root, 'in', dir), { recursive: true });
  cpSync(fixture('pdf/borderless-form.pdf'), join(root, 'in/sub/borderless-form.pdf'));
  writeFileSync(join(root, 'in/sub/broken.pdf'), '%PDF-1.7 not really');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--shard and merge', () => {
  it('parses K/N and splits by path hash', () => {
    expect(parseShard('2/3')).toEqual({ k: 2, n: 3 });
    expect(parseShard('0/3')).toBeNull();
    expect(parseShard('4/3')).toBeNull();
    expect(parseShard('x')).toBeNull();
    expect(shardOf('in/a.pdf', 3)).toBe(shardOf('in/a.pdf', 3));
    const slices = new Set(Array.from({ length: 60 }, (_, i) => shardOf(`in/${i}.pdf`, 3)));
    expect([...slices].sort()).toEqual([1, 2, 3]);
  });

  it('three shards merged equal one run, byte for byte', () => {
    expect([0, 1]).toContain(run(['parse', 'in', '-o', 'one', '-q']).code);
    for (const k of [1, 2, 3]) expect([0, 1]).toContain(run(['parse', 'in', '-o', `s${k}`, '-q', '--shard', `${k}/3`]).code);
    const sizes = [1, 2, 3].map((k) => (JSON.parse(readFileSync(join(root, `s${k}/manifest.json`), 'utf8')) as Manifest).inputs.length);
    expect(sizes.every((n) => n > 0)).toBe(true);
    const merged = run(['merge', 's3', 's1', 's2', '-o', 'all']);
    expect(merged.stderr).toMatch(/merged 3 folders/);
    expect(merged.code).toBe(0);
    const one = snapshot('one');
    expect(Object.keys(one)).toContain('indicators.csv');
    expect(snapshot('all')).toEqual(one);
  }, 300_000);

  it('refuses an incomplete set of shards', () => {
    const r = run(['merge', 's1', 's2', '-o', 'part']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/shard 3 of 3 is missing/);
  }, 60_000);
});
