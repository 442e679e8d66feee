/**
 * `JSON.stringify(value, null, indent)` in pieces whose concatenation is that text, for plain data
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
export function* jsonPieces(value: unknown, indent: number, depth = 4, level = 0): Generator<string> {
  if (level >= depth || !isPlainContainer(value)) {
    yield leaf(value, indent, level) ?? 'null';
    return;
  }
  const array = Array.isArray(value);
  const keys = array ? Array.from({ length: value.length }, () => null) : Object.keys(value);
  const inner = '\n' + ' '.repeat(indent * (level + 1));
  let first = true;
  for (const [i, key] of keys.entries()) {
    const v: unknown = key === null ? (value as unknown[])[i] : (value as Record<string, unknown>)[key];
    const walk = level + 1 < depth && isPlainContainer(v);
    const text = walk ? '' : leaf(v, indent, level + 1);
    // what JSON cannot say (undefined, a function) is left out of an object and null in an array
    if (text === undefined && key !== null) continue;
    yield (first ? (array ? '[' : '{') : ',') + inner + (key === null ? '' : JSON.stringify(key) + ': ');
    first = false;
    if (walk) yield* jsonPieces(v, indent, depth, level + 1);
    else yield text ?? 'null';
  }
  yield first ? (array ? '[]' : '{}') : '\n' + ' '.repeat(indent * level) + (array ? ']' : '}');
}

/** One value stringified whole, its lines indented to `level`; undefined where JSON says nothing. */
function leaf(value: unknown, indent: number, level: number): string | undefined {
  const text = JSON.stringify(value, null, indent) as string | undefined;
  return level === 0 || text === undefined ? text : text.replaceAll('\n', '\n' + ' '.repeat(indent * level));
}

/** An array, or an object with no toJSON of its own (a Date says what it is through toJSON). */
function isPlainContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return !('toJSON' in value);
  const proto = Object.getPrototypeOf(value) as object | null;
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}
