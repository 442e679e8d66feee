import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../src/io/bundle.js';
import { cacheFileOf } from '../src/io/cached-script.js';

// The build's bundles (src/io/bundle.ts, scripts/build-bundle.js): one script each for the CLI and the
// conversion worker, ASCII, with code caches V8 takes. The CLI tests (cli.test.ts) run bin/ptarget.js,
// which loads them, and compare its output with what the modules under src/ make.

const DIST = resolve(import.meta.dirname, '../dist');
const files = (['cli', 'worker'] as const).map((name) => resolve(DIST, 'bundle', `${name}.js`));

describe('bundles', () => {
  it('were built into dist/bundle, ASCII, each module of ptarget in them once', () => {
    expect(bundleFile('cli')).toMatch(/src[/\\]bundle[/\\]cli\.js$/); // under vitest: none beside the sources
    for (const file of files) {
      expect(existsSync(file), `${file}: run npm ci (it installs esbuild) and npm run build`).toBe(true);
      const text = readFileSync(file, 'latin1');
      expect(/[^\x00-\x7f]/.test(text)).toBe(false);
      expect(text).not.toMatch(/import\.meta/);
    }
    expect(readFileSync(files[1]!, 'latin1')).toMatch(/function convert\(/);
  });

  it('have code caches that V8 takes in a fresh process', () => {
    const check = `const vm = require('node:vm'), fs = require('node:fs');
      for (const f of process.argv.slice(1)) {
        const s = new vm.Script(fs.readFileSync(f, 'latin1'), { cachedData: fs.readFileSync(f + '.cache') });
        console.log(s.cachedDataRejected ? 'rejected' : 'taken');
      }`;
    for (const file of files) expect(existsSync(cacheFileOf(file))).toBe(true);
    expect(execFileSync(process.execPath, ['-e', check, ...files], { encoding: 'utf8' })).toBe('taken\ntaken\n');
  });
});
