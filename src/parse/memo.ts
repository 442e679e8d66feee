/**
 * Functions of a cell's text, remembered. Every recogniser asks the same questions of each cell
 * (is it a field label? a column role? a level name?) and a long table repeats the same texts
 * row after row, so each distinct text is worked out once. Results are frozen: they are shared.
 *
 * All the remembered functions share one table, text → the answers known so far, so that a new
 * text is entered once, not once per question (a long table's names and values are new texts,
 * each asked seven questions). The table is emptied when it holds MAX_TEXTS texts or MAX_CHARS
 * characters of them, which bounds its memory on a document of millions of texts or of a few
 * huge ones. MAX_TEXTS is small: the texts that recur (labels, level names) are few, while a long
 * table's names and values are asked about within their own row and never again; kept longer,
 * they are promoted to the old generation only to be collected there.
 */
const answers = new Map<string, unknown[]>();
const MAX_TEXTS = 4096;
const MAX_CHARS = 8_000_000;
let chars = 0;
/** Slots taken: one per remembered function. */
let slots = 0;
/** A slot not worked out yet (a function may answer undefined). */
const UNKNOWN: unique symbol = Symbol('unknown');

export function byText<R>(fn: (text: string) => R): (text: string) => R {
  const slot = slots++;
  return (text) => {
    let known = answers.get(text);
    if (known === undefined) {
      if (answers.size >= MAX_TEXTS || chars + text.length > MAX_CHARS) {
        answers.clear();
        chars = 0;
      }
      known = new Array<unknown>(slots).fill(UNKNOWN);
      answers.set(text, known);
      chars += text.length;
    }
    const had = known[slot];
    if (had !== UNKNOWN && slot < known.length) return had as R;
    // fn may ask other questions of the same text (or empty the table): `known` stays this text's
    const r = fn(text);
    if (r !== null && typeof r === 'object') Object.freeze(r);
    known[slot] = r;
    return r;
  };
}
