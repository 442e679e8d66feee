import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TablesDump } from '../src/inspect/model.js';

// `ptarget inspect` and `ptarget tables` run as a user runs them (the built CLI), and the report
// is opened in a real headless browser (Debian's chromium through puppeteer-core).

const CLI = join(import.meta.dirname, '..', 'bin', 'ptarget.js');
const SHOTS = join(import.meta.dirname, '..', '.test-output');
const work = mkdtempSync(join(tmpdir(), 'ptarget-inspect-'));

function ptarget(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function chromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not this one
    }
  }
  return null;
}

const REPORTS = [
  { name: 'mof-2023', input: 'fixtures/shared/mof-2023.pdf', pages: [] as string[] },
  { name: 'yantai-zjj', input: 'fixtures/real-budgets/yantai-zjj-2026-dept-budget.pdf', pages: ['--pages', '1-3'] },
];

describe('ptarget tables', () => {
  it('gives every cell of a PDF an id, its box and the role the parser read it as', () => {
    const r = ptarget(['tables', 'fixtures/shared/mof-2023.pdf']);
    expect(r.status).toBe(0);
    const dump = JSON.parse(r.stdout) as TablesDump;
    const cells = dump.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((row) => row.cells) : []));
    expect(cells.length).toBeGreaterThan(50);
    expect(cells.every((c) => c.bbox !== null && c.page !== null)).toBe(true);
    const byRole = (role: string): string[] => cells.filter((c) => c.role === role).map((c) => c.text);
    expect(byRole('header-label')).toContain('项目名称');
    expect(byRole('level1')).toContain('产出指标');
    expect(byRole('name')).toContain('计划机房供电天数');
    expect(byRole('value')).toContain('=365(天)');
    expect(dump.pages.every((p) => p.segments.length > 0 && p.tables.length > 0)).toBe(true);
  });

  it('lists every selected page, noting those the page filter left out of the table pass', () => {
    const pages = (extra: string[]) => {
      const r = ptarget(['tables', 'fixtures/page-filter/fuzhou-cover-money-forms.pdf', '--pages', '2-4', ...extra]);
      expect(r.status).toBe(0);
      return (JSON.parse(r.stdout) as TablesDump).pages.map((p) => ({ page: p.page, notRead: p.notRead ?? null, tables: p.tables.length }));
    };
    const filtered = pages([]);
    expect(filtered.map((p) => p.page)).toEqual([2, 3, 4]);
    expect(filtered[0]).toEqual({ page: 2, notRead: 'not read: no form vocabulary', tables: 0 });
    expect(filtered.slice(1).every((p) => p.notRead === null && p.tables > 0)).toBe(true);
    const all = pages(['--all-pages']);
    expect(all.every((p) => p.notRead === null && p.tables > 0)).toBe(true);
  });

  it('draws non-PDF grids from the same roles', () => {
    const r = ptarget(['tables', 'fixtures/shared/shanghai-2023.docx']);
    const dump = JSON.parse(r.stdout) as TablesDump;
    const cells = dump.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((row) => row.cells) : []));
    expect(cells.filter((c) => c.role === 'name').length).toBeGreaterThan(5);
    expect(dump.pages).toEqual([]);
  });
});

describe('--pages and --provenance', () => {
  it('reads only the pages selected, and reports a form running on to a page left out', () => {
    const all = JSON.parse(ptarget(['parse', 'fixtures/real-budgets/yantai-zjj-2026-dept-budget.pdf']).stdout);
    const r = ptarget(['parse', 'fixtures/real-budgets/yantai-zjj-2026-dept-budget.pdf', '--pages', '2']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.forms.flatMap((f: { pages: number[] }) => f.pages)).toEqual(expect.arrayContaining([2]));
    expect(doc.forms.every((f: { pages: number[] }) => f.pages.every((p) => p === 2))).toBe(true);
    const onPage2 = all.forms.flatMap((f: { indicators: { page: number }[] }) => f.indicators).filter((i: { page: number }) => i.page === 2);
    expect(doc.forms.flatMap((f: { indicators: unknown[] }) => f.indicators)).toHaveLength(onPage2.length);
    const cut = doc.warnings.filter((w: { code: string }) => w.code === 'page-not-selected');
    expect(cut.map((w: { page: number }) => w.page)).toContain(2);
  });

  it('says clearly when a page is out of range, with exit status 2', () => {
    const r = ptarget(['parse', 'fixtures/shared/mof-2023.pdf', '--pages', '2,40-41']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/mof-2023\.pdf: --pages: pages 40–41 past the end \(the PDF has \d+ pages\)$/);
    expect(ptarget(['parse', 'fixtures/shared/mof-2023.pdf', '--pages', '3-1']).status).toBe(2);
    expect(ptarget(['parse', 'fixtures/shared/shanghai-2023.docx', '--pages', '1']).status).toBe(2);
  });

  it('adds the box of its cells to each indicator and form only when asked', () => {
    const plain = JSON.parse(ptarget(['parse', 'fixtures/shared/mof-2023.pdf']).stdout);
    expect(plain.forms[0].bbox).toBeUndefined();
    expect(plain.forms[0].indicators[0].bbox).toBeUndefined();
    const doc = JSON.parse(ptarget(['parse', 'fixtures/shared/mof-2023.pdf', '--provenance']).stdout);
    const form = doc.forms[0];
    const ind = form.indicators[0];
    expect(ind.bbox).toHaveLength(4);
    const [x0, top, x1, bottom] = form.bbox;
    // the indicator's cells lie inside its form's box, and the box is on the page
    expect(ind.bbox[0]).toBeGreaterThanOrEqual(x0);
    expect(ind.bbox[2]).toBeLessThanOrEqual(x1);
    expect(ind.bbox[1]).toBeGreaterThanOrEqual(top);
    expect(ind.bbox[3]).toBeLessThanOrEqual(bottom);
    expect(x1).toBeLessThan(700);
    // everything else is the same document
    const strip = (d: typeof doc) => JSON.stringify(d, (k, v) => (k === 'bbox' ? undefined : v));
    expect(strip(doc)).toBe(strip(plain));
  });
});

const browser = chromium();
if (!browser) console.warn('inspect.test: no chromium on PATH (apt-get install chromium); the browser checks are skipped');

describe.skipIf(!browser)('the inspect report in a headless browser', () => {
  for (const { name, input, pages } of REPORTS) {
    it(`${name}: pages drawn, one box per cell, indicators linked to their cells`, { timeout: 120_000 }, async () => {
      const html = join(work, `${name}.html`);
      const made = ptarget(['inspect', input, '-o', html, '-q', ...pages]);
      expect(made.stderr).toBe('');
      expect(made.status).toBe(0);
      const text = readFileSync(html, 'utf8');
      expect(text).not.toMatch(/<(script|img|link)[^>]+(src|href)="(https?:)?\/\//);
      const dump = JSON.parse(ptarget(['tables', input, ...pages]).stdout) as TablesDump;
      const cells = dump.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((row) => row.cells) : []));

      const puppeteer = await import('puppeteer-core');
      const b = await puppeteer.launch({ executablePath: browser!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await b.newPage();
        const errors: string[] = [];
        page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
        page.on('pageerror', (e) => void errors.push(String(e)));
        page.on('request', (r) => void (r.url().startsWith('file:') || r.url().startsWith('data:') || errors.push(`request ${r.url()}`)));
        await page.setViewport({ width: 1400, height: 1000 });
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });

        const images = await page.$$eval('.view img', (imgs) => imgs.map((i) => (i as unknown as { complete: boolean; naturalWidth: number }).complete && (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth));
        expect(images).toHaveLength(dump.pages.length);
        expect(images.every((w) => typeof w === 'number' && w > 0)).toBe(true);

        for (const p of dump.pages) {
          const boxes = await page.$$eval(`#page-${p.page} svg rect.cell`, (rs) => rs.map((r) => r.id));
          expect(boxes.sort()).toEqual(cells.filter((c) => c.page === p.page).map((c) => c.id).sort());
        }

        const indicator = await page.$('.ind[data-cells]:not([data-cells=""])');
        expect(indicator).not.toBeNull();
        const wanted = (await indicator!.evaluate((el) => el.getAttribute('data-cells')))!.split(' ');
        // a click without the pointer: a real pointer left over the list would light whatever the smooth
        // scroll below brings under it (a mouseover), racing the assertions on a loaded machine
        await indicator!.evaluate((el) => (el as unknown as { click(): void }).click());
        const lit = await page.$$eval('svg rect.cell.hl', (rs) => rs.map((r) => r.id));
        expect(lit.sort()).toEqual([...wanted].sort());
        expect(cells.filter((c) => wanted.includes(c.id)).map((c) => c.role)).toContain('name');

        // and the reverse: clicking the name's cell lights its indicator
        const nameCell = cells.find((c) => wanted.includes(c.id) && c.role === 'name')!;
        await page.$eval(`#${nameCell.id}`, (el) => el.dispatchEvent(new (globalThis as unknown as { MouseEvent: new (t: string, o: object) => object }).MouseEvent("click", { bubbles: true }) as never));
        const litInd = await page.$$eval('.ind.hl', (els) => els.map((e) => e.id));
        expect(litInd).toContain(await indicator!.evaluate((el) => el.id));

        await indicator!.click();
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: join(SHOTS, `inspect-${name}.png`) });
        expect(errors).toEqual([]);
      } finally {
        await b.close();
      }
    });
  }
});
