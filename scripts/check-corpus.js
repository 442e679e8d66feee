#!/usr/bin/env node
// Gold-free check of a folder of real documents: converts every PDF in it (at any depth) with the built CLI (a batch run, so it
// only depends on the command line and the output contract) and counts what is wrong in any document —
// errors, forms without indicators, unnamed forms, empty indicator names, values that are neither number nor
// text without a missing-value warning, numbers glued from a neighbouring column — plus warnings by code.
//
//   npm run check-corpus -- DIR [--json] [--samples N] [--out DIR] [--reuse] [-j N]
//
//   --json       print {files, totals} as JSON instead of tables
//   --samples N  print up to N examples of each finding per file (default 0)
//   --out DIR    keep the converted JSON in DIR (default: a temporary folder, removed afterwards)
//   --reuse      with --out: let the batch skip inputs it converted before (by default all are converted again)
//   -j N         inputs converted at once (default: the CLI's default)
// Exit status 0 whatever the findings (it is a report); 2 on a usage error or when the CLI cannot run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS, checkDocument } from './corpus-checks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
  if (message) console.error(`check-corpus: ${message}`);
  console.error('usage: npm run check-corpus -- DIR [--json] [--samples N] [--out DIR] [--reuse] [-j N]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { dir: null, json: false, samples: 0, out: null, reuse: false, jobs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--json') opts.json = true;
    else if (a === '--samples') opts.samples = Number(value());
    else if (a === '--out') opts.out = resolve(value());
    else if (a === '--reuse') opts.reuse = true;
    else if (a === '-j' || a === '--jobs') opts.jobs = value();
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.dir === null) opts.dir = resolve(a);
    else usage('one folder at a time');
  }
  if (!opts.dir) usage('no folder given');
  if (!existsSync(opts.dir) || !statSync(opts.dir).isDirectory()) usage(`not a folder: ${opts.dir}`);
  if (!Number.isInteger(opts.samples) || opts.samples < 0) usage('--samples takes a whole number');
  return opts;
}

/** The PDFs under a folder, at any depth, in name order. */
function pdfsIn(dir) {
  // a symbolic link to a PDF counts (a folder of links picks a subset of a corpus)
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => /\.pdf$/i.test(e.name) && (e.isFile() || (e.isSymbolicLink() && statSync(join(e.parentPath ?? e.path, e.name), { throwIfNoEntry: false })?.isFile())))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Converts the folder's PDFs with the built CLI (one batch run); returns the batch manifest. */
function convert(opts, out) {
  const cli = join(root, 'bin/ptarget.js');
  if (!existsSync(join(root, 'dist/cli/main.js'))) usage('dist/ is missing: run `npm run build` first');
  const inputs = pdfsIn(opts.dir);
  if (inputs.length === 0) usage(`no PDF in ${opts.dir}`);
  const args = [cli, 'parse', ...inputs, '-o', `${out}/`, '-q'];
  if (!opts.reuse) args.push('--force');
  if (opts.jobs) args.push('-j', opts.jobs);
  // status 1 only says some input failed; the manifest tells which
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const manifest = join(out, 'manifest.json');
  if (run.status === 2 || !existsSync(manifest)) usage(`the CLI failed: ${(run.stderr ?? '').trim().split('\n')[0]}`);
  return JSON.parse(readFileSync(manifest, 'utf8'));
}

function checkAll(manifest, dir, out, samples) {
  const files = [];
  for (const entry of manifest.inputs) {
    const file = { file: relative(dir, entry.path), error: entry.error ?? null };
    if (entry.output) {
      const doc = JSON.parse(readFileSync(join(out, entry.output), 'utf8'));
      Object.assign(file, checkDocument(doc, samples));
    } else {
      file.error ??= entry.status;
      Object.assign(file, { counts: Object.fromEntries(CHECKS.map((c) => [c, 0])), warnings: {}, examples: {} });
    }
    files.push(file);
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const totals = { files: files.length, errors: files.filter((f) => f.error).length };
  for (const c of CHECKS) totals[c] = files.reduce((s, f) => s + f.counts[c], 0);
  const warnings = {};
  for (const f of files) for (const [code, n] of Object.entries(f.warnings)) warnings[code] = (warnings[code] ?? 0) + n;
  totals.warnings = Object.fromEntries(Object.entries(warnings).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { files, totals };
}

const HEADS = {
  forms: 'forms',
  indicators: 'inds',
  formsWithoutIndicators: 'no-ind',
  unnamedForms: 'unnamed',
  emptyIndicatorNames: 'empty-name',
  emptyValuesUnwarned: 'no-value',
  gluedNumbers: 'glued',
  weightSumSuspects: 'glued-w?',
};

function printTables({ files, totals }, samples) {
  const cols = ['err', ...CHECKS.map((c) => HEADS[c])];
  const width = Math.max(5, ...files.map((f) => f.file.length));
  const line = (name, cells) => console.log(name.padEnd(width), cells.map((c, i) => String(c).padStart(Math.max(cols[i].length, 5))).join(' '));
  line('file', cols);
  for (const f of files) {
    line(f.file, [f.error ? 1 : 0, ...CHECKS.map((c) => f.counts[c])]);
    if (f.error) console.log(`  error: ${f.error}`);
    const codes = Object.entries(f.warnings).map(([k, n]) => `${k} ${n}`);
    if (codes.length) console.log(`  warnings: ${codes.join(', ')}`);
    if (samples) {
      for (const [check, list] of Object.entries(f.examples)) {
        for (const ex of list) console.log(`  ${HEADS[check] ?? 'missing-value'}: ${JSON.stringify(ex)}`);
      }
    }
  }
  line('TOTAL', [totals.errors, ...CHECKS.map((c) => totals[c])]);
  console.log(`warnings by code: ${Object.entries(totals.warnings).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  console.log(
    'no-ind: forms without indicators; unnamed: forms with neither project name nor department; empty-name: indicators ' +
      'with an empty name; no-value: values neither number nor text without a missing-value warning; glued: value text ' +
      'holding a second number (scripts/corpus-checks.js gluedNumber); glued-w?: forms whose values may end in a glued ' +
      'weight column (weightSumSuspect, a suspicion)',
  );
}

const opts = parseArgs(process.argv.slice(2));
const out = opts.out ?? mkdtempSync(join(tmpdir(), 'check-corpus-'));
try {
  const report = checkAll(convert(opts, out), opts.dir, out, opts.samples);
  if (opts.json) console.log(JSON.stringify(opts.samples ? report : { ...report, files: report.files.map(({ examples, ...f }) => f) }, null, 2));
  else printTables(report, opts.samples);
} finally {
  if (!opts.out) rmSync(out, { recursive: true, force: true });
}
