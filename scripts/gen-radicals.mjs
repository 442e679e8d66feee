#!/usr/bin/env node
// Regenerate the radical table in src/parse/radicals.ts from Unicode's EquivalentUnifiedIdeograph.txt.
//
//   node scripts/gen-radicals.mjs path/to/EquivalentUnifiedIdeograph.txt
//
// Get the file from https://www.unicode.org/Public/<version>/ucd/EquivalentUnifiedIdeograph.txt.
// Only the CJK Radicals Supplement (U+2E80–U+2EFF) and Kangxi Radicals (U+2F00–U+2FDF) lines are
// kept. The script rewrites the text between the BEGIN/END GENERATED markers and nothing else.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SUPPLEMENT = [0x2e80, 0x2eff];
const KANGXI = [0x2f00, 0x2fdf];
const BEGIN = '// BEGIN GENERATED (scripts/gen-radicals.mjs)';
const END = '// END GENERATED';

const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/gen-radicals.mjs path/to/EquivalentUnifiedIdeograph.txt');
  process.exit(2);
}
const target = resolve(dirname(fileURLToPath(import.meta.url)), '../src/parse/radicals.ts');

const text = readFileSync(input, 'utf8');
const version = /^# EquivalentUnifiedIdeograph-(\d+\.\d+\.\d+)\.txt/m.exec(text)?.[1];
if (!version) throw new Error(`${input}: no "# EquivalentUnifiedIdeograph-<version>.txt" header`);

const inBlock = (cp, [lo, hi]) => cp >= lo && cp <= hi;
/** @type {Map<number, number>} */
const map = new Map();
for (const raw of text.split(/\r?\n/)) {
  const line = raw.replace(/#.*/, '').trim();
  if (!line) continue;
  const m = /^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})$/.exec(line);
  if (!m) throw new Error(`${input}: cannot parse line: ${raw}`);
  const lo = parseInt(m[1], 16);
  const hi = parseInt(m[2] ?? m[1], 16);
  const to = parseInt(m[3], 16);
  for (let cp = lo; cp <= hi; cp++) {
    if (inBlock(cp, SUPPLEMENT) || inBlock(cp, KANGXI)) map.set(cp, to);
  }
}

const supplement = [...map.keys()].filter((cp) => inBlock(cp, SUPPLEMENT)).length;
const kangxi = [...map.keys()].filter((cp) => inBlock(cp, KANGXI)).length;
if (supplement === 0 || kangxi === 0) throw new Error(`${input}: no radical mappings found`);

// The Kangxi block has compatibility decompositions; they should agree with the UCD table.
for (const [from, to] of map) {
  if (!inBlock(from, KANGXI)) continue;
  const nfkc = String.fromCodePoint(from).normalize('NFKC');
  if (nfkc !== String.fromCodePoint(to)) {
    console.warn(`warning: U+${hex(from)} maps to U+${hex(to)} but NFKC gives ${[...nfkc].map((c) => 'U+' + hex(c.codePointAt(0))).join(' ')}`);
  }
}

function hex(cp) {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}

const pairs = [...map].sort(([a], [b]) => a - b).map(([from, to]) => `${hex(from)}:${hex(to)}`);
const lines = [];
for (let i = 0; i < pairs.length; i += 10) lines.push(pairs.slice(i, i + 10).join(' '));
const block = [
  BEGIN,
  `// From EquivalentUnifiedIdeograph-${version}.txt: ${supplement} CJK Radicals Supplement and ${kangxi} Kangxi`,
  '// Radicals mappings, as "radical:ideograph" hexadecimal code points.',
  'const PAIRS = `',
  ...lines,
  '`;',
  END,
].join('\n');

const source = readFileSync(target, 'utf8');
const start = source.indexOf(BEGIN);
const end = source.indexOf(END);
if (start < 0 || end < start) throw new Error(`${target}: generated-section markers not found`);
writeFileSync(target, source.slice(0, start) + block + source.slice(end + END.length));
console.log(`wrote ${pairs.length} mappings (supplement ${supplement}, kangxi ${kangxi}) from ${version} to ${target}`);
