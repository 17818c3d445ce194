/**
 * Vendor exchange on the sample docs: export (XLIFF 1.2 and 2.1) → what a CAT tool does → import →
 * build, and what must be refused. Exports are checked three ways: libxml2 (WebAssembly) against the official
 * schemas, our own validator, and the npm `xliff` package as an independent reader.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import xliffPackage from 'xliff';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../pipeline/core/config.js';
import type { Problem } from '../pipeline/core/problems.js';
import { build } from '../pipeline/commands/build.js';
import { check } from '../pipeline/commands/check.js';
import { defaultPrefix } from '../pipeline/commands/common.js';
import { exportHandoff, type XliffFormat } from '../pipeline/commands/export.js';
import { importHandoff } from '../pipeline/commands/import.js';
import { loadStoredDoc } from '../pipeline/store/store.js';
import { readXliff } from '../pipeline/xliff/read.js';
import { validateXliff } from '../pipeline/xliff/validate.js';
import { attr, decodeXml, parseXml, serializeTree, textContent, type XmlElement } from '../pipeline/core/xml.js';
import { REPO, tempDir, walk, XLIFF_CORPUS } from './support/fixtures.js';
import { all, el, els, translate } from './support/vendor.js';
import { schemaErrors } from './support/xsd.js';

/** Quality findings (qa/…) are warnings of their own (test/qa.test.ts): these tests are about the import's mechanics. */
const notQa = (p: Problem) => !p.rule.startsWith('qa/');
const mechanics = (problems: readonly Problem[]) => problems.filter(notQa);

function sample(): { root: string; config: Config } {
  const root = tempDir('sxs-exchange-');
  for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(root, part), { recursive: true });
  // Every document in every locale: de-DE then has Package-Versioning.md to translate.
  const file = join(root, 'sxs.config.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete json.scope;
  writeFileSync(file, JSON.stringify(json));
  return { root, config: loadConfig(root) };
}

/** Every file under a folder with its bytes, to prove a failed import changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of walk(dir)) out[relative(dir, f)] = readFileSync(f, 'base64');
  return out;
}

function exportTo(config: Config, locale: string, format: XliffFormat, all = false): string[] {
  const out = join(config.root, 'handoff', `${locale}-${format}${all ? '-all' : ''}`);
  return exportHandoff({ config, locale, format, out, all, toolVersion: '0.0.0' }).files;
}

describe('export', () => {
  const { config } = sample();
  const files12 = exportTo(config, 'zh-TW', 'xliff12', true);
  const files21 = exportTo(config, 'zh-TW', 'xliff21', true);
  const de12 = exportTo(config, 'de-DE', 'xliff12');
  const de21 = exportTo(config, 'de-DE', 'xliff21');

  it('writes one file per source document, only what needs translation unless --all', () => {
    expect(files12.map((f) => relative(join(config.root, 'handoff', 'zh-TW-xliff12-all'), f)).sort()).toEqual([
      'console/allocconsole.md.xlf',
      'console/includes/no-vt-equiv-banner.md.xlf',
      'nuget/concepts/Package-Versioning.md.xlf',
      'nuget/policies/Ecosystem.md.xlf',
      'nuget/what-is-nuget.md.xlf',
      'transfer-licenses-between-tenants.md.xlf',
    ]);
    // de-DE lacks only Package-Versioning.
    expect(de12.map((f) => f.slice(f.indexOf('de-DE-xliff12') + 14))).toEqual(['nuget/concepts/Package-Versioning.md.xlf']);
  });

  it('validates against the strict 1.2 XSD and the 2.1 core + modules XSD (libxml2, the official schemas)', () => {
    const files = [...files12, ...files21, ...de12, ...de21];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(schemaErrors(readFileSync(f)), f).toEqual([]);
  });

  it('passes sxs validate', () => {
    for (const f of [...files12, ...files21]) expect(validateXliff(readFileSync(f)).findings, f).toEqual([]);
  });

  it('is read the same by the npm xliff package (an independent reader)', async () => {
    for (const f of files12) {
      const ours = readXliff(readFileSync(f));
      const theirs = await xliffPackage.xliff12ToJs(readFileSync(f, 'utf8'));
      const units = Object.values(theirs.resources)[0] as Record<string, { source: unknown }>;
      expect(Object.keys(units)).toEqual(ours.files[0]!.units.map((u) => u.id));
      const flat = (v: unknown): string =>
        typeof v === 'string' ? v : Array.isArray(v) ? v.map(flat).join('') : v && typeof v === 'object' ? flat(Object.values(v)[0] && (Object.values(v)[0] as { contents?: unknown }).contents) : '';
      for (const u of ours.files[0]!.units) {
        const text = u.parts
          .flatMap((p) => p.source)
          .map((i) => (i.t === 'text' ? i.v : ''))
          .join('');
        expect(flat(units[u.id]!.source), `${f} ${u.id}`).toBe(text);
      }
    }
    for (const f of files21) {
      const ours = readXliff(readFileSync(f));
      const theirs = await xliffPackage.xliff2js(readFileSync(f, 'utf8'));
      const units = Object.values(theirs.resources)[0] as Record<string, { source: unknown }>;
      expect(Object.keys(units)).toEqual(ours.files[0]!.units.map((u) => u.id));
      // The package keeps only a unit's last segment (locize/xliff#22): compare that one.
      for (const u of ours.files[0]!.units) {
        const last = u.parts.filter((p) => p.kind === 'segment').at(-1)!;
        const text = last.source.map((i) => (i.t === 'text' ? i.v : i.t === 'ph' ? (attr(i.el, 'equiv') ?? ' ') : ' ')).join('');
        const theirText = JSON.stringify(units[u.id]!.source);
        for (const word of text.split(/\s+/).filter((w) => /^[\p{L}]{4,}$/u.test(w))) expect(theirText, `${f} ${u.id}`).toContain(word);
      }
    }
  });

  it('prints words by status', () => {
    const r = exportHandoff({ config, locale: 'de-DE', format: 'xliff21', out: join(tempDir(), 'x'), all: false, toolVersion: '0' });
    expect(r.words.new).toBeGreaterThan(1000);
    expect(r.words.translated).toBeGreaterThan(3000);
    expect(r.words.changed).toBe(0);
  });
});

describe('import', () => {
  let config: Config;
  let root: string;
  beforeEach(() => ({ root, config } = sample()));

  for (const format of ['xliff12', 'xliff21'] as const) {
    it(`an untouched ${format} round trip changes nothing (after the export recorded its handoff)`, () => {
      const files = exportTo(config, 'zh-TW', format, true);
      const before = snapshot(join(root, 'translations'));
      const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
      expect(mechanics(r.problems)).toEqual([]);
      expect(r.changed).toBe(0);
      expect(r.unchanged).toBeGreaterThan(400);
      expect(snapshot(join(root, 'translations'))).toEqual(before);
    });

    it(`a vendor round trip (${format}): translate, move codes, add vendor attributes → import → build`, () => {
      const files = exportTo(config, 'de-DE', format);
      for (const f of files) translate(f, (s) => s.replace(/[A-Za-z]+/g, (w) => w.toUpperCase()));
      const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
      expect(mechanics(r.problems)).toEqual([]);
      expect(r.changed).toBe(160);
      const stored = loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!;
      const heading = stored.translations.find((t) => t.source === 'Package versioning');
      expect(heading).toMatchObject({ target: 'PACKAGE VERSIONING', state: 'translated' });
      // A sentence with a link: the link syntax comes back from our own table, the text translated
      // (in 2.1 the link code was moved to the end, which is legal).
      const linked = stored.translations.find((t) => t.source.startsWith('[Version basics](#version-basics)'));
      expect(linked?.target).toContain('[VERSION BASICS](#version-basics)');
      expect(linked?.target).toContain('INCLUDING PRE-RELEASE SUFFIXES.');
      const report = build({ config, locales: ['de-DE'], mode: 'bilingual' });
      expect(report.locales[0]!.missing).toBe(0);
      const out = readFileSync(join(config.dist, 'de-DE', 'nuget', 'concepts', 'Package-Versioning.md'), 'utf8');
      expect(out).toContain('>PACKAGE VERSIONING</span><span class="sxs-lookup">');
    });
  }

  it('rejects a tampered file (deleted link code, injected <script>) and leaves translations/ untouched', () => {
    const files = exportTo(config, 'de-DE', 'xliff21');
    const before = snapshot(join(root, 'translations'));
    translate(files[0]!, (s) => s);
    const doc = parseXml(readFileSync(files[0]!, 'utf8'));
    const segs = all(doc, 'segment');
    // 1. delete a link code from a target
    const withLink = segs.find((s) => all(els(s, 'target')[0]!, 'pc').some((p) => attr(p, 'type') === 'link'))!;
    const target = els(withLink, 'target')[0]!;
    const link = all(target, 'pc').find((p) => attr(p, 'type') === 'link')!;
    const parent = [target, ...all(target, 'pc')].find((p) => p.children.includes(link))!;
    parent.children.splice(parent.children.indexOf(link), 1, ...link.children);
    // 2. inject a <script> through a code whose original data the file rewrites
    const linkUnit = all(doc, 'unit').find((u) => all(u, 'segment').includes(withLink))!;
    const unit = all(doc, 'unit').find((u) => els(u, 'originalData').length > 0 && u !== linkUnit)!;
    const data = all(unit, 'data')[0]!;
    data.children = [{ type: 'text', value: '<script>alert(1)</script>' }];
    writeFileSync(files[0]!, serializeTree(doc));
    const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    const rules = r.problems.map((p) => p.rule);
    expect(rules).toContain('import/code-missing');
    expect(rules).toContain('import/code-data');
    expect(r.problems.find((p) => p.rule === 'import/code-data')!.message).toMatch(/was changed to "<script>alert\(1\)<\/script>"/);
    expect(r.problems.every((p) => p.file === files[0] && p.line > 1)).toBe(true);
    expect(r.written).toEqual([]);
    expect(snapshot(join(root, 'translations'))).toEqual(before);
  });

  it('turns markup typed as text into text: no HTML, no links, no block change', () => {
    const files = exportTo(config, 'de-DE', 'xliff12');
    translate(files[0]!, (s) => (s.startsWith('Package versioning') ? '# <script>alert(1)</script> [x](javascript:alert(1)) *a* | b' : s));
    const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    expect(mechanics(r.problems)).toEqual([]);
    const t = loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!.translations.find((x) => x.source === 'Package versioning')!;
    expect(t.target).toBe('\\# \\<script>alert(1)\\</script> \\[x\\](javascript:alert(1)) \\*a\\* \\| b');
  });

  it('reports a stale source and applies it only with --accept-stale, marked for review', async () => {
    const files = exportTo(config, 'de-DE', 'xliff12');
    translate(files[0]!, (s) => s.toUpperCase());
    const src = join(config.source, 'nuget', 'concepts', 'Package-Versioning.md');
    writeFileSync(src, readFileSync(src, 'utf8').replace('# Package versioning', '# Package versioning reference'));
    const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    expect(r.problems.filter((p) => p.rule === 'import/stale')).toHaveLength(1);
    expect(r.written).toEqual([]);
    const accepted = importHandoff({ config, inputs: files, dryRun: false, acceptStale: true });
    expect(mechanics(accepted.problems).map((p) => [p.rule, p.severity])).toEqual([['import/stale', 'warning']]);
    expect(accepted.written).toHaveLength(1);
    // Published, but marked for review in the store, and check keeps reporting it (an error with --strict).
    const t = loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!.translations.find((x) => x.source === 'Package versioning reference')!;
    expect(t).toMatchObject({ target: 'PACKAGE VERSIONING', review: 'Package versioning' });
    const report = await check({ config, locales: ['de-DE'], check: { minCoverage: 0, strict: true }, toolVersion: 'test', jobs: 1 });
    const finding = report.findings.find((f) => f.rule === 'check/needs-review')!;
    const line =
      readFileSync(src, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('# Package versioning reference')) + 1;
    expect(finding).toMatchObject({ severity: 'error', line });
    expect(finding.message).toContain('translated from an earlier English ("Package versioning")');
    expect(report.ok).toBe(false);
  });

  it('1.2: a plain <target> for a segmented <seg-source> is the translation of a single segment, and a positioned error for several', () => {
    const files = exportTo(config, 'de-DE', 'xliff12');
    translate(files[0]!, (s) => s.toUpperCase());
    const doc = parseXml(readFileSync(files[0]!, 'utf8'));
    const segsOf = (tu: XmlElement) => all(els(tu, 'seg-source')[0]!, 'mrk').filter((m) => attr(m, 'mtype') === 'seg');
    const units = all(doc, 'trans-unit');
    const one = units.find((tu) => segsOf(tu).length === 1 && segsOf(tu)[0]!.children.every((c) => c.type === 'text'))!;
    const two = units.find((tu) => segsOf(tu).length === 2)!;
    // Many tools write the target without the <mrk mtype="seg"> wrappers.
    for (const tu of [one, two]) {
      const target = els(tu, 'target')[0]!;
      target.children = target.children.flatMap((c) => (c.type === 'element' && c.local === 'mrk' ? c.children : [c]));
    }
    writeFileSync(files[0]!, serializeTree(doc));
    const lineOf = (tu: XmlElement) => els(tu, 'target')[0]!.line;
    const invalid = validateXliff(readFileSync(files[0]!));
    // (The vendor's mq: attributes are warnings of the strict schema.)
    expect(invalid.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.line])).toEqual([['xliff/seg', lineOf(two)]]);
    const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    expect(mechanics(r.problems).map((p) => [p.rule, p.line])).toEqual([['import/unsegmented-target', lineOf(two)]]);
    expect(r.written).toEqual([]);
    // Without the ambiguous unit, the single segment's plain target is imported.
    const fixed = parseXml(readFileSync(files[0]!, 'utf8'));
    const body = all(fixed, 'body')[0]!;
    const drop = all(fixed, 'trans-unit').find((tu) => attr(tu, 'id') === attr(two, 'id'))!;
    const parent = [body, ...all(body, 'group')].find((g) => g.children.includes(drop))!;
    parent.children.splice(parent.children.indexOf(drop), 1);
    writeFileSync(files[0]!, serializeTree(fixed));
    const ok = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    expect(mechanics(ok.problems)).toEqual([]);
    const english = textContent(segsOf(one)[0]!);
    const stored = loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!;
    expect(stored.translations.find((t) => t.source === english)?.target).toBe(english.toUpperCase());
  });

  it('a unit or a sentence given twice in one file is refused, never decided by the order of the file', () => {
    const files = exportTo(config, 'de-DE', 'xliff21');
    translate(files[0]!, (s) => s.toUpperCase());
    const doc = parseXml(readFileSync(files[0]!, 'utf8'));
    const file = all(doc, 'file')[0]!;
    const unit = all(doc, 'unit')[0]!;
    // A deep copy (not a re-parse of the unit alone, which would lose the file's xmlns:gls and xmlns:mda).
    const copy = structuredClone(unit);
    for (const t of all(copy, 'target')) t.children = [{ type: 'text', value: 'ANDERS' }];
    file.children.push(copy);
    writeFileSync(files[0]!, serializeTree(doc));
    const line = all(parseXml(readFileSync(files[0]!, 'utf8')), 'unit').at(-1)!.line;
    const before = snapshot(join(config.root, 'translations'));
    const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    const refused = mechanics(r.problems);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((p) => p.rule === 'import/duplicate-id' && p.line >= line)).toBe(true);
    expect(refused[0]!.message).toMatch(/is used twice in the file \(first at line \d+\)/);
    expect(r.written).toEqual([]);
    expect(snapshot(join(config.root, 'translations'))).toEqual(before);
  });

  it('2.x: a target without state (XLIFF 2 reads it as initial) is never applied in silence', () => {
    const files = exportTo(config, 'de-DE', 'xliff21');
    translate(files[0]!, (s) => s.toUpperCase());
    const doc = parseXml(readFileSync(files[0]!, 'utf8'));
    const seg = all(doc, 'segment')[0]!;
    seg.attributes = seg.attributes.filter((a) => a.name !== 'state');
    writeFileSync(files[0]!, serializeTree(doc));
    const before = snapshot(join(config.root, 'translations'));
    const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    expect(mechanics(r.problems).map((p) => [p.rule, p.severity, p.line])).toEqual([['import/no-state', 'error', seg.line]]);
    expect(r.problems[0]!.message).toMatch(/reads as "initial"/);
    expect(r.written).toEqual([]);
    expect(snapshot(join(config.root, 'translations'))).toEqual(before);
  });

  it('two sentences a CAT tool merged come back as one p-merged translation, built as one span', () => {
    const files = exportTo(config, 'de-DE', 'xliff21');
    translate(files[0]!, (s) => s.toUpperCase());
    const doc = parseXml(readFileSync(files[0]!, 'utf8'));
    // The first unit with two segments: merge them (source, separator and target) like Trados' "merge segments".
    const unit = all(doc, 'unit').find((u) => els(u, 'segment').length === 2 && els(u, 'ignorable').length === 1)!;
    const [a, gap, b] = els(unit).filter((e) => e.local === 'segment' || e.local === 'ignorable');
    const side = (e: XmlElement, local: string) => els(e, local)[0]!.children;
    els(a!, 'source')[0]!.children = [...side(a!, 'source'), ...side(gap!, 'source'), ...side(b!, 'source')];
    els(a!, 'target')[0]!.children = [...side(a!, 'target'), { type: 'text', value: ' ' }, ...side(b!, 'target')];
    unit.children = unit.children.filter((c) => c !== gap && c !== b);
    writeFileSync(files[0]!, serializeTree(doc));
    const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
    expect(mechanics(r.problems)).toEqual([]);
    const stored = loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!;
    const merged = stored.translations.find((t) => t.id.startsWith('p'))!;
    expect(merged.source).toContain('. ');
    build({ config, locales: ['de-DE'], mode: 'bilingual' });
    const out = readFileSync(join(config.dist, 'de-DE', 'nuget', 'concepts', 'Package-Versioning.md'), 'utf8');
    const prefix = stored.prefix ?? defaultPrefix('de-DE', 'nuget/concepts/Package-Versioning.md');
    expect(out).toContain(`<span data-ttu-id="${prefix}-${merged.id}">`);
    expect(out).toContain(`<span data-stu-id="${prefix}-${merged.id}">${merged.source}</span>`);
  });

  it('a DOCTYPE naming an external DTD is ignored (never fetched); one with entity declarations is refused', () => {
    const files = exportTo(config, 'de-DE', 'xliff12');
    translate(files[0]!, (s) => s.toUpperCase());
    const text = readFileSync(files[0]!, 'utf8');
    const doctype = '<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">\n';
    writeFileSync(files[0]!, text.replace('<xliff', `${doctype}<xliff`));
    expect(importHandoff({ config, inputs: files, dryRun: true, acceptStale: false }).problems.filter(notQa)).toEqual([]);
    writeFileSync(files[0]!, text.replace('<xliff', '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff'));
    const r = importHandoff({ config, inputs: files, dryRun: true, acceptStale: false });
    expect(mechanics(r.problems).map((p) => [p.rule, p.message])).toEqual([['import/xml', 'a DOCTYPE with an internal subset is not allowed (no entity declarations)']]);
  });

  it('--dry-run writes nothing', () => {
    const files = exportTo(config, 'de-DE', 'xliff21');
    const before = snapshot(join(root, 'translations'));
    translate(files[0]!, (s) => s.toUpperCase());
    const r = importHandoff({ config, inputs: files, dryRun: true, acceptStale: false });
    expect(mechanics(r.problems)).toEqual([]);
    expect(r.changed).toBe(160);
    expect(snapshot(join(root, 'translations'))).toEqual(before);
  });

  it('an empty target marked translated is an error; one left initial is just untranslated', () => {
    const files = exportTo(config, 'de-DE', 'xliff21');
    translate(files[0]!, (s) => s);
    const doc = parseXml(readFileSync(files[0]!, 'utf8'));
    const [a, b] = all(doc, 'segment');
    els(a!, 'target')[0]!.children = [];
    els(b!, 'target')[0]!.children = [];
    b!.attributes = b!.attributes.filter((x) => x.name !== 'state');
    writeFileSync(files[0]!, serializeTree(doc));
    const r = importHandoff({ config, inputs: files, dryRun: true, acceptStale: false });
    expect(mechanics(r.problems).map((p) => p.rule)).toEqual(['import/empty-target']);
    expect(r.untranslated).toBe(1);
  });

  it('is atomic: a failure between two store files leaves translations/ as it was', () => {
    const files = [...exportTo(config, 'zh-TW', 'xliff21', true)];
    const before = snapshot(join(root, 'translations'));
    for (const f of files) translate(f, (s) => `${s}!`);
    expect(() =>
      importHandoff({
        config,
        inputs: files,
        dryRun: false,
        acceptStale: false,
        beforeSwap: (i) => {
          if (i === 3) throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(snapshot(join(root, 'translations'))).toEqual(before);
  });
});

/** Encodes XML as windows-1252, with character references for what the code page lacks (as tools do). */
describe('import of several returned files', () => {
  it('two files for one document: the second builds on the first (both land; where they overlap, the later file wins)', () => {
    const { root, config } = sample();
    const files = exportTo(config, 'de-DE', 'xliff21');
    const first = files.find((f) => f.endsWith('Package-Versioning.md.xlf'))!;
    translate(first, (s) => s.toUpperCase(), { moveCode: false });
    // The second file (sorted after the first) holds the first unit only, translated otherwise.
    const second = join(root, 'zz-later', 'Package-Versioning.md.xlf');
    cpSync(first, second);
    translate(second, (s) => `Z ${s}`, { moveCode: false });
    const tree = parseXml(readFileSync(second, 'utf8'));
    const units = all(tree, 'unit');
    for (const f of all(tree, 'file')) f.children = f.children.filter((c) => !(c.type === 'element' && c.local === 'unit') || c === units[0]);
    writeFileSync(second, serializeTree(tree));
    const ids = new Set(all(units[0]!, 'segment').map((s) => attr(s, 'id')));
    const r = importHandoff({ config, inputs: [first, second], dryRun: false, acceptStale: false });
    expect(mechanics(r.problems)).toEqual([]);
    expect(r.written).toHaveLength(1);
    const stored = loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!;
    const later = stored.translations.filter((t) => t.target.startsWith('Z '));
    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBe(ids.size);
    expect(stored.translations.filter((t) => !t.target.startsWith('Z ') && t.target === t.target.toUpperCase()).length).toBeGreaterThan(100);
  });
});

function windows1252(xml: string): Buffer {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
  const bytes: number[] = [];
  for (const ch of xml) {
    const code = ch.codePointAt(0)!;
    const k = high.indexOf(ch);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (k >= 0) bytes.push(0x80 + k);
    else for (const b of Buffer.from(`&#x${code.toString(16)};`, 'latin1')) bytes.push(b);
  }
  return Buffer.from(bytes);
}

describe('XML bytes in every encoding XML allows are decoded by a real codec', () => {
  const xml = (encoding: string, body: number[]) => Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="${encoding}"?><x>`, 'latin1'), Buffer.from(body), Buffer.from('</x>', 'latin1')]);
  // Known texts, with their bytes written out by hand (not produced by the codec under test).
  const known: Array<[string, number[], string]> = [
    ['windows-1252', [0x93, 0x51, 0x94, 0x20, 0x96, 0x20, 0x97, 0x20, 0x80, 0x20, 0x85, 0x20, 0x63, 0x61, 0x66, 0xe9], '“Q” – — € … café'],
    ['iso-8859-1', [0x63, 0x61, 0x66, 0xe9, 0x20, 0xa9], 'café ©'],
    ['iso-8859-15', [0xa4, 0x20, 0xbd], '€ œ'],
    ['windows-1251', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2], 'Привет'],
    ['koi8-r', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4], 'Привет'],
    ['shift_jis', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea], '日本語'],
    ['euc-jp', [0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec], '日本語'],
    ['gb2312', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
    ['gbk', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
    ['big5', [0xa4, 0xa4, 0xa4, 0xe5], '中文'],
    ['euc-kr', [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee], '한국어'],
    ['utf-8', [0xe2, 0x80, 0x9c, 0x51, 0xe2, 0x80, 0x9d], '“Q”'],
  ];
  for (const [encoding, bytes, text] of known) {
    it(encoding, () => {
      expect(parseXml(decodeXml(xml(encoding, bytes)).text).children).toEqual([{ type: 'text', value: text }]);
      expect(decodeXml(xml(encoding.toUpperCase(), bytes)).text).toContain(text);
    });
  }

  it('UTF-16 by its byte order mark, and an unknown or broken encoding is an error, never guessed', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<x>“Q”</x>', 'utf16le')]);
    expect(decodeXml(le).text).toBe('<x>“Q”</x>');
    expect(() => decodeXml(xml('x-unknown-8', [0x41]))).toThrow(/unsupported encoding "x-unknown-8"/);
    expect(() => decodeXml(xml('utf-8', [0xff]))).toThrow(/not valid utf-8/);
    // 0x81 is not a character of windows-1252.
    expect(() => decodeXml(xml('windows-1252', [0x41, 0x81]))).toThrow(/not valid windows-1252/);
  });
});

describe('import reads what CAT tools send back', () => {
  let config: Config;
  beforeEach(() => ({ config } = sample()));

  /** The exported Package-Versioning 1.2 file, translated, re-encoded or re-flavoured. */
  function returned(mutate: (root: XmlElement) => void): string {
    const [file] = exportTo(config, 'de-DE', 'xliff12');
    translate(file!, (s) => s.replace(/[A-Za-z]+/g, 'Übersetzung'));
    const root = parseXml(readFileSync(file!, 'utf8'));
    mutate(root);
    writeFileSync(file!, serializeTree(root));
    return file!;
  }

  const stateOf = (id: string) => loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!.translations.find((t) => t.id === id)?.state;

  it('UTF-16 LE and BE with BOM, and a declared windows-1252', () => {
    const file = returned(() => {});
    const text = readFileSync(file, 'utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    const cp1252 = windows1252(text.replace('encoding="UTF-8"', 'encoding="windows-1252"'));
    for (const [name, bytes] of [
      ['le.xlf', le],
      ['be.xlf', be],
      ['1252.xlf', cp1252],
    ] as const) {
      writeFileSync(file, bytes);
      const r = importHandoff({ config, inputs: [file], dryRun: true, acceptStale: false });
      expect(mechanics(r.problems), name).toEqual([]);
      expect(r.changed, name).toBe(160);
    }
  });

  it('windows-1252: curly quotes, dashes and the euro sign arrive as such (validate and import)', () => {
    const file = returned(() => {});
    const text = readFileSync(file, 'utf8').replace('encoding="UTF-8"', 'encoding="windows-1252"').replaceAll('Übersetzung', '“Übersetzung” – €');
    writeFileSync(file, windows1252(text));
    expect(validateXliff(readFileSync(file)).findings.filter((f) => f.severity === 'error')).toEqual([]);
    const r = importHandoff({ config, inputs: [file], dryRun: false, acceptStale: false });
    expect(mechanics(r.problems)).toEqual([]);
    const stored = loadStoredDoc(config.translations, 'de-DE', 'nuget/concepts/Package-Versioning.md')!;
    const targets = stored.translations.filter((t) => t.target.includes('Übersetzung'));
    expect(targets.length).toBeGreaterThan(100);
    for (const t of targets) expect(t.target).toContain('“Übersetzung” – €');
  });

  it('Trados: sdl:seg-defs conf, no standard state', () => {
    const file = returned((root) => {
      root.namespaces.sdl = 'http://sdl.com/FileTypes/SdlXliff/1.0';
      for (const tu of all(root, 'trans-unit')) {
        const target = els(tu, 'target')[0]!;
        target.attributes = [];
        const mids = all(els(tu, 'seg-source')[0]!, 'mrk').map((m) => attr(m, 'mid')!);
        tu.children.push(
          el(
            'sdl:seg-defs',
            'http://sdl.com/FileTypes/SdlXliff/1.0',
            mids.map((mid) =>
              el(
                'sdl:seg',
                'http://sdl.com/FileTypes/SdlXliff/1.0',
                [],
                [
                  { name: 'id', local: 'id', uri: '', value: mid },
                  { name: 'conf', local: 'conf', uri: '', value: 'ApprovedSignOff' },
                ],
              ),
            ),
          ),
        );
      }
    });
    expect(importHandoff({ config, inputs: [file], dryRun: false, acceptStale: false }).problems.filter(notQa)).toEqual([]);
    expect(stateOf('104')).toBe('final');
  });

  it('memoQ: mq:status', () => {
    const file = returned((root) => {
      for (const tu of all(root, 'trans-unit')) {
        els(tu, 'target')[0]!.attributes = [];
        tu.attributes.push({ name: 'mq:status', local: 'status', uri: 'MQXliff', value: 'Reviewer1Confirmed' });
      }
    });
    expect(importHandoff({ config, inputs: [file], dryRun: false, acceptStale: false }).problems.filter(notQa)).toEqual([]);
    expect(stateOf('104')).toBe('reviewed');
  });

  it('Phrase: m:confirmed', () => {
    const file = returned((root) => {
      root.namespaces.m = 'http://www.memsource.com/mxlf/2.0';
      for (const tu of all(root, 'trans-unit')) {
        els(tu, 'target')[0]!.attributes = [];
        tu.attributes.push({ name: 'm:confirmed', local: 'confirmed', uri: 'http://www.memsource.com/mxlf/2.0', value: '1' });
      }
    });
    expect(importHandoff({ config, inputs: [file], dryRun: false, acceptStale: false }).problems.filter(notQa)).toEqual([]);
    expect(stateOf('104')).toBe('translated');
  });

  it('every real CAT-tool file is read or refused with a message, never a crash', () => {
    const dir = XLIFF_CORPUS;
    const files = [...walk(join(dir, 'cat-tools')), ...walk(join(dir, 'valid')), ...walk(join(dir, 'invalid'))].filter((f) => /\.(xlf|xliff|sdlxliff|mxliff)$/.test(f));
    const r = importHandoff({ config, inputs: files, locale: 'de-DE', dryRun: true, acceptStale: false });
    expect(r.files).toBe(files.length);
    // None of these files is about our documents: each is refused with a positioned message.
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
  });
});

it('the CLI prints the export summary and exits 1 on a rejected import', () => {
  const { root } = sample();
  const sxs = (...args: string[]) => {
    try {
      return { code: 0, out: execFileSync(process.execPath, [join(REPO, 'bin', 'sxs.js'), ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { code: err.status, out: err.stdout + err.stderr };
    }
  };
  const exp = sxs('export', '--locale', 'de-DE', '--format', 'xliff21');
  expect(exp.code).toBe(0);
  expect(exp.out).toMatch(/de-DE: exported 1 file \(xliff21\) to .*handoff\/de-DE: 160 segments to translate, \d+ pre-filled from the memory \(258 entries\)/);
  expect(exp.out).toMatch(/\nde-DE +\d+ +\d+ +\d+ +\d+ +\d+ +3204 +\d+ +4474\n/);
  expect(exp.out).toMatch(/recorded the handoff \(ms\.lasthandoff today\) in 1 store file/);
  const file = join(root, 'handoff', 'de-DE', 'nuget', 'concepts', 'Package-Versioning.md.xlf');
  expect(existsSync(file)).toBe(true);
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace('<source>Package versioning</source>', '<source>Package versioning</source><target></target>')
      .replace('<segment id="s103">', '<segment id="s103" state="final">'),
  );
  const imp = sxs('import', 'handoff');
  expect(imp.code).toBe(1);
  expect(imp.out).toMatch(/Package-Versioning\.md\.xlf:\d+:1: error import\/empty-target/);
  expect(imp.out).toMatch(/nothing was written/);
  expect(sxs('validate', file).code).toBe(0);
});
