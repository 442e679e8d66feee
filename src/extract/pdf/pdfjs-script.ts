import { fileURLToPath } from 'node:url';
import { runCachedScript } from '../../io/cached-script.js';

/**
 * pdf.js's two modules (its API side, pdf.mjs, and the patched parser) as classic scripts compiled
 * with a V8 code cache, both written by the build into dist/pdfjs-worker/ (scripts/build-pdfjs-worker.js).
 *
 * Imported as ES modules, the two files (3.3 MB) were decoded from UTF-8 and compiled at every start
 * of a conversion worker: ~0.1 s of a 1-page PDF's ~1 s of CPU. A script can be given the bytecode
 * V8 made for it before (`cachedData`), which ES modules cannot in Node 20; the build makes it by
 * converting a sample document, so it also holds the functions a conversion compiles on first call.
 * Where V8 refuses the cache (another Node version or V8 flags) the script is compiled as before;
 * where there is no script form (PTARGET_PDFJS_UNPATCHED, no build) the module is imported.
 */

/** A pdf.js module: its URL (what its `import.meta.url` says), and its script form, if the build wrote one. */
export interface PdfJsModuleFile {
  url: string;
  script: string | null;
}

/** What the script form is given for `import.meta.url` and for `import()`. */
const META_URL = '__ptargetImportMetaUrl';
const IMPORT = '__ptargetImport';
/** pdf.js's dynamic imports (its parser, to draw; an optional decoder), each marked for bundlers. */
const DYNAMIC_IMPORT = /\bimport\((\s*\/\*webpackIgnore: true\*\/)/g;

/**
 * The script form of an ES module of pdf.js's builds (no static import, one `export { … };` at the
 * end): a strict function of the module's URL and an import function, returning the exports. Null
 * for any other shape.
 */
export function scriptForm(source: string): string | null {
  const exports = [...source.matchAll(/^export \{([^}]*)\};$/gm)];
  if (exports.length !== 1 || /^import[\s{*'"]/m.test(source) || /import\.meta(?!\.url)/.test(source)) return null;
  const [statement, names] = exports[0]! as unknown as [string, string];
  const at = exports[0]!.index;
  const body = (source.slice(0, at) + source.slice(at + statement.length))
    .replaceAll('import.meta.url', META_URL)
    .replace(DYNAMIC_IMPORT, `${IMPORT}($1`);
  return `(function (${META_URL}, ${IMPORT}) {"use strict";\n${body}\nreturn {${names}};\n})`;
}

/** The module's exports: its script form run with its code cache, else the module imported. */
export async function loadPdfJsFile<T>(m: PdfJsModuleFile): Promise<T> {
  if (!m.script) return (await import(m.url)) as T;
  // named as the module, in stack traces and profiles
  const run = runCachedScript(m.script, fileURLToPath(m.url)) as (url: string, load: (specifier: string) => Promise<unknown>) => T;
  // what the module imports is found from the module's URL, as the module itself would
  return run(m.url, (specifier) => import(new URL(specifier, m.url).href));
}
