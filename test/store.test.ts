/**
 * The translation store: XLIFF 2.1 written by our serializer, read back with saxes, schema-valid,
 * deterministic, atomic.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadStoredDoc, saveStoredDoc, StoreReadError } from '../pipeline/store/store.js';
import { StoreChange } from '../pipeline/store/transaction.js';
import { readStoredDoc, StoreWriteError, writeStoredDoc, type StoredDoc } from '../pipeline/core/xliff-store.js';
import { REPO, tempDir } from './support/fixtures.js';
import { schemaErrors } from './support/xsd.js';

const sample = (translations: StoredDoc['translations']): StoredDoc => ({
  path: 'docs/a b/intro.md',
  sourceLocale: 'en-US',
  locale: 'zh-TW',
  prefix: '7f60f',
  handoff: new Map([
    ['ms.openlocfilehash', 'e3bbe36ff57038caa2541fe4456a1363c91995d7'],
    ['ms.locfileid', '44016895'],
  ]),
  translations,
});

/** Text XML 1.0 can carry: anything but the C0 controls other than TAB/LF/CR, U+FFFE/FFFF, lone surrogates. */
const xmlText = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));

describe('store format', () => {
  it('round-trips every kind of text exactly (sources and targets are Markdown, not XML)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(xmlText, xmlText), { maxLength: 5 }), (pairs) => {
        const doc = sample(pairs.map(([source, target], i) => ({ id: i % 2 ? `p${101 + i}` : String(101 + i), source, target, state: 'final' })));
        const back = readStoredDoc(writeStoredDoc(doc));
        expect(back.translations).toEqual(doc.translations);
        expect(back.prefix).toBe('7f60f');
        expect([...back.handoff]).toEqual([...doc.handoff]);
        expect(back.path).toBe(doc.path);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes markup, CR and quotes; never indents mixed content', () => {
    const xml = writeStoredDoc(sample([{ id: '101', source: 'a < b & "c" > d\r\n  e', target: '<span>x</span>\ty', state: 'translated' }]));
    expect(xml).toContain('<source>a &lt; b &amp; "c" &gt; d&#13;\n  e</source>');
    expect(xml).toContain('<target>&lt;span&gt;x&lt;/span&gt;\ty</target>');
  });

  it('is deterministic: the same store gives the same bytes', () => {
    const doc = sample([{ id: '101', source: 'S', target: 'T', state: 'final' }]);
    expect(writeStoredDoc(doc)).toBe(writeStoredDoc(readStoredDoc(writeStoredDoc(doc))));
  });

  it('refuses a character XML cannot represent', () => {
    expect(() => writeStoredDoc(sample([{ id: '101', source: 'bell \u0007', target: 'x', state: 'final' }]))).toThrow(StoreWriteError);
  });

  it('reports a broken store file with its position', () => {
    const dir = tempDir();
    const file = join(dir, 'zh-TW', 'a.md.xlf');
    saveStoredDoc(dir, { ...sample([]), path: 'a.md' });
    writeFileSync(
      file,
      '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1">\n  <file id="f1" original="a.md">\n    <unit id="u1"><segment id="s1"><source>x</source>\n',
    );
    try {
      loadStoredDoc(dir, 'zh-TW', 'a.md');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StoreReadError);
      expect((e as StoreReadError).line).toBeGreaterThan(1);
      expect((e as StoreReadError).file).toBe(file);
    }
  });

  it('writes atomically: no temp file is left behind', () => {
    const dir = tempDir();
    saveStoredDoc(dir, { ...sample([{ id: '101', source: 'S', target: 'T', state: 'final' }]), path: 'x/y.md' });
    expect(readdirSync(join(dir, 'zh-TW', 'x'))).toEqual(['y.md.xlf']);
  });
});

describe('store files are valid XLIFF 2.1 (core + modules XSD, libxml2)', () => {
  it('the committed sample store and a generated file validate', () => {
    const dir = tempDir();
    saveStoredDoc(dir, {
      ...sample([
        { id: '101', source: 'A <b> & "q"', target: '甲', state: 'final' },
        { id: 'p101', source: 'One. Two.', target: '一。二。', state: 'translated' },
      ]),
      path: 'a.md',
    });
    saveStoredDoc(dir, { ...sample([]), path: 'empty.md' });
    const files = [join(dir, 'zh-TW', 'a.md.xlf'), join(dir, 'zh-TW', 'empty.md.xlf')];
    const translations = join(REPO, 'translations');
    if (existsSync(translations)) {
      for (const locale of readdirSync(translations)) files.push(...listXlf(join(translations, locale)));
    }
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(schemaErrors(readFileSync(f)), f).toEqual([]);
  });
});

function listXlf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listXlf(join(dir, e.name)) : e.name.endsWith('.xlf') ? [join(dir, e.name)] : []));
}

describe('StoreChange: staged as a run goes, swapped in as one change', () => {
  it('the later content of a path wins, commit swaps every file in, abort leaves the store as it was', () => {
    const root = tempDir('sxs-change-');
    const a = join(root, 'de-DE', 'a.md.xlf');
    const b = join(root, 'de-DE', 'sub', 'b.md.xlf');
    mkdirSync(join(root, 'de-DE'), { recursive: true });
    writeFileSync(a, 'old a');
    const files = () => walkAll(root).sort();

    const aborted = new StoreChange(root);
    aborted.stage(a, 'new a');
    aborted.stage(b, 'new b');
    expect(aborted.stagedText(a)).toBe('new a');
    aborted.abort();
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(files()).toEqual([a]);

    const change = new StoreChange(root);
    change.stage(a, 'first a');
    change.stage(b, 'new b');
    change.stage(a, 'second a');
    expect(change.paths).toEqual([a, b]);
    expect(change.stagedText(b)).toBe('new b');
    expect(change.stagedText(join(root, 'nope'))).toBeUndefined();
    change.commit();
    expect(readFileSync(a, 'utf8')).toBe('second a');
    expect(readFileSync(b, 'utf8')).toBe('new b');
    // No temporary file, backup or journal left.
    expect(files()).toEqual([a, b].sort());
  });
});

function walkAll(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkAll(join(dir, e.name)) : [join(dir, e.name)]));
}
