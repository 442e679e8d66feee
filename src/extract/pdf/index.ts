import { InputError } from '../../errors.js';
import type { Extracted } from '../../model/intermediate.js';

export interface PdfOptions {
  /** Abandon a page (with a warning) that takes longer than this to read. */
  pageTimeoutMs?: number;
}

// Placeholder until the PDF extractor lands (issue 3).
export async function extractPdf(_bytes: Uint8Array, _opts: PdfOptions = {}): Promise<Extracted> {
  throw new InputError('PDF input is not implemented yet');
}
