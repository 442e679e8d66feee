import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { readZip } from '../../src/io/zip.js';
import { buildPdf, type PageSpec } from '../../test/helpers/pdf-writer.js';
import { buildZip } from '../../test/helpers/zip-build.js';
import { craftedCases } from './crafted.js';
import { MUTATIONS, mutate, rng, seedOf } from './mutate.js';
import type { FuzzCase } from './run.js';
import * as gen from './structure.js';

/**
 * The fuzz inputs, all derived from one seed: generated text documents (fast-check), byte-level
 * mutations of the fixture PDFs and DOCX files, edits of the DOCX XML, generated PDFs, and the
 * crafted cases of the issue. `scale` 1 is the full run (over 2,000 inputs); `npm test` runs a
 * small slice of the same kinds.
 */

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

function fixtures(ext: string[], maxBytes = Infinity): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) visit(join(dir, e.name));
      else if (ext.includes(extname(e.name))) {
        const bytes = readFileSync(join(dir, e.name));
        if (bytes.length <= maxBytes) out.push({ name: e.name, bytes });
      }
    }
  };
  visit(FIXTURES);
  return out;
}

/** Full-run counts per kind. */
export const COUNTS = {
  tsv: 200, csv: 150, markdown: 120, html: 220, layout: 110, edited: 180,
  pdfBytes: 450, pdfBuilt: 120, docxBytes: 200, docxXml: 250,
};

const EXTS = ['.txt', '.tsv', '.csv', '.md', '.html', '.htm', '', '.pdf', '.docx', '.TXT'];

export interface BuildOptions {
  seed: number;
  scale: number;
  /** Leave out the crafted cases of tens of megabytes and those still over their bound. */
  light?: boolean;
  /** Counts per kind instead of `COUNTS × scale` (the slice `npm test` runs weighs kinds by their cost). */
  counts?: Partial<typeof COUNTS>;
  /** Mutate only the fixture PDFs and DOCX files up to this size. */
  maxSeedBytes?: number;
}

export async function buildCases(o: BuildOptions): Promise<FuzzCase[]> {
  const n = (k: keyof typeof COUNTS): number => o.counts?.[k] ?? Math.max(1, Math.round(COUNTS[k] * o.scale));
  const cases: FuzzCase[] = [];
  const sample = <T>(arb: fc.Arbitrary<T>, count: number, salt: string): T[] =>
    fc.sample(arb, { seed: (o.seed ^ seedOf(salt)) | 0, numRuns: count });

  const text = (kind: string, arb: fc.Arbitrary<string>, ext: string, count: number): void => {
    sample(fc.tuple(arb, fc.nat(), fc.nat(9)), count, kind).forEach(([t, how, e], i) => {
      const name = `doc${i}${i % 5 === 4 ? EXTS[e] : ext}`;
      cases.push({ id: `${kind}/${i}`, name, bytes: () => gen.encode(t, how) });
    });
  };
  text('tsv', gen.tsv, '.txt', n('tsv'));
  text('csv', gen.csv, '.csv', n('csv'));
  text('markdown', gen.markdown, '.md', n('markdown'));
  text('html', gen.html, '.html', n('html'));
  text('layout', gen.layout, '.txt', n('layout'));

  const seeds = fixtures(['.txt', '.tsv', '.html', '.md']);
  const per = Math.max(1, Math.ceil(n('edited') / seeds.length));
  for (const s of seeds) {
    sample(gen.editedLines(s.bytes.toString('utf8')), per, s.name).forEach((t, i) => {
      cases.push({ id: `edited/${s.name}/${i}`, name: s.name, bytes: () => Buffer.from(t, 'utf8') });
    });
  }

  const pdfs = fixtures(['.pdf'], o.maxSeedBytes);
  cases.push(...byteMutations('pdf-bytes', pdfs, n('pdfBytes'), o.seed, 'pdf'));
  const docx = fixtures(['.docx'], o.maxSeedBytes);
  cases.push(...byteMutations('docx-bytes', docx, n('docxBytes'), o.seed, 'xml'));
  cases.push(...(await docxXmlEdits(docx, n('docxXml'), o.seed)));
  sample(pdfPages, n('pdfBuilt'), 'pdf-built').forEach((pages, i) => {
    cases.push({ id: `pdf-built/${i}`, name: `built${i}.pdf`, bytes: () => buildPdf(pages, { compress: i % 2 === 0 }) });
  });

  const crafted = craftedCases().filter((c) => !(o.light && (c.heavy || c.open)));
  return [...cases, ...crafted];
}

function byteMutations(kind: string, seeds: { name: string; bytes: Buffer }[], count: number, seed: number, tokens: 'pdf' | 'xml'): FuzzCase[] {
  return Array.from({ length: count }, (_, i) => {
    const s = seeds[i % seeds.length]!;
    const m = MUTATIONS[(i % seeds.length + Math.floor(i / seeds.length)) % MUTATIONS.length]!;
    const id = `${kind}/${s.name}/${m}/${i}`;
    const other = seeds[(i * 7 + 3) % seeds.length]!.bytes;
    return { id, name: s.name, bytes: () => mutate(s.bytes, m, rng(seed ^ seedOf(id)), other, tokens) };
  });
}

/**
 * Mutations of the package's main XML part, repacked into a valid zip: the damage reaches the
 * XML and mammoth rather than stopping at the zip's checksums.
 */
async function docxXmlEdits(seeds: { name: string; bytes: Buffer }[], count: number, seed: number): Promise<FuzzCase[]> {
  const unpacked = await Promise.all(
    seeds.map(async (s) => {
      const { entries } = await readZip(s.bytes);
      return { name: s.name, members: await Promise.all(entries.map(async (e) => ({ name: e.path, data: await e.read() }))) };
    }),
  );
  return Array.from({ length: count }, (_, i) => {
    const s = unpacked[i % unpacked.length]!;
    const m = MUTATIONS[(i % unpacked.length + Math.floor(i / unpacked.length)) % MUTATIONS.length]!;
    const id = `docx-xml/${s.name}/${m}/${i}`;
    return {
      id,
      name: s.name,
      bytes: () => {
        const r = rng(seed ^ seedOf(id));
        const members = s.members.map((e) =>
          e.name === 'word/document.xml' || (e.name.endsWith('.xml') && r() < 0.1) ? { ...e, data: mutate(e.data, m, r, e.data, 'xml') } : e,
        );
        return buildZip(members);
      },
    };
  });
}

const pdfPages: fc.Arbitrary<PageSpec[]> = fc.array(
  fc.record({
    texts: fc.array(
      fc.record({ x: fc.integer({ min: -50, max: 650 }), y: fc.integer({ min: -50, max: 900 }), text: gen.cell.filter((t) => t.length > 0), size: fc.constantFrom(6, 9, 12, 40) }),
      { maxLength: 60 },
    ),
    lines: fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 850 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 850 })), { maxLength: 40 }),
    rotate: fc.constantFrom(0 as const, 0 as const, 90 as const),
  }),
  { minLength: 1, maxLength: 3 },
);
