import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { extractPdf } from '../src/extract/pdf/index.js';
import { FONT, pagesSharing, rawPdf, stream, xobjectBomb } from '../scripts/fuzz/crafted.js';

// Bounds on the work a PDF may cause (src/extract/pdf/limits.ts): a page over a page's limits is
// left out with a warning naming it, the pages beside it are read, and a document that only wears
// the reader out stops with one line naming the limit.

/** Pages with their own content streams (catalog 1, pages 2, font 3, then content and page objects). */
function pagesOf(contents: (string | Buffer)[], xobjects: { res: string; objects: string[] } = { res: '', objects: [] }): Uint8Array {
  const first = 4 + xobjects.objects.length;
  const pageIds = contents.map((_, i) => first + 2 * i + 1);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${contents.length} >>`,
    FONT,
    ...xobjects.objects,
    ...contents.flatMap((c, i) => [
      stream(c),
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >>${xobjects.res} >> /Contents ${first + 2 * i} 0 R >>`,
    ]),
  ]);
}

const line = (text: string): string => `BT /F1 12 Tf 50 750 Td (${text}) Tj ET`;
const texts = (x: Awaited<ReturnType<typeof extractPdf>>): string[] => x.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));

/** Form XObjects 4…: each draws the next ten times, the last one a letter: 10^depth letters. */
function nestedForms(depth: number): { res: string; objects: string[] } {
  const objects: string[] = [];
  for (let d = 0; d < depth; d++) {
    const last = d === depth - 1;
    const body = last ? 'BT /F1 8 Tf 10 10 Td (x) Tj ET' : `/X${d + 5} Do `.repeat(10);
    const res = last ? '<< /Font << /F1 3 0 R >> >>' : `<< /XObject << /X${d + 5} ${d + 5} 0 R >> >>`;
    objects.push(`<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources ${res} /Length ${body.length} >>\nstream\n${body}\nendstream`);
  }
  return { res: ' /XObject << /X4 4 0 R >>', objects };
}

describe('PDF work limits', () => {
  for (const filter of [undefined, () => true]) {
    const pass = filter ? 'with the page filter' : 'every page';
    it(`leaves out a page drawing forms within forms, and reads the pages beside it (${pass})`, async () => {
      const pdf = pagesOf([line('first page'), '/X4 Do '.repeat(10), line('third page')], nestedForms(6));
      const got = await extractPdf(pdf, { pageFilter: filter });
      expect(texts(got)).toEqual(['first page', 'third page']);
      expect(got.warnings).toEqual([expect.objectContaining({ code: 'page-over-limit', page: 2 })]);
      expect(got.warnings[0]!.message).toMatch(/^page 2: more than [\d,]+ (characters|drawing operators|forms drawn)/);
    });

    it(`leaves out a page showing a 100,000-character string (${pass})`, async () => {
      const got = await extractPdf(pagesOf([`BT /F1 12 Tf 10 800 Td (${'A'.repeat(100_000)}) Tj ET`, line('second page')]), { pageFilter: filter });
      expect(texts(got)).toEqual(['second page']);
      expect(got.warnings).toEqual([expect.objectContaining({ code: 'page-over-limit', page: 1, message: 'page 1: more than 30,000 characters; skipped' })]);
    });
  }

  it('stops a document whose pages share one heavy content, naming the limit and the pages not read', async () => {
    const heavy = Array.from({ length: 20_000 }, (_, i) => `BT /F1 6 Tf ${(i * 7) % 590} ${(i * 13) % 840} Td (${i % 100}) Tj ET`).join('\n');
    const err = await extractPdf(pagesSharing(40, heavy)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const m = /^the document's work limit \([\d,]+ operators and characters, 8 per byte of the file\) was reached(, \d+ pages having been over a page's limits)? \(pages (\d+)–40 not read\)$/.exec((err as Error).message);
    expect(m, (err as Error).message).not.toBeNull();
    expect(Number(m![2])).toBeLessThanOrEqual(21);
  });

  it('counts the work of every page against the document: pages after the budget are named in one warning', async () => {
    // a small file (pages sharing their content) has the least budget, 2,000,000 units; a page
    // opened costs 1,500: about 1,300 pages
    const got = await extractPdf(pagesSharing(1500, line('a page')));
    const over = got.warnings.filter((w) => w.code === 'page-over-limit');
    expect(over).toHaveLength(1);
    expect(over[0]!.message).toMatch(/^pages \d+–1500 not read: the document's work limit \(2,000,000 operators/);
    const firstOut = Number(/^pages (\d+)/.exec(over[0]!.message)![1]);
    expect(over[0]!.page).toBe(firstOut);
    expect(firstOut).toBeGreaterThan(1000);
    expect(got.blocks.map((b) => b.page)).toEqual(Array.from({ length: firstOut - 1 }, (_, i) => i + 1));
  });

  it('refuses more pages than --max-pages, naming the limit', async () => {
    const pdf = pagesOf([line('a'), line('b'), line('c')]);
    await expect(extractPdf(pdf, { maxPages: 2 })).rejects.toThrow('the PDF has 3 pages, more than the limit of 2 (--max-pages)');
    expect(texts(await extractPdf(pdf, { maxPages: 3 }))).toEqual(['a', 'b', 'c']);
  });

  it('ptarget parse --max-pages: one line naming the file and the limit, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptarget-limits-'));
    const file = join(dir, 'three.pdf');
    writeFileSync(file, pagesOf([line('a'), line('b'), line('c')]));
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '../bin/ptarget.js'), 'parse', file, '--max-pages', '2', '-o', join(dir, 'out.json')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`ptarget: ${file}: the PDF has 3 pages, more than the limit of 2 (--max-pages)`);
  });
});

// keep the fuzz suite's crafted bomb in step with the one above
it('the fuzz suite crafts the same kind of bomb', () => {
  expect(Buffer.from(xobjectBomb(3)).toString('latin1')).toContain('/X6 Do');
});
