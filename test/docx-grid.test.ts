import { describe, expect, it } from 'vitest';
import { placeCells, sliceRows, type SourceCell } from '../src/extract/docx/grid.js';

const c = (text: string, o: Partial<SourceCell> = {}): SourceCell => ({ text, span: 1, vMerge: null, hMerge: null, ...o });
const brief = (rows: ReturnType<typeof placeCells>): string[][] =>
  rows.map((r) => r.map((x) => `${x.col}:${x.text}:${x.rowSpan}x${x.colSpan}`));

describe('placeCells', () => {
  it('folds legacy horizontal merges (w:hMerge) into the cell on the left', () => {
    const rows = placeCells([
      { gridBefore: 0, cells: [c('项目名称'), c('机房电费', { hMerge: 'restart' }), c('', { hMerge: 'continue' }), c('x')] },
      { gridBefore: 0, cells: [c('a'), c('b'), c('c'), c('d')] },
    ]);
    expect(brief(rows)).toEqual([['0:项目名称:1x1', '1:机房电费:1x2', '3:x:1x1'], ['0:a:1x1', '1:b:1x1', '2:c:1x1', '3:d:1x1']]);
  });

  it('merges a vertical run of several rows and cuts spans where a slice ends', () => {
    const rows = placeCells([
      { gridBefore: 0, cells: [c('L', { vMerge: 'restart', span: 2 }), c('1')] },
      { gridBefore: 0, cells: [c('', { vMerge: 'continue', span: 2 }), c('2')] },
      { gridBefore: 0, cells: [c('', { vMerge: 'continue', span: 2 }), c('3')] },
    ]);
    expect(brief(rows)).toEqual([['0:L:3x2', '2:1:1x1'], ['2:2:1x1'], ['2:3:1x1']]);
    expect(sliceRows(rows, 0, 2).map((r) => r.cells.map((x) => x.rowSpan))).toEqual([[2, 1], [1]]);
    // slicing copies: the placed cells keep their spans
    expect(rows[0]![0]!.rowSpan).toBe(3);
  });
});
