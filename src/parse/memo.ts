/**
 * A function of a cell's text, remembered. Every recogniser asks the same questions of each cell
 * (is it a field label? a column role? a level name?) and a long table repeats the same texts
 * row after row, so each distinct text is worked out once. Results are frozen: they are shared.
 * The cache is emptied when it holds `max` texts or `maxChars` characters of them, which bounds
 * its memory on a document of millions of texts or of a few huge ones. `max` is small: the texts
 * that recur (labels, level names) are few, while a long table's names and values are asked
 * about within their own row and never again; kept longer, they are promoted to the old
 * generation only to be collected there (a fifth of the time on a 200,000-row table).
 */
export function byText<R>(fn: (text: string) => R, max = 4096, maxChars = 8_000_000): (text: string) => R {
  const cache = new Map<string, R>();
  let chars = 0;
  return (text) => {
    let r = cache.get(text);
    if (r === undefined && !cache.has(text)) {
      if (cache.size >= max || chars + text.length > maxChars) {
        cache.clear();
        chars = 0;
      }
      r = fn(text);
      if (r !== null && typeof r === 'object') Object.freeze(r);
      cache.set(text, r);
      chars += text.length;
    }
    return r as R;
  };
}
