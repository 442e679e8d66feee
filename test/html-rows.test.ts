import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../src/extract/html.js';

// Tags and text that move the tree builder around a table: rows and cells opened and closed out of
// order, sections, captions, text and elements foster-parented out of a table, nested tables (inside
// a cell and not), spans, templates and forms
const TOKENS = [
  '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<th>', '</th>', '<td rowspan="2">', '<td colspan="3">',
  '<td rowspan="0">', '<th rowspan=2 colspan=2>', '<tbody>', '</tbody>', '<thead>', '</thead>', '<tfoot>', '<caption>',
  '</caption>', '<colgroup><col>', '甲', '指标1', ' ', '\n', '<p>', '</p>', '<br>', '<div>', '</div>', '<b>', '</b>', '<i>',
  '<li>', '<ul>', '</ul>', '<template>', '</template>', '<form>', '</form>', '<select><option>', '<script>x</script>',
  '<html>', '<body>', '</body>', '<frameset>', '<math>', '<svg>', '</svg>', '<a>', '</a>', '<input type=hidden>',
];
const html = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));

describe('HTML tables read as their rows close', () => {
  it('are the tables of the whole document', () => {
    fc.assert(
      fc.property(html, (h) => {
        expect(htmlToBlocks(h)).toEqual(htmlToBlocks(h, false));
      }),
      { seed: 14, numRuns: 4000 },
    );
  });

  it('hold their rows (a row out of the table where the tree builder moves it)', () => {
    const h = '<table><tr><td>一级指标</td><td>指标值</td></tr>x<tr><td rowspan=2>产出指标<table><tr><td>内</td></tr></table></td><td>≥1</td></tr><tr><td>2</td></table>';
    const blocks = htmlToBlocks(h);
    expect(blocks).toEqual(htmlToBlocks(h, false));
    expect(blocks.filter((b) => b.kind === 'table').map((b) => b.kind === 'table' && b.rows.length)).toEqual([3]);
  });
});
