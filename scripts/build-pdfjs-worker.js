// The build's last step: pdf.js's parser with ptarget's patches, as a file in dist/ (see
// src/extract/pdf/patched-worker.ts), and pdf.js's two modules as scripts with V8 code caches
// (src/extract/pdf/pdfjs-script.ts). Runs on the compiled code, after tsc.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInThisThread, PDFJS_DIR } from '../dist/extract/pdf/engine.js';
import { writePatchedWorker, writeScriptForms } from '../dist/extract/pdf/patched-worker.js';
import { writeCodeCaches } from '../dist/io/cached-script.js';

const OUT = join(import.meta.dirname, '../dist/pdfjs-worker');
// documents whose conversion compiles what most do (CJK fonts, ruled and borderless tables)
const SAMPLES = ['ningde-zfb-2024-dept-selfeval.pdf', 'xian-sfj-2026-dept-budget.pdf'].map((f) => join(import.meta.dirname, '../fixtures/real-budgets', f));

if (writePatchedWorker(PDFJS_DIR, OUT) === null) {
  console.error('build: the pdf.js patches (src/extract/pdf/worker-patch.ts) do not apply to the installed pdfjs-dist; ptarget will load it unpatched');
} else if (!writeScriptForms(PDFJS_DIR, OUT)) {
  console.error('build: pdf.js modules are not of the expected shape; ptarget will import them as modules');
} else {
  // the code caches: pdf.js loaded as a conversion worker loads it, and the samples converted
  parseInThisThread();
  const { extract } = await import('../dist/extract/index.js');
  for (const file of SAMPLES) await extract(new Uint8Array(readFileSync(file)), file);
  writeCodeCaches();
}
