/**
 * Byte-level mutation, seeded: the damage real downloads show (truncation, lost or doubled
 * ranges, flipped bits) and tokens that steer a PDF or XML parser into its rarer paths.
 */

/** mulberry32: a small seeded generator, so every mutation is reproducible from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from a string (FNV-1a), to derive one generator per case. */
export function seedOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const MUTATIONS = ['flip', 'smash', 'cut', 'dup', 'truncate', 'splice', 'tokens'] as const;
export type Mutation = (typeof MUTATIONS)[number];

const PDF_TOKENS = [
  'obj', 'endobj', 'stream\n', 'endstream', '<<', '>>', '[', ']', '(', ')', '/Length 0', '/Length 99999999',
  '/Type /Page', '/Count 2147483647', '/Kids [', 'R', '0 0 R', '999999 0 R', '-1', '1e308', 'NaN', '/W [0 [', 'Tj', 'TJ',
  'BT', 'ET', 'q', 'Q', 'cm', 're', 'f', 'Do', '/Filter /FlateDecode', '/Filter /LZWDecode', 'xref', 'trailer',
  'startxref', '%%EOF', '/Encrypt', '/ObjStm', '/N 100000', '/First 0', '\\', '<FEFF', '%',
];
const XML_TOKENS = [
  '<w:tbl>', '</w:tbl>', '<w:tr>', '</w:tr>', '<w:tc>', '</w:tc>', '<w:gridSpan w:val="99999"/>', '<w:vMerge/>',
  '<w:vMerge w:val="restart"/>', '<w:gridBefore w:val="2147483647"/>', '<w:p>', '</w:p>', '<w:t>', '</w:t>', '&#0;',
  '&amp;', '<![CDATA[', ']]>', '<!--', '-->', '<?xml', '"', "'", '<', '>', '&', 'xmlns:w="x"', '<w:hMerge/>',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** Apply one mutation to a copy of `bytes`; `other` donates bytes for splices. */
export function mutate(bytes: Uint8Array, kind: Mutation, r: () => number, other: Uint8Array, tokens: 'pdf' | 'xml'): Uint8Array {
  const n = bytes.length;
  const at = (): number => int(r, 0, Math.max(0, n - 1));
  const b = Buffer.from(bytes);
  switch (kind) {
    case 'flip': {
      for (let k = int(r, 1, 24); k > 0; k--) {
        const i = at();
        b[i] = (b[i] ?? 0) ^ (1 << int(r, 0, 7));
      }
      return b;
    }
    case 'smash': {
      const start = at();
      const len = int(r, 1, 512);
      const fill = r() < 0.5 ? null : int(r, 0, 255);
      for (let i = start; i < Math.min(n, start + len); i++) b[i] = fill ?? int(r, 0, 255);
      return b;
    }
    case 'cut': {
      const start = at();
      const len = int(r, 1, Math.max(1, Math.floor(n / 8)));
      return Buffer.concat([b.subarray(0, start), b.subarray(start + len)]);
    }
    case 'dup': {
      const start = at();
      const piece = b.subarray(start, start + int(r, 1, 4096));
      const times = int(r, 1, 8);
      return Buffer.concat([b.subarray(0, start), ...Array.from({ length: times + 1 }, () => piece), b.subarray(start + piece.length)]);
    }
    case 'truncate':
      return b.subarray(0, int(r, 0, n));
    case 'splice': {
      const from = int(r, 0, Math.max(0, other.length - 1));
      const piece = other.subarray(from, from + int(r, 1, 8192));
      const start = at();
      return Buffer.concat([b.subarray(0, start), piece, b.subarray(start + int(r, 0, piece.length))]);
    }
    case 'tokens': {
      const list = tokens === 'pdf' ? PDF_TOKENS : XML_TOKENS;
      const parts: Buffer[] = [];
      let last = 0;
      const cuts = Array.from({ length: int(r, 1, 12) }, at).sort((x, y) => x - y);
      for (const c of cuts) {
        parts.push(b.subarray(last, c), Buffer.from(` ${pick(r, list)} `, 'latin1'));
        last = c;
      }
      parts.push(b.subarray(last));
      return Buffer.concat(parts);
    }
  }
}
