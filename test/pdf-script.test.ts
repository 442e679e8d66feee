import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PDFJS_DIR } from '../src/extract/pdf/engine.js';
import { pdfjsModuleFiles } from '../src/extract/pdf/patched-worker.js';
import { cacheFileOf } from '../src/io/cached-script.js';
import { loadPdfJsFile, scriptForm } from '../src/extract/pdf/pdfjs-script.js';

// pdf.js's modules as scripts with V8 code caches (src/extract/pdf/pdfjs-script.ts): the script form
// gives what the module gives, and the build wrote both forms with caches V8 takes.

describe('pdf.js modules as scripts', () => {
  it('turns a module of pdf.js shape into a function of its URL returning its exports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptarget-script-'));
    writeFileSync(join(dir, 'other.mjs'), 'export const answer = 42;\n');
    const module = [
      'const where = import.meta.url;',
      'async function other() { return (await import(\n/*webpackIgnore: true*/\n"./other.mjs")).answer; }',
      'class A { static who() { return this === undefined ? "strict" : "sloppy"; } }',
      'const mode = (function () { return this === undefined ? "strict" : "sloppy"; })();',
      '', 'export { where, other, mode };', '',
    ].join('\n');
    const script = join(dir, 'm.script.js');
    writeFileSync(script, scriptForm(module)!);
    const url = pathToFileURL(join(dir, 'm.mjs')).href;
    const got = await loadPdfJsFile<{ where: string; other: () => Promise<number>; mode: string }>({ url, script });
    expect(Object.keys(got).sort()).toEqual(['mode', 'other', 'where']);
    expect(got.where).toBe(url);
    expect(got.mode).toBe('strict');
    expect(await got.other()).toBe(42);
  });

  it('refuses modules of another shape', () => {
    expect(scriptForm('import x from "y";\nexport { x };\n')).toBeNull();
    expect(scriptForm('const a = 1, b = 2;\nexport { a };\nexport { b };\n')).toBeNull();
    expect(scriptForm('const a = import.meta.resolve("x");\nexport { a };\n')).toBeNull();
    expect(scriptForm('export const a = 1;\n')).toBeNull();
  });

  it('was built for the installed pdf.js, with code caches that V8 takes in a fresh process', () => {
    const { api, parser } = pdfjsModuleFiles(PDFJS_DIR, false);
    expect(api.script, 'no script form of pdf.js in dist/: run npm run build').not.toBeNull();
    expect(parser.script).not.toBeNull();
    for (const m of [api, parser]) expect(existsSync(cacheFileOf(m.script!)), m.script!).toBe(true);
    const check = `const vm = require('node:vm'), fs = require('node:fs');
      for (const f of process.argv.slice(1)) {
        const s = new vm.Script(fs.readFileSync(f, 'latin1'), { cachedData: fs.readFileSync(f + '.cache') });
        console.log(s.cachedDataRejected ? 'rejected' : 'taken');
      }`;
    expect(execFileSync(process.execPath, ['-e', check, api.script!, parser.script!], { encoding: 'utf8' })).toBe('taken\ntaken\n');
  });

  it('gives what pdf.js gives as a module', async () => {
    const { api } = pdfjsModuleFiles(PDFJS_DIR, false);
    const asScript = await loadPdfJsFile<Record<string, unknown>>(api);
    const asModule = (await import(api.url)) as Record<string, unknown>;
    expect(Object.keys(asScript).sort()).toEqual(Object.keys(asModule).sort());
    expect(asScript.version).toBe(asModule.version);
  });
});
