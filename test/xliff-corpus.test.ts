/**
 * Real XLIFF files (test/fixtures/xliff/corpus, a selection of ../shared's corpus: see
 * test/fixtures/README.md): the OASIS test suites and CAT-tool exports.
 *  - every valid and CAT-tool file is read with nothing lost: units, segments, states and inline
 *    codes counted straight from the XML equal what the reader returns;
 *  - read → write → read is identical under canonical XML;
 *  - `sxs validate` rejects every invalid OASIS 2.1 file and accepts every valid one;
 *  - no file the official schema rejects is reported OK (the oracle: libxml2 with the official schemas
 *    in test/fixtures/xliff/schemas,
 *    independent of our bundled copies and of how schema.ts grades the findings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XmlDocument, XmlLibError } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { readXliff, type XliffDoc } from '../pipeline/xliff/read.js';
import { validateXliff } from '../pipeline/xliff/validate.js';
import { attr, canonical, decodeXml, parseXml, serializeTree, type XmlElement } from '../pipeline/core/xml.js';
import { walk, XLIFF_CORPUS as CORPUS } from './support/fixtures.js';
import { officialSchema } from './support/xsd.js';

const XLIFF = /\.(xlf|xliff|sdlxliff|mxliff|mqxliff)$/;
const readable = [...walk(join(CORPUS, 'valid')), ...walk(join(CORPUS, 'cat-tools'))]
  .filter((f) => XLIFF.test(f))
  // Known defect of the OASIS 2.2 draft suite: not well-formed (undeclared pgs: prefix).
  .filter((f) => !f.endsWith('Good-pgs_plural.xlf'))
  .sort();

const els = (el: XmlElement, local?: string): XmlElement[] => el.children.filter((c): c is XmlElement => c.type === 'element' && (local === undefined || c.local === local));

function all(el: XmlElement, pred: (e: XmlElement) => boolean, out: XmlElement[] = [], stopAt?: (e: XmlElement) => boolean): XmlElement[] {
  for (const c of els(el)) {
    if (pred(c)) out.push(c);
    if (!stopAt?.(c)) all(c, pred, out, stopAt);
  }
  return out;
}

/** What the XML holds, counted without the reader. */
function countXml(root: XmlElement, family: '1' | '2') {
  const counts = { units: 0, segments: 0, states: 0, codes: 0, text: '' };
  const textOf = (el: XmlElement, opaque: Set<string>): string =>
    el.children
      .map((c) => {
        if (c.type === 'text' || c.type === 'cdata') return c.value;
        if (c.type !== 'element') return '';
        if (c.local === 'cp') return String.fromCodePoint(Number.parseInt(attr(c, 'hex') ?? '0', 16));
        return opaque.has(c.local) ? '' : textOf(c, opaque);
      })
      .join('');
  if (family === '2') {
    const codes = new Set(['pc', 'ph', 'sc', 'ec']);
    for (const unit of all(
      root,
      (e) => e.local === 'unit',
      [],
      (e) => e.local === 'unit',
    )) {
      counts.units++;
      for (const part of els(unit).filter((e) => e.local === 'segment' || e.local === 'ignorable')) {
        if (part.local === 'segment') {
          counts.segments++;
          if (attr(part, 'state') !== undefined) counts.states++;
        }
        for (const side of [...els(part, 'source'), ...els(part, 'target')]) {
          counts.codes += all(side, (e) => codes.has(e.local)).length;
          counts.text += textOf(side, new Set(['ph', 'sc', 'ec']));
        }
      }
    }
    return counts;
  }
  const codes = new Set(['g', 'x', 'bx', 'ex', 'bpt', 'ept', 'ph', 'it']);
  const native = (e: XmlElement) => ['bpt', 'ept', 'ph', 'it', 'x', 'bx', 'ex'].includes(e.local);
  for (const tu of all(root, (e) => e.local === 'trans-unit')) {
    counts.units++;
    const segSource = els(tu, 'seg-source')[0];
    const segs = segSource ? all(segSource, (e) => e.local === 'mrk' && attr(e, 'mtype') === 'seg') : [];
    const n = segs.length > 0 ? segs.length : 1;
    counts.segments += n;
    const target = els(tu, 'target')[0];
    const vendor = tu.attributes.some((a) => (a.local === 'status' && a.uri === 'MQXliff') || (a.local === 'confirmed' && a.uri === 'http://www.memsource.com/mxlf/2.0'));
    const sdl = all(tu, (e) => e.local === 'seg' && e.uri === 'http://sdl.com/FileTypes/SdlXliff/1.0').length;
    if ((target && attr(target, 'state') !== undefined) || attr(tu, 'approved') === 'yes' || vendor) counts.states += n;
    else counts.states += Math.min(sdl, n);
    const content = segs.length > 0 ? segSource! : els(tu, 'source')[0];
    for (const side of [content, target]) {
      if (!side) continue;
      counts.codes += all(side, (e) => codes.has(e.local), [], native).length;
      counts.text += textOf(side, new Set(['bpt', 'ept', 'ph', 'it', 'x', 'bx', 'ex', 'sub']));
    }
  }
  return counts;
}

function countReader(doc: XliffDoc) {
  const counts = { units: 0, segments: 0, states: 0, codes: 0, text: '' };
  for (const f of doc.files) {
    for (const u of f.units) {
      counts.units++;
      for (const p of u.parts) {
        if (p.kind === 'segment') counts.segments++;
        if (p.state) counts.states++;
        for (const items of [p.source, p.target ?? []]) {
          for (const i of items) {
            if (i.t === 'text') counts.text += i.v;
            else if (i.t !== 'close' || (i.el.local !== 'pc' && i.el.local !== 'g')) counts.codes++;
          }
        }
      }
    }
  }
  return counts;
}

describe('every valid and CAT-tool XLIFF file is read with nothing lost', () => {
  it('covers every CAT tool and every origin of valid files', () => {
    const tools = ['angular', 'blackbird', 'matecat', 'memoq', 'okapi', 'ontram', 'passolo', 'phrase', 'swordfish', 'trados', 'typo3', 'worldserver', 'xcode'];
    const origins = ['locize', 'matecat', 'oasis-2.1', 'oasis-2.2', 'okapi', 'translate-toolkit'];
    const expected = [...tools.map((t) => `cat-tools/${t}`), ...origins.map((o) => `valid/${o}`)].sort();
    const folders = ['cat-tools', 'valid'].flatMap((dir) => readdirSync(join(CORPUS, dir)).map((d) => `${dir}/${d}`));
    expect(folders.sort()).toEqual(expected);
    // each one has at least one file read here
    expect([...new Set(readable.map((f) => relative(CORPUS, f).split('/').slice(0, 2).join('/')))].sort()).toEqual(expected);
    // The selection kept in test/fixtures (README.md): 23 CAT-tool files and 124 valid ones, Good-pgs_plural.xlf left out.
    expect(readable.length).toBe(147);
  });

  for (const file of readable) {
    it(relative(CORPUS, file), () => {
      const bytes = readFileSync(file);
      const doc = readXliff(bytes);
      const fromXml = countXml(doc.root, doc.family);
      const fromReader = countReader(doc);
      // Segments interleave source and target, the XML lists them apart: compare the characters, in any order.
      const squash = (s: string) => [...s.replace(/\s+/g, '')].sort().join('');
      expect({ ...fromReader, text: squash(fromReader.text) }).toEqual({ ...fromXml, text: squash(fromXml.text) });
      // read → write → read is the same document under canonical XML
      const again = parseXml(serializeTree(doc.root));
      expect(canonical(again)).toEqual(canonical(parseXml(decodeXml(bytes).text)));
    });
  }
});

describe('sxs validate on the OASIS XLIFF 2.1 test suite', () => {
  const invalid = walk(join(CORPUS, 'invalid', 'oasis-2.1')).filter((f) => f.endsWith('.xlf'));
  const valid = walk(join(CORPUS, 'valid', 'oasis-2.1')).filter((f) => f.endsWith('.xlf'));

  // The whole OASIS 2.1 suite is kept in test/fixtures: 162 invalid documents, 77 valid ones.
  it('rejects every invalid document (core and modules)', () => {
    expect(invalid.length).toBe(162);
    const accepted = invalid.filter((f) => !validateXliff(readFileSync(f)).findings.some((x) => x.severity === 'error')).map((f) => relative(CORPUS, f));
    expect(accepted).toEqual([]);
  });

  it('accepts every valid document', () => {
    expect(valid.length).toBe(77);
    const rejected = valid.map((f) => ({ file: relative(CORPUS, f), findings: validateXliff(readFileSync(f)).findings })).filter((r) => r.findings.length > 0);
    expect(rejected).toEqual([]);
  });

  it('names the rule and the position', () => {
    const r = validateXliff(readFileSync(join(CORPUS, 'invalid', 'oasis-2.1', 'core', 'bad_SubStateWithoutState.xlf')));
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'xliff/substate', message: 'subState needs state' })]);
    expect(r.findings[0]!.line).toBeGreaterThan(1);
  });
});

describe('sxs validate and the official schemas: no file the schema rejects is reported OK', () => {
  const all = walk(CORPUS)
    .filter((f) => XLIFF.test(f))
    .sort();

  it('every corpus file', { timeout: 120_000 }, () => {
    let rejected = 0;
    const silent: string[] = [];
    for (const file of all) {
      const bytes = readFileSync(file);
      let doc: XmlDocument;
      try {
        doc = XmlDocument.fromBuffer(bytes);
      } catch (e) {
        if (e instanceof XmlLibError) continue; // not well-formed: our own parser's test, not the schema's
        throw e;
      }
      try {
        const schema = officialSchema(doc.root.namespaceUri, doc.root.get('@version')?.content ?? '');
        if (!schema) continue;
        try {
          schema.validate(doc);
          continue;
        } catch (e) {
          if (!(e instanceof XmlLibError)) throw e;
        }
        rejected++;
        if (validateXliff(bytes).findings.length === 0) silent.push(relative(CORPUS, file));
      } finally {
        doc.dispose();
      }
    }
    expect(rejected).toBeGreaterThan(60);
    expect(silent).toEqual([]);
  });

  it('real CAT-tool files that break only the strict 1.2 schema with their extensions are valid, with warnings', () => {
    for (const name of ['trados/simpleTest.sdlxliff', 'okapi/RB-12-Test02.xlf', 'memoq/MQ-12-Test01.xlf', 'typo3/Typo3Draft.xlf', 'matecat/from_jsont.xliff']) {
      const findings = validateXliff(readFileSync(join(CORPUS, 'cat-tools', name))).findings;
      expect(findings.length, name).toBeGreaterThan(0);
      expect(
        findings.filter((f) => f.severity === 'error'),
        name,
      ).toEqual([]);
      expect(new Set(findings.map((f) => f.rule)), name).toEqual(new Set(['xliff/schema']));
    }
  });
});
