/**
 * Changes to pdf.js's parser, applied to its source text as it loads.
 *
 * For an embedded CFF font (Type1C / CIDFontType0C: most embedded Chinese fonts) pdf.js parses
 * the font program, then re-compiles it into a new CFF table so that a browser can render it.
 * ptarget never renders: it needs the parsed font (widths, charset, encoding, Unicode), not the
 * recompiled bytes. The compile step was ~23 % of the run on a 203-page budget (profile in
 * docs/performance.md), and skipping it leaves every output byte-identical. The other patches are
 * of the same kind: work whose result only drawing uses (font files, image pixels), or done in a
 * way that costs far more than it needs to; each says why.
 *
 * pdf.js has no option for this, and editing node_modules at install would also change the
 * pdfjs-dist that other packages in a user's project share (and `prepare` does not run when
 * ptarget is installed as a dependency). So the build writes a patched copy into dist/, which the
 * package ships (patched-worker.ts). pdfjs-dist is pinned to one version; should its text change,
 * a patch does not apply, no copy is written, pdf.js loads unchanged (slower, still correct), and
 * test/pdf-worker-patch.test.ts fails. PTARGET_PDFJS_UNPATCHED=1 loads it unchanged, to compare.
 */

export interface SourcePatch {
  why: string;
  find: string;
  replace: string;
}

/** Source lines, each ending in a newline (a patch of many lines, written as they read). */
function lines(...text: string[]): string {
  return text.map((l) => `${l}\n`).join('');
}

export const WORKER_PATCHES: readonly SourcePatch[] = [
  {
    why: 'CFFFont: keep the parsed font, skip recompiling it into a renderable font program',
    find: '      this.data = compiler.compile();\n',
    // an empty table: pdf.js's font face goes to an inert document and is never drawn
    replace: '      this.data = new Uint8Array(0);\n',
  },
  {
    // the font program a TrueType font is repaired into, and the OpenType file a CFF or Type1 font
    // is wrapped in, go to the font face only (never drawn): building them and then the main side
    // encoding every one as a base64 data: URL for its @font-face rule was ~5 % of the batch
    why: 'Font.checkAndRepair: keep the repaired tables, skip assembling them into a font file',
    find: '      builder.addTable(tableTag, tables[tableTag].data);\n    }\n    return builder.toArray();\n',
    replace: '      builder.addTable(tableTag, tables[tableTag].data);\n    }\n    return new Uint8Array(0);\n',
  },
  {
    why: 'Font.convert: skip assembling the OpenType file a CFF or Type1 font is wrapped in',
    find: '    builder.addTable("post", createPostTable(properties));\n    return builder.toArray();\n',
    replace: '    builder.addTable("post", createPostTable(properties));\n    return new Uint8Array(0);\n',
  },
  {
    // an image paint's operator and size come before its pixels, which only drawing needs (the page
    // walk counts images by the area they cover); pdf.js decoded every JPEG and Flate image of a
    // page in the background of its operator list. Sent as pdf.js sends an image it cannot decode.
    // A Type3 glyph's image stays: it becomes part of the glyph.
    why: 'buildPaintImageXObject: do not decode the pixels of an image painted on the page',
    find: '    PDFImage.buildImage({\n      xref: this.xref,\n      res: resources,\n      image,\n      isInline,\n',
    replace:
      '    if (!this.parsingType3Font) {\n      this._sendImgData(objId, null, cacheGlobally);\n    } else PDFImage.buildImage({\n      xref: this.xref,\n      res: resources,\n      image,\n      isInline,\n',
  },
  {
    // a font program is inflated each time a font dictionary uses it, and documents made by
    // splitting a font per page point many dictionaries at one program (yantai: 123 loads, 55 of
    // one file): the program's bytes are kept per document (up to 32 MB) and each load reads a
    // copy (pdf.js repairs the tables in place). A program that fails to inflate whole is read
    // from a fresh stream, as before.
    why: 'PartialEvaluator.translateFont: inflate each font program once per document',
    find: '      fontFile = descriptor.get("FontFile", "FontFile2", "FontFile3");\n      if (fontFile) {\n',
    replace: lines(
      '      fontFile = descriptor.get("FontFile", "FontFile2", "FontFile3");',
      '      fontFile = ptargetFontFile(this.xref, fontFile, () => descriptor.get("FontFile", "FontFile2", "FontFile3"));',
      '      if (fontFile) {',
    ),
  },
  {
    why: 'the font program cache translateFont reads through',
    find: 'class TranslatedFont {\n  #sent = false;\n',
    replace: lines(
      'const PTARGET_FONT_FILES = new WeakMap();',
      'const PTARGET_FONT_FILES_MAX = 32 << 20;',
      'function ptargetFontFile(xref, file, refetch) {',
      '  const id = file instanceof DecodeStream && !file.isAsync ? file.dict?.objId : undefined;',
      '  if (!id) {',
      '    return file;',
      '  }',
      '  let files = PTARGET_FONT_FILES.get(xref);',
      '  if (!files) {',
      '    files = { bytes: new Map(), size: 0 };',
      '    PTARGET_FONT_FILES.set(xref, files);',
      '  }',
      '  const kept = files.bytes.get(id);',
      '  if (kept) {',
      '    return new Stream(kept.slice(), 0, kept.length, file.dict);',
      '  }',
      '  let bytes;',
      '  try {',
      '    bytes = file.getBytes();',
      '  } catch {',
      '    return refetch();',
      '  }',
      '  if (files.size + bytes.length <= PTARGET_FONT_FILES_MAX) {',
      '    files.bytes.set(id, bytes.slice());',
      '    files.size += bytes.length;',
      '  }',
      '  return new Stream(bytes, 0, bytes.length, file.dict);',
      '}',
      'class TranslatedFont {',
      '  #sent = false;',
    ),
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
    // pdf.js inflates with its own JavaScript, reading bits a byte at a time; node:zlib's inflate
    // is several times faster (readBlock and its helpers were ~8 % of a batch). It is taken for a
    // whole stream read from the file's bytes (a Stream: not a decryption or another filter's
    // output), and only when zlib reads it to its final block without complaint: a stream that is
    // damaged or cut short is then read by pdf.js's code from its start, as before, so what pdf.js
    // makes of a damaged stream does not change. A valid deflate stream inflates to the same bytes
    // in both; like pdf.js, zlib stops at the final block (the Adler-32 sum is not read).
    why: 'FlateStream.readBlock: inflate a whole stream with node:zlib, pdf.js\'s code if zlib refuses it',
    find: lines('  readBlock() {', '    let buffer, hdr, len;', '    const str = this.stream;'),
    replace: lines(
      '  ptargetInflate() {',
      '    const source = this.stream;',
      '    const zlib = globalThis.process?.getBuiltinModule?.("zlib");',
      '    if (!zlib || source?.constructor !== Stream || this.bufferLength !== 0) {',
      '      return false;',
      '    }',
      '    const start = source.pos;',
      '    let out;',
      '    try {',
      '      out = zlib.inflateRawSync(source.getBytes());',
      '    } catch {',
      '      source.pos = start;',
      '      return false;',
      '    }',
      '    this.buffer = new Uint8Array(out.buffer, out.byteOffset, out.length);',
      '    this.bufferLength = out.length;',
      '    this.eof = true;',
      '    return true;',
      '  }',
      '  readBlock() {',
      '    if (this.ptargetTried !== true) {',
      '      this.ptargetTried = true;',
      '      if (this.ptargetInflate()) {',
      '        return;',
      '      }',
      '    }',
      '    let buffer, hdr, len;',
      '    const str = this.stream;',
    ),
  },
  {
    why: 'Lexer.getString: keep at most 65,536 characters of a string (a page of more is left out: limits.ts)',
    // a 10 MB string in one text operator took pdf.js 7 s and hundreds of MB to collect a
    // character at a time, then as long to turn into glyphs; the rest of it is still scanned
    find: '      if (done) {\n        break;\n      }\n      if (!charBuffered) {\n        ch = this.nextChar();\n      }\n    }\n    return strBuf.join("");\n',
    replace:
      '      if (done) {\n        break;\n      }\n      if (strBuf.length > 65536) {\n        strBuf.length = 65536;\n      }\n      if (!charBuffered) {\n        ch = this.nextChar();\n      }\n    }\n    return strBuf.join("");\n',
  },
  {
    // A TrueType font's glyph locations are checked glyph by glyph to build a font a browser can
    // draw. Subset CJK fonts keep the full glyph count (~28,000, nearly all empty) and a document
    // may load the same program once per font dictionary (yantai: 123 loads): pdf.js made an object
    // per glyph, sorted them twice and kept the empty ones in a dictionary, ~25 ms per load, and
    // its garbage. Typed arrays instead, the sort only for a table that is out of order (the sort
    // by offset of an ordered table is the identity), and no call for an empty glyph (sanitizeGlyph's
    // first test): the same font program and missing glyphs, ~25 ms down to ~3 ms for such a font.
    why: 'sanitizeGlyphLocations: glyph offsets in typed arrays, sorted only when out of order',
    find: lines(
      '      const locaEntries = [];',
      '      for (i = 0, j = 0; i < numGlyphs + 1; i++, j += itemSize) {',
      '        let offset = itemDecode(locaData, j);',
      '        if (offset > oldGlyfDataLength) {',
      '          offset = oldGlyfDataLength;',
      '        }',
      '        locaEntries.push({',
      '          index: i,',
      '          offset,',
      '          endOffset: 0',
      '        });',
      '      }',
      '      locaEntries.sort((a, b) => a.offset - b.offset);',
      '      for (i = 0; i < numGlyphs; i++) {',
      '        locaEntries[i].endOffset = locaEntries[i + 1].offset;',
      '      }',
      '      locaEntries.sort((a, b) => a.index - b.index);',
      '      for (i = 0; i < numGlyphs; i++) {',
      '        const {',
      '          offset,',
      '          endOffset',
      '        } = locaEntries[i];',
      '        if (offset !== 0 || endOffset !== 0) {',
      '          break;',
      '        }',
      '        const nextOffset = locaEntries[i + 1].offset;',
      '        if (nextOffset === 0) {',
      '          continue;',
      '        }',
      '        locaEntries[i].endOffset = nextOffset;',
      '        break;',
      '      }',
      '      const last = locaEntries.at(-2);',
      '      if (last.offset !== 0 && last.endOffset === 0) {',
      '        last.endOffset = oldGlyfDataLength;',
      '      }',
      '      const missingGlyphs = Object.create(null);',
      '      let writeOffset = 0;',
      '      itemEncode(locaData, 0, writeOffset);',
      '      for (i = 0, j = itemSize; i < numGlyphs; i++, j += itemSize) {',
      '        const glyphProfile = sanitizeGlyph(oldGlyfData, locaEntries[i].offset, locaEntries[i].endOffset, newGlyfData, writeOffset, hintsValid);',
      '        const newLength = glyphProfile.length;',
      '        if (newLength === 0) {',
      '          missingGlyphs[i] = true;'
    ),
    replace: lines(
      '      const locaOffsets = new Int32Array(numGlyphs + 1);',
      '      const locaEnds = new Int32Array(numGlyphs + 1);',
      '      let locaInOrder = true;',
      '      for (i = 0, j = 0; i < numGlyphs + 1; i++, j += itemSize) {',
      '        let offset = itemDecode(locaData, j);',
      '        if (offset > oldGlyfDataLength) {',
      '          offset = oldGlyfDataLength;',
      '        }',
      '        locaOffsets[i] = offset;',
      '        if (i > 0 && offset < locaOffsets[i - 1]) {',
      '          locaInOrder = false;',
      '        }',
      '      }',
      '      if (locaInOrder) {',
      '        locaEnds.set(locaOffsets.subarray(1));',
      '      } else {',
      '        const locaEntries = [];',
      '        for (i = 0; i < numGlyphs + 1; i++) {',
      '          locaEntries.push({',
      '            index: i,',
      '            offset: locaOffsets[i],',
      '            endOffset: 0',
      '          });',
      '        }',
      '        locaEntries.sort((a, b) => a.offset - b.offset);',
      '        for (i = 0; i < numGlyphs; i++) {',
      '          locaEntries[i].endOffset = locaEntries[i + 1].offset;',
      '        }',
      '        locaEntries.sort((a, b) => a.index - b.index);',
      '        for (i = 0; i < numGlyphs; i++) {',
      '          const {',
      '            offset,',
      '            endOffset',
      '          } = locaEntries[i];',
      '          if (offset !== 0 || endOffset !== 0) {',
      '            break;',
      '          }',
      '          const nextOffset = locaEntries[i + 1].offset;',
      '          if (nextOffset === 0) {',
      '            continue;',
      '          }',
      '          locaEntries[i].endOffset = nextOffset;',
      '          break;',
      '        }',
      '        for (i = 0; i < numGlyphs + 1; i++) {',
      '          locaEnds[i] = locaEntries[i].endOffset;',
      '        }',
      '      }',
      '      if (numGlyphs < 1) {',
      '        throw new FormatError("No glyphs in the loca table");',
      '      }',
      '      if (locaOffsets[numGlyphs - 1] !== 0 && locaEnds[numGlyphs - 1] === 0) {',
      '        locaEnds[numGlyphs - 1] = oldGlyfDataLength;',
      '      }',
      '      const missingGlyphs = new Uint8Array(numGlyphs);',
      '      let writeOffset = 0;',
      '      itemEncode(locaData, 0, writeOffset);',
      '      for (i = 0, j = itemSize; i < numGlyphs; i++, j += itemSize) {',
      '        if (locaEnds[i] - locaOffsets[i] <= 12) {',
      '          missingGlyphs[i] = 1;',
      '          itemEncode(locaData, j, writeOffset);',
      '          continue;',
      '        }',
      '        const glyphProfile = sanitizeGlyph(oldGlyfData, locaOffsets[i], locaEnds[i], newGlyfData, writeOffset, hintsValid);',
      '        const newLength = glyphProfile.length;',
      '        if (newLength === 0) {',
      '          missingGlyphs[i] = 1;'
    ),
  },
  {
    // a subset font's ToUnicode map holds a few hundred codes spread up to ~28,000, which V8 keeps
    // as a dictionary: walking every index up to its length cost ~3 ms per font (yantai: 123 fonts).
    // Its keys are walked instead, in the same ascending order; a dense map is walked as before.
    why: 'CMap.forEach: walk a sparse map by its keys, not every index up to its length',
    find: lines(
      '    if (length <= 0x10000) {',
      '      for (let i = 0; i < length; i++) {',
      '        if (map[i] !== undefined) {',
      '          callback(i, map[i]);',
      '        }',
      '      }',
      '    } else {',
    ),
    replace: lines(
      '    let ptargetSampled = 0;',
      '    for (let s = 0; s < 32 && length > 0; s++) if (map[Math.floor((s * length) / 32)] !== undefined) ptargetSampled++;',
      '    if (length <= 0x10000 && ptargetSampled < 8) {',
      '      for (const key of Object.keys(map)) {',
      '        const i = +key;',
      '        if (map[i] !== undefined) {',
      '          callback(i, map[i]);',
      '        }',
      '      }',
      '    } else if (length <= 0x10000) {',
      '      for (let i = 0; i < length; i++) {',
      '        if (map[i] !== undefined) {',
      '          callback(i, map[i]);',
      '        }',
      '      }',
      '    } else {',
    ),
  },
  {
    // an Identity-H font without a CIDToGIDMap maps code c to glyph c, and only codes below the
    // font's glyph count get a glyph: the other ~37,000 of the 65,536 codes were walked for nothing
    why: 'Font.checkAndRepair: walk an Identity CMap only up to the glyph count',
    find: '      properties.cMap.forEach(function (charCode, cid) {\n        if (typeof cid === "string") {\n',
    replace: lines(
      '      const ptargetIdentity = properties.cMap instanceof IdentityCMap && isCidToGidMapEmpty;',
      '      const ptargetEach = ptargetIdentity ? (fn) => { for (let c = 0, n = Math.min(numGlyphs, 0x10000); c < n; c++) fn(c, c); } : (fn) => properties.cMap.forEach(fn);',
      '      ptargetEach(function (charCode, cid) {',
      '        if (typeof cid === "string") {',
    ),
  },
  {
    // most ToUnicode entries are one UTF-16 unit: no array and spread call for each
    why: 'readToUnicode: a two-byte entry outside the surrogates is one character',
    find: '          if (token.length % 2 !== 0) {\n            token = "\\u0000" + token;\n',
    replace: lines(
      '          if (token.length === 2) {',
      '            const w = token.charCodeAt(0) << 8 | token.charCodeAt(1);',
      '            if ((w & 0xf800) !== 0xd800) {',
      '              map[charCode] = String.fromCharCode(w);',
      '              return;',
      '            }',
      '          }',
      '          if (token.length % 2 !== 0) {',
      '            token = "\\u0000" + token;',
    ),
  },
  {
    // a built-in CMap (a .bcmap file of pdfjs-dist) was parsed again for every font dictionary
    // naming it, in every document: GBK-EUC-H, UniGB-UCS2-H and Adobe-GB1-UCS2 (the ToUnicode of
    // fonts that have none) hold ~20,000-30,000 entries each, ~0.15 s of yantai's worker. A parsed
    // CMap is only read after it is made (fonts look codes up, a CMap naming it as its base copies
    // from it), so one is kept per name for the thread's life: a batch's later documents from the
    // same kind of source parse none. One that fails to load is not kept.
    why: 'createBuiltInCMap: parse each built-in CMap once per thread',
    find: 'async function createBuiltInCMap(name, fetchBuiltInCMap) {\n  if (name === "Identity-H") {\n',
    replace: lines(
      'const PTARGET_BUILT_IN_CMAPS = new Map();',
      'async function createBuiltInCMap(name, fetchBuiltInCMap) {',
      '  const kept = PTARGET_BUILT_IN_CMAPS.get(name);',
      '  if (kept) {',
      '    return kept;',
      '  }',
      '  const cMap = await ptargetParseBuiltInCMap(name, fetchBuiltInCMap);',
      '  if (cMap.builtInCMap && !(cMap instanceof IdentityCMap)) {',
      '    PTARGET_BUILT_IN_CMAPS.set(name, cMap);',
      '  }',
      '  return cMap;',
      '}',
      'async function ptargetParseBuiltInCMap(name, fetchBuiltInCMap) {',
      '  if (name === "Identity-H") {',
    ),
  },
  {
    // what to transfer with each operator chunk: a conversion worker's in-thread channel transfers
    // nothing (in-thread-channel.ts), and a parser thread's MessageChannel copies the few small
    // arrays instead of moving them (the parser does not use them after sending)
    why: 'OperatorList.flush: do not list the arrays to transfer with each chunk',
    find: '    }, 1, this._transfers);\n',
    replace: '    }, 1);\n',
  },
  {
    // In a conversion worker the parser's messages are handed over without a copy
    // (in-thread-channel.ts); flush empties its arrays right after sending a chunk, which a copy
    // made harmless. It sends copies of them (1,000 references per chunk) instead.
    why: 'OperatorList.flush: send copies of the operator arrays it then empties (in-thread-channel.ts)',
    find: lines('    this._streamSink.enqueue({', '      fnArray: this.fnArray,', '      argsArray: this.argsArray,'),
    replace: lines('    this._streamSink.enqueue({', '      fnArray: this.fnArray.slice(),', '      argsArray: this.argsArray.slice(),'),
  },
  {
    why: 'getTextContent: send a copy of the text-content chunk whose items it then replaces (in-thread-channel.ts)',
    find: '      sink?.enqueue(textContent, length);\n',
    replace: '      sink?.enqueue({ ...textContent }, length);\n',
  },
];

/**
 * The source with every patch applied, or null when any of them does not match exactly once (or
 * two overlap). The source is searched as read and put together once: patching a copy per patch
 * made V8 flatten a 2 MB string each time (~0.6 s per parser thread on a loaded machine).
 */
export function patchSource(source: string, patches: readonly SourcePatch[] = WORKER_PATCHES): string | null {
  const at: number[] = [];
  for (const p of patches) {
    const i = source.indexOf(p.find);
    if (i < 0 || source.indexOf(p.find, i + 1) >= 0) return null;
    at.push(i);
  }
  const order = patches.map((_, k) => k).sort((x, y) => at[x]! - at[y]!);
  const parts: string[] = [];
  let pos = 0;
  for (const k of order) {
    if (at[k]! < pos) return null;
    parts.push(source.slice(pos, at[k]), patches[k]!.replace);
    pos = at[k]! + patches[k]!.find.length;
  }
  parts.push(source.slice(pos));
  return parts.join('');
}
