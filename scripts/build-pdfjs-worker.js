// The build's last step: pdf.js's parser with ptarget's patches, as a file in dist/ (see
// src/extract/pdf/patched-worker.ts). Runs on the compiled code, after tsc.
import { join } from 'node:path';
import { PDFJS_DIR } from '../dist/extract/pdf/engine.js';
import { writePatchedWorker } from '../dist/extract/pdf/patched-worker.js';

const path = writePatchedWorker(PDFJS_DIR, join(import.meta.dirname, '../dist/pdfjs-worker'));
if (path === null) console.error('build: the pdf.js patches (src/extract/pdf/worker-patch.ts) do not apply to the installed pdfjs-dist; ptarget will load it unpatched');
