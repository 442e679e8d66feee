import { jsonPieces } from './json-pieces.js';
import type { StreamWriter } from './writer.js';

/** One document per file, 2-space indented with a final newline; key order is the schema's, so output is stable. */
export const jsonWriter: StreamWriter = {
  kind: 'stream',
  documents: 'one',
  head: () => '',
  part: (doc) => JSON.stringify(doc, null, 2) + '\n',
  pieces(doc, emit) {
    jsonPieces(doc, 2, emit);
    emit('\n');
  },
  tail: () => '',
};
