import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defuseFormula } from '../src/write/csv.js';
import { fixture } from './helpers/expected.js';

const BIN = resolve(import.meta.dirname, '../bin/ptarget.js');
const SEED = fixture('shared/shanghai-fwzk-2023-summary.txt');
const PDF = fixture('shared/shanghai-2023.pdf');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'buffer', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Records of a CSV as a spreadsheet or data-frame reader sees them (RFC 4180, BOM dropped). */
function records(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ptarget-sheets-out-'));
});

describe('-o out.xlsx', () => {
  it('writes a workbook whose sheets read back with typed money, numbers and Chinese', () => {
    const a = join(dir, 'a.xlsx');
    expect(run(['parse', PDF, '-o', a, '-q']).code).toBe(0);
    const wb = XLSX.read(readFileSync(a!), { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toEqual(['Indicators', 'Forms', 'Warnings']);
    const rows = (sheet: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[sheet]!);
    const doc = JSON.parse(readFileSync(fixture('shared/shanghai-2023.expected.json'), 'utf8'));
    const indicators = rows('Indicators');
    expect(indicators).toHaveLength(108);
    expect(indicators[0]).toMatchObject({ form: 1, year: 2023, project: '机房电费', indicator: '计划机房供电天数', raw: '=365(天)', number: 365 });
    const forms = rows('Forms');
    expect(forms.map((f) => f.annual_total)).toEqual(doc.forms.map((f: { funds: { annual: { total: number } } }) => f.funds.annual.total));
    const money = wb.Sheets.Forms!.N2!;
    expect([money.t, money.v, money.z]).toEqual(['n', 360000, '#,##0.00"元"']);
    expect(rows('Warnings').map((w) => [w.form, w.code])).toEqual([[3, 'missing-value']]);
  }, 120_000);

  it('gives the same bytes for the same input, with -f xlsx as with the extension', () => {
    const [a, b] = ['same-a.xlsx', 'same-b.xlsx'].map((name) => join(dir, name));
    expect(run(['parse', SEED, '-o', a!, '-q']).code).toBe(0);
    expect(run(['parse', SEED, '-f', 'xlsx', '-o', b!, '-q']).code).toBe(0);
    expect(readFileSync(a!).equals(readFileSync(b!))).toBe(true);
  }, 60_000);
});

describe('CSV for spreadsheets and data frames', () => {
  it('quotes the goals that hold line breaks, so the seed gives exactly 6 form records', () => {
    const out = join(dir, 'forms.csv');
    expect(run(['parse', SEED, '--table', 'forms', '-o', out, '-q']).code).toBe(0);
    const forms = records(out);
    expect(forms).toHaveLength(6);
    expect(forms.map((f) => f.project)).toEqual(JSON.parse(run(['parse', SEED, '-q']).stdout.toString()).forms.map((f: { project: { name: string } }) => f.project.name));
    expect(forms.filter((f) => f.goal_annual!.includes('\n')).length).toBeGreaterThan(0);
  });

  it("starts no cell with = unless --csv-raw, and keeps negative numbers numbers", () => {
    const safe = join(dir, 'safe.csv');
    const raw = join(dir, 'raw.csv');
    expect(run(['parse', SEED, '-o', safe, '-q']).code).toBe(0);
    expect(run(['parse', SEED, '-o', raw, '--csv-raw', '-q']).code).toBe(0);
    const cells = (file: string) => records(file).flatMap((r) => Object.values(r));
    expect(cells(safe).filter((c) => /^[=+@\t\r]/.test(c) || /^-(?![\d.])/.test(c))).toEqual([]);
    expect(cells(safe)).toContain("'=365(天)");
    expect(cells(raw)).toContain('=365(天)');
    expect(records(safe).map((r) => r.raw)).toEqual(records(raw).map((r) => defuseFormula(r.raw!)));
    expect(['-5', '+3.5%', '-0.5', '-', '-1+2', '@SUM(A1)', '\tx', '正常'].map(defuseFormula)).toEqual([
      '-5', '+3.5%', '-0.5', "'-", "'-1+2", "'@SUM(A1)", "'\tx", '正常',
    ]);
  });
});

describe('output file names', () => {
  it('refuses an extension it does not write, naming the ones it does, and writes nothing', () => {
    for (const name of ['result.tsv', 'notes.md']) {
      const r = run(['parse', SEED, '-o', join(dir, name)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`does not write .${name.split('.')[1]} files`);
      expect(r.stderr).toContain('.json, .csv, .ndjson, .jsonl, .xlsx');
      expect(existsSync(join(dir, name))).toBe(false);
    }
    expect(run(['parse', SEED, '-f', 'csv', '-o', join(dir, 'chosen.tsv'), '-q']).code).toBe(0); // -f decides
  });
});

describe('batch output folder', () => {
  it('writes warnings.csv and a workbook beside the other tables, and says where they are', () => {
    const out = join(dir, 'batch/');
    const r = run(['parse', SEED, fixture('spreadsheets/mof-2023.xls'), '-o', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).filter((f) => !f.endsWith('.json') && f !== 'work' && f !== 'tmp').sort()).toEqual(
      expect.arrayContaining(['forms.csv', 'indicators.csv', 'warnings.csv', 'workbook.xlsx']),
    );
    const warnings = records(join(out, 'warnings.csv'));
    expect(Object.keys(warnings[0]!)).toEqual(['source', 'form', 'page', 'line', 'code', 'message']);
    const perDoc = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
      .map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')));
    const all = perDoc.flatMap((d) => [...d.warnings, ...d.forms.flatMap((f: { warnings: unknown[] }) => f.warnings)]);
    expect(warnings.map((w) => w.code).sort()).toEqual(all.map((w: { code: string }) => w.code).sort());
    expect(r.stderr).toMatch(/Warnings by code: missing-value \d+.* — every one in .*warnings\.csv\./);

    const wb = XLSX.read(readFileSync(join(out, 'workbook.xlsx')), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['Indicators', 'Forms', 'Warnings', 'Files']);
    const files = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Files!);
    expect(files.map((f) => [f.status, f.format])).toEqual([['converted', 'text'], ['converted', 'xls']]);
    expect(XLSX.utils.sheet_to_json(wb.Sheets.Warnings!)).toHaveLength(warnings.length);
  });
});
