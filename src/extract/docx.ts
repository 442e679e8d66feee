import { InputError } from '../errors.js';
import type { Extracted } from '../model/intermediate.js';

// Placeholder until the DOCX extractor lands (issue 4).
export async function extractDocx(_bytes: Uint8Array): Promise<Extracted> {
  throw new InputError('DOCX input is not implemented yet');
}
