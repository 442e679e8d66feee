/**
 * Changes to pdf.js's parser, applied to its source text as it loads.
 *
 * For an embedded CFF font (Type1C / CIDFontType0C: most embedded Chinese fonts) pdf.js parses
 * the font program, then re-compiles it into a new CFF table so that a browser can render it.
 * ptarget never renders: it needs the parsed font (widths, charset, encoding, Unicode), not the
 * recompiled bytes. The compile step was ~23 % of the run on a 203-page budget (profile in
 * docs/performance.md), and skipping it leaves every output byte-identical.
 *
 * pdf.js has no option for this, and editing node_modules at install would also change the
 * pdfjs-dist that other packages in a user's project share (and `prepare` does not run when
 * ptarget is installed as a dependency). So the text is patched in memory, for our thread only.
 * pdfjs-dist is pinned to one version; should its text change, the patch does not apply, the
 * thread loads pdf.js unchanged (slower, still correct), and test/pdf-worker-patch.test.ts fails.
 * PTARGET_PDFJS_UNPATCHED=1 turns it off, to compare.
 */

export interface SourcePatch {
  why: string;
  find: string;
  replace: string;
}

export const WORKER_PATCHES: readonly SourcePatch[] = [
  {
    why: 'CFFFont: keep the parsed font, skip recompiling it into a renderable font program',
    find: '      this.data = compiler.compile();\n',
    // an empty table: pdf.js's font face goes to an inert document and is never drawn
    replace: '      this.data = new Uint8Array(0);\n',
  },
  {
    // pdf.js hands a Flate stream to DecompressionStream when the global exists (Node has it);
    // its own synchronous inflater is about 10 % faster overall for the many small streams of a
    // page, and touches no global the parser shares with the rest of its thread
    why: 'FlateStream: inflate with pdf.js\'s own synchronous code, not DecompressionStream',
    find: 'class FlateStream extends DecodeStream {\n  #isAsync = true;\n',
    replace: 'class FlateStream extends DecodeStream {\n  #isAsync = false;\n',
  },
  {
    why: 'Lexer.getString: keep at most 65,536 characters of a string (a page of more is left out: limits.ts)',
    // a 10 MB string in one text operator took pdf.js 7 s and hundreds of MB to collect a
    // character at a time, then as long to turn into glyphs; the rest of it is still scanned
    find: '      if (done) {\n        break;\n      }\n      if (!charBuffered) {\n        ch = this.nextChar();\n      }\n    }\n    return strBuf.join("");\n',
    replace:
      '      if (done) {\n        break;\n      }\n      if (strBuf.length > 65536) {\n        strBuf.length = 65536;\n      }\n      if (!charBuffered) {\n        ch = this.nextChar();\n      }\n    }\n    return strBuf.join("");\n',
  },
];

/** The source with every patch applied, or null when any of them does not match exactly once. */
export function patchSource(source: string, patches: readonly SourcePatch[] = WORKER_PATCHES): string | null {
  let out = source;
  for (const p of patches) {
    const at = out.indexOf(p.find);
    if (at < 0 || out.indexOf(p.find, at + 1) >= 0) return null;
    out = out.slice(0, at) + p.replace + out.slice(at + p.find.length);
  }
  return out;
}
