#!/usr/bin/env node
import { statSync } from 'node:fs';
import { DEFAULT_MAX_MEMORY_MB } from '../dist/cli/options.js';
import { BATCH_YOUNG_GENERATION_MB, defaultWorkerUrl, looksLikeBatch, startEarlyWorker, workerLimits } from '../dist/batch/early.js';
import { loadBundle } from '../dist/io/bundle.js';

// `ptarget parse`: the conversion worker starts now, on the other core, while the CLI loads (batch/early.ts)
// (not when --max-memory asks for other limits: the pool would start its own)
const args = process.argv.slice(3);
if (process.argv[2] === 'parse' && !args.some((a) => a.startsWith('--max-memory'))) {
  const kind = (p) => {
    try {
      return statSync(p).isDirectory() ? 'dir' : 'file';
    } catch {
      return null;
    }
  };
  const batch = looksLikeBatch(args, kind);
  // a batch's inputs are mostly PDFs: pdf.js is loaded for a folder, archive or pattern too
  startEarlyWorker(defaultWorkerUrl(), workerLimits(DEFAULT_MAX_MEMORY_MB, batch ? BATCH_YOUNG_GENERATION_MB : undefined), batch || args.some((a) => /\.pdf$/i.test(a)));
}

// the build's one-script CLI with its code cache (dist/io/bundle.js), else its modules
const { main } = loadBundle('cli') ?? (await import('../dist/cli/main.js'));

// Exit once stdout has drained: a library's lingering handle must never keep the process alive.
main(process.argv).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
