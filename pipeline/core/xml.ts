/**
 * XML: a namespace-aware tree read with saxes (strict XML 1.0 + namespaces, positions kept; comments,
 * processing instructions and CDATA preserved), and a serializer with correct escaping
 * (spec xliff.md §3.1): `& < >` and CR as `&#13;` in text; `& < > "` and TAB/CR/LF as character
 * references in attributes. Element-only content is indented; mixed content never is.
 */
import { TextDecoder } from 'node:util';
import { LIMITS } from '../util/limits.js';
import iconv from 'iconv-lite';
import { SaxesParser, type SaxesAttributeNS } from 'saxes';

export interface XmlAttribute {
  /** Qualified name as written (`xml:space`, `mda:type`). */
  name: string;
  local: string;
  uri: string;
  value: string;
}

export interface XmlElement {
  type: 'element';
  name: string;
  local: string;
  uri: string;
  attributes: XmlAttribute[];
  /** Namespace declarations made on this element, prefix ('' for default) → URI. */
  namespaces: Record<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
}

export type XmlNode = XmlElement | { type: 'text'; value: string } | { type: 'cdata'; value: string } | { type: 'comment'; value: string } | { type: 'pi'; target: string; body: string };

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parses an XML document (already decoded to a string) into its root element. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: XmlError | undefined;
  parser.on('error', (e) => {
    if (!error) {
      const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
      // Positions are 1-based (saxes reports column 0 before the first character).
      error = m ? new XmlError(m[3]!, Math.max(1, Number(m[1])), Math.max(1, Number(m[2]))) : new XmlError(e.message, Math.max(1, parser.line), Math.max(1, parser.column));
    }
  });
  // A DOCTYPE that only names an external DTD (XLIFF 1.0/1.1 exports) is ignored: it is never fetched.
  // One with an internal subset could declare entities: refused.
  // Each kind of listener costs saxes time on every character: listen only for what the text has.
  if (text.includes('<!DOCTYPE') || text.includes('<!doctype')) {
    parser.on('doctype', (doctype) => {
      if (!error && doctype.includes('[')) error = new XmlError('a DOCTYPE with an internal subset is not allowed (no entity declarations)', parser.line, parser.column);
    });
  }
  // Positions are those of the `<` that starts each element (saxes reports the end of the start tag).
  let startLine = 1;
  let startColumn = 1;
  parser.on('opentagstart', (tag) => {
    startLine = parser.line;
    startColumn = Math.max(1, parser.column - tag.name.length - 1);
  });
  parser.on('opentag', (tag) => {
    const attributes: XmlAttribute[] = [];
    const namespaces: Record<string, string> = {};
    for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') {
        namespaces[a.prefix === 'xmlns' ? a.local : ''] = a.value;
        continue;
      }
      attributes.push({ name: a.name, local: a.local, uri: a.uri, value: a.value });
    }
    const el: XmlElement = {
      type: 'element',
      name: tag.name,
      local: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attributes,
      namespaces,
      children: [],
      line: startLine,
      column: startColumn,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
    if (stack.length > LIMITS.xmlDepth && !error) {
      error = new XmlError(`elements nested more than ${LIMITS.xmlDepth} deep`, startLine, startColumn);
      throw error;
    }
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const add = (node: XmlNode) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
  };
  parser.on('text', (value) => add({ type: 'text', value }));
  if (text.includes('<![CDATA[')) parser.on('cdata', (value) => add({ type: 'cdata', value }));
  if (text.includes('<!--')) parser.on('comment', (value) => add({ type: 'comment', value }));
  if (/<\?(?!xml[\s?])/.test(text)) parser.on('processinginstruction', (pi) => add({ type: 'pi', target: pi.target, body: pi.body }));
  try {
    parser.write(text).close();
  } catch (e) {
    if (!error) throw e;
  }
  if (error) throw error;
  if (!root) throw new XmlError('no root element', 1, 1);
  return root;
}

/** Characters XML 1.0 cannot represent at all, not even as character references. */
export const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`));
}

/** Text of an element's text and CDATA children. */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (c.type === 'text' || c.type === 'cdata') out += c.value;
    else if (c.type === 'element') out += textContent(c);
  }
  return out;
}

export function childElements(el: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === 'element' && (local === undefined || c.local === local)) out.push(c);
  return out;
}

export function attr(el: XmlElement, name: string): string | undefined {
  return el.attributes.find((a) => a.name === name)?.value;
}

/** A node for the serializer: elements with attributes in the order given, text, comments. */
export type OutNode = OutElement | string;
export interface OutElement {
  name: string;
  attrs?: Array<[string, string | undefined]>;
  children?: OutNode[];
}

export function el(name: string, attrs: Array<[string, string | undefined]> = [], children: OutNode[] = []): OutElement {
  return { name, attrs, children };
}

/** Writes an element with no whitespace added anywhere inside it (for mixed content). */
function writeInline(node: OutElement): string {
  let open = `<${node.name}`;
  for (const [k, v] of node.attrs ?? []) if (v !== undefined) open += ` ${k}="${escapeAttribute(v)}"`;
  const kids = node.children ?? [];
  if (kids.length === 0) return `${open}/>`;
  return `${open}>${kids.map((k) => (typeof k === 'string' ? escapeText(k) : writeInline(k))).join('')}</${node.name}>`;
}

/** Element-only content is indented; an element with any text in it is written inline, whole. */
function writeElement(node: OutElement, indent: string, out: string[]): void {
  const kids = node.children ?? [];
  if (kids.length === 0 || kids.some((k) => typeof k === 'string') || INLINE_CONTENT.has(node.name)) {
    out.push(indent + writeInline(node));
    return;
  }
  let open = `<${node.name}`;
  for (const [k, v] of node.attrs ?? []) if (v !== undefined) open += ` ${k}="${escapeAttribute(v)}"`;
  out.push(`${indent}${open}>`);
  for (const k of kids) writeElement(k as OutElement, indent + '  ', out);
  out.push(`${indent}</${node.name}>`);
}

/** Elements whose content is always data, even when it holds only inline elements. */
const INLINE_CONTENT = new Set(['source', 'target', 'seg-source', 'data', 'note', 'mrk', 'g', 'pc']);

/** Serializes a document: UTF-8 declaration, two-space indentation of element-only content, LF, final newline. */
export function serializeXml(root: OutElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeElement(root, '', out);
  return out.join('\n') + '\n';
}

/** Unicode encodings, decoded strictly (invalid bytes are an error) by the platform's decoder. */
const UNICODE = new Set(['utf-8', 'utf8', 'utf-16', 'utf-16le', 'utf-16be']);

/**
 * Decodes XML bytes: BOM first (UTF-8, UTF-16LE/BE), then the declared encoding, else UTF-8. Every
 * other encoding goes through iconv-lite, a real codec: Node's own decoder reads `windows-1252` as
 * Latin-1, turning curly quotes and dashes into control characters. Bytes a single- or double-byte
 * encoding does not define are an error, never a replacement character in a stored translation.
 */
export function decodeXml(bytes: Uint8Array): { text: string; encoding: string } {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) encoding = 'utf-16be';
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    const declared = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) encoding = declared.toLowerCase();
  }
  if (UNICODE.has(encoding)) {
    const decoder = new TextDecoder(encoding === 'utf-16' ? 'utf-16le' : encoding, { fatal: true });
    try {
      return { text: decoder.decode(bytes.subarray(start)), encoding: decoder.encoding };
    } catch {
      throw new XmlError(`the bytes are not valid ${decoder.encoding}`, 1, 1);
    }
  }
  if (!iconv.encodingExists(encoding)) throw new XmlError(`unsupported encoding "${encoding}" in the XML declaration`, 1, 1);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(start);
  const text = iconv.decode(body, encoding, { stripBOM: false });
  const bad = text.indexOf('\uFFFD');
  // U+FFFD is what the codec gives for bytes the encoding does not define (only GB18030, a Unicode
  // encoding, can carry the character itself).
  if (bad >= 0 && encoding !== 'gb18030') {
    const line = text.slice(0, bad).split('\n').length;
    throw new XmlError(`the bytes are not valid ${encoding}: a byte sequence it does not define`, line, bad - text.lastIndexOf('\n', bad - 1));
  }
  return { text, encoding };
}

/** Writes a parsed tree back as XML (UTF-8 declaration, everything kept: namespaces, comments, PIs, CDATA). */
export function serializeTree(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (node: XmlNode): void => {
    switch (node.type) {
      case 'text':
        out.push(escapeText(node.value));
        return;
      case 'cdata':
        out.push(`<![CDATA[${node.value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`);
        return;
      case 'comment':
        out.push(`<!--${node.value}-->`);
        return;
      case 'pi':
        out.push(`<?${node.target}${node.body ? ` ${node.body}` : ''}?>`);
        return;
      case 'element': {
        let open = `<${node.name}`;
        for (const [prefix, uri] of Object.entries(node.namespaces)) open += ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttribute(uri)}"`;
        for (const a of node.attributes) open += ` ${a.name}="${escapeAttribute(a.value)}"`;
        if (node.children.length === 0) {
          out.push(`${open}/>`);
          return;
        }
        out.push(`${open}>`);
        for (const c of node.children) write(c);
        out.push(`</${node.name}>`);
      }
    }
  };
  write(root);
  out.push('\n');
  return out.join('');
}

/**
 * Canonical form of a tree for comparisons: expanded names, attributes sorted, adjacent text and
 * CDATA merged, comments dropped, namespace declarations not compared (their effect is in the names).
 */
export function canonical(el: XmlElement): unknown {
  const attrs = el.attributes.map((a) => [a.uri, a.local, a.value]).sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1));
  const children: unknown[] = [];
  let text = '';
  for (const c of el.children) {
    if (c.type === 'text' || c.type === 'cdata') {
      text += c.value;
      continue;
    }
    if (c.type === 'comment') continue;
    if (text) children.push(text);
    text = '';
    children.push(c.type === 'pi' ? ['?', c.target, c.body] : canonical(c));
  }
  if (text) children.push(text);
  return [el.uri, el.local, attrs, children];
}
