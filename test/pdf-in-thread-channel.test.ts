import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import type { PDFWorker } from 'pdfjs-dist';
import { describe, expect, it } from 'vitest';
import { loadPdfJs, openDocument, type Host } from '../src/extract/pdf/engine.js';
import { inThreadChannel } from '../src/extract/pdf/in-thread-channel.js';
import { patchedWorkerFile } from '../src/extract/pdf/patched-worker.js';
import { fixture } from './helpers/expected.js';

// The channel between pdf.js's API and its parser in one thread hands messages over without a copy
// (in-thread-channel.ts). It must deliver as a MessagePort does (in order, later, to every listener,
// kept until one listens), and the patched parser must give through it what it gives through a
// MessageChannel, which copies: pdf.js changes some objects once sent (worker-patch.ts).

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('in-thread channel', () => {
  it('delivers the very object, later, in order, to each listener until it is removed', async () => {
    const { port1, port2 } = inThreadChannel();
    const got: unknown[] = [];
    const abort = new AbortController();
    const first = (e: { data: unknown }) => got.push(['first', e.data]);
    port2.addEventListener('message', first, { signal: abort.signal });
    port2.addEventListener('message', (e) => got.push(['second', e.data]));
    const sent = { fnArray: [1, 2] };
    port1.postMessage(sent);
    port1.postMessage('next');
    expect(got).toEqual([]);
    await turn();
    await turn();
    expect(got).toEqual([
      ['first', sent],
      ['second', sent],
      ['first', 'next'],
      ['second', 'next'],
    ]);
    expect((got[0] as unknown[])[1]).toBe(sent);
    abort.abort();
    port1.postMessage('after');
    await turn();
    expect(got.at(-1)).toEqual(['second', 'after']);
    expect(got.filter((g) => (g as unknown[])[0] === 'first')).toHaveLength(2);
  });

  it('keeps messages until someone listens, and answers the other way', async () => {
    const { port1, port2 } = inThreadChannel();
    port1.postMessage('early');
    await turn();
    const got: unknown[] = [];
    port2.addEventListener('message', (e) => {
      got.push(e.data);
      port2.postMessage(`re: ${String(e.data)}`);
    });
    const answers: unknown[] = [];
    port1.addEventListener('message', (e) => answers.push(e.data));
    await turn();
    await turn();
    expect(got).toEqual(['early']);
    expect(answers).toEqual(['re: early']);
  });

  // xian: embedded CFF fonts; yantai: TrueType subsets, many rulings
  it.each(['xian-sfj-2026-dept-budget.pdf', 'yantai-zjj-2026-dept-budget.pdf'])(
    'carries the patched parser as a MessageChannel does: %s',
    async (name) => {
      const file = patchedWorkerFile();
      expect(file, 'no patched parser in dist/: run npm run build').not.toBeNull();
      const pdfjs = await loadPdfJs();
      const parser = (await import(pathToFileURL(file!).href)) as { WorkerMessageHandler: { initializeFromPort(port: unknown): void } };
      const read = async (ports: { port1: unknown; port2: unknown }) => {
        parser.WorkerMessageHandler.initializeFromPort(ports.port2);
        const Ctor = pdfjs.PDFWorker as unknown as new (o: { port: unknown }) => PDFWorker;
        const worker = new Ctor({ port: ports.port1 });
        // as the reader opens it (font faces go nowhere)
        const doc = await openDocument(pdfjs, { pdfWorker: worker } as Host, readFileSync(fixture(`real-budgets/${name}`))).promise;
        const pages = [];
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          const ops = await page.getOperatorList();
          const text = await page.getTextContent();
          // plain data, as a clone gives it (pdf.js's glyph objects have getters on their class);
          // font names carry the document's number (g_d0_f1), and this is the second document
          const json = JSON.stringify({ fnArray: ops.fnArray, argsArray: ops.argsArray, text }).replace(/\bg_d\d+_/g, 'g_d_');
          pages.push(JSON.parse(json) as unknown);
        }
        await doc.destroy();
        return pages;
      };
      const copied = await read(new MessageChannel());
      const handed = await read(inThreadChannel());
      expect(handed).toEqual(copied);
      expect(JSON.stringify(copied).length).toBeGreaterThan(100_000);
    },
    120_000,
  );
});
