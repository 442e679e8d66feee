import { createHash } from 'node:crypto';

/**
 * `--shard K/N`: the slice of a batch's inputs one node converts. An input belongs to slice
 * 1 + (hash of its path mod N), so every node lists the same inputs and takes its own slice, with
 * no coordination, and an input stays in its slice when others are added or removed.
 */
export interface Shard {
  /** 1-based. */
  k: number;
  n: number;
}

export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const k = Number(m[1]);
  const n = Number(m[2]);
  return n >= 1 && k >= 1 && k <= n ? { k, n } : null;
}

/** The slice (1-based) an input path falls in. */
export function shardOf(path: string, n: number): number {
  const h = createHash('sha256').update(path, 'utf8').digest();
  return 1 + (h.readUInt32BE(0) % n);
}
