#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// Exit once stdout has drained: a library's lingering handle must never keep the process alive.
main(process.argv).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
