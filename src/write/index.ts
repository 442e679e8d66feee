import { extname } from 'node:path';
import type { Document } from '../model/document.js';
import { csvWriter } from './csv.js';
import { jsonWriter } from './json.js';
import { ndjsonWriter } from './ndjson.js';
import { TABLES, type TableName } from './tables.js';
import type { StreamWriter, Target, Writer } from './writer.js';
import { xlsxWriter } from './xlsx.js';

export type { CellValue, Table, TableName } from './tables.js';
export { TABLE_NAMES, TABLES } from './tables.js';
export type { FileWriter, StreamWriter, Target, Writer } from './writer.js';

export interface WriterOptions {
  /** For tabular formats: which table. */
  table: TableName;
  /** CSV: keep cells that spreadsheets would read as formulas as printed (see defuseFormula). */
  csvRaw: boolean;
}

interface Registration {
  create(opts: WriterOptions): Writer;
  /** File extensions that choose this format when none is given (`-o out.csv`). */
  impliedBy: readonly string[];
  /** Bytes for a program, not text for a terminal. */
  binary?: boolean;
}

/** Every output format. A new one is a module exporting its writer, plus a line here. */
const FORMATS = {
  json: { create: () => jsonWriter, impliedBy: ['.json'] },
  csv: { create: (o) => csvWriter(TABLES[o.table], { raw: o.csvRaw }), impliedBy: ['.csv'] },
  ndjson: { create: () => ndjsonWriter, impliedBy: ['.ndjson', '.jsonl'] },
  xlsx: { create: () => xlsxWriter, impliedBy: ['.xlsx'], binary: true },
} as const satisfies Record<string, Registration>;

export type OutputFormat = keyof typeof FORMATS;

export const OUTPUT_FORMATS = Object.keys(FORMATS) as OutputFormat[];

/** A format and its options, as plain data (it crosses to batch workers). */
export interface WriterSpec {
  format: OutputFormat;
  table?: TableName;
  csvRaw?: boolean;
}

/** Is the format binary (never printed on a terminal)? */
export function isBinaryFormat(format: OutputFormat): boolean {
  return (FORMATS[format] as Registration).binary === true;
}

export function writerFor(spec: WriterSpec): Writer {
  const reg: Registration = FORMATS[spec.format];
  return reg.create({ table: spec.table ?? 'indicators', csvRaw: spec.csvRaw ?? false });
}

/** For outputs made in parts (batch): the format must be a text format written piece by piece. */
export function streamWriterFor(spec: WriterSpec): StreamWriter {
  const w = writerFor(spec);
  if (w.kind !== 'stream') throw new Error(`${spec.format} is written whole, not document by document`);
  return w;
}

/** Every extension that implies a format, for messages: ".json, .csv, …". */
export const OUTPUT_EXTENSIONS: readonly string[] = OUTPUT_FORMATS.flatMap((f) => (FORMATS[f] as Registration).impliedBy);

/** The format a file name implies by its extension, or null. */
export function formatOfFile(path: string): OutputFormat | null {
  const ext = extname(path).toLowerCase();
  return OUTPUT_FORMATS.find((f) => (FORMATS[f] as Registration).impliedBy.includes(ext)) ?? null;
}

/** The whole output of a writer for these documents: the file-level wrapper every caller uses. */
export async function writeDocuments(writer: Writer, docs: readonly Document[], target: Target): Promise<string | Uint8Array> {
  if (writer.documents === 'one' && docs.length !== 1) throw new Error(`this format holds one document, not ${docs.length}`);
  if (writer.kind === 'file') return writer.write(docs, target);
  return writer.head(target) + docs.map((d) => writer.part(d)).join('') + writer.tail(target);
}
