/**
 * Minimal XML writing and reading for REFI-QDA.
 *
 * Writing: a deterministic serialiser (attributes in the order given, two-space indentation between elements, text
 * content inline) so an unchanged project exports byte-identically. Characters XML 1.0 cannot carry (C0 controls
 * other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD; CR, LF and tab in attributes and CR
 * in text are written as character references so they survive parsing.
 *
 * Reading: fast-xml-parser with entity processing off, then our own decoding of the five predefined entities and
 * numeric character references (fast-xml-parser 5 leaves `&#13;` undecoded), and XML's end-of-line and
 * attribute-value normalisation.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { StaffwellError } from '../errors.ts';

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeAttr(s: string): string {
  return s
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** An element to serialise. Attributes with value undefined are left out. */
export interface XmlNode {
  name: string;
  attrs?: Array<[string, string | undefined]>;
  children?: XmlNode[];
  text?: string;
}

export function serialize(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, out);
  return out.join('');
}

function write(node: XmlNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  let open = `${pad}<${node.name}`;
  for (const [k, v] of node.attrs ?? []) if (v !== undefined) open += ` ${k}="${escapeAttr(v)}"`;
  const kids = node.children ?? [];
  if (node.text !== undefined) {
    out.push(`${open}>${escapeText(node.text)}</${node.name}>\n`);
  } else if (kids.length === 0) {
    out.push(`${open}/>\n`);
  } else {
    out.push(`${open}>\n`);
    for (const k of kids) write(k, depth + 1, out);
    out.push(`${pad}</${node.name}>\n`);
  }
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named];
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Decodes element text: end-of-line normalisation, then entities. */
export function decodeText(raw: string): string {
  return decodeEntities(raw.replace(/\r\n?/g, '\n'));
}

/** Decodes an attribute value: literal whitespace becomes a space (XML §3.3.3), then entities. */
export function decodeAttr(raw: string): string {
  return decodeEntities(raw.replace(/\r\n|[\t\n\r]/g, ' '));
}

/** A parsed element: attributes under `$`, child elements by (namespace-less) name, text under `#text`. */
export interface XmlElement {
  $?: Record<string, string>;
  '#text'?: string;
  '#cdata'?: string;
  [child: string]: unknown;
}

/** Parses `xml`, throwing StaffwellError('format') with the line and column of the first well-formedness error. */
export function parseXml(xml: string, file: string, arrayTags: ReadonlySet<string>): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new StaffwellError('format', `not well-formed XML at character ${valid.err.col}: ${valid.err.msg}`, {
      file,
      line: valid.err.line,
      hint: 'The file is damaged or not a REFI-QDA export; export it again from the source program',
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '$',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    commentPropName: false,
    isArray: (name: string) => arrayTags.has(name),
  });
  return parser.parse(xml) as Record<string, unknown>;
}

/** Attribute of an element, decoded; undefined when absent. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  const raw = el?.$?.[name];
  return raw === undefined ? undefined : decodeAttr(String(raw));
}

/** Children with tag `name` as elements (strings, i.e. text-only elements, become `{ '#text': … }`). */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  const v = el?.[name];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'object' && x !== null ? (x as XmlElement) : { '#text': String(x) }));
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return children(el, name)[0];
}

/** Text content of an element (text and CDATA), decoded; undefined when the element is absent. */
export function textOf(el: XmlElement | undefined): string | undefined {
  if (el === undefined) return undefined;
  let s = '';
  const t = el['#text'];
  if (t !== undefined) s += decodeText(Array.isArray(t) ? t.join('') : String(t));
  const c = el['#cdata'];
  if (c !== undefined) s += Array.isArray(c) ? c.join('') : String(c);
  return s;
}
