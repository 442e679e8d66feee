import { recogniser } from '../recogniser.js';
import { filled } from '../rows.js';

// Rows that carry nothing new: read before, prose between tables, or left over.

/** A row whose every cell was already read as the value of a label above it (or an empty row). */
export const alreadyRead = recogniser({
  name: 'row already read',
  match: (row, state) => filled(row).every((c) => state.consumed.has(c)),
  read() {},
});

/** A line of text outside any table that no heading recogniser took: page headers, notes. */
export const prose = recogniser({
  name: 'prose',
  match: (row) => row.table === null,
  read() {},
});

/** A table row no recogniser took: reported on the form it falls in. */
export const unplaced = recogniser({
  name: 'unplaced row',
  match: () => true,
  read(row, state) {
    state.form?.warn('unparsed-row', `row not placed: ${filled(row).map((c) => c.text).join(' | ')}`, {
      page: row.page,
      line: row.line,
    });
  },
});
