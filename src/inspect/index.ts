import { convertTraced, type Input } from '../convert.js';
import { type PageGeometry, renderPdfPages } from '../extract/index.js';
import { tablesOf, type TablesDump } from './model.js';
import { reportHtml } from './report.js';

export type { TablesDump } from './model.js';

export interface InspectOptions {
  /** PDF pages to read (all when absent). */
  pages?: readonly number[];
  /** Read every PDF page for tables, not only those whose text may hold a form. */
  allPages?: boolean;
}

/** Extract and parse with provenance, noting what the table finder saw on each PDF page. */
async function traceInput(input: Input, opts: InspectOptions) {
  const pages: PageGeometry[] = [];
  const traced = await convertTraced(input, { pages: opts.pages, allPages: opts.allPages, onPage: (p) => pages.push(p) });
  return { traced, ...tablesOf(traced, pages) };
}

/** `ptarget tables`: the intermediate tables, every cell with its id and role, as data. */
export async function inspectTables(input: Input, opts: InspectOptions = {}): Promise<TablesDump> {
  return (await traceInput(input, opts)).dump;
}

/** `ptarget inspect`: the self-contained HTML report. */
export async function inspectReport(input: Input, opts: InspectOptions = {}): Promise<string> {
  const { traced, dump, ids } = await traceInput(input, opts);
  const images = traced.doc.source.format === 'pdf' ? await renderPdfPages(input.bytes, dump.pages.map((p) => p.page)) : new Map();
  return reportHtml(traced, dump, ids, images);
}
