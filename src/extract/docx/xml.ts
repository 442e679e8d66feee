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
 * Parse an XML part; `part` names it in the error for damaged XML. A small non-validating
 * reader for OOXML parts, which can be tens of megabytes: one pass over the string, an explicit
 * stack (no recursion, so no depth limit), namespaces resolved to URIs, whitespace-only text
 * kept only inside w:t. A DOCTYPE is refused: OOXML has none, and entity declarations are how
 * a small file expands into a huge one.
 *
 * `onClose` may replace each element as it closes (the table reader folds finished rows into a
 * compact form there, so a document of 100,000 rows never holds them all as elements).
 */
export function parseXml(xml: string, part: string, onClose?: (el: XmlElement) => XmlElement): XmlElement {
  try {
    return new TreeReader(xml, onClose).read();
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    throw new InputError(`damaged Word document: ${part} is not well-formed XML (${err.message})`);
  }
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
  scope: Scope;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

class TreeReader {
  private pos = 0;
  private readonly stack: Open[] = [];
  private root: XmlElement | null = null;
  private readonly top: Scope = { prefixes: new Map([['xml', XML_NS]]), names: new Map(), attrNames: new Map() };

  constructor(
    private readonly xml: string,
    private readonly onClose?: (el: XmlElement) => XmlElement,
  ) {}

  read(): XmlElement {
    const { xml } = this;
    while (this.pos < xml.length) {
      const lt = xml.indexOf('<', this.pos);
      const textEnd = lt < 0 ? xml.length : lt;
      if (textEnd > this.pos) this.text(xml.slice(this.pos, textEnd), true);
      if (lt < 0) break;
      this.pos = lt;
      const c = xml.charCodeAt(lt + 1);
      if (c === 0x2f /* / */) this.endTag();
      else if (c === 0x3f /* ? */) this.pos = this.after('?>');
      else if (c !== 0x21 /* ! */) this.startTag();
      else if (xml.startsWith('<!--', lt)) this.pos = this.after('-->');
      else if (xml.startsWith('<![CDATA[', lt)) {
        const end = this.after(']]>');
        this.text(xml.slice(lt + 9, end - 3), false);
        this.pos = end;
      } else this.fail('a DOCTYPE or declaration, which OOXML parts never have');
    }
    if (this.stack.length) this.fail(`<${this.stack[this.stack.length - 1]!.qname}> is never closed`);
    return this.root ?? this.fail('no root element');
  }

  private fail(why: string): never {
    throw new XmlSyntaxError(`${why}, at character ${this.pos}`);
  }

  /** The position just past the next `end`. */
  private after(end: string): number {
    const at = this.xml.indexOf(end, this.pos);
    if (at < 0) this.fail(`no closing ${end}`);
    return at + end.length;
  }

  private text(raw: string, entities: boolean): void {
    const top = this.stack[this.stack.length - 1];
    const blank = !/[^ \t\r\n]/.test(raw);
    if (!top) {
      if (!blank) this.fail('text outside the root element');
      return;
    }
    // whitespace between elements is layout, except inside a text run
    if (blank && top.el.name !== 't') return;
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
    const { xml } = this;
    let i = at;
    for (; i < xml.length; i++) {
      const c = xml.charCodeAt(i);
      if (isSpace(c) || c === 0x3e /* > */ || c === 0x2f /* / */ || c === 0x3d /* = */ || c === 0x3c /* < */) break;
    }
    return i;
  }

  private skipSpace(at: number): number {
    while (at < this.xml.length && isSpace(this.xml.charCodeAt(at))) at++;
    return at;
  }

  private startTag(): void {
    const { xml, stack } = this;
    const start = this.pos;
    let at = this.nameEnd(start + 1);
    const qname = xml.slice(start + 1, at);
    if (!qname) this.fail('a tag without a name');
    // attributes as written; a value may not hold "<"
    let raw: string[] | null = null;
    for (;;) {
      const spaced = this.skipSpace(at);
      const c = xml.charCodeAt(spaced);
      if (c === 0x3e || c === 0x2f || spaced === at) {
        at = spaced;
        break;
      }
      const nameEnd = this.nameEnd(spaced);
      const eq = this.skipSpace(nameEnd);
      const q = this.skipSpace(eq + 1);
      const quote = xml[q];
      if (nameEnd === spaced || xml[eq] !== '=' || (quote !== '"' && quote !== "'")) this.fail(`a malformed attribute in <${qname}>`);
      const close = xml.indexOf(quote!, q + 1);
      if (close < 0) this.fail(`an unclosed attribute value in <${qname}>`);
      const value = xml.slice(q + 1, close);
      if (value.includes('<')) this.fail(`"<" in an attribute value of <${qname}>`);
      (raw ??= []).push(xml.slice(spaced, nameEnd), this.decode(value));
      at = close + 1;
    }
    const selfClosed = xml.charCodeAt(at) === 0x2f;
    if (selfClosed ? xml.charCodeAt(at + 1) !== 0x3e : xml.charCodeAt(at) !== 0x3e) this.fail(`a malformed <${qname}> tag`);
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
    else stack.push({ el, qname, scope });
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
    const gt = this.xml.indexOf('>', this.pos);
    if (gt < 0) this.fail('an unclosed end tag');
    const qname = this.xml.slice(this.pos + 2, gt).trim();
    const open = this.stack.pop();
    if (!open || open.qname !== qname) this.fail(`</${qname}> does not close <${open?.qname ?? ''}>`);
    open.el.bodyEnd = this.pos;
    this.pos = open.el.end = gt + 1;
    this.close(open.el);
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
