import { isSettled } from './normalize.js';

/**
 * The characters a vocabulary is printed with, to turn a text away without asking the
 * vocabulary or entering it in a memo: most texts of a long table are names and values
 * (名称12, ≥95%), new ones each row, and each is asked whether it is a field label, a column
 * role, a level name …
 *
 * A text is certainly no word of the vocabulary when it is its own compact form (isSettled: no
 * whitespace, nothing normalising changes), prints none of the reader's `syntax` characters (the
 * brackets, colons and score marks a reader strips or splits at, after which what is left must
 * be a word) and holds a character no word has.
 */
export class Alphabet {
  private readonly chars = new Uint8Array(0x10000);
  private readonly syntax = new Uint8Array(0x10000);

  /**
   * `words` and the literal characters of `patterns`, which must be anchored (^…$) and use no
   * classes, wildcards or escapes but \uXXXX (a text they match is made of their literal
   * characters; a bundler may write non-ASCII characters of a pattern as \uXXXX).
   */
  constructor(words: Iterable<string>, patterns: readonly RegExp[], syntax: string) {
    for (const w of words) for (let k = 0; k < w.length; k++) this.chars[w.charCodeAt(k)] = 1;
    for (const re of patterns) {
      const src = re.source.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      if (!src.startsWith('^') || !src.endsWith('$') || /[\\.[\]]/.test(src)) throw new Error(`alphabet of an open pattern: ${re.source}`);
      for (let k = 0; k < src.length; k++) if (!'^$()|?+*'.includes(src[k]!)) this.chars[src.charCodeAt(k)] = 1;
    }
    for (let k = 0; k < syntax.length; k++) this.syntax[syntax.charCodeAt(k)] = 1;
  }

  /** Whether `text` is certainly no word: settled, no syntax character, one character outside the alphabet. */
  excludes(text: string): boolean {
    if (text.length > LONGEST) return false; // the readers turn a long text away at once themselves
    let outside = false;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (this.syntax[c]) return false;
      if (!this.chars[c]) outside = true;
    }
    return outside && isSettled(text);
  }
}

const LONGEST = 256;

/** `fn`, answering null without asking it for a text the alphabet excludes. */
export function unlessExcluded<R>(alphabet: Alphabet, fn: (text: string) => R | null): (text: string) => R | null {
  return (text) => (alphabet.excludes(text) ? null : fn(text));
}
