/**
 * ptarget as a library: the same pipeline as the command line.
 *
 *   convert({ path, bytes })  → Document   extract, then parse (what `ptarget parse` writes)
 *   extract(bytes, path)      → Extracted  any input format → tables of rows of cells
 *   parse(extracted)          → Parsed     forms, indicators and warnings of extracted tables
 *   schema()                  → JSON Schema of a Document
 *
 * Writers turn documents into output files: writeDocuments(writerFor({ format: 'csv' }), docs, 'file').
 */
import type { Extracted } from './model/intermediate.js';
import { type Parsed, parseDocument } from './parse/index.js';

export { convert, type ConvertOptions, type Input } from './convert.js';
export { InputError } from './errors.js';
export { extract, type ExtractOptions } from './extract/index.js';
export { SCHEMA_VERSION } from './model/build.js';
export * from './model/document.js';
export * from './model/intermediate.js';
export * from './model/warning.js';
export { type JsonSchema, schema } from './schema.js';
export {
  OUTPUT_FORMATS, type OutputFormat, TABLE_NAMES, type TableName, type Target, type Writer, type WriterSpec,
  writeDocuments, writerFor,
} from './write/index.js';
export type { Parsed };

/** Read the forms of extracted tables: header fields, indicator hierarchy, normalised values, warnings. */
export function parse(extracted: Extracted): Parsed {
  return parseDocument(extracted);
}
