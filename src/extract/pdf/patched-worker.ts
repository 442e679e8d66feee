import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type PdfJsModuleFile, scriptForm } from './pdfjs-script.js';
import { patchSource, type SourcePatch, WORKER_PATCHES } from './worker-patch.js';

/**
 * pdf.js's parser with the patches of worker-patch.ts, as a module file written by the build
 * (`npm run build` → scripts/build-pdfjs-worker.js → dist/pdfjs-worker/) and shipped in the package.
 *
 * Patching the 2.3 MB source at every start and importing it from a data: URL cost ~0.25 s of CPU
 * per process (reading, patching, base64 both ways, and the module loader hashing a 3 MB URL), and
 * held several copies of it. A file is read and compiled like any other module.
 *
 * The file's name carries the pdf.js version and a hash of the patches, so a build made for other
 * patches or another pdf.js is never taken: the thread then loads pdf.js unchanged (slower, still
 * correct), as it does when a patch no longer applies. test/pdf-worker-patch.test.ts checks that the
 * build wrote the file for the current patches.
 */

const require = createRequire(import.meta.url);

/** package.json's "imports" maps this prefix to dist/pdfjs-worker/, from src/ (tests) and dist/ alike. */
const IMPORT_PREFIX = '#pdfjs-worker/';

/** The generated file's name: pdf.js's version and a hash of the patches applied to it. */
export function patchedWorkerName(pdfjsVersion: string, patches: readonly SourcePatch[] = WORKER_PATCHES): string {
  const hash = patches === WORKER_PATCHES ? (ownPatchesHash ??= patchesHash(patches)) : patchesHash(patches);
  return `pdf.worker.${pdfjsVersion}-${hash}.mjs`;
}

/** The hash of worker-patch.ts's patches, taken once: a start asks for the name twice, and hashing 18 KB cold took ~3 ms each time. */
let ownPatchesHash: string | undefined;
const patchesHash = (patches: readonly SourcePatch[]): string => fnv1a(JSON.stringify(patches.map((p) => [p.find, p.replace])));

/** 32-bit FNV-1a of the string's UTF-16 code units, as 8 hex digits (a name, not a defence). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function pdfjsVersion(): string {
  return (require('pdfjs-dist/package.json') as { version: string }).version;
}

/** The built file for the installed pdf.js and the current patches, or null when there is none. */
export function patchedWorkerFile(): string | null {
  const path = resolveImport(IMPORT_PREFIX + patchedWorkerName(pdfjsVersion()));
  return path !== null && existsSync(path) ? path : null;
}

function resolveImport(specifier: string): string | null {
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}

/**
 * Every character outside ASCII as a \u escape. pdf.js's parser has a handful, all in string
 * literals (where an escape means the same character); without them V8 keeps the whole 2.3 MB
 * source as a two-byte string.
 */
export function asciiSource(source: string): string {
  return source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The patched parser's text, or null when a patch does not apply to this pdf.js. */
export function patchedWorkerSource(pdfjsDir: string, patches: readonly SourcePatch[] = WORKER_PATCHES): string | null {
  const patched = patchSource(readFileSync(join(pdfjsDir, 'legacy/build/pdf.worker.mjs'), 'utf8'), patches);
  if (patched === null) return null;
  // pdf.js is Apache-2.0: say what was changed; its own licence header follows
  const notice = [`// pdf.js ${pdfjsVersion()} (pdfjs-dist), modified by ptarget (src/extract/pdf/worker-patch.ts):`, ...patches.map((p) => `// - ${p.why}`)];
  return `${notice.join('\n')}\n${asciiSource(patched)}`;
}

/**
 * Writes the patched parser where patchedWorkerFile() looks for it (the build's step); returns its
 * path, or null when a patch does not apply (nothing is written, and pdf.js loads unchanged).
 */
export function writePatchedWorker(pdfjsDir: string, outDir: string): string | null {
  const source = patchedWorkerSource(pdfjsDir);
  if (source === null) return null;
  const path = join(outDir, patchedWorkerName(pdfjsVersion()));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  return path;
}

/** The script forms (pdfjs-script.ts): pdf.js's API side by its version, the parser by its patched file's name. */
const apiScriptName = (version: string): string => `pdf.${version}.script.js`;
const parserScriptName = (version: string): string => patchedWorkerName(version).replace(/\.mjs$/, '.script.js');

/**
 * Writes the script forms of pdf.js's API side and of the patched parser (written before, by
 * writePatchedWorker), both ASCII; false, writing nothing, if either module is not of the expected shape.
 */
export function writeScriptForms(pdfjsDir: string, outDir: string): boolean {
  const version = pdfjsVersion();
  const api = scriptForm(asciiSource(readFileSync(join(pdfjsDir, 'legacy/build/pdf.mjs'), 'utf8')));
  const parser = scriptForm(readFileSync(join(outDir, patchedWorkerName(version)), 'latin1'));
  if (api === null || parser === null) return false;
  writeFileSync(join(outDir, apiScriptName(version)), api);
  writeFileSync(join(outDir, parserScriptName(version)), parser);
  return true;
}

/**
 * pdf.js's API side and parser as this thread loads them: the build's patched parser and both
 * script forms where they exist (`patched`), else (`unpatched`, or no build for these patches) pdf.js's own files.
 */
export function pdfjsModuleFiles(pdfjsDir: string, unpatched: boolean): { api: PdfJsModuleFile; parser: PdfJsModuleFile; patched: boolean } {
  const own = (file: string): PdfJsModuleFile => ({ url: pathToFileURL(join(pdfjsDir, 'legacy/build', file)).href, script: null });
  const patched = unpatched ? null : patchedWorkerFile();
  if (patched === null) return { api: own('pdf.mjs'), parser: own('pdf.worker.mjs'), patched: false };
  const version = pdfjsVersion();
  return {
    api: { ...own('pdf.mjs'), script: builtFile(apiScriptName(version)) },
    parser: { url: pathToFileURL(patched).href, script: builtFile(parserScriptName(version)) },
    patched: true,
  };
}

function builtFile(name: string): string | null {
  const path = resolveImport(IMPORT_PREFIX + name);
  return path !== null && existsSync(path) ? path : null;
}
