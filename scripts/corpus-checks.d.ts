// Types of corpus-checks.js, for the tests (the script itself runs as plain JavaScript).
export interface CheckedDocument {
  counts: Record<(typeof CHECKS)[number], number>;
  warnings: Record<string, number>;
  examples: Record<string, unknown[]>;
}
export declare const CHECKS: readonly [
  'forms', 'indicators', 'formsWithoutIndicators', 'unnamedForms', 'emptyIndicatorNames', 'emptyValuesUnwarned',
  'gluedNumbers', 'weightSumSuspects',
];
export declare function gluedNumber(raw: string | null | undefined): boolean;
export declare function weightSumSuspect(form: unknown): boolean;
export declare function emptyValue(value: unknown): boolean;
export declare function allWarnings(doc: unknown): { code: string; message: string; form: number | null }[];
export declare function checkDocument(doc: unknown, samples?: number): CheckedDocument;
