import { describe, expect, it } from 'vitest';
import { pageList } from '../src/extract/pdf/index.js';

/** The pure pieces of the PDF reader. */

describe('page lists', () => {
  it('names pages compactly', () => {
    expect(pageList([3])).toBe('page 3');
    expect(pageList([1, 2, 3, 7, 9, 10])).toBe('pages 1–3, 7, 9–10');
  });
});
