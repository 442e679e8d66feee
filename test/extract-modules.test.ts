import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLoops, importsOf, importsOutside, longFunctions, sources, SRC } from './helpers/module-graph.js';

// How the extract stage is put together (issue 8): the table finder (extract/layout/) needs no
// reader, the rest of the program enters extract through its index, no module imports itself
// back, and no function is longer than a reader can hold in view.

const MAX_FUNCTION_LINES = 120;

const extractFiles = sources(join(SRC, 'extract'));

describe('extract/ structure', () => {
  it('has a table finder (extract/layout/) that imports nothing of the readers', () => {
    expect(importsOutside(sources(join(SRC, 'extract/layout')), ['extract/layout', 'model'])).toEqual([]);
  });

  it('is entered from the rest of the program through extract/index.ts only', () => {
    const entry = join(SRC, 'extract/index.ts');
    const others = sources(SRC).filter((f) => !f.startsWith(join(SRC, 'extract') + '/'));
    const inside = others.flatMap((f) =>
      importsOf(f)
        .filter((m) => m.startsWith(join(SRC, 'extract') + '/') && m !== entry)
        .map((m) => `${relative(SRC, f)} → ${relative(SRC, m)}`),
    );
    expect(inside).toEqual([]);
  });

  it('has no import loop anywhere in src/', () => {
    expect(importLoops(sources(SRC))).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(longFunctions(extractFiles, MAX_FUNCTION_LINES)).toEqual([]);
  });
});
