/**
 * A message channel whose two ends are in this thread and hand each message over as it is, for
 * pdf.js's parser running beside its API in one thread (engine.ts, LocalHost).
 *
 * A MessageChannel structured-clones every message: each chunk of a page's operators, every glyph
 * object of every text-showing operator (pdf.js keeps one per character code per font and reuses
 * it; a clone makes a new one each time it is shown), every path's coordinates; then the garbage
 * collector takes the copies away. Over a batch of the real budgets that was some 20 % of the
 * conversion worker's CPU. Here the receiver gets the sender's objects.
 *
 * What a clone guaranteed and this does not: that the sender may change an object after sending
 * it. pdf.js does so in two places on the parsing side, both patched (worker-patch.ts, used only
 * with the patched parser): OperatorList.flush empties its arrays once a chunk is sent, and the
 * text-content stream replaces its items. The API side sends nothing it changes afterwards.
 * Messages are still delivered one per event-loop turn (setImmediate), in order, so a page's
 * time-out fires between chunks as before.
 */

type Listener = (event: { data: unknown }) => void;

export class InThreadPort {
  other: InThreadPort | null = null;
  private readonly listeners = new Map<Listener, (() => void) | null>();
  /** Messages that arrived while nobody listened (a MessagePort queues them too). */
  private readonly waiting: unknown[] = [];
  /** A ref'd port keeps the process alive, as a MessagePort does. */
  private keepAlive: NodeJS.Timeout | null = null;

  /** The transfer list is ignored: nothing is copied, so nothing needs moving. */
  postMessage(data: unknown): void {
    const to = this.other;
    if (to) setImmediate(() => to.deliver(data));
  }

  private deliver(data: unknown): void {
    if (this.listeners.size === 0) {
      this.waiting.push(data);
      return;
    }
    const event = { data };
    for (const listener of [...this.listeners.keys()]) listener.call(this, event);
  }

  addEventListener(type: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    if (type !== 'message' || this.listeners.has(listener)) return;
    const signal = options?.signal;
    if (signal?.aborted) return;
    let stop: (() => void) | null = null;
    if (signal) {
      const onAbort = (): void => this.removeEventListener(type, listener);
      signal.addEventListener('abort', onAbort);
      stop = () => signal.removeEventListener('abort', onAbort);
    }
    this.listeners.set(listener, stop);
    if (this.waiting.length) {
      const queued = this.waiting.splice(0);
      for (const data of queued) setImmediate(() => this.deliver(data));
    }
  }

  removeEventListener(type: string, listener: Listener): void {
    if (type !== 'message') return;
    this.listeners.get(listener)?.();
    this.listeners.delete(listener);
  }

  ref(): void {
    this.keepAlive ??= setInterval(() => {}, 1 << 30);
  }

  unref(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
  }
}

/** Two connected ports: what one posts, the other's listeners receive. */
export function inThreadChannel(): { port1: InThreadPort; port2: InThreadPort } {
  const port1 = new InThreadPort();
  const port2 = new InThreadPort();
  port1.other = port2;
  port2.other = port1;
  return { port1, port2 };
}
