import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runCachedScript } from './cached-script.js';

/**
 * The build's bundles (scripts/build-bundle.js): the CLI and the conversion worker, each ptarget's
 * own modules in one script run with a V8 code cache (cached-script.ts). Loaded as ~100 ES modules,
 * a start resolved, read, compiled and linked each of them, and compiled every function again on
 * its first call. Packages stay outside, loaded by `require` from dist/.
 *
 * A bundle is a strict function (exports, require, module, url); `url(path)` is what `import.meta.url`
 * said in the module at dist/PATH, so that paths relative to a module still mean what they did.
 */

export type BundleName = 'cli' | 'worker';

/** dist/, where the build writes bundles (this module runs from dist/io/; under vitest from src/io/, where there are none). */
const DIST = new URL('../', import.meta.url);

export const bundleFile = (name: BundleName): string => fileURLToPath(new URL(`bundle/${name}.js`, DIST));

type BundleFunction = (exports: object, require: (id: string) => unknown, module: { exports: object }, url: (path: string) => string) => void;

/** The exports of a bundle's entry module, or null when the build wrote no bundle (then import the module). */
export function loadBundle<T>(name: BundleName): T | null {
  const file = bundleFile(name);
  if (!existsSync(file)) return null;
  const own = createRequire(new URL('index.js', DIST));
  // dynamic import() is require() in a bundle (a script has no module loader); pdf.js's files are asked for by URL
  const require = (id: string): unknown => own(id.startsWith('file:') ? fileURLToPath(id) : id);
  const module = { exports: {} };
  (runCachedScript(file, file) as BundleFunction)(module.exports, require, module, (path) => new URL(path, DIST).href);
  return module.exports as T;
}
