import { createHash } from 'node:crypto';
import { extract, type ExtractOptions } from './extract/index.js';
import { SCHEMA_VERSION } from './model/build.js';
import type { Document, Form } from './model/document.js';
import type { Extracted } from './model/intermediate.js';
import { boxOf, mayHoldForm, type Parsed, parseDocument, parseWithProvenance, type Provenance } from './parse/index.js';
import { InputError, isStackOverflow } from './errors.js';

export interface Input {
  /** As given on the command line, or the member path inside an archive. */
  path: string;
  bytes: Uint8Array;
}

export interface ConvertOptions extends Omit<ExtractOptions, 'pageFilter'> {
  /** Read every page of a PDF for tables, not only those whose text may hold a form (`--all-pages`). */
  allPages?: boolean;
  /** Give each indicator and form the `bbox` of the cells it was read from (`--provenance`). */
  provenance?: boolean;
}

/** What `ptarget inspect` needs besides the document: the intermediate tables and the provenance. */
export interface Traced {
  doc: Document;
  extracted: Extracted;
  provenance: Provenance;
}

/** One input file → one output document: extract, then parse. Throws InputError for bad input. */
export async function convert(input: Input, opts: ConvertOptions = {}): Promise<Document> {
  if (opts.provenance) return (await convertTraced(input, opts)).doc;
  const { extracted, parsed } = await run(input, opts, parseDocument);
  return documentOf(input, extracted, parsed);
}

/** convert, keeping the intermediate tables and which cells each indicator and form came from. */
export async function convertTraced(input: Input, opts: ConvertOptions = {}): Promise<Traced> {
  const { extracted, parsed } = await run(input, opts, parseWithProvenance);
  const { provenance } = parsed;
  const forms = parsed.forms.map((form) => withBoxes(form, provenance));
  // the boxed copies stand for the parser's forms and indicators from here on
  forms.forEach((f, i) => {
    const cells = provenance.formCells.get(parsed.forms[i]!);
    if (cells) provenance.formCells.set(f, cells);
    f.indicators.forEach((ind, k) => {
      const own = provenance.indicatorCells.get(parsed.forms[i]!.indicators[k]!);
      if (own) provenance.indicatorCells.set(ind, own);
    });
  });
  return { doc: documentOf(input, extracted, { ...parsed, forms }), extracted, provenance };
}

async function run<P extends Parsed>(input: Input, opts: ConvertOptions, parse: (e: Extracted) => P): Promise<{ extracted: Extracted; parsed: P }> {
  try {
    const { allPages, ...extractOpts } = opts;
    const extracted = await extract(input.bytes, input.path, allPages ? extractOpts : { ...extractOpts, pageFilter: mayHoldForm });
    return { extracted, parsed: parse(extracted) };
  } catch (err) {
    if (isStackOverflow(err)) throw new InputError('nested too deeply to read (elements inside elements thousands of levels deep)');
    throw err;
  }
}

function withBoxes(form: Form, provenance: Provenance): Form {
  const indicators = form.indicators.map((ind) => {
    const box = boxOf(provenance.indicatorCells.get(ind) ?? [], ind.page);
    return box ? { ...ind, bbox: box } : ind;
  });
  const box = boxOf(provenance.formCells.get(form) ?? [], form.pages[0] ?? null);
  return box ? { ...form, indicators, bbox: box } : { ...form, indicators };
}

function documentOf(input: Input, extracted: Extracted, parsed: Parsed): Document {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: {
      path: input.path,
      format: extracted.format,
      sha256: sha256(input.bytes),
      pages: extracted.pages,
      pagesRead: extracted.pagesRead ?? null,
      encoding: extracted.encoding,
    },
    title: parsed.title,
    forms: parsed.forms,
    warnings: [...extracted.warnings, ...parsed.warnings],
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
