import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import { DocumentSchema } from '../src/model/document.js';
import { differences, fixture, parseFixture, readExpected } from './helpers/expected.js';

const SEED = 'shared/shanghai-fwzk-2023-summary.txt';
const EXPECTED = 'shared/shanghai-fwzk-2023-summary.expected.json';

describe('the 2023 summary-table text export (seed)', async () => {
  const doc = await parseFixture(SEED);
  const expected = readExpected(EXPECTED);

  it('matches the expected parse field by field', () => {
    expect(differences(doc, expected)).toEqual([]);
  });

  it('reads the document title, form titles, years and sources', () => {
    expect(doc.title).toBe('上海市房屋状况事务中心2023年度项目绩效目标汇总表');
    expect(doc.forms.map((f) => f.formTitle)).toEqual(Array(6).fill('财政项目支出绩效目标申报表'));
    expect(doc.forms.map((f) => f.year)).toEqual(Array(6).fill(2023));
    expect(doc.source).toMatchObject({ format: 'text', pages: null, encoding: 'utf-8' });
    expect(doc.forms.reduce((n, f) => n + f.indicators.length, 0)).toBe(108);
  });

  it('conforms to the output schema', () => {
    expect(DocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('flags what it had to infer or could not read', () => {
    const codes = (form: number) => doc.forms[form - 1]!.warnings.map((w) => w.code);
    expect(codes(1)).toContain('inferred-level1');
    expect(doc.forms[0]!.warnings.find((w) => w.code === 'inferred-level1')!.message).toContain('双星指标');
    expect(codes(3)).toContain('missing-value');
    const missing = doc.forms[2]!.indicators.find((i) => i.name === '平台故障率')!;
    expect(missing.value).toEqual({ raw: null, operator: null, number: null, unit: null, text: null });
  });

  it('gives each indicator its source line', () => {
    const first = doc.forms[0]!.indicators[0]!;
    const lines = readFileSync(fixture(SEED), 'utf8').split('\n');
    expect(lines[first.page! - 1]).toContain('计划机房供电天数');
  });

  it('reads the same document saved as GB18030 and UTF-16', async () => {
    const gb = await parseFixture('text/seed-gb18030.txt');
    expect(gb.source.encoding).toBe('gb18030');
    expect(gb.forms).toEqual(doc.forms);
    const utf8 = readFileSync(fixture(SEED));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.toString('utf8'), 'utf16le')]);
    const u16 = await convert({ path: 'seed-utf16.txt', bytes: utf16 });
    expect(u16.source.encoding).toBe('utf-16le');
    expect(u16.forms).toEqual(doc.forms);
    const bom = await convert({ path: 'seed-bom.txt', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) });
    expect(bom.forms).toEqual(doc.forms);
  });
});
