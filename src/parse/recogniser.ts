import type { ParseRow } from './rows.js';
import type { ReaderState } from './state.js';

/**
 * One structural shape of row: a title line, a header row of a form, the header of an indicator
 * grid, a row of indicators, a row of a wide summary table … The reader offers each row to the
 * recognisers in their listed order (recognisers/index.ts); the first whose `match` gives
 * anything but null, undefined or false reads it.
 *
 * `match` only looks: it must not change the state. What it found (a parsed header, say) is
 * handed to `read`, so the row is not parsed twice. `read` takes the row into the state: opens
 * a form, fills fields, adds indicators, warns.
 */
export interface Recogniser<M = true> {
  /** What the shape is, in a few words ("indicator grid header"). */
  readonly name: string;
  match(row: ParseRow, state: ReaderState): M | null | undefined | false;
  read(row: ParseRow, state: ReaderState, match: M): void;
}

/**
 * Define a recogniser, typed by what its `match` finds, as an entry of a list (where what
 * `match` finds is only passed on to the same recogniser's `read`).
 */
export function recogniser<M>(r: Recogniser<M>): Recogniser<unknown> {
  return r as Recogniser<unknown>;
}

/** Offer a row to the recognisers in order; the one that read it, or null. */
export function readRow(row: ParseRow, state: ReaderState, recognisers: readonly Recogniser<unknown>[]): Recogniser<unknown> | null {
  for (const r of recognisers) {
    const match = r.match(row, state);
    if (match !== null && match !== undefined && match !== false) {
      r.read(row, state, match);
      return r;
    }
  }
  return null;
}
