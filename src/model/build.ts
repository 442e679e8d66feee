import type { Row } from './intermediate.js';
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
