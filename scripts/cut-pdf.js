#!/usr/bin/env node
// Take pages out of a PDF into a new one, in the order given, for test fixtures:
//
//   node scripts/cut-pdf.js IN.pdf OUT.pdf 31-35        pages 31 to 35
//   node scripts/cut-pdf.js IN.pdf OUT.pdf 50,73-74,92  pages 50, 73, 74 and 92 (become pages 1–4)
//
// Pages are copied whole with pdf-lib (content streams, fonts, rotation and page boxes as they are), so the
// extracted pages render and extract like the originals. Prints the page map (new ← original).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';

function pageList(spec, count) {
  const pages = [];
  for (const part of spec.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`bad page range "${part}"`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to > count || from > to) throw new Error(`pages ${part} outside 1–${count}`);
    for (let p = from; p <= to; p++) pages.push(p);
  }
  return pages;
}

const [input, output, spec] = process.argv.slice(2);
if (!input || !output || !spec) {
  console.error('usage: node scripts/cut-pdf.js IN.pdf OUT.pdf PAGES (e.g. 3-5,9)');
  process.exit(2);
}
try {
  const source = await PDFDocument.load(readFileSync(input), { updateMetadata: false });
  const pages = pageList(spec, source.getPageCount());
  const out = await PDFDocument.create({ updateMetadata: false });
  const copied = await out.copyPages(source, pages.map((p) => p - 1));
  for (const page of copied) out.addPage(page);
  // no object streams: plain cross-reference tables, readable by every PDF reader
  const bytes = await out.save({ useObjectStreams: false });
  writeFileSync(`${output}.tmp`, bytes);
  renameSync(`${output}.tmp`, output);
  console.log(pages.map((p, i) => `${i + 1}←${p}`).join(' '));
} catch (err) {
  console.error(`cut-pdf: ${input}: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
