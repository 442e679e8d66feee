import type { Document } from '../model/document.js';

/** 2-space indented JSON with a final newline; key order is the schema's, so output is stable. */
export function toJson(doc: Document): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
