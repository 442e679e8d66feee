import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { craftedCases } from './crafted.js';

// Write crafted inputs to a folder, to profile one outside the harness:
//   FUZZ_DUMP=/tmp/crafted FUZZ_ONLY=50mb npx vitest run --config scripts/fuzz/vitest.config.ts dump
//   node --cpu-prof bin/ptarget.js parse /tmp/crafted/text-50mb-line.txt -o /tmp/x.json
// The file is named after the case id (its extension kept). Without FUZZ_DUMP nothing runs.
test.skipIf(!process.env.FUZZ_DUMP)('dump crafted inputs to FUZZ_DUMP', () => {
  const dir = process.env.FUZZ_DUMP!;
  const only = process.env.FUZZ_ONLY;
  mkdirSync(dir, { recursive: true });
  for (const c of craftedCases()) {
    if (!c.bytes || (only && !c.id.includes(only))) continue;
    const ext = /\.[^.]*$/.exec(c.name)?.[0] ?? '';
    const file = join(dir, c.id.replace(/^crafted\//, '') + ext);
    writeFileSync(file, c.bytes());
    process.stderr.write(`${file}\n`);
  }
});
