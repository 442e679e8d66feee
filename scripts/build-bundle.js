// The build's last step: the CLI and the conversion worker as one script each, with V8 code caches
// (src/io/bundle.ts). Runs on tsc's output in dist/, after build-pdfjs-worker.js.
//
// esbuild (a devDependency: the bundles are made here, never at run time) joins ptarget's own modules;
// packages stay outside, required from dist/ when first used, except what require() cannot load (a
// subpath a package exports to `import` only). Each module's `import.meta.url` becomes the URL of its
// file in dist/, so paths relative to a module keep their meaning.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { asciiSource } from '../dist/extract/pdf/patched-worker.js';
import { bundleFile, loadBundle } from '../dist/io/bundle.js';
import { writeCodeCaches } from '../dist/io/cached-script.js';

const DIST = join(import.meta.dirname, '../dist');
const ENTRIES = { cli: 'cli/main.js', worker: 'batch/worker.js' };
// documents whose conversion compiles what most do (CJK fonts, ruled and borderless tables)
const SAMPLES = ['ningde-zfb-2024-dept-selfeval.pdf', 'xian-sfj-2026-dept-budget.pdf'].map((f) => join(import.meta.dirname, '../fixtures/real-budgets', f));

/** Each module's import.meta.url, as the bundle function's `url` gives it (io/bundle.ts). */
const moduleUrls = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const path = relative(DIST, args.path);
      if (path.startsWith('..')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', `__ptargetUrl(${JSON.stringify(path)})`), loader: 'js' };
    });
  },
};

/** Packages outside the bundle, where io/bundle.ts's require() can load them. */
const requireFromDist = createRequire(join(DIST, 'index.js'));
const packagesOutside = {
  name: 'packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      try {
        requireFromDist.resolve(args.path);
        return { path: args.path, external: true };
      } catch {
        return undefined;
      }
    });
  },
};

// a checkout installed before esbuild was added still builds, without bundles (ptarget then loads its modules)
const esbuild = await import('esbuild').catch(() => null);
if (!esbuild) {
  console.error('build: esbuild is not installed (run npm ci): no bundles, ptarget loads its modules (slower start)');
  process.exit(0);
}

for (const [name, entry] of Object.entries(ENTRIES)) {
  const out = await esbuild.build({
    entryPoints: [join(DIST, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // a script has no module loader: import() of what is not bundled becomes require() (io/bundle.ts)
    supported: { 'dynamic-import': false },
    charset: 'ascii',
    plugins: [packagesOutside, moduleUrls],
    write: false,
    logLevel: 'error',
  });
  // esbuild escapes strings, not regular expressions: ASCII throughout, read as Latin-1 (io/cached-script.ts)
  const body = asciiSource(out.outputFiles[0].text);
  mkdirSync(dirname(bundleFile(name)), { recursive: true });
  writeFileSync(bundleFile(name), `(function (exports, require, module, __ptargetUrl) {"use strict";\n${body}\n})`);
}

// the code caches: each bundle run as it runs for `ptarget parse FILE`, converting the samples
const worker = await cacheWorkerBundle();
const cli = loadBundle('cli');
for (const file of SAMPLES) {
  const out = join(DIST, 'bundle/sample.json');
  await cli.main(['node', 'ptarget', 'parse', file, '-o', out, '-q']);
  rmSync(out, { force: true });
}
writeCodeCaches();
if (!worker) console.error('build: no code cache for the worker bundle');

/** Runs the worker bundle in a thread, as the pool does, converts the samples, and has it write its code cache. */
async function cacheWorkerBundle() {
  const control = new MessageChannel();
  // what `ptarget parse FILE` and a batch ask of a worker: the JSON file, the summary, the tables as CSV
  const csv = ['forms', 'indicators'].map((table) => ({ format: 'csv', table }));
  const setup = { outputs: csv, file: { output: { format: 'json' }, target: 'file' }, summary: { color: false }, convert: {}, control: control.port2 };
  const thread = new Worker(new URL('./bundle-cache-worker.js', import.meta.url), { workerData: setup, transferList: [control.port2] });
  const reply = (port) => new Promise((resolve, reject) => { port.once('message', resolve); thread.once('error', reject); });
  let id = 0;
  for (const file of SAMPLES) {
    const bytes = readFileSync(file);
    thread.postMessage({ id: ++id, path: file, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
    const r = await reply(thread);
    if (!r.ok) throw new Error(`build: the worker bundle failed on ${file}: ${r.error}`);
  }
  control.port1.postMessage('write');
  const done = await reply(control.port1);
  await thread.terminate();
  return done;
}
