import { allWarnings, indicatorCount } from '../model/counts.js';
import type { Document } from '../model/document.js';
import { streamWriterFor, type WriterSpec } from '../write/index.js';

/** What the batch keeps of one document: counts for the manifest, and its part of each output. */
export interface Rendered {
  format: string;
  pages: number | null;
  forms: number;
  indicators: number;
  warnings: number;
  /** How many warnings of each code. */
  codes: Record<string, number>;
  /** writer.part(doc) for each of the outputs asked for, in the same order. */
  parts: string[];
}

function countCodes(doc: Document): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const w of allWarnings(doc)) codes[w.code] = (codes[w.code] ?? 0) + 1;
  return codes;
}

/** Workers call this off the main thread, so the main thread only joins strings in input order. */
export function render(doc: Document, outputs: readonly WriterSpec[]): Rendered {
  return {
    format: doc.source.format,
    pages: doc.source.pages,
    forms: doc.forms.length,
    indicators: indicatorCount(doc),
    warnings: allWarnings(doc).length,
    codes: countCodes(doc),
    parts: outputs.map((spec) => streamWriterFor(spec).part(doc)),
  };
}
