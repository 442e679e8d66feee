import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import type { PDFWorker } from 'pdfjs-dist';
import { describe, expect, it } from 'vitest';
import { loadPdfJs, openDocument, PDFJS_DIR, type Host } from '../src/extract/pdf/engine.js';
import { patchedWorkerFile } from '../src/extract/pdf/patched-worker.js';

// The patched parser inflates a Flate stream with node:zlib, and with pdf.js's own code when zlib
// refuses it (worker-patch.ts). Side by side with pdf.js unpatched, on one page whose content stream
// is whole, cut short, damaged byte by byte, followed by junk, or stored uncompressed: the same
// operators, or the same failure.

type Parser = { WorkerMessageHandler: { initializeFromPort(port: unknown): void } };

async function workerFrom(file: string): Promise<PDFWorker> {
  const pdfjs = await loadPdfJs();
  const parser = (await import(pathToFileURL(file).href)) as Parser;
  const { port1, port2 } = new MessageChannel();
  parser.WorkerMessageHandler.initializeFromPort(port2);
  const Ctor = pdfjs.PDFWorker as unknown as new (o: { port: unknown; verbosity: number }) => PDFWorker;
  return new Ctor({ port: port1, verbosity: pdfjs.VerbosityLevel.ERRORS });
}

/** A one-page PDF whose content stream is `body` as given (no xref: pdf.js rebuilds it). */
function pdfWith(body: Uint8Array): Uint8Array {
  const head = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj',
    '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
    `4 0 obj << /Length ${body.length} /Filter /FlateDecode >> stream`,
    '',
  ].join('\n');
  const tail = '\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from(tail, 'latin1')]);
}

const CONTENT = Array.from({ length: 120 }, (_, i) => `BT /F1 9 Tf ${40 + (i % 3) * 180} ${780 - i * 6} Td (row ${i} cell ${(i * 7919) % 1000}) Tj ET 30 ${778 - i * 6} m 570 ${778 - i * 6} l S`).join('\n');

function variants(): [string, Uint8Array][] {
  const whole = deflateSync(Buffer.from(CONTENT, 'latin1'));
  const out: [string, Uint8Array][] = [
    ['whole', whole],
    ['stored, not compressed', deflateSync(Buffer.from(CONTENT, 'latin1'), { level: 0 })],
    ['junk after the end', Buffer.concat([whole, Buffer.from('junk junk junk')])],
    ['no checksum', whole.subarray(0, whole.length - 4)],
  ];
  for (const share of [0.1, 0.5, 0.9, 0.99]) out.push([`cut at ${share * 100} %`, whole.subarray(0, Math.floor(whole.length * share))]);
  let seed = 13;
  for (let k = 0; k < 16; k++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const at = 2 + (seed % (whole.length - 2));
    const damaged = Buffer.from(whole);
    damaged[at] = damaged[at]! ^ (1 + (seed % 255));
    out.push([`byte ${at} damaged`, damaged]);
  }
  return out;
}

async function operators(worker: PDFWorker, pdf: Uint8Array): Promise<string> {
  const pdfjs = await loadPdfJs();
  try {
    const doc = await openDocument(pdfjs, { pdfWorker: worker } as Host, pdf).promise;
    try {
      const page = await doc.getPage(1);
      const ops = await page.getOperatorList();
      // font names carry the document's number (g_d3_f1)
      return JSON.stringify([ops.fnArray, ops.argsArray]).replace(/\bg_d\d+_/g, 'g_d_');
    } finally {
      await doc.destroy();
    }
  } catch (e) {
    return `failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

describe('Flate streams in the patched parser', () => {
  it('read as pdf.js reads them: whole, cut short, damaged, with junk, stored', async () => {
    const patched = patchedWorkerFile();
    expect(patched, 'no patched parser in dist/: run npm run build').not.toBeNull();
    const original = await workerFrom(join(PDFJS_DIR, 'legacy/build/pdf.worker.mjs'));
    const ours = await workerFrom(patched!);
    const kinds = new Set<string>();
    for (const [name, body] of variants()) {
      const want = await operators(original, pdfWith(body));
      expect(await operators(ours, pdfWith(body)), name).toBe(want);
      kinds.add(want.length > 20_000 ? 'whole' : 'part');
    }
    // the cases reach both of pdf.js's outcomes: the whole page, and the part before the damage
    expect([...kinds].sort()).toEqual(['part', 'whole']);
  }, 120_000);
});
