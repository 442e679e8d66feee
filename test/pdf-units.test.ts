import { describe, expect, it } from 'vitest';
import type { Segment } from '../src/extract/layout/glyph.js';
import { findGrids } from '../src/extract/layout/ruled-grid.js';
import { pageList } from '../src/extract/pdf/index.js';
import { isWide } from '../src/extract/layout/lines.js';

/** The pure pieces of the PDF extractor. */

const h = (pos: number, from: number, to: number): Segment => ({ axis: 'h', pos, from, to });
const v = (pos: number, from: number, to: number): Segment => ({ axis: 'v', pos, from, to });

/** Cells as "row,col rowSpan×colSpan". */
function spans(segments: Segment[]): string[] {
  const grids = findGrids(segments)!;
  expect(grids).toHaveLength(1);
  return grids[0]!.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`);
}

describe('grid from rulings', () => {
  it('cuts a 2×2 box into four cells', () => {
    expect(spans([h(0, 0, 100), h(20, 0, 100), h(40, 0, 100), v(0, 0, 40), v(50, 0, 40), v(100, 0, 40)])).toEqual(['0,0 1x1', '0,1 1x1', '1,0 1x1', '1,1 1x1']);
  });

  it('merges cells that no ruling separates into spans', () => {
    // the middle vertical line stops at the second row: the top row is one cell across
    expect(spans([h(0, 0, 100), h(20, 0, 100), h(40, 0, 100), v(0, 0, 40), v(50, 20, 40), v(100, 0, 40)])).toEqual(['0,0 1x2', '1,0 1x1', '1,1 1x1']);
    // the middle horizontal line stops at the second column: the left column is one cell down
    expect(spans([h(0, 0, 100), h(20, 50, 100), h(40, 0, 100), v(0, 0, 40), v(50, 0, 40), v(100, 0, 40)])).toEqual(['0,0 2x1', '0,1 1x1', '1,1 1x1']);
  });

  it('snaps double borders and joins lines drawn in pieces', () => {
    const pieces = [h(0, 0, 48), h(0.8, 0, 100), h(0, 52, 100), h(20, 0, 100), h(40, 0, 60), h(40.5, 58, 100)];
    expect(spans([...pieces, v(0, 0, 40), v(50, 0, 19), v(50, 21, 40), v(100.6, 0, 40)])).toEqual(['0,0 1x1', '0,1 1x1', '1,0 1x1', '1,1 1x1']);
  });

  it('closes a table drawn without outer side borders', () => {
    expect(spans([h(0, 0, 100), h(20, 0, 100), h(40, 0, 100), v(50, 0, 40)])).toEqual(['0,0 1x1', '0,1 1x1', '1,0 1x1', '1,1 1x1']);
  });

  it('keeps tables that do not touch apart', () => {
    const box = (x: number, y: number): Segment[] => [h(y, x, x + 50), h(y + 20, x, x + 50), v(x, y, y + 20), v(x + 50, y, y + 20)];
    expect(findGrids([...box(0, 0), ...box(0, 100)])).toHaveLength(2);
  });

  it('gives up on a page of hatching rather than pairing millions of lines', () => {
    const many: Segment[] = [];
    for (let i = 0; i < 2100; i++) many.push(h(i * 3, 0, 7000), v(i * 3, 0, 7000));
    expect(findGrids(many)).toBeNull();
  });
});

describe('text helpers', () => {
  it('tells wide (CJK) characters from Latin ones', () => {
    expect(['项', '，', '（', '\u2f00', '３'].every(isWide)).toBe(true);
    expect(['a', '1', '(', '%', '≥'].some(isWide)).toBe(false);
  });

  it('names pages compactly', () => {
    expect(pageList([3])).toBe('page 3');
    expect(pageList([1, 2, 3, 7, 9, 10])).toBe('pages 1–3, 7, 9–10');
  });
});
