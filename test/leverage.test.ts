/**
 * Source updates without waste: what survives an edit of the English, what goes back to the vendor
 * with which pre-filled match, the analysis vendors quote on, the translation memory (scores,
 * index, TMX in and out, from other tools), the handoff metadata, and pseudo-localization.
 * Edit scenarios run on the real sample docs (zh-TW, complete).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/commands/build.js';
import { check } from '../pipeline/commands/check.js';
import { exportHandoff, locFileId } from '../pipeline/commands/export.js';
import { importHandoff } from '../pipeline/commands/import.js';
import { pseudo } from '../pipeline/commands/pseudo.js';
import { tmExport, tmImport } from '../pipeline/commands/tm.js';
import { loadConfig, type Config } from '../pipeline/core/config.js';
import { fileHashes } from '../pipeline/core/doc.js';
import { loadStoredDoc } from '../pipeline/store/store.js';
import { TranslationMemory } from '../pipeline/tm/memory.js';
import { similarity, tokenDistance } from '../pipeline/core/similarity.js';
import { tmTokens } from '../pipeline/core/tokens.js';
import { readTmx } from '../pipeline/tm/tmx.js';
import { validateXliff } from '../pipeline/xliff/validate.js';
import { attr, parseXml, serializeTree, textContent, type XmlElement } from '../pipeline/core/xml.js';
import { REPO, tempDir } from './support/fixtures.js';
import { all, els, translate } from './support/vendor.js';

const DOC = 'nuget/what-is-nuget.md';

/** Quality findings (qa/…) are warnings of their own (test/qa.test.ts); these tests are about leverage. */
const notQa = (p: { rule: string }) => !p.rule.startsWith('qa/');

/** A copy of the sample project in which every locale has every document. */
function sample(extraLocales: string[] = []): Config {
  const root = tempDir('sxs-leverage-');
  for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(root, part), { recursive: true });
  const file = join(root, 'sxs.config.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { locales: string[]; scope?: unknown };
  delete json.scope;
  json.locales.push(...extraLocales);
  writeFileSync(file, JSON.stringify(json));
  return loadConfig(root);
}

function edit(config: Config, from: string | RegExp, to: string): void {
  const file = join(config.source, DOC);
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `edit ${String(from)}`).not.toBe(text);
  writeFileSync(file, next);
}

async function checkOf(config: Config, locale = 'zh-TW') {
  const report = await check({ config, locales: [locale], check: { minCoverage: 100, strict: false }, toolVersion: 'test' });
  const file = report.files.find((f) => f.path === DOC)!;
  // The quality rules (test/qa.test.ts) find real defects of the sample's translations: beside the point here.
  return { segments: file.segments, findings: file.findings.filter((f) => f.kind !== 'qa').map((f) => `${f.rule}${f.id ? ` ${f.id}` : ''}`) };
}

function exportTo(config: Config, locale = 'zh-TW', options: { all?: boolean; dryRun?: boolean; date?: string } = {}) {
  const out = join(config.root, 'handoff', locale);
  rmSync(out, { recursive: true, force: true });
  return exportHandoff({ config, locale, format: 'xliff21', out, all: options.all ?? false, toolVersion: 'test', dryRun: options.dryRun ?? false, date: options.date ?? '11/23/2026' });
}

const words = (a: ReturnType<typeof exportTo>['analysis']) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.words]));

/** The translator confirms every pre-filled segment of a 2.1 file as it is (state translated). */
function confirm(file: string): void {
  const root = parseXml(readFileSync(file, 'utf8'));
  for (const seg of all(root, 'segment')) {
    if (els(seg, 'target').length === 0) continue;
    seg.attributes = seg.attributes.filter((a) => a.name !== 'state' && a.name !== 'subState').concat([{ name: 'state', local: 'state', uri: '', value: 'translated' }]);
  }
  writeFileSync(file, serializeTree(root));
}

describe('after an edit of the English', () => {
  it('a sentence inserted at the top: only it is new; every other translation is kept (ids shift)', async () => {
    const config = sample();
    const before = loadStoredDoc(config.translations, 'zh-TW', DOC)!.translations.length;
    edit(config, '# An introduction to NuGet\n\n', '# An introduction to NuGet\n\nNuGet is free and open source.\n\n');
    const c = await checkOf(config);
    expect(c.segments).toMatchObject({ total: 142, translated: 141, stale: 0, missing: 1 });
    expect(c.findings).toEqual(['check/stale-file', 'check/missing 104']);
    const dry = exportTo(config, 'zh-TW', { dryRun: true });
    expect(words(dry.analysis)).toEqual({ new: 6, fuzzy75: 0, fuzzy85: 0, fuzzy95: 0, exact: 0, inContext: 4474, repetitions: 0 });
    const handoff = exportTo(config);
    expect(handoff.files).toHaveLength(1);
    expect(handoff.segments).toBe(1);
    translate(handoff.files[0]!, () => 'NuGet 是免費的開放原始碼。', { moveCode: false });
    const imported = importHandoff({ config, inputs: handoff.files, dryRun: false, acceptStale: false });
    expect(imported.problems.filter(notQa)).toEqual([]);
    expect(imported.changed).toBe(1);
    const after = loadStoredDoc(config.translations, 'zh-TW', DOC)!;
    expect(after.translations).toHaveLength(before + 1);
    // Re-keyed: the sentence that was 104 is now stored as 105.
    expect(after.translations.find((t) => t.id === '105')!.source).toMatch(/^An essential tool for any modern development platform/);
    // The export recorded the handoff of the new English: nothing is stale any more.
    expect((await checkOf(config)).findings).toEqual([]);
    const built = build({ config, locales: ['zh-TW'], mode: 'bilingual', html: false });
    expect(built.locales[0]!.missing).toBe(0);
  });

  it('one word edited: that sentence is stale, handed off pre-filled with its old translation as a fuzzy match', async () => {
    const config = sample();
    edit(config, 'An essential tool for any modern development platform', 'An essential tool for every modern development platform');
    const c = await checkOf(config);
    expect(c.segments).toMatchObject({ total: 141, translated: 140, stale: 1, missing: 0 });
    expect(c.findings).toEqual(['check/stale-file', 'check/stale 104']);
    const dry = exportTo(config, 'zh-TW', { dryRun: true });
    expect(words(dry.analysis)).toEqual({ new: 0, fuzzy75: 0, fuzzy85: 0, fuzzy95: 21, exact: 0, inContext: 4453, repetitions: 0 });
    const handoff = exportTo(config);
    const xml = readFileSync(handoff.files[0]!, 'utf8');
    expect(xml).toMatch(/<segment id="s104" state="initial" subState="sxs:tm-9\d">/);
    expect(xml).toContain('<mtc:match ref="#s104" similarity="9');
    expect(xml).toContain('origin="nuget/what-is-nuget.md#104"');
    // Returned untouched: a pre-filled match nobody confirmed is not a translation.
    const untouched = importHandoff({ config, inputs: handoff.files, dryRun: false, acceptStale: false });
    expect(untouched).toMatchObject({ unconfirmed: 1, changed: 0 });
    expect((await checkOf(config)).findings).toEqual(['check/stale 104']);
    // Confirmed by the translator: applied, no longer stale.
    confirm(handoff.files[0]!);
    const confirmed = importHandoff({ config, inputs: handoff.files, dryRun: false, acceptStale: false });
    expect(confirmed).toMatchObject({ changed: 1 });
    expect((await checkOf(config)).findings).toEqual([]);
  });

  it("a match shows the memory entry's own English and its translation, both with inline codes (2.1 and 1.2)", () => {
    const config = sample();
    edit(config, 'over 100,000 unique packages', 'over 300,000 unique packages');
    const zh = loadStoredDoc(config.translations, 'zh-TW', DOC)!.translations.find((t) => t.source.includes('over 100,000 unique packages'))!;
    expect(zh.target).toContain('](https://www.nuget.org)');
    const linkText = /\[([^\]]+)\]\(https:\/\/www\.nuget\.org\)/.exec(zh.target)![1]!;
    for (const format of ['xliff21', 'xliff12'] as const) {
      const out = join(config.root, 'handoff', format);
      const r = exportHandoff({ config, locale: 'zh-TW', format, out, all: false, toolVersion: 'test', dryRun: false, date: '11/23/2026' });
      const file = r.files[0]!;
      expect(validateXliff(readFileSync(file)).findings, format).toEqual([]);
      const root = parseXml(readFileSync(file, 'utf8'));
      const [match] = all(root, format === 'xliff21' ? 'match' : 'alt-trans');
      expect(match, format).toBeDefined();
      const [source, target] = [els(match!, 'source')[0]!, els(match!, 'target')[0]!];
      // The memory's English (100,000), not the segment's (300,000), with the link as a paired code.
      expect(textContent(source)).toContain('over 100,000 unique packages at nuget.org');
      const code = format === 'xliff21' ? 'pc' : 'g';
      expect(all(source, code).map(textContent)).toEqual(['nuget.org']);
      expect(all(target, code).map(textContent)).toEqual([linkText]);
      expect(textContent(target)).not.toContain('](');
      if (format === 'xliff21') {
        const data = els(match!, 'originalData')[0]!;
        expect(all(data, 'data').map(textContent)).toEqual(['[', '](https://www.nuget.org)']);
      }
    }
  });

  it('a sentence inserted before an edited one: the inserted one is new, the edited one stale (its id shifted)', async () => {
    const config = sample();
    edit(config, '# An introduction to NuGet\n\n', '# An introduction to NuGet\n\nNuGet is free and open source.\n\n');
    edit(config, 'An essential tool for any modern development platform', 'An essential tool for every modern development platform');
    const c = await checkOf(config);
    expect(c.segments).toMatchObject({ total: 142, translated: 140, stale: 1, missing: 1 });
    expect(c.findings).toEqual(['check/stale-file', 'check/missing 104', 'check/stale 105']);
    const dry = exportTo(config, 'zh-TW', { dryRun: true });
    expect(words(dry.analysis)).toEqual({ new: 6, fuzzy75: 0, fuzzy85: 0, fuzzy95: 21, exact: 0, inContext: 4453, repetitions: 0 });
    // The store keeps the old translation under the edited sentence's new id, as stale leverage.
    exportTo(config);
    const stored = loadStoredDoc(config.translations, 'zh-TW', DOC)!;
    expect(stored.translations.find((t) => t.id === '105')!.source).toMatch(/^An essential tool for any modern/);
    expect(stored.translations.some((t) => t.id.startsWith('r'))).toBe(false);
  });

  it('a paragraph moved: nothing to translate, nothing stale', async () => {
    const config = sample();
    const text = readFileSync(join(config.source, DOC), 'utf8');
    const [a, b] = [/For \.NET \(including \.NET Core\)[^\n]*\n/.exec(text)![0], /Put simply, a NuGet package[^\n]*\n/.exec(text)![0]];
    writeFileSync(join(config.source, DOC), text.replace(a, '\u0000').replace(b, a).replace('\u0000', b));
    expect((await checkOf(config)).findings).toEqual(['check/stale-file']);
    const dry = exportTo(config, 'zh-TW', { dryRun: true });
    expect(dry.segments).toBe(0);
    expect(words(dry.analysis)).toMatchObject({ new: 0, inContext: 4474 });
    expect(build({ config, locales: ['zh-TW'], mode: 'bilingual', html: false }).locales[0]!.missing).toBe(0);
  });

  it('a section deleted: its translations become orphans, then retired leverage, and come back with it', async () => {
    const config = sample();
    const text = readFileSync(join(config.source, DOC), 'utf8');
    const section = /## Related video\n[\s\S]*?(?=\n## )/.exec(text)![0];
    writeFileSync(join(config.source, DOC), text.replace(section, ''));
    const c = await checkOf(config);
    expect(c.segments.missing + c.segments.stale).toBe(0);
    expect(c.findings).toEqual(['check/stale-file', 'check/orphaned 236', 'check/orphaned 237']);
    // Any rewrite of the store (here: an export recording its handoff) retires them, keeping them.
    exportTo(config, 'zh-TW', { all: true });
    const stored = loadStoredDoc(config.translations, 'zh-TW', DOC)!;
    const retired = stored.translations.filter((t) => t.id.startsWith('r')).map((t) => t.source);
    expect(retired).toHaveLength(2);
    expect(retired[0]).toBe('Related video');
    expect(retired[1]).toMatch(/^Find more NuGet videos on \[Channel 9\]/);
    expect((await checkOf(config)).findings).toEqual([]);
    // The section comes back: its translations are found again by their English.
    writeFileSync(join(config.source, DOC), text);
    const back = await checkOf(config);
    expect(back.segments).toMatchObject({ missing: 0, stale: 0 });
    expect(back.findings).toEqual(['check/stale-file']);
    expect(build({ config, locales: ['zh-TW'], mode: 'bilingual', html: false }).locales[0]!.missing).toBe(0);
  });
});

describe('translation memory', () => {
  it('scores known pairs', () => {
    const pairs: Array<[string, string, number]> = [
      ['Run the installer as an administrator.', 'Run the installer as an administrator.', 100],
      ['Run the installer as an administrator.', 'Run the **installer** as an administrator.', 99],
      ['Run the installer as an administrator.', 'run the installer as an administrator.', 97],
      ['An essential tool for any modern development platform is a mechanism.', 'An essential tool for every modern development platform is a mechanism.', 91],
      ['Download the installer from the [download page](https://example.com/download).', 'Download the installer from the [download page](https://example.com/other).', 88],
      ['Type `tool --version` to check the installation.', 'Type `tool -v` to check the installation.', 85],
      ['Run the installer as an administrator.', 'Run the installer as a regular user.', 62],
      ['Run the installer.', 'Delete all packages from the cache folder now.', 22],
    ];
    for (const [a, b, score] of pairs) {
      const tm = new TranslationMemory();
      tm.add({ source: b, target: 'T', origin: { path: 'a.md', id: '1' } });
      expect(tm.fuzzy(a, 0)[0]?.score ?? 0, `${a} ~ ${b}`).toBe(score);
    }
    // Token similarity alone: the same words and codes (emphasis is not a token).
    expect(similarity(tmTokens('Run the installer.'), tmTokens('Run the **installer**.'))).toBe(100);
    expect(tmTokens('See [the docs](https://x.y/a) and `npm ci` or <kbd>K</kbd>.')).toEqual([
      'See',
      'the',
      'docs',
      '\u0001link:https://x.y/a',
      'and',
      '\u0001code:npm ci',
      'or',
      '\u0001html:<kbd>',
      'K',
      '\u0001html:</kbd>',
      '.',
    ]);
  });

  it('the index finds exactly what a full scan finds (fast-check)', () => {
    // Common and rare words, case variants (a fifth of an edit), codes and punctuation.
    const vocabulary = [
      'the',
      'The',
      'package',
      'restore',
      'NuGet',
      'nuget',
      'build',
      'run',
      'a',
      'to',
      '`cli`',
      '[link](u)',
      'Project',
      'file',
      '.',
      ',',
      'tenant',
      'license',
      'sign',
      'feed',
      'cache',
      'token',
    ];
    const common = ['the', 'a', 'to', '.', 'package'];
    const word = fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom(...common));
    const sentence = fc.array(word, { minLength: 1, maxLength: 24 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 60 }), sentence, fc.integer({ min: 50, max: 100 }), (sources, query, threshold) => {
        const tm = new TranslationMemory();
        sources.forEach((s, i) => {
          tm.add({ source: s, target: `T${i}`, origin: { path: 'a.md', id: String(i) } });
          // Lookups between additions must not leave a stale index behind.
          if (i === sources.length >> 1) tm.fuzzy(query, threshold);
        });
        const q = tmTokens(query);
        const expected = sources
          .map((s, i) => ({ i, score: s === query ? 100 : Math.min(99, Math.floor(100 * (1 - tokenDistance(q, tmTokens(s)) / Math.max(q.length, tmTokens(s).length)) + 1e-9)) }))
          .filter((x) => x.score >= threshold)
          .sort((a, b) => b.score - a.score || a.i - b.i)
          .map((x) => `T${x.i}:${x.score}`);
        expect(tm.fuzzy(query, threshold, 1000).map((m) => `${m.entry.target}:${m.score}`)).toEqual(expected);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('TMX out and back in: a new project gets every sentence as an exact match, and the same translations', async () => {
    const original = sample();
    const tmx = join(original.root, 'zh-TW.tmx');
    expect(tmExport(original, 'zh-TW', tmx, 'test').entries).toBe(loadStoredDocs(original, 'zh-TW').length);
    const file = readTmx(readFileSync(tmx));
    expect(file.creationTool).toBe('sxs');
    expect(readFileSync(tmx, 'utf8')).toMatch(/<bpt i="1" x="\d+" type="bold">\*\*<\/bpt>/);
    // The same English, no translations.
    const fresh = sample();
    rmSync(fresh.translations, { recursive: true });
    const imported = tmImport(fresh, [tmx]);
    expect(imported.problems.filter(notQa)).toEqual([]);
    const dry = exportTo(fresh, 'zh-TW', { dryRun: true });
    expect(dry.analysis.new.words).toBe(0);
    expect(dry.analysis.exact.words + dry.analysis.repetitions.words).toBe(4474);
    const out = join(fresh.root, 'handoff', 'zh-TW');
    const handoff = exportHandoff({ config: fresh, locale: 'zh-TW', format: 'xliff21', out, all: false, toolVersion: 'test', date: '11/23/2026' });
    for (const f of handoff.files) confirm(f);
    expect(importHandoff({ config: fresh, inputs: handoff.files, dryRun: false, acceptStale: false }).problems.filter(notQa)).toEqual([]);
    // Repeated sentences went once (repetitions); build finds them by their English. The pages read the same.
    // Compared as text: an imported translation is rebuilt from its codes (escapes and spacing may differ, not content).
    const body = (config: Config, path: string) =>
      readFileSync(join(config.dist, 'zh-TW', path), 'utf8')
        .replace(/^---\n[\s\S]*?\n---\n/, '')
        .replace(/\\([!-/:-@[-`{-~])/g, '$1')
        .replace(/[ \t]+/g, ' ');
    expect(build({ config: original, locales: ['zh-TW'], mode: 'plain', html: false }).locales[0]!.missing).toBe(0);
    // One published machine translation ("1.1.* - *" → "1.1. *-*") drops the English's escaped
    // asterisks: its codes do not map, so it cannot be pre-filled (export reports it).
    expect(build({ config: fresh, locales: ['zh-TW'], mode: 'plain', html: false }).locales[0]!.missing).toBe(1);
    for (const path of ['nuget/what-is-nuget.md', 'console/allocconsole.md', 'console/includes/no-vt-equiv-banner.md', 'nuget/policies/Ecosystem.md', 'transfer-licenses-between-tenants.md']) {
      expect(body(fresh, path), path).toBe(body(original, path));
    }
    const checked = await check({ config: fresh, locales: ['zh-TW'], check: { minCoverage: 99, strict: false }, toolVersion: 'test' });
    expect(checked.ok).toBe(true);
    expect(checked.locales[0]!.segments).toMatchObject({ total: 418, missing: 1 });
  });

  it('TMX from other tools (Okapi, Trados): text leverage, their codes dropped, other languages ignored', () => {
    const config = sample();
    rmSync(join(config.translations, 'de-DE'), { recursive: true });
    const fixtures = join(REPO, 'test', 'fixtures', 'tmx');
    const r = tmImport(config, [join(fixtures, 'okapi-rainbow.tmx'), join(fixtures, 'trados-studio.tmx')]);
    expect(r.problems.filter(notQa)).toEqual([]);
    expect(r.files.map((f) => [f.units, f.perLocale['de-DE']])).toEqual([
      [6, 5],
      [4, 4],
    ]);
    const handoff = exportTo(config, 'de-DE');
    const xml = readFileSync(
      handoff.files.find((f) => f.endsWith('what-is-nuget.md.xlf'))!,
      'utf8',
    );
    const prefilled = all(parseXml(xml), 'segment')
      .filter((s) => attr(s, 'subState') === 'sxs:tm-100')
      .map((s) => `${textOf(els(s, 'source')[0]!)} → ${textOf(els(s, 'target')[0]!)}`);
    expect(prefilled).toEqual([
      'An introduction to NuGet → Eine Einführung in NuGet',
      'The flow of packages between creators, hosts, and consumers → Der Paketfluss zwischen Erstellern, Hosts und Nutzern',
      'Package targeting compatibility → Kompatibilität der Paketziele',
      'NuGet tools → NuGet-Tools',
      'Managing dependencies → Verwalten von Abhängigkeiten',
      'Tracking references and restoring packages → Nachverfolgen von Verweisen und Wiederherstellen von Paketen',
      'What else does NuGet do? → Was macht NuGet noch?',
      'Comments, contributions, and issues → Kommentare, Beiträge und Probleme',
    ]);
    expect(tmImport(config, [join(REPO, 'test', 'fixtures', 'check', 'broken', 'source', 'guide.md')]).problems.map((p) => p.rule)).toEqual(['tm/format']);
  });
});

describe('handoff metadata', () => {
  it('an export records commit, hash, date and a new file id, keeps the prefix, and build publishes them', () => {
    const config = sample();
    const git = (...args: string[]) => execFileSync('git', ['-C', config.root, ...args], { encoding: 'utf8' }).trim();
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', 'source');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'docs');
    const head = git('rev-parse', 'HEAD');
    const path = 'nuget/concepts/Package-Versioning.md';
    const before = loadStoredDoc(config.translations, 'ja-JP', path)!;
    edit(config, 'An essential tool for any modern development platform', 'An essential tool for every modern development platform');
    const handoff = exportHandoff({ config, locale: 'ja-JP', format: 'xliff12', out: join(config.root, 'handoff'), all: true, toolVersion: 'test', date: '11/23/2026' });
    expect(handoff.recorded).toBe(6);
    const after = loadStoredDoc(config.translations, 'ja-JP', path)!;
    const hash = fileHashes(readFileSync(join(config.source, path))).raw;
    expect(Object.fromEntries(after.handoff)).toMatchObject({
      'ms.openlocfilehash': hash,
      'ms.sourcegitcommit': head,
      'ms.lasthandoff': '11/23/2026',
      'ms.locfileid': locFileId(path, 'ja-JP', '11/23/2026', head),
    });
    expect(after.handoff.get('ms.locfileid')).toMatch(/^\d{8}$/);
    expect(after.handoff.get('ms.locfileid')).not.toBe(before.handoff.get('ms.locfileid'));
    expect(after.prefix).toBe(before.prefix);
    expect(after.translations).toEqual(before.translations);
    build({ config, locales: ['ja-JP'], mode: 'bilingual', html: false });
    const front = readFileSync(join(config.dist, 'ja-JP', path), 'utf8');
    expect(front).toContain(`ms.sourcegitcommit: ${head}\n`);
    expect(front).toContain('ms.lasthandoff: 11/23/2026\n');
    // The same handoff again gives the same id (reproducible); another day a new one.
    expect(locFileId(path, 'ja-JP', '11/23/2026', head)).toBe(after.handoff.get('ms.locfileid'));
    expect(locFileId(path, 'ja-JP', '11/24/2026', head)).not.toBe(after.handoff.get('ms.locfileid'));
    // A dry run records nothing.
    const dry = exportHandoff({ config, locale: 'ja-JP', format: 'xliff12', out: join(config.root, 'handoff'), all: true, toolVersion: 'test', date: '12/01/2026', dryRun: true });
    expect(dry.recorded).toBe(0);
    expect(loadStoredDoc(config.translations, 'ja-JP', path)!.handoff.get('ms.lasthandoff')).toBe('11/23/2026');
  });
});

describe('pseudo-localization', () => {
  it('pseudo-translates every sentence, keeps every inline code, and builds', async () => {
    const config = sample(['qps-ploc']);
    const report = pseudo(config, 'qps-ploc');
    expect(report).toMatchObject({ documents: 6, segments: 418, problems: [] });
    const checked = await check({ config, locales: ['qps-ploc'], check: { minCoverage: 100, strict: false }, toolVersion: 'test' });
    expect(checked.ok).toBe(true);
    expect(checked.locales[0]!.broken).toBe(0);
    const stored = loadStoredDoc(config.translations, 'qps-ploc', DOC)!;
    const heading = stored.translations.find((t) => t.source === 'An introduction to NuGet')!;
    expect(heading.target).toBe('\\[Åñ îñţŕöðûçţîöñ ţö ÑûĜéţ · · ·\\]');
    const withCode = stored.translations.find((t) => t.source.includes('`.nupkg`'))!;
    expect(withCode.target).toContain('`.nupkg`');
    // About 30% longer, counted on sentences of plain text (codes and URLs are not lengthened).
    const plain = stored.translations.filter((t) => !/[[`<*_\\]/.test(t.source));
    const ratio = plain.reduce((n, t) => n + t.target.length, 0) / plain.reduce((n, t) => n + t.source.length, 0);
    expect(ratio).toBeGreaterThan(1.25);
    expect(ratio).toBeLessThan(1.5);
    const built = build({ config, locales: ['qps-ploc'], mode: 'bilingual' });
    // The sample's links to pages it leaves out are reported; nothing else.
    expect(built.problems.filter((p) => p.rule !== 'build/broken-link')).toEqual([]);
    expect(built.locales[0]!.missing).toBe(0);
    expect(readFileSync(join(config.dist, 'qps-ploc', 'nuget', 'what-is-nuget.html'), 'utf8')).toContain('<h1><a name="an-introduction-to-nuget"></a><span data-ttu-id=');
  });
});

function loadStoredDocs(config: Config, locale: string) {
  return readdirDeep(join(config.translations, locale)).flatMap((f) => loadStoredDoc(config.translations, locale, f.slice(0, -4))!.translations);
}

function readdirDeep(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? readdirDeep(join(dir, n), `${prefix}${n}/`) : [`${prefix}${n}`]));
}

function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
}
