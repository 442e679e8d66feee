import type { ParagraphBlock, Row } from './intermediate.js';
import type { Warning } from './warning.js';
import type { WarningCode } from './warning-codes.js';

// Constructors for the model's values. They live apart from the zod schemas so that converting a
// document does not load zod, which only the schema command and validation need.

/** Version of the output contract; bumped only when a field is renamed or dropped. */
export const SCHEMA_VERSION = 1;

export function warning(
  code: WarningCode,
  message: string,
  where: { form?: number | null; page?: number | null; line?: number | null } = {},
): Warning {
  return { code, message, form: where.form ?? null, page: where.page ?? null, line: where.line ?? null };
}

/** A row of a line-based input (text, Markdown, CSV): one cell per field, no spans, no page. */
export function lineRow(fields: string[], line: number): Row {
  const cells = fields.map((text, col) => ({ text, col, rowSpan: 1, colSpan: 1, page: null, line, bbox: null }));
  return { cells, page: null, line };
}

/**
 * The most cells a row of a line-based input may have: 16,384 is the widest row a spreadsheet
 * holds (XLSX's column limit), and a printed form has tens. A wider line is no table row (one line
 * of a 50 MB file, a run of a million commas); it is read as a paragraph of text, with a warning,
 * so that no recogniser pays for millions of cells.
 */
export const MAX_ROW_CELLS = 16_384;

/** A line of more than MAX_ROW_CELLS fields, as a paragraph of its text, and the warning saying so. */
export function wideLine(text: string, line: number): { block: ParagraphBlock; warning: Warning } {
  return {
    block: { kind: 'paragraph', text, page: null, line },
    warning: warning('row-too-wide', `more than ${MAX_ROW_CELLS.toLocaleString('en-US')} cells, wider than any table; read as text`, { line }),
  };
}
