import { z } from 'zod';
import { DocumentSchema } from './model/document.js';

/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of a converted document (what `ptarget schema` prints), generated from the zod schemas. */
export function schema(): JsonSchema {
  return z.toJSONSchema(DocumentSchema) as JsonSchema;
}
