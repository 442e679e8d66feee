import { Chalk, type ChalkInstance } from 'chalk';
import type { Progress } from '../batch/run.js';

/** "m:ss" */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Pages per second when pages were counted, else files per second. */
export function rate(pages: number, files: number, ms: number): string {
  const seconds = Math.max(ms, 1) / 1000;
  return pages > 0 ? `${(pages / seconds).toFixed(1)} pages/s` : `${(files / seconds).toFixed(1)} files/s`;
}

/** One line: "[█████·····] 12/40 · 3.4 pages/s · 1 failed · 0:12", fitted to `width` columns. */
export function renderBar(p: Progress, width: number, c: ChalkInstance): string {
  const count = `${p.done}/${p.total}`;
  const tail = [rate(p.pages, p.converted, p.elapsedMs), p.failed ? c.red(`${p.failed} failed`) : null, clock(p.elapsedMs)]
    .filter(Boolean)
    .join(' · ');
  const plainTail = tail.replace(/\x1b\[[0-9;]*m/g, '');
  const room = width - 1 - (count.length + plainTail.length + 6);
  const barWidth = Math.max(0, Math.min(40, room));
  const filled = p.total ? Math.round((barWidth * p.done) / p.total) : barWidth;
  const bar = barWidth >= 5 ? `[${c.green('█'.repeat(filled))}${c.dim('·'.repeat(barWidth - filled))}] ` : '';
  return `${bar}${count} · ${tail}`;
}

const FRAME_MS = 100; // at most ten redraws a second

/**
 * The progress line on a terminal's stderr, redrawn in place with \r. Lines printed through log()
 * go above it. Only used on a TTY: piped stderr gets no control characters.
 */
export class ProgressLine {
  private last = 0;
  private pending: Progress | null = null;
  private timer: NodeJS.Timeout | null = null;
  private shown = false;
  private readonly c: ChalkInstance;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    color: boolean,
  ) {
    this.c = new Chalk({ level: color ? 1 : 0 });
  }

  update(p: Progress): void {
    this.pending = p;
    const wait = this.last + FRAME_MS - Date.now();
    if (wait <= 0) this.draw();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.draw(), wait);
      this.timer.unref();
    }
  }

  /** Print a line above the bar. */
  log(line: string): void {
    this.erase();
    this.stream.write(line.endsWith('\n') ? line : `${line}\n`);
    if (this.pending) this.draw();
  }

  /** Remove the bar for good (before the summary). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    this.erase();
  }

  private draw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending) return;
    this.last = Date.now();
    const width = this.stream.columns || 80;
    this.stream.write(`\r${renderBar(this.pending, width, this.c)}\x1b[K`);
    this.shown = true;
  }

  private erase(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
