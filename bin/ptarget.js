#!/usr/bin/env node
import { loadBundle } from '../dist/io/bundle.js';

// the build's one-script CLI with its code cache (dist/io/bundle.js), else its modules
const { main } = loadBundle('cli') ?? (await import('../dist/cli/main.js'));

// Exit once stdout has drained: a library's lingering handle must never keep the process alive.
main(process.argv).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
