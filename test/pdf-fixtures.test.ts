import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { extractPdf } from '../src/extract/pdf/index.js';
import type { Extracted, TableBlock } from '../src/model/intermediate.js';
import { compactColumns, docxBlocks, type RefBlock } from './helpers/pdf-docx-grid.js';

/**
 * The LibreOffice renderings of the shared forms, checked cell for cell against the grid of the
 * .docx each was rendered from (read independently from word/document.xml: gridSpan, vMerge).
 */

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

function tables(x: Extracted): TableBlock[] {
  return x.blocks.filter((b): b is TableBlock => b.kind === 'table');
}

/** A table as comparable rows: [col, colSpan, rowSpan, text] per cell, on the compacted grid. */
function shape(rows: { col: number; colSpan: number; rowSpan: number; text: string }[][]): string[] {
  return compactColumns(rows).map((row) => JSON.stringify(row.map((c) => [c.col, c.colSpan, c.rowSpan, c.text])));
}

describe.each(['shanghai', 'mof', 'split', 'summary'])('fixtures/shared/%s-2023.pdf', (name) => {
  let got: Extracted;
  let ref: RefBlock[];
  beforeAll(async () => {
    got = await extractPdf(read(`fixtures/shared/${name}-2023.pdf`));
    ref = docxBlocks(read(`fixtures/shared/${name}-2023.docx`));
  });

  it('rebuilds every table of the .docx cell for cell, spans and line breaks included', () => {
    const want = ref.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    const have = tables(got);
    expect(have).toHaveLength(want.length);
    want.forEach((t, i) => {
      expect(shape(have[i]!.rows.map((r) => r.cells))).toEqual(shape(t.rows));
    });
  });

  it('gives the titles outside the tables as paragraphs, in document order', () => {
    const order = (blocks: { kind: string; text?: string }[]): string[] => blocks.map((b) => (b.kind === 'table' ? '<table>' : b.text!));
    expect(order(got.blocks)).toEqual(order(ref.map((b) => (b.kind === 'table' ? { kind: 'table' } : b))));
  });

  it('records pages and boxes', () => {
    expect(got.pages).toBeGreaterThan(1);
    expect(got.format).toBe('pdf');
    let lastPage = 1;
    for (const b of got.blocks) {
      expect(b.page).toBeGreaterThanOrEqual(lastPage);
      lastPage = b.page!;
      if (b.kind !== 'table') continue;
      for (const row of b.rows) {
        expect(row.page).toBeGreaterThanOrEqual(b.page!);
        for (const c of row.cells) {
          expect(c.page).toBe(row.page);
          const [x0, top, x1, bottom] = c.bbox!;
          expect(x1).toBeGreaterThan(x0);
          expect(bottom).toBeGreaterThan(top);
        }
      }
    }
    expect(lastPage).toBeLessThanOrEqual(got.pages!);
  });
});

describe('forms that run over pages', () => {
  it('summary: one table over all pages, its repeated header row kept once, project cells merged across breaks', async () => {
    const got = await extractPdf(read('fixtures/shared/summary-2023.pdf'));
    const [table, ...more] = tables(got);
    expect(more).toHaveLength(0);
    expect(table!.rows.filter((r) => r.cells[0]?.text === '项目名称')).toHaveLength(1);
    expect(new Set(table!.rows.map((r) => r.page))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    // the second project starts on page 1 and its merged cells run into page 2 (seen on the rendered pages)
    const second = table!.rows.findIndex((r) => r.cells[0]?.text === '房地产市场调控平台业务日常管理');
    const project = table!.rows[second]!.cells[0]!;
    expect(project.page).toBe(1);
    expect(table!.rows[second + project.rowSpan - 1]!.page).toBe(2);
    const goal = table!.rows[second]!.cells.find((c) => c.col === 4)!;
    expect(goal.text).toContain('提出政策预案和建议。\n鉴于平台建设目标');
  });

  it('shanghai: the second form continues on page 3 as the same table, its label cells carried over', async () => {
    const got = await extractPdf(read('fixtures/shared/shanghai-2023.pdf'));
    const second = tables(got)[1]!;
    expect(second.page).toBe(2);
    expect(second.rows.at(-1)!.page).toBe(3);
    const label = second.rows.flatMap((r) => r.cells).find((c) => c.text === '绩效指标')!;
    const start = second.rows.findIndex((r) => r.cells.includes(label));
    expect(second.rows[start + label.rowSpan - 1]).toBe(second.rows.at(-1));
  });
});

describe('real PDFs without forms (WPS)', () => {
  it.each(['sfj-2026', 'sww-2025'])('shanghai-putuo-%s extracts without error', async (id) => {
    // Speed is measured by `npm run bench`, not here: a timed assertion fails on a loaded machine.
    const got = await extractPdf(read(`fixtures/shared/shanghai-putuo-${id}-dept-budget-noforms.pdf`));
    expect(got.warnings).toEqual([]);
    expect(tables(got).length).toBeGreaterThanOrEqual(8);
    expect(got.blocks.some((b) => b.kind === 'paragraph' && b.text === '单位：元')).toBe(true);
  });

  it('joins a budget table that runs onto the next page, dropping the print titles repeated there', async () => {
    const got = await extractPdf(read('fixtures/shared/shanghai-putuo-sww-2025-dept-budget-noforms.pdf'));
    // pages 15–16: 一般公共预算支出功能分类预算表, with header rows 2–3 repeated on page 16
    const t = tables(got).find((b) => b.page === 15)!;
    expect(t.rows.at(-1)!.page).toBe(16);
    expect(t.rows.filter((r) => r.cells.some((c) => c.text === '功能分类科目编码'))).toHaveLength(1);
    const names = t.rows.map((r) => r.cells.find((c) => c.col === 3)?.text);
    const i = names.indexOf('机关事业单位职业年金缴费支出');
    expect(names[i + 1]).toBe('其他行政事业单位养老支出');
    expect(t.rows[i]!.page).toBe(15);
    expect(t.rows[i + 1]!.page).toBe(16);
  });

  it('reads only what the clip shows (spreadsheet exports draw the next rows below the page)', async () => {
    const got = await extractPdf(read('fixtures/shared/shanghai-putuo-sww-2025-dept-budget-noforms.pdf'));
    const t = tables(got).find((b) => b.page === 12)!;
    const row = t.rows.find((r) => r.cells.some((c) => c.text === '机关事业单位基本养老保险缴费支出'))!;
    expect(row.cells.map((c) => c.text)).toEqual(['208', '05', '05', '机关事业单位基本养老保险缴费支出', '1,410,886.00', '1,410,886.00', '']);
  });
});

describe('a form laid out as a borderless table (fixtures/pdf/borderless-form.pdf)', () => {
  it('puts every cell of the first shanghai form in its row and column', async () => {
    const got = await extractPdf(read('fixtures/pdf/borderless-form.pdf'));
    expect(got.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      '上海市房屋状况事务中心2023年度项目绩效目标汇总表',
      '财政项目支出绩效目标申报表',
      '(2023年度)',
    ]);
    const [table] = tables(got);
    const docx = docxBlocks(read('fixtures/shared/shanghai-2023.docx')).find((b) => b.kind === 'table');
    const want = compactColumns(docx!.kind === 'table' ? docx!.table.rows : []);
    expect(table!.rows).toHaveLength(want.length);
    want.forEach((row, r) => {
      for (const cell of row) {
        if (!cell.text) continue;
        const have = table!.rows[r]!.cells.find((c) => c.col === cell.col)?.text ?? '';
        // without rulings a merged cell whose text wraps into the rows it spans cannot be told
        // from those rows' own cells: only its first line is sure to be in its first row
        if (cell.rowSpan > 1) expect(cell.text.startsWith(have) && have.length > 0).toBe(true);
        else expect(have).toBe(cell.text);
      }
    });
  });
});

describe('bad PDFs (committed fixtures)', () => {
  it('says a password-protected PDF needs its password', async () => {
    const err = await extractPdf(read('fixtures/pdf/password-protected.pdf')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^password-protected PDF: /);
  });
});
