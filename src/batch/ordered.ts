export interface OrderedOptions {
  /** Most items being worked on at once. */
  concurrency: number;
  /**
   * Most items started past the oldest one not yet emitted: bounds the results held back while
   * an earlier, slower item finishes (memory), at the price of idling when one item hangs.
   */
  window: number;
}

/**
 * Work on items concurrently but hand the results to `emit` one at a time, in item order, so
 * what is written does not depend on which worker finished first. `onDone` sees each result as
 * soon as it is ready (for progress). Rejects if `work` or `emit` throws.
 */
export function runOrdered<T, R>(
  items: readonly T[],
  opts: OrderedOptions,
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => Promise<void> | void,
  onDone: (result: R, index: number) => void = () => {},
): Promise<void> {
  const concurrency = Math.max(1, opts.concurrency);
  const window = Math.max(concurrency, opts.window);
  const ready = new Map<number, R>();
  let next = 0;
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
    const pump = (): void => {
      while (!failed && running < concurrency && next < items.length && next < emitted + window) {
        const i = next++;
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
