// The warning codes, kept apart from the zod schema so that converting a document does not load
// zod. README "Output" lists the same codes (a test keeps the two equal).

/** Every code a warning can carry: stable kebab-case, grouped by the stage that reports it. */
export const WARNING_CODES = [
  // parse: indicators
  'missing-value',
  'unknown-label',
  'inferred-level1',
  'missing-level1',
  'missing-level2',
  'label-mapped',
  'duplicate-cell',
  'joined-cells',
  // parse: header fields and funds
  'funds-mismatch',
  'score-mismatch',
  'weight-mismatch',
  'unit-assumed',
  'unit-conflict',
  'unreadable-amount',
  'unreadable-date',
  'inferred-year',
  'name-from-title',
  // parse: rows and forms
  'unparsed-row',
  'unknown-layout',
  'no-indicators',
  'no-forms',
  // extract: PDF
  'no-text-layer',
  'page-timeout',
  'page-unreadable',
  'page-over-limit',
  'diagonal-text',
  'too-many-lines',
  'page-not-selected',
  // extract: text, CSV, Markdown
  'row-too-wide',
  // extract: DOCX
  'docx-table-grid',
  'docx-nested-table',
  // extract: spreadsheets
  'hidden-sheet',
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];
