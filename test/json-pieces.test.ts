import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Document } from '../src/model/document.js';
import { writeDocumentBytes, writeDocuments, writerFor } from '../src/write/index.js';
import { jsonPieces } from '../src/write/json-pieces.js';

// plain data as documents hold it, with what JSON leaves out (undefined members) or says as null
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined), fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie('any'), { maxKeys: 4 })),
})).any;

const joined = (doc: unknown, depth?: number): string => {
  const pieces: string[] = [];
  jsonPieces(doc, 2, (p) => pieces.push(p), depth);
  return pieces.join('');
};

describe('JSON in pieces', () => {
  it('joins to what JSON.stringify says, at any depth walked', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 4 }), fc.integer({ min: 0, max: 5 }), (doc, depth) =>
        joined(doc, depth) === JSON.stringify(doc, null, 2)),
      { seed: 14, numRuns: 3000 },
    );
  });

  it('keeps strings with line breaks, quotes and lone surrogates as JSON escapes them', () => {
    const doc = { forms: [{ indicators: [{ name: '甲\n乙"\\', raw: '\ud800x', when: new Date(0), skip: undefined }, undefined, [1, [2, {}]]] }], empty: [] };
    expect(joined(doc)).toBe(JSON.stringify(doc, null, 2));
  });

  it('says long arrays of leaves (stringified in batches) as JSON.stringify does, at every level', () => {
    const items = Array.from({ length: 700 }, (_, i) => (i % 5 === 0 ? undefined : i % 5 === 1 ? [i, { a: [] }] : i % 5 === 2 ? { n: `甲\n${i}`, e: {} } : i % 5 === 3 ? null : `"${i}"`));
    for (let depth = 1; depth <= 5; depth++) {
      const doc = { forms: [{ indicators: items, few: [1] }], top: items };
      expect(joined(doc, depth)).toBe(JSON.stringify(doc, null, 2));
    }
  });

  it('writes the bytes of the whole text, over many buffers', async () => {
    // ~3 MB of UTF-8: three-byte characters and emoji across the megabyte buffers
    const doc = { forms: [{ indicators: Array.from({ length: 40_000 }, (_, i) => ({ name: `指标${i}😀`, note: 'é'.repeat(i % 7) })) }] } as unknown as Document;
    const writer = writerFor({ format: 'json' });
    const chunks = await writeDocumentBytes(writer, [doc], 'file');
    // transferred to the main thread one by one: each buffer must own its memory
    expect(chunks.length).toBeGreaterThan(1);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expect(Buffer.concat(chunks).equals(Buffer.from(new TextEncoder().encode((await writeDocuments(writer, [doc], 'file')) as string)))).toBe(true);
  });
});
