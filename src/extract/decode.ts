import { InputError } from '../errors.js';

export interface DecodedText {
  text: string;
  /** WHATWG label of the encoding used: utf-8, utf-16le, utf-16be or gb18030. */
  encoding: string;
}

/**
 * Decode a text input: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8 and
 * anything else is read as GB18030, the superset of GBK/GB2312 that Chinese government files use.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to GB18030
  }
  const text = new TextDecoder('gb18030').decode(bytes);
  if (looksBinary(text)) throw new InputError('not a text file (binary content in no known encoding)');
  return { text, encoding: 'gb18030' };
}

/** Control characters other than tab/newline/CR/form feed, or replacement characters, in bulk. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || c === 0 || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad / sample.length > 0.02;
}
