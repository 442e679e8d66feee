import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';

/**
 * Scripts the build writes (pdf.js's modules in script form, ptarget's own bundles) compiled with
 * the V8 code cache the build stored next to each. Node 20 keeps no code cache for ES modules: every
 * start decoded and compiled them, and compiled each function again on its first call. A script can
 * be given the bytecode V8 made for it before (`cachedData`); the build makes it after converting
 * sample documents, so it also holds the functions a conversion compiles on first call. Where V8
 * refuses the cache (another Node version, other V8 flags) the script is compiled as before.
 */

/** The file holding a script's code cache. */
export const cacheFileOf = (script: string): string => `${script}.cache`;

/** The scripts compiled in this thread so far, for the build to take their code caches. */
const compiled = new Map<string, vm.Script>();

/** Runs the script in `file` (ASCII: read as Latin-1, V8 keeps it one byte per character) and returns its value. */
export function runCachedScript(file: string, filename: string): unknown {
  const cache = cacheFileOf(file);
  const script = new vm.Script(readFileSync(file, 'latin1'), {
    // named as the code it was made from, in stack traces and profiles
    filename,
    ...(existsSync(cache) ? { cachedData: readFileSync(cache) } : {}),
  });
  compiled.set(file, script);
  return script.runInThisContext();
}

/** Writes the code cache of every script run in this thread so far, next to it (the build's step); returns their files. */
export function writeCodeCaches(): string[] {
  for (const [file, script] of compiled) writeFileSync(cacheFileOf(file), script.createCachedData());
  return [...compiled.keys()];
}
