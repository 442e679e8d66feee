/**
 * `JSON.stringify(value, null, indent)` given to `emit` in pieces whose concatenation is that text, for plain data
 * (objects, arrays, strings, numbers, booleans, null; undefined members left out as JSON does).
 * A document of 100,000 indicators is one 86-million-character string whole: made and then
 * encoded, it costs seconds of copying and garbage collection; in pieces of one indicator each,
 * every piece dies young.
 *
 * Containers are walked down to `depth` levels (document, forms, a form, its indicators); below
 * that each value is stringified whole and indented to its place (`indent` ≥ 1; `value` is no
 * undefined: that JSON.stringify gives as undefined, not as a text). JSON.stringify escapes line
 * breaks inside strings, so every "\n" of its text is one it put between members.
 */
export function jsonPieces(value: unknown, indent: number, emit: (piece: string) => void, depth = 4, level = 0): void {
  if (level >= depth || !isPlainContainer(value)) {
    emit(leaf(value, indent, level) ?? 'null');
    return;
  }
  const array = Array.isArray(value);
  if (array && level + 1 >= depth && value.length > 0) {
    leafItems(value, indent, emit, level);
    return;
  }
  const keys = array ? null : Object.keys(value);
  const count = keys ? keys.length : (value as unknown[]).length;
  const inner = '\n' + ' '.repeat(indent * (level + 1));
  let first = true;
  for (let i = 0; i < count; i++) {
    const key = keys ? keys[i]! : null;
    const v: unknown = key === null ? (value as unknown[])[i] : (value as Record<string, unknown>)[key];
    const walk = level + 1 < depth && isPlainContainer(v);
    const text = walk ? '' : leaf(v, indent, level + 1);
    // what JSON cannot say (undefined, a function) is left out of an object and null in an array
    if (text === undefined && key !== null) continue;
    emit((first ? (array ? '[' : '{') : ',') + inner + (key === null ? '' : JSON.stringify(key) + ': '));
    first = false;
    if (walk) jsonPieces(v, indent, emit, depth, level + 1);
    else emit(text ?? 'null');
  }
  emit(first ? (array ? '[]' : '{}') : '\n' + ' '.repeat(indent * level) + (array ? ']' : '}'));
}

/**
 * Items of an array stringified together, in JSON.stringify's native pass rather than one call
 * each. Few enough that a batch's text (~15,000 characters for indicators) stays a regular heap
 * string: 256 indicators made strings of the large-object space, and writing them cost twice
 * as much as stringifying one at a time.
 */
const BATCH = 32;

/**
 * An array (non-empty) whose items are all leaves (the indicators of a form): items stringified
 * BATCH at a time, inside `level` arrays that put them at their indentation, whose lines are
 * then cut off; no text is split and joined per item.
 */
function leafItems(items: readonly unknown[], indent: number, emit: (piece: string) => void, level: number): void {
  // the wrapper's lines: `level` + 1 opening brackets (the batch's own last) and as many closing ones
  let head = 0;
  for (let k = 0; k <= level; k++) head += indent * k + 2;
  const tail = head;
  for (let i = 0; i < items.length; i += BATCH) {
    let wrapped: unknown = items.slice(i, i + BATCH);
    for (let k = 0; k < level; k++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, indent);
    // apart, not joined: a joined piece would be flattened, a copy of the batch's text
    emit(i === 0 ? '[\n' : ',\n');
    emit(text.slice(head, text.length - tail));
  }
  emit('\n' + ' '.repeat(indent * level) + ']');
}

/** One value stringified whole, its lines indented to `level`; undefined where JSON says nothing. */
function leaf(value: unknown, indent: number, level: number): string | undefined {
  const text = JSON.stringify(value, null, indent) as string | undefined;
  // split and joined, not replaceAll: that makes a tree of the pieces, and encoding flattens it (several times slower)
  return level === 0 || text === undefined ? text : text.split('\n').join('\n' + ' '.repeat(indent * level));
}

/** An array, or an object with no toJSON of its own (a Date says what it is through toJSON). */
function isPlainContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return !('toJSON' in value);
  const proto = Object.getPrototypeOf(value) as object | null;
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}
