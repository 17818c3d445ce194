/**
 * The official XLIFF schemas, applied in-process: libxml2 compiled to WebAssembly (`libxml2-wasm`), the
 * OASIS XSDs shipped in `assets/xliff-schemas/` — no system binary, nothing fetched.
 *
 * What is an error and what is a warning (the README's `sxs validate` section says the same):
 *  - XLIFF 1.2 is checked against the strict schema. A finding the transitional schema also makes, once
 *    every extension (an element or attribute of a non-XLIFF namespace) is removed, is about XLIFF's own
 *    content — element order, a `state`/`translate`/`context-type` value, a missing attribute, a duplicate
 *    id — and is an error. Anything else (a vendor's extension where strict allows none, an attribute only
 *    the transitional schema knows) is harmless to a reader and is a warning: reported, never a silent OK.
 *  - XLIFF 2.0/2.1 are checked against their core and every module; a finding that goes away once the
 *    extensions are removed is a warning (extension content the schema does not allow there), the rest are
 *    errors. XLIFF 1.1 is checked with the 1.2 schemas (same structure) and its findings are warnings.
 *  - XLIFF 2.2 schemas are a committee draft that rejects some of its own test suite's valid files: their
 *    findings are warnings.
 *  - A reference to header metadata that is missing (`tool-id` naming no `<tool>`, a keyref) is a warning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import { XmlBufferInputProvider, XmlDocument, XmlElement as LxElement, XmlLibError, XsdValidator, xmlRegisterInputProvider, type ErrorDetail } from 'libxml2-wasm';
import type { Finding } from '../core/problems.js';
import type { XmlElement } from '../core/xml.js';

export type SchemaVersion = '1.1' | '1.2' | '2.0' | '2.1' | '2.2';

const DIR = fileURLToPath(new URL('../../assets/xliff-schemas/', import.meta.url));
const BASE = '/xliff-schemas/';
const XML_XSD_URLS = ['http://www.w3.org/2001/xml.xsd', 'https://www.w3.org/2001/xml.xsd', 'http://www.w3.org/2009/01/xml.xsd'];

const SCHEMAS = {
  strict12: 'xliff-1.2/xliff-core-1.2-strict.xsd',
  transitional12: 'xliff-1.2/xliff-core-1.2-transitional.xsd',
  '2.0': 'xliff-2.0/xliff_2.0_with_modules.xsd',
  '2.1': 'xliff-2.1/xliff_2.1_with_modules.xsd',
  '2.2': 'xliff-2.2/xliff_2.2_with_modules.xsd',
} as const;
type SchemaName = keyof typeof SCHEMAS;

let buffers: Record<string, Uint8Array> | undefined;
const validators = new Map<SchemaName, XsdValidator>();

/** Every `.xsd` under `dir`, keyed by `base` + its path with `/` (the names a schema's imports resolve to). */
export function xsdFiles(dir: string, base: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.xsd')) files[base + relative(dir, full).split(sep).join('/')] = readFileSync(full);
    }
  };
  walk(dir);
  for (const url of XML_XSD_URLS) if (files[`${base}xml.xsd`]) files[url] = files[`${base}xml.xsd`]!;
  return files;
}

function schemaFiles(): Record<string, Uint8Array> {
  if (buffers) return buffers;
  buffers = xsdFiles(DIR, BASE);
  // The provider answers only these names: a document or schema can reach nothing else.
  xmlRegisterInputProvider(new XmlBufferInputProvider(buffers));
  return buffers;
}

function validator(name: SchemaName): XsdValidator {
  let v = validators.get(name);
  if (!v) {
    const url = BASE + SCHEMAS[name];
    const doc = XmlDocument.fromBuffer(schemaFiles()[url]!, { url });
    try {
      v = XsdValidator.fromDoc(doc);
    } finally {
      doc.dispose();
    }
    validators.set(name, v);
  }
  return v;
}

/** The schema's complaints about `doc`, or none. */
function complaints(name: SchemaName, doc: XmlDocument): ErrorDetail[] {
  try {
    validator(name).validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlLibError) return e.details.length > 0 ? e.details : [{ message: e.message, level: 2, line: 0, col: 0 }];
    throw e;
  }
}

const XLIFF_NS = 'urn:oasis:names:tc:xliff:';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ITS_NS = 'http://www.w3.org/2005/11/its';

/** Removes every element and attribute of a namespace XLIFF does not define (vendor extensions). */
function stripExtensions(el: LxElement, its: boolean): void {
  const ours = (uri: string) => uri.startsWith(XLIFF_NS) || uri === XML_NS || (its && uri === ITS_NS);
  for (const a of el.attrs) if (a.namespaceUri !== '' && !ours(a.namespaceUri)) a.remove();
  for (let c = el.firstChild; c;) {
    const next = c.next;
    if (c instanceof LxElement) {
      if (ours(c.namespaceUri)) stripExtensions(c, its);
      else c.remove();
    }
    c = next;
  }
}

/** libxml2 names elements `{namespace}local`: XLIFF's own as `<local>`, others with their namespace. */
function readable(message: string, core: string): string {
  return message
    .trim()
    .replace(/'?\{([^}]*)\}([\w.:-]+)'?/g, (_m, uri: string, local: string) => (uri === core ? `<${local}>` : `<${local}> (${uri})`))
    .replace(/^Element (<[^>]+>(?: \([^)]*\))?)/, '$1')
    .replace(/attribute '([\w.:-]+)': The attribute '[\w.:-]+' is not allowed\./, 'the attribute $1 is not allowed')
    .replace(/No matching global (element|attribute) declaration available, but demanded by the strict wildcard\./, 'the schema allows no extension $1 here')
    .replace(/\.$/, '');
}

/** Where a complaint is: its line, and the column of the element it names on that line (libxml2 gives none). */
function position(d: ErrorDetail, byLine: Map<number, XmlElement[]>): { line: number; column: number } {
  const line = Math.max(1, d.line);
  const candidates = byLine.get(line) ?? [];
  const step = d.xpath
    ?.split('/')
    .at(-1)
    ?.replace(/\[\d+\]$/, '');
  const local = step && step !== '*' ? step.slice(step.indexOf(':') + 1) : undefined;
  const el = candidates.find((c) => c.local === local) ?? candidates[0];
  return { line, column: el?.line === line ? el.column : 1 };
}

function elementsByLine(root: XmlElement): Map<number, XmlElement[]> {
  const map = new Map<number, XmlElement[]>();
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const list = map.get(el.line);
    if (list) list.push(el);
    else map.set(el.line, [el]);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === 'element') stack.push(c);
    }
  }
  for (const list of map.values()) list.sort((a, b) => a.column - b.column);
  return map;
}

/**
 * Schema findings for an XLIFF document already read as `text` (well-formed to our parser; `root` is its
 * tree, for positions). `version` picks the schema.
 */
export function schemaFindings(text: string, root: XmlElement, version: SchemaVersion): Finding[] {
  const family1 = version === '1.1' || version === '1.2';
  // XLIFF 1.1 has the 1.2 structure under another namespace of the same length: positions are kept.
  const source = version === '1.1' ? text.split(`${XLIFF_NS}document:1.1`).join(`${XLIFF_NS}document:1.2`) : text;
  const core = family1 ? `${XLIFF_NS}document:1.2` : version === '2.2' ? `${XLIFF_NS}document:2.2` : `${XLIFF_NS}document:2.0`;
  const primary: SchemaName = family1 ? 'strict12' : version;
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(source);
  } catch (e) {
    if (!(e instanceof XmlLibError)) throw e;
    const d = e.details[0];
    return [
      {
        line: Math.max(1, d?.line ?? 1),
        column: Math.max(1, d?.col ?? 1),
        rule: 'xml/well-formed',
        severity: 'error',
        message: `libxml2 cannot read the file: ${readable(d?.message ?? e.message, core)}`,
      },
    ];
  }
  try {
    const first = complaints(primary, doc);
    if (first.length === 0) return [];
    stripExtensions(doc.root, !family1);
    const remaining = complaints(family1 ? 'transitional12' : primary, doc);
    const byLine = elementsByLine(root);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const add = (d: ErrorDetail, severity: Finding['severity'], note: string) => {
      const message = readable(d.message, core) + note;
      const at = position(d, byLine);
      const key = `${at.line}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ ...at, rule: 'xliff/schema', severity, message });
    };
    const errorLines = new Set<number>();
    for (const d of remaining) {
      const keyref = / of keyref /.test(d.message);
      const warning = version === '1.1' || version === '2.2' || keyref;
      if (!warning) errorLines.add(d.line);
      const note = version === '1.1' ? ' (XLIFF 1.1 checked with the 1.2 schema)' : version === '2.2' ? ' (XLIFF 2.2 draft schema)' : keyref ? ' (a reference to header metadata)' : '';
      add(d, warning ? 'warning' : 'error', note);
    }
    const remainingKeys = new Set(remaining.map((d) => `${d.line}:${d.message}`));
    for (const d of first) {
      if (remainingKeys.has(`${d.line}:${d.message}`) || errorLines.has(d.line)) continue;
      add(d, 'warning', family1 ? ' (strict 1.2 schema; harmless: the file is read as usual)' : ' (extension content; harmless: the file is read as usual)');
    }
    return findings.sort((a, b) => a.line - b.line || a.column - b.column);
  } finally {
    doc.dispose();
  }
}
