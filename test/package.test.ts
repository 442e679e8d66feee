import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user's project gets it: `npm pack`, unpacked into node_modules/ptarget of a
 * project outside this checkout, imported by name. Dependencies are linked from this checkout's
 * node_modules (what `npm install` would put there, without the network). Runs on the dist/ that
 * `npm test` has just built.
 */
const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = 'fixtures/shared/mof-2023.pdf'; // relative, as typed on the command line: source.path must match

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'ptarget-user-'));
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const { filename } = (JSON.parse(packed) as { filename: string }[])[0]!;
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'ptarget'), { recursive: true });
  execFileSync('tar', ['-xzf', join(project, filename), '-C', join(modules, 'ptarget'), '--strip-components=1']);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
}, 60_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

// Child processes (node, tsc) take seconds each, more on a busy machine.
describe('import { convert } from "ptarget"', { timeout: 120_000 }, () => {
  it('converts a PDF to the same document the CLI writes', () => {
    writeFileSync(
      join(project, 'convert.mjs'),
      `import { readFileSync, writeFileSync } from 'node:fs';
import { convert, writeDocuments, writerFor } from 'ptarget';
const [path, out] = process.argv.slice(2);
const doc = await convert({ path, bytes: readFileSync(path) });
writeFileSync(out, await writeDocuments(writerFor({ format: 'json' }), [doc], 'file'));
`,
    );
    const fromLibrary = join(project, 'library.json');
    const fromCli = join(project, 'cli.json');
    // run from the checkout so that both get the same relative path; `ptarget` resolves from the script's folder
    const lib = spawnSync(process.execPath, [join(project, 'convert.mjs'), FIXTURE, fromLibrary], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(lib.stderr).toBe('');
    expect(lib.status).toBe(0);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/ptarget.js'), 'parse', FIXTURE, '-o', fromCli, '-q'], { cwd: ROOT, timeout: 60_000 });
    expect(cli.status).toBe(0);
    const doc = JSON.parse(readFileSync(fromLibrary, 'utf8'));
    expect(doc.source.path).toBe(FIXTURE);
    expect(doc.forms.length).toBeGreaterThan(0);
    expect(readFileSync(fromLibrary, 'utf8')).toBe(readFileSync(fromCli, 'utf8'));
  });

  it('exports parse, extract and schema, and type-checks in a TypeScript project', () => {
    writeFileSync(
      join(project, 'use.ts'),
      `import { readFileSync } from 'node:fs';
import { convert, type Document, extract, parse, schema } from 'ptarget';

const bytes = readFileSync(process.argv[2]!);
const extracted = await extract(bytes, 'form.txt');
const parsed = parse(extracted);
const doc: Document = await convert({ path: 'form.txt', bytes });
const jsonSchema: Record<string, unknown> = schema();
console.log(JSON.stringify({ forms: parsed.forms.length, same: JSON.stringify(parsed.forms) === JSON.stringify(doc.forms), schema: jsonSchema['type'] }));
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'], outDir: 'out' },
        files: ['use.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8', timeout: 60_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const run = spawnSync(process.execPath, [join(project, 'out/use.js'), join(ROOT, 'fixtures/shared/shanghai-fwzk-2023-summary.txt')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ forms: 6, same: true, schema: 'object' });
  });
});
