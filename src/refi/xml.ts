/**
 * Minimal XML writing and reading for REFI-QDA.
 *
 * Writing: a deterministic serialiser (attributes in the order given, two-space indentation between elements, text
 * content inline) so an unchanged project exports byte-identically. Characters XML 1.0 cannot carry (C0 controls
 * other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD; CR, LF and tab in attributes and CR
 * in text are written as character references so they survive parsing.
 *
 * Reading: our own non-validating reader of well-formed XML 1.0, one pass, iterative (an explicit stack, so a code
 * tree thousands of levels deep is read as any other; its depth costs memory in proportion to the input, which the
 * zip reader bounds). It decodes the five predefined entities and character references, applies XML's
 * end-of-line and attribute-value normalisation, and strips namespace prefixes. It resolves nothing: a document
 * type declaration with an internal subset or an external identifier (where entities, external or parameter
 * entities would be declared) is refused with a message saying so, and so is any entity other than the five
 * predefined ones. Every well-formedness error names the line and character.
 */
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

/** The document as text; iterative, so any depth serialises. */
export function serialize(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  // stack of [node, depth, next child index]
  const stack: Array<[XmlNode, number, number]> = [[root, 0, -1]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, depth, next] = top;
    const pad = '  '.repeat(depth);
    const kids = node.children ?? [];
    if (next === -1) {
      let open = `${pad}<${node.name}`;
      for (const [k, v] of node.attrs ?? []) if (v !== undefined) open += ` ${k}="${escapeAttr(v)}"`;
      if (node.text !== undefined) {
        out.push(`${open}>${escapeText(node.text)}</${node.name}>\n`);
        stack.pop();
        continue;
      }
      if (kids.length === 0) {
        out.push(`${open}/>\n`);
        stack.pop();
        continue;
      }
      out.push(`${open}>\n`);
      top[2] = 0;
      continue;
    }
    if (next < kids.length) {
      top[2] = next + 1;
      stack.push([kids[next], depth + 1, -1]);
      continue;
    }
    out.push(`${pad}</${node.name}>\n`);
    stack.pop();
  }
  return out.join('');
}

/** A parsed element: local name, decoded attributes (local names), child elements, and its own character data. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside the element, decoded, in document order. */
  text: string;
  /** Line of the start tag (1-based). */
  line: number;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9._:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\n]*/y;

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * Parses `xml` (BOM already removed) into its root element. Throws StaffwellError('format') with the line and
 * character of the first well-formedness error, or of a document type declaration it will not read.
 */
export function parseXml(xml: string, file: string): XmlElement {
  const src = xml.indexOf('\r') >= 0 ? xml.replace(/\r\n?/g, '\n') : xml;
  const n = src.length;
  let pos = 0;
  // line counting, moving forward only
  let lineAt = 0;
  let lineNo = 1;
  const line = (p: number): number => {
    if (p < lineAt) {
      lineAt = 0;
      lineNo = 1;
    }
    for (let i = src.indexOf('\n', lineAt); i >= 0 && i < p; i = src.indexOf('\n', i + 1)) lineNo++;
    lineAt = p;
    return lineNo;
  };
  const fail = (p: number, problem: string, hint?: string): StaffwellError => {
    const l = line(p);
    const lineStart = src.lastIndexOf('\n', p - 1) + 1;
    return new StaffwellError('format', `not well-formed XML at character ${p - lineStart + 1}: ${problem}`, {
      file,
      line: l,
      hint: hint ?? 'The file is damaged or not a REFI-QDA export; export it again from the source program',
    });
  };
  const decode = (raw: string, at: number, attribute: boolean): string => {
    let s = attribute ? raw.replace(/[\t\n]/g, ' ') : raw;
    if (s.indexOf('&') < 0) return s;
    let out = '';
    let last = 0;
    for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
      const semi = s.indexOf(';', i + 1);
      const body = semi < 0 ? '' : s.slice(i + 1, semi);
      let ch: string | undefined;
      if (/^#[0-9]{1,7}$/.test(body) || /^#x[0-9a-fA-F]{1,6}$/.test(body)) {
        const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
        if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw fail(at, `character reference &${body}; is not a character`);
        ch = String.fromCodePoint(cp);
      } else if (Object.hasOwn(NAMED, body)) ch = NAMED[body];
      else if (/^[A-Za-z_:][-A-Za-z0-9._:]*$/.test(body)) {
        throw fail(at, `the entity &${body}; is not defined (only &amp; &lt; &gt; &quot; &apos; and character references are)`, ENTITY_HINT);
      } else throw fail(at, `"&" not followed by a reference (write &amp;)`);
      out += s.slice(last, i) + ch;
      last = semi + 1;
      i = semi;
    }
    s = out + s.slice(last);
    return s;
  };

  // prolog
  if (src.startsWith('<?xml', 0) && /^<\?xml[ \t\n?]/.test(src.slice(0, 6))) {
    const end = src.indexOf('?>', 5);
    if (end < 0) throw fail(0, 'the XML declaration is not closed');
    pos = end + 2;
  }
  let root: XmlElement | undefined;
  const stack: Array<{ el: XmlElement; qname: string; text: string[] }> = [];
  const misc = (): boolean => {
    // comment, processing instruction, or document type declaration at pos; true if one was consumed
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end < 0) throw fail(pos, 'a comment is not closed');
      pos = end + 3;
      return true;
    }
    if (src.startsWith('<?', pos)) {
      const end = src.indexOf('?>', pos + 2);
      if (end < 0) throw fail(pos, 'a processing instruction is not closed');
      if (/^<\?xml[ \t\n?]/i.test(src.slice(pos, pos + 6))) throw fail(pos, 'an XML declaration is allowed only at the start of the document');
      pos = end + 2;
      return true;
    }
    return false;
  };
  while (pos < n) {
    const lt = src.indexOf('<', pos);
    if (stack.length === 0) {
      // outside the root: only whitespace and markup that is not an element (before), or nothing (after)
      const gap = src.slice(pos, lt < 0 ? n : lt);
      if (gap.trim() !== '') throw fail(pos, root ? 'text after the root element' : 'text before the root element');
      if (lt < 0) break;
      pos = lt;
      if (misc()) continue;
      if (src.startsWith('<!DOCTYPE', pos)) {
        if (root) throw fail(pos, 'a document type declaration after the root element');
        pos = doctype(src, pos, fail);
        continue;
      }
      if (root) throw fail(pos, 'a second root element (a document has one)');
    } else {
      const top = stack[stack.length - 1];
      if (lt < 0) throw fail(n, `the document ends inside element <${top.qname}>`);
      if (lt > pos) {
        const raw = src.slice(pos, lt);
        if (raw.indexOf(']]>') >= 0) throw fail(pos + raw.indexOf(']]>'), '"]]>" in text (write ]]&gt;)');
        top.text.push(decode(raw, pos, false));
      }
      pos = lt;
      if (misc()) continue;
      if (src.startsWith('<![CDATA[', pos)) {
        const end = src.indexOf(']]>', pos + 9);
        if (end < 0) throw fail(pos, 'a CDATA section is not closed');
        top.text.push(src.slice(pos + 9, end));
        pos = end + 3;
        continue;
      }
      if (src.startsWith('<!DOCTYPE', pos)) throw fail(pos, 'a document type declaration inside an element');
      if (src.startsWith('</', pos)) {
        NAME.lastIndex = pos + 2;
        const m = NAME.exec(src);
        const name = m ? m[0] : '';
        SPACE.lastIndex = pos + 2 + name.length;
        SPACE.exec(src);
        if (!m || src[SPACE.lastIndex] !== '>') throw fail(pos, 'a malformed end tag');
        if (name !== top.qname) throw fail(pos, `end tag </${name}> does not match start tag <${top.qname}> (line ${top.el.line})`);
        top.el.text = top.text.length === 1 ? top.text[0] : top.text.join('');
        stack.pop();
        pos = SPACE.lastIndex + 1;
        continue;
      }
    }
    // a start tag
    NAME.lastIndex = pos + 1;
    const m = NAME.exec(src);
    if (!m) throw fail(pos, '"<" not followed by an element name (write &lt;)');
    const qname = m[0];
    const el: XmlElement = { name: localName(qname), attrs: {}, children: [], text: '', line: line(pos) };
    const seen = new Set<string>();
    let p = pos + 1 + qname.length;
    let selfClosing = false;
    for (;;) {
      SPACE.lastIndex = p;
      SPACE.exec(src);
      const spaced = SPACE.lastIndex > p;
      p = SPACE.lastIndex;
      if (p >= n) throw fail(pos, `the start tag <${qname}> is not closed`);
      if (src[p] === '>') {
        p++;
        break;
      }
      if (src[p] === '/' && src[p + 1] === '>') {
        p += 2;
        selfClosing = true;
        break;
      }
      NAME.lastIndex = p;
      const a = NAME.exec(src);
      if (!a || !spaced) throw fail(p, `a malformed attribute in <${qname}>`);
      const aname = a[0];
      p += aname.length;
      SPACE.lastIndex = p;
      SPACE.exec(src);
      p = SPACE.lastIndex;
      if (src[p] !== '=') throw fail(p, `attribute ${aname} of <${qname}> has no value`);
      SPACE.lastIndex = p + 1;
      SPACE.exec(src);
      p = SPACE.lastIndex;
      const quote = src[p];
      if (quote !== '"' && quote !== "'") throw fail(p, `the value of attribute ${aname} is not in quotes`);
      const end = src.indexOf(quote, p + 1);
      if (end < 0) throw fail(p, `the value of attribute ${aname} is not closed`);
      const raw = src.slice(p + 1, end);
      if (raw.indexOf('<') >= 0) throw fail(p + 1 + raw.indexOf('<'), `"<" in the value of attribute ${aname}`);
      if (seen.has(aname)) throw fail(p, `attribute ${aname} appears twice in <${qname}>`);
      seen.add(aname);
      p = end + 1;
      if (aname === 'xmlns' || aname.startsWith('xmlns:')) continue;
      el.attrs[localName(aname)] = decode(raw, p, true);
    }
    if (stack.length > 0) stack[stack.length - 1].el.children.push(el);
    else root = el;
    if (!selfClosing) stack.push({ el, qname, text: [] });
    pos = p;
  }
  if (stack.length > 0) throw fail(n, `the document ends inside element <${stack[stack.length - 1].qname}>`);
  if (!root) throw fail(n, 'no root element');
  return root;
}

const ENTITY_HINT =
  'REFI-QDA files need no DTD or entities; export the project again from the source program (Staffwell does not read DTDs, so that nothing outside the file is ever fetched)';

/** Skips `<!DOCTYPE Name>` (no identifiers, no internal subset); refuses any other document type declaration. */
function doctype(src: string, pos: number, fail: (p: number, problem: string, hint?: string) => StaffwellError): number {
  const end = src.indexOf('>', pos);
  const head = end < 0 ? src.slice(pos) : src.slice(pos, end + 1);
  if (/^<!DOCTYPE[ \t\n]+[A-Za-z_:][-A-Za-z0-9._:]*[ \t\n]*>$/.test(head)) return end + 1;
  const what = /\[/.test(head) || /<!ENTITY/.test(src.slice(pos, pos + 4096))
    ? 'a document type declaration with an internal subset (entity declarations)'
    : /\b(SYSTEM|PUBLIC)\b/.test(head)
      ? 'a document type declaration naming an external DTD (SYSTEM/PUBLIC)'
      : 'a document type declaration (DOCTYPE)';
  throw fail(pos, `${what}, which Staffwell does not read`, ENTITY_HINT);
}

/** Attribute of an element (decoded); undefined when absent. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el === undefined ? undefined : Object.hasOwn(el.attrs, name) ? el.attrs[name] : undefined;
}

/** Child elements with local name `name`. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  if (el === undefined) return [];
  return el.children.filter((c) => c.name === name);
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Text content of an element (its own text and CDATA, decoded); undefined when the element is absent. */
export function textOf(el: XmlElement | undefined): string | undefined {
  return el === undefined ? undefined : el.text;
}
