/**
 * `text` with each run of the characters `inRun` accepts replaced by what `replace` gives for it
 * (`replace(text, start, end)`, so it can look at the characters around the run). This is
 * `text.replace(/[…]+/g, fn)` written as one scan of character codes: on a line of tens of
 * megabytes with millions of runs a global replace holds every match at once (hundreds of
 * megabytes, most of the time spent in the garbage collector) and calls back for each; the scan
 * keeps only the characters it returns, several times faster.
 */
export function replaceRuns(text: string, inRun: (code: number) => boolean, replace: (text: string, start: number, end: number) => string): string {
  const parts: string[] = [];
  let out = '';
  let kept = 0; // text before `kept` is in parts and out
  for (let k = 0; k < text.length; k++) {
    if (!inRun(text.charCodeAt(k))) continue;
    let end = k + 1;
    while (end < text.length && inRun(text.charCodeAt(end))) end++;
    out += text.slice(kept, k) + replace(text, k, end);
    kept = end;
    k = end; // text[end] is not in the run
    if (out.length >= FLUSH) {
      // `+=` makes a tree of the pieces (tens of bytes each); reading a character flattens it
      out.charCodeAt(0);
      parts.push(out);
      out = '';
    }
  }
  if (kept === 0) return text;
  out += text.slice(kept);
  parts.push(out);
  return parts.length === 1 ? out : parts.join('');
}

const FLUSH = 1 << 16;

/** Whitespace as `\s` matches it (ECMAScript's WhiteSpace and LineTerminator). */
export function isWhitespace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
