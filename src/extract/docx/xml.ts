import { createRequire } from 'node:module';
import { InputError } from '../../errors.js';

/**
 * A small typed XML tree for OOXML parts, read with @xmldom/xmldom (the parser mammoth uses).
 * Elements are named by namespace *URI* and local name, never by prefix: generators differ in
 * prefixes, and Strict OOXML uses other URIs for the same elements.
 */
export interface XmlElement {
  ns: string;
  name: string;
  /** Attributes by local name (e.g. "val" for w:val); attributes of other namespaces are kept as "{ns}name". */
  attrs: Record<string, string>;
  children: XmlNode[];
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

// Structural view of the few xmldom members we use: importing its typings would pull the DOM
// lib into the whole program, so the module is loaded untyped and described here.
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  localName: string | null;
  namespaceURI: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<DomNode>;
  documentElement?: DomNode | null;
}
interface DomParserCtor {
  new (opts: { errorHandler: (level: string, msg: string) => void }): {
    parseFromString(xml: string, mime: string): DomNode;
  };
}
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: DomParserCtor };

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

/** Parse an XML part; `part` names it in the error for damaged XML. */
export function parseXml(xml: string, part: string): XmlElement {
  let problem: string | null = null;
  let doc: DomNode;
  try {
    const parser = new DOMParser({
      // any complaint, warnings included: mammoth refuses the document for those too
      errorHandler: (_level, msg) => {
        if (problem === null) problem = msg;
      },
    });
    doc = parser.parseFromString(xml, 'text/xml');
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
    doc = { nodeType: 9, nodeValue: null, localName: null, namespaceURI: null, childNodes: [] };
  }
  const root = doc.documentElement;
  if (problem !== null || !root) {
    const why = (problem ?? 'no root element').split('\n')[0]?.replace(/^\[xmldom \w+\]\s*/, '').trim();
    throw new InputError(`damaged Word document: ${part} is not well-formed XML (${why})`);
  }
  return convert(root);
}

function convert(node: DomNode): XmlElement {
  const attrs: Record<string, string> = {};
  for (const a of Array.from(node.attributes ?? [])) {
    const ns = a.namespaceURI ?? '';
    const local = a.localName ?? '';
    if (ns === 'http://www.w3.org/2000/xmlns/') continue;
    const key = PLAIN_ATTR_NS.has(ns) ? local : `{${ns}}${local}`;
    if (!(key in attrs)) attrs[key] = a.nodeValue ?? '';
  }
  const children: XmlNode[] = [];
  for (const c of Array.from(node.childNodes)) {
    if (c.nodeType === ELEMENT) children.push(convert(c));
    else if (c.nodeType === TEXT || c.nodeType === CDATA) children.push(c.nodeValue ?? '');
  }
  return { ns: node.namespaceURI ?? '', name: node.localName ?? '', attrs, children };
}

/** All text inside an element (w:t holds its text as one text node, but be general). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
