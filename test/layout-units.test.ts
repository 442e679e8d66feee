import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT_SETTINGS, layoutPage, stitchPages, type Glyph, type PageContent, type Segment } from '../src/extract/layout/index.js';
import { isWide, lastChar } from '../src/extract/layout/lines.js';
import { findGrids } from '../src/extract/layout/ruled-grid.js';
import type { Block } from '../src/model/intermediate.js';

/** The pure pieces of the table finder (extract/layout/). */

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

  it("joins columns drawn with side lines only when they run from the table's top rule to its bottom rule", () => {
    // a block continued from the page before and onto the next: its name and amount columns (x 0–60) have
    // no top or bottom rule on this page, only verticals level with the indicator grid's outer rules
    const grid = [h(0, 60, 120), h(20, 60, 120), h(40, 60, 120), v(60, 0, 40), v(90, 0, 40), v(120, 0, 40)];
    expect(spans([...grid, v(0, 0, 40), v(30, 0, 40)])).toEqual(['0,0 2x1', '0,1 2x1', '0,2 1x1', '0,3 1x1', '1,2 1x1', '1,3 1x1']);
    // verticals that stop short of the bottom rule are no such column: that table stays as drawn
    const short = findGrids([...grid, v(0, 0, 30), v(30, 0, 30)])!;
    expect(short.map((g) => g.box.x0)).toEqual([60]);
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
});

describe('settings', () => {
  it('has the tolerances the finder was tuned with, and findGrids follows them', () => {
    const close = [h(0, 0, 100), h(1.5, 0, 100), h(40, 0, 100), v(0, 0, 40), v(100, 0, 40)];
    // lines 1.5 pt apart are one (double) border by default; with a tighter snap they bound a thin row
    expect(spans(close)).toEqual(['0,0 1x1']);
    const tight = { ...DEFAULT_LAYOUT_SETTINGS.ruled, snap: 1 };
    expect(findGrids(close, tight)![0]!.cells.map((c) => `${c.row},${c.col}`)).toEqual(['0,0', '1,0']);
  });
});

/** Glyphs of `text` set at (x, top), one em (`size`) per wide character and half an em per other. */
function word(text: string, x: number, top: number, size = 10): Glyph[] {
  const out: Glyph[] = [];
  for (const ch of text) {
    const w = isWide(ch) ? size : size / 2;
    const bottom = top + size;
    out.push({ text: ch, x0: x, top, x1: x + w, bottom, cx: x + w / 2, cy: top + size / 2, size, dir: 0, u0: x, u1: x + w, base: bottom, space: false });
    x += w;
  }
  return out;
}

const rows = (blocks: Block[]): string[][] => blocks.flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.map((c) => c.text)) : [[`¶${b.text}`]]));

describe('a page from glyphs alone (no PDF)', () => {
  const page = (glyphs: Glyph[]): PageContent => ({ width: 400, height: 600, glyphs, segments: [] });

  it('finds a borderless table from text set in columns', () => {
    const glyphs = [...word('项目名称', 0, 100), ...word('金额', 120, 100), ...word('道路维修', 0, 120), ...word('100', 120, 120), ...word('桥梁加固', 0, 140), ...word('250', 120, 140)];
    const blocks = stitchPages([{ page: 1, width: 400, height: 600, items: layoutPage(page(glyphs), 1) }]);
    expect(rows(blocks)).toEqual([
      ['项目名称', '金额'],
      ['道路维修', '100'],
      ['桥梁加固', '250'],
    ]);
  });

  it('splits a line into paragraphs at the gap the settings name', () => {
    const glyphs = [...word('单位', 0, 100), ...word('万元', 60, 100)];
    const read = (paragraphGapEms: number): string[][] => {
      const settings = { ...DEFAULT_LAYOUT_SETTINGS, page: { ...DEFAULT_LAYOUT_SETTINGS.page, paragraphGapEms } };
      return rows(stitchPages([{ page: 1, width: 400, height: 600, items: layoutPage(page(glyphs), 1, [], settings) }]));
    };
    // a 4-em gap: the default (3) splits there, a wider setting does not
    expect(read(DEFAULT_LAYOUT_SETTINGS.page.paragraphGapEms)).toEqual([['¶单位'], ['¶万元']]);
    expect(read(5)).toEqual([['¶单位万元']]);
  });
});

describe('a table ruled between its rows only', () => {
  const items = (glyphs: Glyph[], segments: Segment[]) => layoutPage({ width: 400, height: 600, glyphs, segments }, 1);
  const cells = (it: ReturnType<typeof items>): string[] =>
    it.flatMap((i) => (i.kind === 'table' ? i.table.cells.filter((c) => c.text).map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan} ${c.text}`) : [`¶${i.text}`]));

  it('takes its rows from the rules and its columns from the text; a rule starting right of a label merges the label down', () => {
    const glyphs = [
      ...word('一级指标', 0, 95), ...word('三级指标', 80, 95), ...word('指标值', 170, 95),
      ...word('产出指标', 0, 124), ...word('数量甲', 80, 115), ...word('10', 170, 115),
      ...word('数量乙', 80, 135), ...word('20', 170, 135),
      ...word('效益指标', 0, 155), ...word('满意度', 80, 155), ...word('90', 170, 155),
    ];
    // the rule between the two 产出指标 rows starts right of the label's column
    const rules = [h(90, 0, 200), h(110, 0, 200), h(130, 70, 200), h(150, 0, 200), h(170, 0, 200)];
    const it = items(glyphs, rules);
    expect(it.every((i) => i.kind !== 'table' || i.table.ruled)).toBe(true);
    expect(cells(it)).toEqual([
      '0,0 1x1 一级指标', '0,1 1x1 三级指标', '0,2 1x1 指标值',
      '1,0 2x1 产出指标', '1,1 1x1 数量甲', '1,2 1x1 10',
      '2,1 1x1 数量乙', '2,2 1x1 20',
      '3,0 1x1 效益指标', '3,1 1x1 满意度', '3,2 1x1 90',
    ]);
  });

  it('leaves a table ruled only at its head and foot (its body several rows between two rules) to the text readers', () => {
    const glyphs = [...word('项目', 0, 95), ...word('金额', 120, 95)];
    ['道路维修', '桥梁加固', '路灯更换'].forEach((name, k) => glyphs.push(...word(name, 0, 115 + 20 * k), ...word(String(100 * (k + 1)), 120, 115 + 20 * k)));
    const it = items(glyphs, [h(90, 0, 200), h(110, 0, 200), h(180, 0, 200)]);
    expect(it.some((i) => i.kind === 'table' && i.table.ruled)).toBe(false);
  });
});

describe('lastChar', () => {
  it('is the last code point, as spreading the string gives it (lone surrogates included)', () => {
    const unit = fc.constantFrom('a', '中', ' ', '\ud840', '\udc0b', '\ud840\udc0b', '😀', '①');
    const text = fc.array(unit, { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(fc.property(text, (s) => lastChar(s) === ([...s].at(-1) ?? '')), { seed: 13, numRuns: 3000 });
  });
});
