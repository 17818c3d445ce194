/**
 * XML: a namespace-aware tree read with saxes (strict XML 1.0 + namespaces, positions kept; comments,
 * processing instructions and CDATA preserved), and a serializer with correct escaping
 * (spec xliff.md §3.1): `& < >` and CR as `&#13;` in text; `& < > "` and TAB/CR/LF as character
 * references in attributes. Element-only content is indented; mixed content never is.
 */
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

export type XmlNode =
  | XmlElement
  | { type: 'text'; value: string }
  | { type: 'cdata'; value: string }
  | { type: 'comment'; value: string }
  | { type: 'pi'; target: string; body: string };

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
      error = m ? new XmlError(m[3]!, Number(m[1]), Number(m[2])) : new XmlError(e.message, parser.line, parser.column);
    }
  });
  parser.on('doctype', () => {
    if (!error) error = new XmlError('a DOCTYPE is not allowed (no DTDs, no entity declarations)', parser.line, parser.column);
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
      line: parser.line,
      column: parser.column,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const add = (node: XmlNode) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
  };
  parser.on('text', (value) => add({ type: 'text', value }));
  parser.on('cdata', (value) => add({ type: 'cdata', value }));
  parser.on('comment', (value) => add({ type: 'comment', value }));
  parser.on('processinginstruction', (pi) => add({ type: 'pi', target: pi.target, body: pi.body }));
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
  return value.replace(/[&<>"\t\n\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`,
  );
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

function writeElement(node: OutElement, indent: string, out: string[]): void {
  let open = `<${node.name}`;
  for (const [k, v] of node.attrs ?? []) if (v !== undefined) open += ` ${k}="${escapeAttribute(v)}"`;
  const kids = node.children ?? [];
  if (kids.length === 0) {
    out.push(`${indent}${open}/>`);
    return;
  }
  const mixed = kids.some((k) => typeof k === 'string');
  if (mixed) {
    // Never indent inside mixed content: every character of it is data.
    let inner = '';
    for (const k of kids) {
      if (typeof k === 'string') inner += escapeText(k);
      else {
        const parts: string[] = [];
        writeElement(k, '', parts);
        inner += parts.join('');
      }
    }
    out.push(`${indent}${open}>${inner}</${node.name}>`);
    return;
  }
  out.push(`${indent}${open}>`);
  for (const k of kids) writeElement(k as OutElement, indent + '  ', out);
  out.push(`${indent}</${node.name}>`);
}

/** Serializes a document: UTF-8 declaration, two-space indentation of element-only content, LF, final newline. */
export function serializeXml(root: OutElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeElement(root, '', out);
  return out.join('\n') + '\n';
}
