import type { Document } from '../model/document.js';
import type { OutputFormat, WriterSpec } from './formats.js';
import { csvWriter } from './csv.js';
import { jsonWriter } from './json.js';
import { ndjsonWriter } from './ndjson.js';
import { TABLES, type TableName } from './tables.js';
import type { StreamWriter, Target, Writer } from './writer.js';
import { xlsxWriter } from './xlsx.js';

export { formatOfFile, isBinaryFormat, OUTPUT_EXTENSIONS, OUTPUT_FORMATS, type OutputFormat, type WriterSpec } from './formats.js';
export type { CellValue, Table, TableName } from './tables.js';
export { TABLE_NAMES, TABLES } from './tables.js';
export type { FileWriter, StreamWriter, Target, Writer } from './writer.js';

export interface WriterOptions {
  /** For tabular formats: which table. */
  table: TableName;
  /** CSV: keep cells that spreadsheets would read as formulas as printed (see defuseFormula). */
  csvRaw: boolean;
}

/** How each format's writer is made. A new format is a module exporting its writer, a line here and one in formats.ts. */
const CREATE = {
  json: () => jsonWriter,
  csv: (o) => csvWriter(TABLES[o.table], { raw: o.csvRaw }),
  ndjson: () => ndjsonWriter,
  xlsx: () => xlsxWriter,
} as const satisfies Record<OutputFormat, (o: WriterOptions) => Writer>;

export function writerFor(spec: WriterSpec): Writer {
  return CREATE[spec.format]({ table: spec.table ?? 'indicators', csvRaw: spec.csvRaw ?? false });
}

/** For outputs made in parts (batch): the format must be a text format written piece by piece. */
export function streamWriterFor(spec: WriterSpec): StreamWriter {
  const w = writerFor(spec);
  if (w.kind !== 'stream') throw new Error(`${spec.format} is written whole, not document by document`);
  return w;
}

/** The whole output of a writer for these documents: the file-level wrapper every caller uses. */
export async function writeDocuments(writer: Writer, docs: readonly Document[], target: Target): Promise<string | Uint8Array> {
  if (writer.documents === 'one' && docs.length !== 1) throw new Error(`this format holds one document, not ${docs.length}`);
  if (writer.kind === 'file') return writer.write(docs, target);
  return writer.head(target) + docs.map((d) => writer.part(d)).join('') + writer.tail(target);
}

/**
 * writeDocuments as UTF-8, in buffers that each own their memory (to be transferred; the file is
 * their concatenation). A text format is encoded a piece at a time where its writer gives pieces,
 * never made as one string, and the buffers are not joined: joining a file of 90 MB into one
 * buffer cost half a second and its size again in memory.
 */
export async function writeDocumentBytes(writer: Writer, docs: readonly Document[], target: Target): Promise<Uint8Array<ArrayBuffer>[]> {
  if (writer.kind === 'file' || !writer.pieces) {
    const data = await writeDocuments(writer, docs, target);
    return [typeof data === 'string' ? new TextEncoder().encode(data) : data.slice()];
  }
  if (writer.documents === 'one' && docs.length !== 1) throw new Error(`this format holds one document, not ${docs.length}`);
  const out = new Utf8Chunks();
  const emit = (piece: string): void => out.add(piece);
  emit(writer.head(target));
  for (const d of docs) writer.pieces(d, emit);
  emit(writer.tail(target));
  return out.bytes();
}

/**
 * Strings encoded as UTF-8, piece by piece into buffers of a megabyte: joining pieces into bigger
 * strings first costs more (the joined string is flattened) than writing each.
 */
class Utf8Chunks {
  private readonly full: Buffer[] = [];
  private chunk = Buffer.allocUnsafeSlow(CHUNK);
  private at = 0;

  add(piece: string): void {
    if (this.chunk.length - this.at < piece.length * 3) {
      this.full.push(this.chunk.subarray(0, this.at));
      this.chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK, piece.length * 3));
      this.at = 0;
    }
    this.at += this.chunk.write(piece, this.at);
  }

  /** The buffers written, in order (each on an ArrayBuffer of its own). */
  bytes(): Uint8Array<ArrayBuffer>[] {
    return [...this.full, this.chunk.subarray(0, this.at)].filter((c) => c.length > 0) as Uint8Array<ArrayBuffer>[];
  }
}

const CHUNK = 1 << 20;
