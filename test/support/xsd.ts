/**
 * An oracle for schema tests: libxml2 (WebAssembly) with the official XLIFF schemas as kept in
 * test/fixtures/xliff/schemas — not the copies sxs ships, and none of sxs's grading of findings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlBufferInputProvider, XmlDocument, XmlLibError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import { xsdFiles } from '../../pipeline/xliff/schema.js';
import { XLIFF_SCHEMAS as DIR } from './fixtures.js';

const BASE = '/official-xliff-schemas/';
let registered = false;
const cache = new Map<string, XsdValidator>();

function register(): void {
  if (registered) return;
  // Two providers may answer for the W3C xml.xsd address: both serve the same W3C file.
  xmlRegisterInputProvider(new XmlBufferInputProvider(xsdFiles(DIR, BASE)));
  registered = true;
}

function compile(path: string): XsdValidator {
  register();
  let v = cache.get(path);
  if (!v) {
    const url = BASE + path;
    const doc = XmlDocument.fromBuffer(readFileSync(join(DIR, path)), { url });
    v = XsdValidator.fromDoc(doc);
    doc.dispose();
    cache.set(path, v);
  }
  return v;
}

/** The schema a document with this root namespace and version is checked against (strict for 1.2). */
export function officialSchema(ns: string, version: string): XsdValidator | undefined {
  if (ns === 'urn:oasis:names:tc:xliff:document:1.2') return compile('xliff-1.2/xliff-core-1.2-strict.xsd');
  if (ns === 'urn:oasis:names:tc:xliff:document:2.0') return compile(version === '2.0' ? 'xliff-2.0/xliff_2.0_with_modules.xsd' : 'xliff-2.1/xliff_2.1_with_modules.xsd');
  if (ns === 'urn:oasis:names:tc:xliff:document:2.2') return compile('xliff-2.2/xliff_2.2_with_modules.xsd');
  return undefined;
}

/** What the official schema says about an XLIFF file: [] when it is valid. */
export function schemaErrors(bytes: Uint8Array): string[] {
  const doc = XmlDocument.fromBuffer(bytes);
  try {
    const schema = officialSchema(doc.root.namespaceUri, doc.root.get('@version')?.content ?? '');
    if (!schema) return [`no schema for namespace ${doc.root.namespaceUri}`];
    schema.validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlLibError) return e.details.map((d) => `${d.line}: ${d.message.trim()}`);
    throw e;
  } finally {
    doc.dispose();
  }
}
