import { createHash } from 'node:crypto';
import { extract, type ExtractOptions } from './extract/index.js';
import { SCHEMA_VERSION } from './model/build.js';
import type { Document } from './model/document.js';
import { parseDocument } from './parse/index.js';
import { InputError, isStackOverflow } from './errors.js';

export interface Input {
  /** As given on the command line, or the member path inside an archive. */
  path: string;
  bytes: Uint8Array;
}

export type ConvertOptions = ExtractOptions;

/** One input file → one output document: extract, then parse. Throws InputError for bad input. */
export async function convert(input: Input, opts: ConvertOptions = {}): Promise<Document> {
  let extracted, parsed;
  try {
    extracted = await extract(input.bytes, input.path, opts);
    parsed = parseDocument(extracted);
  } catch (err) {
    if (isStackOverflow(err)) throw new InputError('nested too deeply to read (elements inside elements thousands of levels deep)');
    throw err;
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    source: {
      path: input.path,
      format: extracted.format,
      sha256: sha256(input.bytes),
      pages: extracted.pages,
      encoding: extracted.encoding,
    },
    title: parsed.title,
    forms: parsed.forms,
    warnings: [...extracted.warnings, ...parsed.warnings],
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
