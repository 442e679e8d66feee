import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import { FORM_PAGE_WORDS, mayHoldForm } from '../src/parse/pages.js';
import { fixture } from './helpers/expected.js';

// Reading tables only on the pages that may hold forms must never change what is found: every real
// budget fixture converts to the same title, forms and warnings with and without the filter
// (scripts/check-page-filter.js does the same over whole documents of the shared corpus).

describe('which pages may hold a form', () => {
  it('takes the parser vocabulary: titles, the indicator hierarchy, form header labels', () => {
    expect(mayHoldForm('项目支出绩效目标表')).toBe(true);
    expect(mayHoldForm('一级指标 二级指标 三级指标 指标值')).toBe(true);
    expect(mayHoldForm('社会公众或服务对象满意度 ≥95%')).toBe(true);
    expect(mayHoldForm('项目名称 主管部门 实施单位')).toBe(true);
    expect(FORM_PAGE_WORDS).toContain('指标');
  });

  it('reads through spaces and CJK radicals, as the parser does', () => {
    expect(mayHoldForm('绩 效 ⽬ 标')).toBe(true); // ⽬ is the Kangxi radical, not 目
  });

  it('leaves out pages of money, notes and covers', () => {
    expect(mayHoldForm('一般公共预算财政拨款支出表 单位：万元 合计 本年预算数')).toBe(false);
    expect(mayHoldForm('第一部分 部门概况 一、主要职能')).toBe(false);
  });
});

const DIR = 'real-budgets';
const pdfs = readdirSync(fixture(DIR)).filter((f) => f.endsWith('.pdf')).sort();

describe('the page filter on real budgets', () => {
  it.each(pdfs)('%s: same forms with and without it', async (name) => {
    const input = { path: name, bytes: new Uint8Array(readFileSync(fixture(`${DIR}/${name}`))) };
    const some = await convert(input);
    const all = await convert(input, { allPages: true });
    expect({ title: some.title, forms: some.forms, warnings: some.warnings }).toEqual({
      title: all.title,
      forms: all.forms,
      warnings: all.warnings,
    });
    const every = Array.from({ length: all.source.pages! }, (_, i) => i + 1);
    expect(all.source.pagesRead).toEqual(every);
    // the pages read are pages of the document, and every form page is among them
    expect(some.source.pagesRead!.every((p) => every.includes(p))).toBe(true);
    for (const form of some.forms) for (const p of form.pages) expect(some.source.pagesRead).toContain(p);
  }, 120_000);
});

describe('the page filter with a page left out', () => {
  // a cover, a money table (no form vocabulary) and a form over two pages
  const input = { path: 'fuzhou.pdf', bytes: new Uint8Array(readFileSync(fixture('page-filter/fuzhou-cover-money-forms.pdf'))) };

  it('leaves the money table out of the table pass and finds the same form', async () => {
    const some = await convert(input);
    const all = await convert(input, { allPages: true });
    expect(some.source.pagesRead).not.toContain(2);
    expect(all.source.pagesRead).toEqual([1, 2, 3, 4]);
    expect(some.forms).toEqual(all.forms);
    expect(some.forms.map((f) => f.pages)).toEqual([[3, 4]]);
  }, 120_000);

  it('applies within --pages: the selection chooses the pages, the filter which of them get the table pass', async () => {
    const some = await convert(input, { pages: [2, 3, 4] });
    const all = await convert(input, { pages: [2, 3, 4], allPages: true });
    expect(some.source.pagesRead).toEqual([3, 4]);
    expect(all.source.pagesRead).toEqual([2, 3, 4]);
    expect(some.forms).toEqual(all.forms);
  }, 120_000);
});
