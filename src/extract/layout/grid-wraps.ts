import { overlapX } from './geometry.js';
import type { Line } from './lines.js';

/**
 * Wrapped cells on a character grid (text laid out with spaces, layout-text.ts), for the aligned-cell
 * reader (aligned.ts). On a PDF page a cell's wrapped lines sit closer than its rows; on a grid every
 * line is one line pitch from the next, and a blank line between rows is the only spacing left.
 */

/**
 * Pieces (by index) whose nearest piece below continues the same cell, on a character grid. Every
 * line there is set as close as a wrap, so closeness alone says little: a cell's next line sits
 * flush left, centred or flush right under the line it continues, no longer than it (a cell's
 * lines fill its width but the last), and neither reaches over another cell of the other's line
 * (a title over a row is not wrapped into the row's first cell). A converter snapping lines to its
 * grid sets a two-line label centred on a one-line row as label, row, label: a piece is continued
 * over one line in between when that line holds only the row's other cells and every piece of
 * the two lines pairs up so (a line of a row of its own has cells that pair with nothing).
 */
export function gridWraps(fragments: readonly Line[], belowOf: readonly (Line | null)[], aboveOf: readonly (Line | null)[], wrapGap: number): Set<number> {
  const index = new Map(fragments.map((f, k) => [f, k]));
  const byBase = new Map<number, number[]>();
  fragments.forEach((f, k) => {
    const list = byBase.get(f.base);
    if (list) list.push(k);
    else byBase.set(f.base, [k]);
  });
  const bases = [...byBase.keys()].sort((a, b) => a - b);
  // the grid's line pitch: the closest two lines
  const pitch = Math.min(...bases.slice(1).map((b, k) => b - bases[k]!));
  const gapOf = (f: Line, g: Line): number => (g.box.top - f.box.bottom) / Math.max(f.size, g.size);
  const pairs = (k: number): boolean => {
    const f = fragments[k]!;
    const below = belowOf[k];
    if (!below || aboveOf[index.get(below)!] !== f || !alignedUnder(f, below)) return false;
    const others = (base: number, not: Line): Line[] => byBase.get(base)!.map((j) => fragments[j]!).filter((g) => g !== not);
    return !others(below.base, below).some((g) => overlapX(g.box, f.box) > 0) && !others(f.base, f).some((g) => overlapX(g.box, below.box) > 0);
  };
  const out = new Set<number>();
  const skips = new Set<number>();
  fragments.forEach((f, k) => {
    const below = belowOf[k];
    if (!below || !pairs(k)) return;
    const gap = gapOf(f, below);
    if (gap <= wrapGap) {
      out.add(k);
      return;
    }
    // one line between, and no blank: the label, row, label pattern
    const between = bases.filter((b) => b > f.base && b < below.base);
    if (between.length !== 1 || below.base - f.base > 2.5 * pitch) return;
    const upper = byBase.get(f.base)!;
    const lower = byBase.get(below.base)!;
    const allPair = upper.every((j) => belowOf[j]?.base === below.base && pairs(j)) && lower.every((j) => aboveOf[j]?.base === f.base);
    // the line between is the rest of the row: more of its cells, or its last ones; labels to the
    // left alone, centred between two full rows, are the merged cell of those rows
    const middle = byBase.get(between[0]!)!;
    const right = (ks: number[]): number => Math.max(...ks.map((j) => fragments[j]!.box.x1));
    if (allPair && (middle.length >= upper.length || right(middle) > right(upper))) skips.add(k);
  });
  // a piece continued over the row line is its label's first line (a label centred on one line has two)
  for (const k of skips) {
    out.add(k);
    const above = aboveOf[k];
    if (above && !skips.has(index.get(above)!)) out.delete(index.get(above)!);
  }
  return out;
}

/** Flush or centred under the line above, on a grid: centring is off by up to a character, more where wide characters are set narrower than the column unit. */
function alignedUnder(upper: Line, lower: Line): boolean {
  const ch = Math.min(upper.size, lower.size) / 2;
  const wu = upper.box.x1 - upper.box.x0;
  const wl = lower.box.x1 - lower.box.x0;
  if (wl > wu + ch) return false;
  const tolC = Math.max(1.5 * ch, 0.25 * (wu - wl));
  return Math.abs(upper.box.x0 - lower.box.x0) <= ch || Math.abs(upper.box.x1 - lower.box.x1) <= ch || Math.abs(upper.box.x0 + upper.box.x1 - lower.box.x0 - lower.box.x1) / 2 <= tolC;
}
