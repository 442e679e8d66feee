import { matchNoteLabel } from '../labels.js';
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

/**
 * A note row of a form (备注 | text, 说明：text, 其他说明 | …): the text goes to the form's `extra`
 * under the printed label. Never an indicator. An empty note under the grid is nothing; one in
 * the header block is a header field left blank, kept as such (every header field goes somewhere).
 */
export const formNote = recogniser({
  name: 'note row of a form',
  match(row, state) {
    const cells = filled(row);
    if (!state.form || cells.length === 0) return null;
    const note = matchNoteLabel(cells[0]!.text);
    if (!note) return null;
    const text = [note.inline, ...cells.slice(1).map((c) => c.text)].filter((t) => t).join('\n');
    return { label: note.label, text };
  },
  read(row, state, { label, text }) {
    if (text === '' && state.grid !== null) return;
    state.form!.seePage(row.page);
    state.form!.addExtra(label, text);
  },
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
