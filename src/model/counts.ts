import type { Document } from './document.js';
import type { Warning } from './warning.js';

/** All warnings of a document: its own, then each form's. */
export function allWarnings(doc: Document): Warning[] {
  return [...doc.warnings, ...doc.forms.flatMap((f) => f.warnings)];
}

export function indicatorCount(doc: Document): number {
  return doc.forms.reduce((n, f) => n + f.indicators.length, 0);
}
