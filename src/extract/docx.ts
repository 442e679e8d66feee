import mammoth from 'mammoth';
import { InputError, isStackOverflow } from '../errors.js';
import type { Block, Extracted } from '../model/intermediate.js';
import { warning } from '../model/build.js';
import type { Warning } from '../model/warning.js';
import { restoreTables, swapTables, type MammothNode, type Swap } from './docx/flow.js';
import { readDocxPackage } from './docx/package.js';
import { listTables } from './docx/tables.js';
import { child } from './docx/xml.js';
import { htmlToBlocks } from './html.js';

export { compoundFileMessage } from './docx/package.js';

/**
 * DOCX: mammoth reads the document flow (paragraphs and where tables sit) and renders HTML,
 * which goes through the HTML extractor; the tables themselves are read from the document XML,
 * where the grid is known, so rows that skip grid columns (w:gridBefore/w:gridAfter, common in
 * WPS and Word files) keep every cell in its column. See docx/flow.ts.
 */
export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  const pkg = await readDocxPackage(bytes);
  const body = child(pkg.main, 'w', 'body');
  if (!body) throw new InputError(`damaged Word document: ${pkg.mainPath} has no body`);
  const xmlTables = listTables(body);

  let swap: Swap | null = null;
  let bug: unknown = null;
  const transformDocument = (doc: MammothNode): MammothNode => {
    try {
      swap = swapTables(doc, xmlTables);
    } catch (err) {
      bug = err; // ours, not the document's: rethrown below rather than reported as bad input
    }
    return doc;
  };
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // images are not read at all: an empty src instead of a base64 copy of every picture
      { transformDocument, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    if (bug) throw bug;
    throw mammothError(err);
  }
  if (bug) throw bug;

  const done = swap as Swap | null;
  const warnings: Warning[] = [];
  let blocks: Block[] = htmlToBlocks(html).map(forDocx);
  if (done?.swapped) {
    blocks = restoreTables(blocks, done.tables);
    if (done.nestedAsText) {
      warnings.push(
        warning('docx-nested-table', `${done.nestedAsText} table(s) have tables inside cells, read as the cells' text`),
      );
    }
  } else if (xmlTables.length) {
    warnings.push(
      warning('docx-table-grid', 'tables read without the Word grid: cells after skipped grid columns may shift left'),
    );
  }
  return { format: 'docx', pages: null, encoding: null, blocks, warnings };
}

/**
 * What mammoth's failure means for the user. Its own complaints (no main part, bad XML) describe
 * the document; a programming error or assertion inside it means markup it does not expect.
 */
function mammothError(err: unknown): unknown {
  if (isStackOverflow(err)) return err; // convert() reports deep nesting for every format
  const msg = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  const internal = err instanceof TypeError || err instanceof ReferenceError || /^Not implemented/.test(msg);
  return new InputError(
    internal ? 'damaged or unusual Word document: its XML has a shape the DOCX reader cannot follow' : `damaged Word document (${msg})`,
  );
}

/**
 * Blocks from mammoth's HTML, made like the XML tables: no source lines (they would be lines of
 * the generated HTML), a plain hyphen for a non-breaking one, no soft hyphens.
 */
function forDocx(b: Block): Block {
  if (b.kind === 'table') {
    const rows = b.rows.map((r) => ({ ...r, line: null, cells: r.cells.map((c) => ({ ...c, line: null })) }));
    return { ...b, rows };
  }
  return { ...b, line: null, text: b.text.replace(/\u00ad/g, '').replace(/\u2011/g, '-') };
}
