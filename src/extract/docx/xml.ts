import { InputError } from '../../errors.js';

/**
 * A small typed XML tree for OOXML parts.
 * Elements are named by namespace *URI* and local name, never by prefix: generators differ in
 * prefixes, and Strict OOXML uses other URIs for the same elements.
 */
export interface XmlElement {
  ns: string;
  name: string;
  /** Attributes by local name (e.g. "val" for w:val); attributes of other namespaces are kept as "{ns}name". */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Where the element lies in its part's text (set by parseXml): its start tag begins at `start`, its content runs from `bodyStart` to `bodyEnd`, its end tag ends at `end`. */
  start?: number;
  bodyStart?: number;
  bodyEnd?: number;
  end?: number;
}
export type XmlNode = XmlElement | string;

export const NS = {
  w: ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'],
  mc: ['http://schemas.openxmlformats.org/markup-compatibility/2006'],
  v: ['urn:schemas-microsoft-com:vml'],
  rel: ['http://schemas.openxmlformats.org/package/2006/relationships'],
} as const;
type Prefix = keyof typeof NS;

/** Namespaces whose attributes are keyed by bare local name. */
const PLAIN_ATTR_NS = new Set<string>(['', ...NS.w]);

/** Is `node` the element `prefix:name` (by namespace URI)? */
export function is(node: XmlElement, prefix: Prefix, name: string): boolean;
export function is(node: XmlNode | undefined, prefix: Prefix, name: string): node is XmlElement;
export function is(node: XmlNode | undefined, prefix: Prefix, name: string): boolean {
  return typeof node === 'object' && node.name === name && (NS[prefix] as readonly string[]).includes(node.ns);
}

/** Is the element in the namespace of `prefix`? */
export function inNs(el: XmlElement, prefix: Prefix): boolean {
  return (NS[prefix] as readonly string[]).includes(el.ns);
}

export function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c === 'object');
}

export function child(el: XmlElement | undefined, prefix: Prefix, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => is(c, prefix, name));
}

/** An integer attribute (w:val of w:gridSpan, w:gridBefore…), or `fallback` when absent or bad. */
export function intAttr(el: XmlElement | undefined, attr: string, fallback: number): number {
  const v = el?.attrs[attr];
  const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : fallback;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const BARE_AMP = /&(?!(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);)/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

class XmlSyntaxError extends Error {}

/**
 * Parse an XML part (its UTF-8 bytes, or text); `part` names it in the error for damaged XML. A
 * small non-validating reader for OOXML parts, which can be tens of megabytes: one pass over the
 * bytes, an explicit stack (no recursion, so no depth limit), namespaces resolved to URIs,
 * whitespace-only text kept only inside w:t. Only text and attribute values are decoded: the
 * markup is read as bytes (its delimiters are ASCII, never part of a multi-byte character), so a
 * 50 MB part is never made into a string. A DOCTYPE is refused: OOXML has none, and entity
 * declarations are how a small file expands into a huge one.
 *
 * Element positions (start, bodyStart…) are byte offsets into the UTF-8 bytes.
 *
 * `onClose` may replace each element as it closes (the table reader folds finished rows into a
 * compact form there, so a document of 100,000 rows never holds them all as elements).
 */
export function parseXml(xml: Uint8Array | string, part: string, onClose?: (el: XmlElement) => XmlElement): XmlElement {
  try {
    return new TreeReader(xmlBytes(xml), onClose).read();
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    throw new InputError(`damaged Word document: ${part} is not well-formed XML (${err.message})`);
  }
}

/** The bytes parseXml reads for `xml`: a string as UTF-8, bytes as they are (without copying). */
export function xmlBytes(xml: Uint8Array | string): Buffer {
  return typeof xml === 'string' ? Buffer.from(xml, 'utf8') : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
}

/** Namespace prefixes in scope ('' the default namespace), and the names already resolved in it. */
interface Scope {
  prefixes: ReadonlyMap<string, string>;
  /** Element and attribute names apart (an unprefixed attribute is in no namespace): no key made per name. */
  names: Map<string, { ns: string; local: string }>;
  attrNames: Map<string, { ns: string; local: string }>;
}

interface Open {
  el: XmlElement;
  qname: string;
  /** Where the qualified name lies in the bytes, to match the end tag without decoding it. */
  nameStart: number;
  nameEnd: number;
  scope: Scope;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** Texts up to this many bytes go through short()'s cache, up to SEEN_MAX of them. */
const SHORT = 24;
const SEEN_MAX = 4096;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const AMP = 0x26;

class TreeReader {
  private pos = 0;
  private readonly stack: Open[] = [];
  private root: XmlElement | null = null;
  private readonly top: Scope = { prefixes: new Map([['xml', XML_NS]]), names: new Map(), attrNames: new Map() };
  /** Short texts decoded so far, by a hash of their bytes (see short()). */
  private readonly seen = new Map<number, string>();

  constructor(
    private readonly b: Buffer,
    private readonly onClose?: (el: XmlElement) => XmlElement,
  ) {}

  read(): XmlElement {
    const { b } = this;
    while (this.pos < b.length) {
      const lt = b.indexOf(LT, this.pos);
      const textEnd = lt < 0 ? b.length : lt;
      if (textEnd > this.pos) this.text(this.pos, textEnd, true);
      if (lt < 0) break;
      this.pos = lt;
      const c = b[lt + 1];
      if (c === SLASH) this.endTag();
      else if (c === 0x3f /* ? */) this.pos = this.after('?>');
      else if (c !== 0x21 /* ! */) this.startTag();
      else if (this.at(lt, '<!--')) this.pos = this.after('-->');
      else if (this.at(lt, '<![CDATA[')) {
        const end = this.after(']]>');
        this.text(lt + 9, end - 3, false);
        this.pos = end;
      } else this.fail('a DOCTYPE or declaration, which OOXML parts never have');
    }
    if (this.stack.length) this.fail(`<${this.stack[this.stack.length - 1]!.qname}> is never closed`);
    return this.root ?? this.fail('no root element');
  }

  private fail(why: string): never {
    throw new XmlSyntaxError(`${why}, at byte ${this.pos}`);
  }

  /** Do the bytes at `pos` spell `ascii`? */
  private at(pos: number, ascii: string): boolean {
    for (let i = 0; i < ascii.length; i++) if (this.b[pos + i] !== ascii.charCodeAt(i)) return false;
    return true;
  }

  /** The position just past the next `end`. */
  private after(end: string): number {
    const at = this.b.indexOf(end, this.pos, 'latin1');
    if (at < 0) this.fail(`no closing ${end}`);
    return at + end.length;
  }

  private str(from: number, to: number): string {
    return this.b.toString('utf8', from, to);
  }

  /**
   * Short ASCII text (names, attribute values such as "1000" or "preserve"), decoded once per
   * distinct text rather than at every tag: a table of 100,000 rows repeats the same few.
   */
  private short(from: number, to: number): string {
    const { b } = this;
    if (to - from > SHORT) return this.str(from, to);
    let h = to - from;
    for (let i = from; i < to; i++) {
      const c = b[i]!;
      if (c >= 0x80) return this.str(from, to);
      h = (Math.imul(h, 31) + c) | 0;
    }
    const known = this.seen.get(h);
    if (known !== undefined && known.length === to - from && this.spells(from, known)) return known;
    const text = b.toString('latin1', from, to);
    if (this.seen.size < SEEN_MAX) this.seen.set(h, text);
    return text;
  }

  /** Do the bytes at `from` spell the ASCII `text`? */
  private spells(from: number, text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.b[from + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private text(from: number, to: number, entities: boolean): void {
    const top = this.stack[this.stack.length - 1];
    let blank = true;
    for (let i = from; i < to && blank; i++) blank = isSpace(this.b[i]!);
    if (!top) {
      if (!blank) this.fail('text outside the root element');
      return;
    }
    // whitespace between elements is layout, except inside a text run
    if (blank && top.el.name !== 't') return;
    const raw = this.str(from, to);
    top.el.children.push(entities ? this.decode(raw) : raw);
  }

  private decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    if (BARE_AMP.test(raw)) this.fail('a bare & or an unknown entity');
    return raw.replace(ENTITY, (_, e: string) => {
      if (e[0] !== '#') return NAMED[e]!;
      const n = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      if (!(n > 0 && n <= 0x10ffff) || (n >= 0xd800 && n <= 0xdfff)) this.fail(`&${e}; is not a character`);
      return String.fromCodePoint(n);
    });
  }

  /** Reads a name (element or attribute) from `at`; returns its end. */
  private nameEnd(at: number): number {
    const { b } = this;
    let i = at;
    for (; i < b.length; i++) {
      const c = b[i]!;
      if (isSpace(c) || c === GT || c === SLASH || c === 0x3d /* = */ || c === LT) break;
    }
    return i;
  }

  private skipSpace(at: number): number {
    while (at < this.b.length && isSpace(this.b[at]!)) at++;
    return at;
  }

  private startTag(): void {
    const { b, stack } = this;
    const start = this.pos;
    const qnameEnd = this.nameEnd(start + 1);
    let at = qnameEnd;
    if (at === start + 1) this.fail('a tag without a name');
    const qname = this.short(start + 1, at);
    // attributes as written; a value may not hold "<"
    let raw: string[] | null = null;
    for (;;) {
      const spaced = this.skipSpace(at);
      const c = b[spaced];
      if (c === GT || c === SLASH || spaced === at) {
        at = spaced;
        break;
      }
      const nameEnd = this.nameEnd(spaced);
      const eq = this.skipSpace(nameEnd);
      const q = this.skipSpace(eq + 1);
      const quote = b[q];
      if (nameEnd === spaced || b[eq] !== 0x3d || (quote !== 0x22 && quote !== 0x27)) this.fail(`a malformed attribute in <${qname}>`);
      const close = b.indexOf(quote!, q + 1);
      if (close < 0) this.fail(`an unclosed attribute value in <${qname}>`);
      let amp = false;
      for (let i = q + 1; i < close; i++) {
        const v = b[i]!;
        if (v === LT) this.fail(`"<" in an attribute value of <${qname}>`);
        if (v === AMP) amp = true;
      }
      (raw ??= []).push(this.short(spaced, nameEnd), amp ? this.decode(this.str(q + 1, close)) : this.short(q + 1, close));
      at = close + 1;
    }
    const selfClosed = b[at] === SLASH;
    if (selfClosed ? b[at + 1] !== GT : b[at] !== GT) this.fail(`a malformed <${qname}> tag`);
    if (this.root) this.fail('a second root element');

    const scope = raw ? this.declare(raw) : (stack[stack.length - 1]?.scope ?? this.top);
    let attrs = NO_ATTRS;
    if (raw) {
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i]!;
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const { ns, local } = this.resolve(name, scope, false);
        const key = PLAIN_ATTR_NS.has(ns) ? local : `{${ns}}${local}`;
        if (attrs === NO_ATTRS) attrs = {};
        if (!(key in attrs)) attrs[key] = raw[i + 1]!;
      }
    }
    const { ns, local } = this.resolve(qname, scope, true);
    this.pos = at + (selfClosed ? 2 : 1);
    const el: XmlElement = { ns, name: local, attrs, children: [], start, bodyStart: this.pos, bodyEnd: this.pos, end: this.pos };
    stack[stack.length - 1]?.el.children.push(el);
    if (selfClosed) this.close(el);
    else stack.push({ el, qname, nameStart: start + 1, nameEnd: qnameEnd, scope });
  }
  /** The scope inside an element with these attributes: a new one if it declares namespaces. */
  private declare(raw: readonly string[]): Scope {
    const outer = this.stack[this.stack.length - 1]?.scope ?? this.top;
    let prefixes: Map<string, string> | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      prefixes ??= new Map(outer.prefixes);
      prefixes.set(name === 'xmlns' ? '' : name.slice(6), raw[i + 1]!);
    }
    return prefixes ? { prefixes, names: new Map(), attrNames: new Map() } : outer;
  }

  /** Namespace URI and local name; unprefixed attributes are in no namespace. */
  private resolve(qname: string, scope: Scope, element: boolean): { ns: string; local: string } {
    const names = element ? scope.names : scope.attrNames;
    const known = names.get(qname);
    if (known) return known;
    const colon = qname.indexOf(':');
    let ns = '';
    if (colon >= 0) {
      ns = scope.prefixes.get(qname.slice(0, colon)) ?? this.fail(`the prefix of ${qname} is not declared`);
    } else if (element) ns = scope.prefixes.get('') ?? '';
    const got = { ns, local: colon < 0 ? qname : qname.slice(colon + 1) };
    names.set(qname, got);
    return got;
  }

  private endTag(): void {
    const { b } = this;
    const gt = b.indexOf(GT, this.pos);
    if (gt < 0) this.fail('an unclosed end tag');
    let from = this.pos + 2;
    let to = gt;
    while (from < to && isSpace(b[from]!)) from++;
    while (to > from && isSpace(b[to - 1]!)) to--;
    const open = this.stack.pop();
    if (!open || !this.sameBytes(from, to, open.nameStart, open.nameEnd)) this.fail(`</${this.str(from, to)}> does not close <${open?.qname ?? ''}>`);
    open.el.bodyEnd = this.pos;
    this.pos = open.el.end = gt + 1;
    this.close(open.el);
  }

  /** The names of an end tag and its start tag compared as bytes: no string made per end tag. */
  private sameBytes(from: number, to: number, from2: number, to2: number): boolean {
    if (to - from !== to2 - from2) return false;
    for (let i = 0; i < to - from; i++) if (this.b[from + i] !== this.b[from2 + i]) return false;
    return true;
  }

  /** An element is complete: let onClose replace it, in its parent or as the root. */
  private close(el: XmlElement): void {
    const done = this.onClose ? this.onClose(el) : el;
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.el.children[parent.el.children.length - 1] = done;
    else this.root = done;
  }
}

/** All text inside an element (w:t holds its text as one text node, but be general). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
