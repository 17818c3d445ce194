/**
 * Fuzzing (fast-check). A bounded number of runs in `npm test`; `npm run fuzz` runs many more
 * (FUZZ=1). A failure prints the seed and the shrunk case to replay.
 *
 * - XML text and attribute values with every kind of character round-trip exactly.
 * - Generated CommonMark + GFM documents survive extract → export → import (target = source) →
 *   build --plain unchanged: the output equals the plain build without any translation.
 * - Random mutations of real XLIFF files never crash the reader, the validator or the importer:
 *   they are read, or refused with a positioned error.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/commands/build.js';
import { exportHandoff } from '../pipeline/commands/export.js';
import { importHandoff } from '../pipeline/commands/import.js';
import { validateXliff } from '../pipeline/xliff/validate.js';
import { XliffReadError, readXliff } from '../pipeline/xliff/read.js';
import { el, parseXml, serializeXml, textContent, attr, XmlError } from '../pipeline/core/xml.js';
import { importXliff } from '../pipeline/xliff/import.js';
import { walk, XLIFF_CORPUS } from './support/fixtures.js';
import { doc } from './support/doc.js';
import { anyMarkdown, document } from './support/markdown-gen.js';
import { makeProject } from './support/project.js';
import { translate } from './support/vendor.js';

const FUZZ = process.env.FUZZ === '1';
const runs = (normal: number, fuzz: number) => (FUZZ ? fuzz : Number(process.env.FC_RUNS ?? normal));
/** Long runs get an hour. */
const TIMEOUT = FUZZ ? 3_600_000 : 120_000;

/** Every character XML 1.0 can carry, weighted towards the troublesome ones. */
const xmlChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", '\t', '\n', '\r', ' ', ']]>', '&amp;', '\u00a0', '\u2028', '\uFEFF', '😀', '\u{10FFFD}', '\uD7FF', '\uE000', '\uFFFD') },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const xmlText = fc.array(xmlChar, { maxLength: 30 }).map((a) => a.join('').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));

describe('fuzz: XML text and attribute values round-trip exactly', () => {
  it('through our serializer and reader', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(xmlText, xmlText, (text, value) => {
        const xml = serializeXml(el('root', [['value', value]], [text]));
        const back = parseXml(xml);
        expect(attr(back, 'value')).toBe(value);
        expect(textContent(back)).toBe(text);
      }),
      { numRuns: runs(500, 50_000) },
    );
  });
});

describe('fuzz: documents survive extract → export → import → build --plain', () => {
  it('with target = source, the plain build equals the one without translations', { timeout: TIMEOUT }, () => {
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(document, anyMarkdown), fc.constantFrom('xliff12', 'xliff21') as fc.Arbitrary<'xliff12' | 'xliff21'>, (markdown, format) => {
        const project = makeProject(['de-DE']);
        const { config } = project;
        project.write('source/doc.md', markdown);
        const out = join(config.root, 'handoff');
        const exported = exportHandoff({ config, locale: 'de-DE', format, out, all: true, toolVersion: '0.0.0', date: '11/23/2026' });
        expect(exported.problems).toEqual([]);
        // The English build, with the handoff the export recorded (same front matter).
        const english = build({ config, locales: [], mode: 'plain', html: false });
        expect(english.problems).toEqual([]);
        const plainEnglish = project.read('dist/de-DE/doc.md');
        // The identity translation (no code moved): the vendor typed the English back.
        for (const f of exported.files) translate(f, (s) => s, { moveCode: false });
        if (exported.files.length === 0) return;
        const imported = importHandoff({ config, inputs: [out], dryRun: false, acceptStale: false });
        const errors = imported.problems.filter((p) => p.severity === 'error');
        expect(errors, errors.map((p) => `${p.rule}: ${p.message}`).join('\n')).toEqual([]);
        const translated = build({ config, locales: [], mode: 'plain', html: false });
        expect(translated.problems).toEqual([]);
        expect(project.read('dist/de-DE/doc.md')).toBe(plainEnglish);
        rmSync(config.root, { recursive: true, force: true });
        n++;
      }),
      { numRuns: runs(40, 2_000) },
    );
    expect(n).toBeGreaterThan(0);
  });
});

/** Real XLIFF files to mutate: the corpus (every CAT tool, both versions) and one of our exports. */
function seeds(): Buffer[] {
  const files = walk(XLIFF_CORPUS).filter((f) => /\.(xlf|xliff|sdlxliff|mqxliff|mxliff)$/i.test(f));
  return files.filter((_, i) => i % 4 === 0).map((f) => readFileSync(f));
}

const INSERTS = [
  '<',
  '>',
  '&',
  '"',
  '</target>',
  '<target>',
  '<g id="1">',
  '</g>',
  '<x id="9"/>',
  '<pc id="1">',
  '<mrk mtype="seg" mid="1">',
  ']]>',
  '<![CDATA[',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '&a;',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '😀',
  'state="final"',
  ' id="',
  '\n',
  'xmlns:x="y"',
  '<?pi x?>',
  '<!--',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
);

type Mutation = { kind: string; at: number; length?: number; text?: string; byte?: number };

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = bytes.length === 0 ? 0 : m.at % bytes.length;
  switch (m.kind) {
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length!)]);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text!), bytes.subarray(at)]);
    case 'flip': {
      const out = Buffer.from(bytes);
      if (out.length > 0) out[at] = m.byte!;
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, at);
    default:
      return Buffer.concat([bytes.subarray(0, at + m.length!), bytes.subarray(at)]);
  }
}

describe('fuzz: mutated real XLIFF never crashes the reader, validator or importer', () => {
  const files = seeds();
  const sourceDoc = doc('# Install\n\nRun the [installer](https://example.com). Then restart.\n\n| a | b |\n| - | - |\n| `x` | Some text. |\n', undefined, 'guide.md');

  it(`${files.length} corpus files, each mutated several times`, { timeout: TIMEOUT }, () => {
    expect(files.length).toBeGreaterThan(30);
    let read = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        let bytes: Buffer = files[index]!;
        for (const m of mutations) bytes = mutate(bytes, m);
        const v = validateXliff(bytes);
        expect(Array.isArray(v.findings)).toBe(true);
        let xliff;
        try {
          xliff = readXliff(bytes);
        } catch (e) {
          if (!(e instanceof XmlError || e instanceof XliffReadError)) throw e;
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
          refused++;
          return;
        }
        read++;
        const result = importXliff(xliff, { file: 'mutated.xlf', acceptStale: false, stored: () => null, resolve: () => sourceDoc });
        for (const p of result.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: runs(300, 20_000) },
    );
    expect(read + refused).toBeGreaterThan(0);
  });

  it('and a whole import of a mutated file changes nothing or imports what is valid, never half', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const project = makeProject(['de-DE']);
        const { config } = project;
        project.write('source/guide.md', '# Install\n\nRun the [installer](https://example.com). Then restart.\n');
        const out = join(config.root, 'handoff');
        const [file] = exportHandoff({ config, locale: 'de-DE', format: 'xliff21', out, all: true, toolVersion: '0.0.0' }).files;
        translate(file!, (s) => s.toUpperCase());
        let bytes: Buffer = readFileSync(file!);
        for (const m of mutations) bytes = mutate(bytes, m);
        writeFileSync(file!, bytes);
        const stored = join(config.translations, 'de-DE', 'guide.md.xlf');
        const before = readFileSync(stored, 'utf8');
        const report = importHandoff({ config, inputs: [out], dryRun: false, acceptStale: false });
        const errors = report.problems.filter((p) => p.severity === 'error');
        if (errors.length > 0) expect(readFileSync(stored, 'utf8')).toBe(before);
        rmSync(config.root, { recursive: true, force: true });
      }),
      { numRuns: runs(60, 3_000) },
    );
  });
});
