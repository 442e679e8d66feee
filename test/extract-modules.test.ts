import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** How the extract stage is put together: the table finder needs no reader, and no module imports itself back. */

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a module (static, type-only and dynamic), as paths under src/ of the .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s.replace(/\.js$/, '.ts'))));
}

const graph = new Map(sourceFiles(SRC).map((f) => [relative(SRC, f), importsOf(f)]));

describe('extract modules', () => {
  it('has a table finder (extract/layout/) that imports nothing of the readers', () => {
    const outside = [...graph]
      .filter(([file]) => file.startsWith('extract/layout/'))
      .flatMap(([file, deps]) => deps.filter((d) => !d.startsWith('extract/layout/') && !d.startsWith('model/')).map((d) => `${file} → ${d}`));
    expect(outside).toEqual([]);
  });

  it('is entered from the rest of the program through extract/index.ts only', () => {
    const inside = [...graph]
      .filter(([file]) => !file.startsWith('extract/'))
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('extract/') && d !== 'extract/index.ts').map((d) => `${file} → ${d}`));
    expect(inside).toEqual([]);
  });

  it('has no import cycle anywhere in src/', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of [...graph.keys()].sort()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
