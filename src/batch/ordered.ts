export interface OrderedOptions<T = unknown> {
  /** Most items being worked on at once. */
  concurrency: number;
  /**
   * Most items started past the oldest one not yet emitted: bounds the results held back while
   * an earlier, slower item finishes (memory), at the price of idling when one item hangs.
   */
  window: number;
  /**
   * How long an item may take (its size, say). Among the items the window allows, the heaviest is
   * started first, so that a batch does not end with one worker on a long input started late while
   * the others idle. Without it, items start in order.
   */
  weight?: (item: T, index: number) => number;
}

/**
 * Work on items concurrently but hand the results to `emit` one at a time, in item order, so
 * what is written does not depend on which worker finished first. `onDone` sees each result as
 * soon as it is ready (for progress). Rejects if `work` or `emit` throws.
 */
export function runOrdered<T, R>(
  items: readonly T[],
  opts: OrderedOptions<T>,
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => Promise<void> | void,
  onDone: (result: R, index: number) => void = () => {},
): Promise<void> {
  const concurrency = Math.max(1, opts.concurrency);
  const window = Math.max(concurrency, opts.window);
  const ready = new Map<number, R>();
  const weights = opts.weight ? items.map((item, i) => opts.weight!(item, i)) : null;
  const started = new Uint8Array(items.length);
  let next = 0; // the first item not started
  let emitted = 0;
  let running = 0;
  let emitting = false;
  let failed = false;

  return new Promise<void>((resolve, reject) => {
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    /** The item to start next: the heaviest not started within the window, or -1. */
    const pick = (): number => {
      while (next < items.length && started[next]) next++;
      const end = Math.min(items.length, emitted + window);
      if (next >= end || !weights) return next < end ? next : -1;
      let best = next;
      for (let k = next + 1; k < end; k++) if (!started[k] && weights[k]! > weights[best]!) best = k;
      return best;
    };
    const pump = (): void => {
      while (!failed && running < concurrency) {
        const i = pick();
        if (i < 0) break;
        started[i] = 1;
        running++;
        work(items[i]!, i).then((r) => {
          running--;
          ready.set(i, r);
          try {
            onDone(r, i);
          } catch (err) {
            fail(err);
          }
          void drain();
        }, fail);
      }
      if (!failed && emitted === items.length) resolve();
    };
    const drain = async (): Promise<void> => {
      if (emitting || failed) return;
      emitting = true;
      try {
        while (ready.has(emitted)) {
          const r = ready.get(emitted)!;
          ready.delete(emitted);
          await emit(r, emitted);
          emitted++;
        }
      } catch (err) {
        fail(err);
      } finally {
        emitting = false;
      }
      pump();
    };
    pump();
  });
}
