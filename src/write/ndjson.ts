import type { StreamWriter } from './writer.js';

/** One compact document per line, for pipes (`jq -c`), any number of documents. */
export const ndjsonWriter: StreamWriter = {
  kind: 'stream',
  documents: 'many',
  head: () => '',
  part: (doc) => JSON.stringify(doc) + '\n',
  tail: () => '',
};
