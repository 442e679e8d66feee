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

  it('abandons a page that takes too long, with a warning, and reads the pages after it', async () => {
    // about ten times the limit's work, yet under the bound on operators per page (limits.ts)
    const heavy = Array.from({ length: 700_000 }, (_, i) => `${i % 500} ${i % 700} m ${(i % 500) + 0.5} ${(i % 700) + 0.3} l S`).join('\n');
    const pdf = buildPdf([text('第一页'), { ...text('第二页'), raw: heavy }, text('第三页')], { compress: true });
    const got = await extractPdf(pdf, { pageTimeoutMs: 400 });
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
