import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLoops, importsOutside, longFunctions, sources, SRC } from './helpers/module-graph.js';

// The parser's shape, as issue 8 set it: parse/ depends only on model/ and itself, its modules
// form no import loop, and no function is longer than a reader can hold in view.

const MAX_FUNCTION_LINES = 120;

const parseFiles = sources(join(SRC, 'parse'));
const modelFiles = sources(join(SRC, 'model'));

describe('parse/ structure', () => {
  it('imports only model/ and its own modules', () => {
    expect(importsOutside(parseFiles, ['parse', 'model'])).toEqual([]);
  });

  it('has no import loop (parse/ and model/)', () => {
    expect(importLoops([...parseFiles, ...modelFiles])).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(longFunctions(parseFiles, MAX_FUNCTION_LINES)).toEqual([]);
  });
});
