import mammoth from 'mammoth';
import { InputError, isStackOverflow } from '../errors.js';
import type { Block, Extracted } from '../model/intermediate.js';
import { warning } from '../model/build.js';
import type { Warning } from '../model/warning.js';
import type { ZipEntry } from '../io/zip.js';
import { cutTables, restoreTables } from './docx/flow.js';
import { readDocxPackage } from './docx/package.js';
import { listTables } from './docx/tables.js';
import { child } from './docx/xml.js';
import { htmlToBlocks } from './html.js';

export { compoundFileMessage } from './docx/package.js';

/**
 * DOCX: mammoth reads the document flow (paragraphs, and where tables sit) and renders HTML,
 * which goes through the HTML extractor; the tables themselves are read from the document XML,
 * where the grid is known, so rows that skip grid columns (w:gridBefore/w:gridAfter, common in
 * WPS and Word files) keep every cell in its column. mammoth is given the main part with the
 * tables cut out (see docx/flow.ts), and reads the package through our zip reader's limits.
 */
export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  const pkg = await readDocxPackage(bytes);
  const body = child(pkg.main, 'w', 'body');
  if (!body) throw new InputError(`damaged Word document: ${pkg.mainPath} has no body`);
  const cut = cutTables(pkg.mainXml, listTables(body));

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { file: mammothPackage(pkg.entries, pkg.mainPath, cut.xml) } as unknown as { buffer: Buffer },
      // images are not read at all: an empty src instead of a base64 copy of every picture
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    throw mammothError(err);
  }

  const warnings: Warning[] = [];
  const blocks = restoreTables(htmlToBlocks(html).map(forDocx), cut.tables);
  if (cut.nestedAsText) {
    warnings.push(warning('docx-nested-table', `${cut.nestedAsText} table(s) have tables inside cells, read as the cells' text`));
  }
  return { format: 'docx', pages: null, encoding: null, blocks, warnings };
}

/**
 * The package as mammoth's zip interface (mammoth/lib/zipfile.js), over the entries our zip
 * reader listed, with the main part replaced by its text with the tables cut out.
 */
function mammothPackage(entries: readonly ZipEntry[], mainPath: string, mainXml: string): object {
  const byName = new Map(entries.map((e) => [e.path, e]));
  const isMain = (name: string): boolean => name.toLowerCase() === mainPath.toLowerCase();
  return {
    exists: (name: string) => isMain(name) || byName.has(name),
    read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
      if (isMain(name)) return mainXml;
      const entry = byName.get(name);
      if (!entry) throw new Error(`no ${name} in the package`);
      const data = await entry.read();
      if (encoding === 'base64') return Buffer.from(data).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(data) : data;
    },
  };
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
