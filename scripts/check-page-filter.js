#!/usr/bin/env node
// Proof that reading only the pages that may hold forms never loses one: converts every PDF under
// the folders given (default: the project's fixtures) with and without the page filter, and
// compares what the parser made of them (title, forms, warnings). Prints pages read per file;
// exits 1 on any difference. Usage: npm run build && node scripts/check-page-filter.js [DIR …]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { convert } from '../dist/convert.js';

const dirs = process.argv.slice(2);
if (!dirs.length) dirs.push('fixtures');

function pdfsUnder(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return pdfsUnder(path);
      return name.toLowerCase().endsWith('.pdf') ? [path] : [];
    });
}

/** What must not change: everything but the provenance of the pages read. */
const outcome = async (path, allPages) => {
  try {
    const doc = await convert({ path, bytes: new Uint8Array(readFileSync(path)) }, { allPages });
    return { doc, key: JSON.stringify({ title: doc.title, forms: doc.forms, warnings: doc.warnings }) };
  } catch (e) {
    return { doc: null, key: `error: ${e.message}` };
  }
};

let pages = 0;
let read = 0;
let bad = 0;
for (const path of dirs.flatMap(pdfsUnder)) {
  const all = await outcome(path, true);
  const some = await outcome(path, false);
  const same = all.key === some.key;
  if (!same) bad++;
  const n = some.doc?.source.pages ?? 0;
  const r = some.doc?.source.pagesRead?.length ?? n;
  pages += n;
  read += r;
  const forms = some.doc?.forms.length ?? 0;
  console.log(`${same ? 'same' : 'DIFFERENT'}  ${String(r).padStart(4)}/${String(n).padEnd(4)} pages read  ${String(forms).padStart(3)} forms  ${relative('.', path)}`);
}
console.log(`${read}/${pages} pages read; ${bad ? `${bad} file(s) DIFFER with the filter` : 'every file gives the same output with and without the filter'}`);
process.exit(bad ? 1 : 0);
