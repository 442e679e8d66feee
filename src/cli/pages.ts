import { InvalidArgumentError } from 'commander';

/** `--pages 3-5,9`: pages and ranges, 1-based, as a sorted list without repeats. */
export function pageSelection(v: string): number[] {
  const pages = new Set<number>();
  for (const part of v.split(',')) {
    const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$/.exec(part);
    const from = m ? Number(m[1]) : NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from;
    if (!m || from < 1 || to < from) {
      throw new InvalidArgumentError(`"${part.trim()}" is not a page or range (pages count from 1: 3, 3-5, 3-5,9)`);
    }
    if (to - from > 100_000) throw new InvalidArgumentError(`"${part.trim()}" is too long a range`);
    for (let p = from; p <= to; p++) pages.add(p);
  }
  return [...pages].sort((a, b) => a - b);
}
