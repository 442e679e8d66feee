import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInThisThread } from '../src/extract/pdf/engine.js';
import { extractPdf } from '../src/extract/pdf/index.js';
import { buildPdf } from './helpers/pdf-writer.js';

// pdf.js's parser in the calling thread (as in every conversion worker of the CLI), not in a thread
// of its own: a slow page is still abandoned on time, and reading loads nothing meant for drawing.

const text = (s: string) => ({ texts: [{ x: 50, y: 50, text: s }] });

describe("pdf.js's parser in this thread", () => {
  parseInThisThread();

  // In this thread the abandoned page's work goes on beside the pages after it, so on a loaded
  // machine they can pass the limit too: a timing test, tried up to three times.
  it('abandons a page that takes too long, with a warning, and reads the pages after it', { retry: 2 }, async () => {
    // one path of 200,000 segments drawn 100 times: several times the limit's work however fast the
    // machine, one operator for the bound on operators per page (limits.ts), and a limit generous
    // enough for the other pages on a loaded machine
    const path = `0 0 m\n${Array.from({ length: 200_000 }, (_, i) => `${i % 500} ${(i * 7) % 700} l`).join('\n')}\nS`;
    const pdf = buildPdf([text('第一页'), { ...text('第二页'), form: path, raw: '/Fm1 Do\n'.repeat(100) }, text('第三页')], { compress: true });
    const got = await extractPdf(pdf, { pageTimeoutMs: 2000 });
    expect(got.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual(['第一页', '第三页']);
    expect(got.warnings).toEqual([expect.objectContaining({ code: 'page-timeout', page: 2 })]);
    // the document stays usable: the next one reads on the same parser
    const again = await extractPdf(buildPdf([text('第四页')]));
    expect(again.blocks).toEqual([expect.objectContaining({ kind: 'paragraph', text: '第四页' })]);
  });

  it('reads a PDF without loading @napi-rs/canvas (only drawing needs it)', () => {
    const dist = join(import.meta.dirname, '../dist/extract/pdf');
    const script = `
      const { parseInThisThread } = await import(${JSON.stringify(join(dist, 'engine.js'))});
      const { extractPdf } = await import(${JSON.stringify(join(dist, 'index.js'))});
      parseInThisThread();
      const pdf = Uint8Array.from(${JSON.stringify([...buildPdf([text('第一页')])])});
      const got = await extractPdf(pdf);
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('@napi-rs'));
      console.log(JSON.stringify({ text: got.blocks[0].text, native: loaded.some((k) => !k.endsWith('geometry.js')) }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ text: '第一页', native: false });
  }, 60_000);
});
