import type { Document } from '../model/document.js';

/**
 * Where an output goes. A file gets what only files want (CSV's byte-order mark, for spreadsheet
 * programs); a stream is read by another program and gets none of it.
 */
export type Target = 'file' | 'stream';

/**
 * A text format written in pieces: a head, one part per document, a tail. The output for
 * documents d1 … dn is head + part(d1) + … + part(dn) + tail, so parts can be made one at a time,
 * elsewhere (in batch workers), and joined in input order.
 */
export interface StreamWriter {
  readonly kind: 'stream';
  /** Documents one output may hold: a JSON file holds one, ndjson and CSV any number. */
  readonly documents: 'one' | 'many';
  head(target: Target): string;
  part(doc: Document): string;
  /** part(doc) given to `emit` in pieces that join to it, where a part can be too big to make whole (JSON of 100,000 indicators). */
  pieces?(doc: Document, emit: (piece: string) => void): void;
  tail(target: Target): string;
}

/** A format written whole (a zipped workbook, say): every document at once, as the bytes of one file. */
export interface FileWriter {
  readonly kind: 'file';
  readonly documents: 'many';
  write(docs: readonly Document[], target: Target): Promise<Uint8Array>;
}

export type Writer = StreamWriter | FileWriter;
