/**
 * `sxs check`: one fixture project per rule (test/fixtures/check/<case>/: sxs.config.json, source/,
 * translations/), run through the command line in every format; the output must equal
 * expected/<run>.<format> byte for byte and the exit code must match cases.json.
 * Regenerate deliberately with `UPDATE_FIXTURES=1 npx vitest run test/check.test.ts`.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../pipeline/cli.js';
import { outlineOf } from '../pipeline/check/outline.js';
import { targetIssues } from '../pipeline/check/target.js';
import fc from 'fast-check';
import { doc } from './support/doc.js';
import { parseXml } from '../pipeline/core/xml.js';
import { REPO, tempDir } from './support/fixtures.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'check');
const CASES = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as Record<string, Array<{ name: string; args: string[]; exit: number }>>;
const FORMATS: Record<string, string> = { text: 'txt', json: 'json', junit: 'xml', github: 'github.txt' };
const UPDATE = process.env.UPDATE_FIXTURES === '1';

async function run(cwd: string, args: string[], env: Record<string, string> = {}, appended: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    env,
    appendFile: (_path, text) => void appended.push(text),
  });
  return { code, stdout, stderr };
}

describe('sxs check on fixture projects', () => {
  for (const [name, runs] of Object.entries(CASES)) {
    for (const r of runs) {
      for (const [format, ext] of Object.entries(FORMATS)) {
        it(`${name} ${r.name} --format ${format}: exit ${r.exit}, output as expected`, async () => {
          const dir = join(FIXTURES, name);
          const out = await run(dir, ['check', '--no-cache', '--format', format, ...r.args]);
          expect(out.stderr).toBe('');
          const file = join(dir, 'expected', `${r.name}.${ext}`);
          if (UPDATE) {
            mkdirSync(join(dir, 'expected'), { recursive: true });
            writeFileSync(file, out.stdout);
          }
          expect(out.stdout).toBe(readFileSync(file, 'utf8'));
          expect(out.code).toBe(r.exit);
          // Severity, verdict, `ok`, failures and exit code always agree.
          if (format === 'json') {
            const json = JSON.parse(out.stdout);
            expect(json.schema).toBe('sxs-check/1');
            expect(json.ok).toBe(r.exit === 0);
            expect(json.findings.some((f: { severity: string }) => f.severity === 'error')).toBe(r.exit !== 0);
            for (const l of json.locales) expect(l.ok).toBe(r.exit === 0);
          }
          if (format === 'text') expect(out.stdout.trimEnd().split('\n').pop()).toMatch(r.exit === 0 ? /^check passed/ : /^check failed/);
          if (format === 'text') expect(/\berror\b/.test(out.stdout)).toBe(r.exit !== 0);
          if (format === 'junit') {
            expect(parseXml(out.stdout).local).toBe('testsuites');
            expect(/failures="[1-9]/.test(out.stdout)).toBe(r.exit !== 0);
          }
          if (format === 'github') expect(out.stdout.includes('::error ')).toBe(r.exit !== 0);
          if (format === 'github') {
            for (const line of out.stdout.split('\n').filter((l) => l.startsWith('::'))) {
              expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+$/);
            }
          }
        });
      }
    }
  }
});

describe('sxs check rules', () => {
  it('reports each rule at the English sentence, with its reason', async () => {
    const json = (await run(join(FIXTURES, 'broken'), ['check', '--no-cache', '--format', 'json'])).stdout;
    const rules = JSON.parse(json).findings.map((f: { rule: string; line: number; column: number; id: string }) => `${f.line}:${f.column} ${f.id} ${f.rule}`);
    expect(rules).toEqual([
      '3:1 102 check/broken-link',
      '4:1 103 check/broken-code',
      '5:1 104 check/unsafe-markup',
      '5:1 104 check/broken-html',
      '6:1 105 check/broken-image',
      '8:12 107 check/broken-structure',
      '12:1 109 check/broken-structure',
      '13:1 110 check/unsafe-markup',
      '13:1 110 check/broken-link',
    ]);
  });

  it('text output: every finding is one line an editor can open (file:line:column: severity rule: …)', async () => {
    const text = (await run(join(FIXTURES, 'broken'), ['check', '--no-cache'])).stdout;
    const findings = text.split('\n').filter((l) => / check\//.test(l));
    expect(findings).toHaveLength(9);
    for (const line of findings) expect(line).toMatch(/^source\/guide\.md:\d+:\d+: (error|warning) check\/[a-z-]+: de-DE sentence \d+: /);
  });

  it('counts missing sentences against coverage: errors below the threshold, warnings above it', async () => {
    const fail = JSON.parse((await run(join(FIXTURES, 'missing'), ['check', '--no-cache', '--format', 'json'])).stdout);
    expect(fail.locales[0].coverage).toEqual({ segments: 60, words: 58.13 });
    expect(fail.findings.map((f: { severity: string }) => f.severity)).toEqual(['error', 'error', 'error']);
    const pass = JSON.parse((await run(join(FIXTURES, 'missing'), ['check', '--no-cache', '--format', 'json', '--min-coverage', '60'])).stdout);
    expect(pass.ok).toBe(true);
    expect(pass.findings.map((f: { severity: string }) => f.severity)).toEqual(['warning', 'warning', 'warning']);
  });

  it('rejects bad options with exit 2', async () => {
    const dir = join(FIXTURES, 'complete');
    for (const args of [['--format', 'xml'], ['--min-coverage', '120'], ['--min-coverage', 'all'], ['--locale', 'fr-FR'], ['extra']]) {
      const out = await run(dir, ['check', ...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(/^sxs check: /);
    }
  });

  it('writes the GitHub step summary when asked to', async () => {
    const appended: string[] = [];
    await run(join(FIXTURES, 'missing'), ['check', '--no-cache', '--format', 'github'], { GITHUB_STEP_SUMMARY: '/summary.md' }, appended);
    expect(appended.join('')).toContain('| de-DE | 2 | 10 | 6 | 0 | 4 | 0 | 60.00% | 43 | 58.13% |');
  });
});

describe('coverage means what the built page shows translated', () => {
  for (const name of ['broken', 'stale', 'missing']) {
    it(`${name}: check's numbers per document are the page's (a translation build refuses is not covered)`, async () => {
      const dir = tempDir('sxs-coverage-');
      cpSync(join(FIXTURES, name), dir, { recursive: true });
      const report = JSON.parse((await run(dir, ['check', '--no-cache', '--format', 'json'])).stdout);
      const built = await run(dir, ['build', '--no-cache']);
      for (const f of report.files as Array<{ locale: string; path: string; segments: { total: number; translated: number } }>) {
        const page = readFileSync(join(dir, 'dist', f.locale, f.path.replace(/\.md$/, '.html')), 'utf8');
        const [, shown, total] = /<span class="sxs-coverage" data-translated="(\d+)" data-total="(\d+)">/.exec(page)!;
        expect([Number(shown), Number(total)], f.path).toEqual([f.segments.translated, f.segments.total]);
      }
      const refused = [...built.stderr.matchAll(/build\/unsafe-target: (\d+):/g)].map((m) => m[1]);
      const broken = new Set(report.findings.filter((f: { kind: string }) => f.kind === 'broken').map((f: { id: string }) => f.id));
      for (const id of refused) expect(broken.has(id), id).toBe(true);
      if (name === 'broken') expect(refused.length).toBeGreaterThan(0);
    });
  }
});

describe('sxs check cache', () => {
  it('gives the same report warm as cold, and sees a changed store file or source', async () => {
    const dir = tempDir('sxs-check-');
    cpSync(join(FIXTURES, 'stale'), dir, { recursive: true });
    rmSync(join(dir, 'expected'), { recursive: true, force: true });
    const cold = await run(dir, ['check', '--format', 'json']);
    expect(existsSync(join(dir, '.sxs-cache', 'outline'))).toBe(true);
    const warm = await run(dir, ['check', '--format', 'json']);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe((await run(dir, ['check', '--format', 'json', '--no-cache'])).stdout);

    // The translator fixes the stale sentence.
    const store = join(dir, 'translations', 'de-DE', 'guide.md.xlf');
    writeFileSync(store, readFileSync(store, 'utf8').replace('<source>Run it as an administrator.</source>', '<source>Run it as a regular user.</source>'));
    const fixed = JSON.parse((await run(dir, ['check', '--format', 'json'])).stdout);
    expect(fixed.locales[0].segments.stale).toBe(0);

    // The writer edits the English again.
    const source = join(dir, 'source', 'guide.md');
    writeFileSync(source, readFileSync(source, 'utf8').replace('regular user', 'standard user'));
    const edited = JSON.parse((await run(dir, ['check', '--format', 'json'])).stdout);
    expect(edited.locales[0].segments.stale).toBe(1);
    expect(edited.findings.map((f: { rule: string }) => f.rule)).toContain('check/stale');
  });

  it('survives a corrupt cache entry', async () => {
    const dir = tempDir('sxs-check-');
    cpSync(join(FIXTURES, 'broken'), dir, { recursive: true });
    const first = await run(dir, ['check', '--format', 'json']);
    const { readdirSync } = await import('node:fs');
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    for (const f of walk(join(dir, '.sxs-cache'))) writeFileSync(f, '{"truncated');
    expect((await run(dir, ['check', '--format', 'json'])).stdout).toBe(first.stdout);
  });
});

describe('sxs check on real published translations', () => {
  it('finds exactly the real defects of the 36 published fixture files, and nothing else', async () => {
    const { goldenPairs } = await import('./support/fixtures.js');
    const { doc } = await import('./support/doc.js');
    const { harvestDoc } = await import('../pipeline/harvest/harvest.js');
    const { Segmenter } = await import('../pipeline/markdown/segment.js');
    const { outlineOf } = await import('../pipeline/check/outline.js');
    const { checkDoc } = await import('../pipeline/check/check.js');
    const found: string[] = [];
    let translated = 0;
    for (const pair of goldenPairs()) {
      const source = doc(readFileSync(pair.english, 'utf8'), undefined, pair.path);
      const harvested = harvestDoc(source, readFileSync(pair.bilingual, 'utf8'), pair.name, new Segmenter());
      const stored = { path: pair.path, sourceLocale: 'en-US', locale: pair.locale, handoff: new Map(), translations: harvested.entries.map((e) => ({ ...e, state: 'final' as const })) };
      const result = checkDoc({ outline: outlineOf(source), stored, locale: pair.locale, sourceFile: pair.name, storeFile: `${pair.name}.xlf` });
      translated += result.segments.translated;
      expect(result.segments.missing + result.segments.stale, pair.name).toBe(0);
      for (const f of result.findings) found.push(`${pair.name.replace(/^.*\/sxs\//, `${pair.locale} `)} ${f.id} ${f.rule}`);
    }
    expect(translated).toBeGreaterThan(3800);
    // Machine translation merged adjacent code spans, mangled URLs and emptied link texts.
    expect(found).toEqual([
      'ja-JP docs/reference/msbuild-targets.md 128 check/broken-code',
      'ja-JP docs/reference/msbuild-targets.md 130 check/broken-code',
      'ja-JP docs/reference/msbuild-targets.md 133 check/broken-code',
      'ja-JP docs/reference/msbuild-targets.md 173 check/broken-link',
      'ja-JP docs/reference/msbuild-targets.md 233 check/broken-link',
      'ja-JP docs/release-notes/NuGet-3.1.md 119 check/broken-code',
      'ja-JP docs/release-notes/NuGet-3.1.md 137 check/broken-link',
      'ja-JP docs/release-notes/NuGet-5.9.md 153 check/broken-link',
      'ja-JP docs/release-notes/NuGet-5.9.md 160 check/broken-link',
      'ja-JP docs/release-notes/NuGet-5.9.md 177 check/broken-link',
      'ja-JP docs/release-notes/NuGet-5.9.md 257 check/broken-link',
      'ja-JP docs/release-notes/NuGet-5.9.md 264 check/broken-link',
    ]);
  });
});

describe('checkDoc: which translation a segment uses', () => {
  const setup = async (markdown: string, entries: Array<[string, string, string]>) => {
    const { doc } = await import('./support/doc.js');
    const { outlineOf } = await import('../pipeline/check/outline.js');
    const { checkDoc } = await import('../pipeline/check/check.js');
    const stored = {
      path: 'doc.md',
      sourceLocale: 'en-US',
      locale: 'de-DE',
      handoff: new Map(),
      translations: entries.map(([id, source, target]) => ({ id, source, target, state: 'final' as const })),
    };
    const r = checkDoc({ outline: outlineOf(doc(markdown)), stored, locale: 'de-DE', sourceFile: 'doc.md', storeFile: 'doc.md.xlf' });
    return { counts: r.segments, findings: r.findings.map((f) => `${f.id ?? ''} ${f.rule}`) };
  };
  const old: Array<[string, string, string]> = [
    ['101', 'First.', 'Erstens.'],
    ['102', 'Second.', 'Zweitens.'],
    ['103', 'Third.', 'Drittens.'],
  ];

  it('a sentence inserted at the top shifts every id: the others still match by text, only the new one is missing', async () => {
    const r = await setup('New.\n\nFirst.\n\nSecond.\n\nThird.\n', old);
    expect(r.counts).toMatchObject({ total: 4, translated: 3, stale: 0, missing: 1 });
    expect(r.findings).toEqual(['101 check/missing']);
  });

  it('a deleted sentence leaves its translation orphaned, and nothing stale', async () => {
    const r = await setup('First.\n\nThird.\n', old);
    expect(r.counts).toMatchObject({ total: 2, translated: 2, stale: 0, missing: 0 });
    expect(r.findings).toEqual(['102 check/orphaned']);
  });

  it('an edited sentence is stale; a repeated one reuses the translation', async () => {
    const r = await setup('First.\n\nSecond, edited.\n\nThird.\n\nFirst.\n', old);
    expect(r.counts).toMatchObject({ total: 4, translated: 3, stale: 1, missing: 0 });
    expect(r.findings).toEqual(['102 check/stale']);
  });

  it('a pN translation covers every sentence of its unit', async () => {
    const r = await setup('One. Two. Three.\n', [['p101', 'One. Two. Three.', 'Eins. Zwei. Drei.']]);
    expect(r.counts).toMatchObject({ total: 3, translated: 3 });
    expect(r.findings).toEqual([]);
  });

  it('block markers count only where a line starts', async () => {
    const ok = await setup('# Steps\n\nIntro. Then.\n\n| A |\n| - |\n| B |\n', [
      ['101', 'Steps', '1. Schritte'],
      ['102', 'Intro.', 'Einleitung.'],
      ['103', 'Then.', '# Dann.'],
      ['104', 'A', '- A'],
      ['105', 'B', '1) B'],
    ]);
    expect(ok.findings).toEqual([]);
    const bad = await setup('Intro. Then.\n\n- Item.\n', [
      ['101', 'Intro.', '1. Einleitung.'],
      ['102', 'Then.', 'Dann.\n\nMehr.'],
      ['103', 'Item.', '> Punkt.'],
    ]);
    expect(bad.findings).toEqual(['101 check/broken-structure', '102 check/broken-structure', '103 check/broken-structure']);
  });
});

describe('locale scope (sxs.config.json "scope")', () => {
  it('includes and excludes documents by path pattern', async () => {
    const { inScope, validateConfig } = await import('../pipeline/core/config.js');
    const { config } = validateConfig({ locales: ['de-DE', 'ja-JP', 'fr-FR'], scope: { 'de-de': { exclude: ['nuget/concepts/', '**/draft-*.md'] }, 'ja-JP': { include: ['nuget/*.md'] } } }, '/p');
    const cases: Array<[string, string, boolean]> = [
      ['de-DE', 'nuget/concepts/a.md', false],
      ['de-DE', 'nuget/concepts-b.md', true],
      ['de-DE', 'x/y/draft-1.md', false],
      ['de-DE', 'draft-1.md', false],
      ['ja-JP', 'nuget/a.md', true],
      ['ja-JP', 'nuget/sub/a.md', false],
      ['fr-FR', 'anything.md', true],
    ];
    for (const [locale, path, expected] of cases) expect(inScope(config!, locale, path), `${locale} ${path}`).toBe(expected);
  });

  it('names the key path of a bad scope', async () => {
    const { validateConfig } = await import('../pipeline/core/config.js');
    expect(validateConfig({ locales: ['de-DE'], scope: { 'fr-FR': {}, 'de-DE': { exclude: '../x', only: [] } } }, '/p').problems).toEqual([
      'scope.fr-FR: not one of the configured locales (de-DE)',
      'scope.de-DE.exclude: expected an array of source paths or patterns relative to the source folder (like "nuget/**/*.md" or "console/"), found "../x"',
      'scope.de-DE.only: unknown key (expected include, exclude)',
    ]);
  });
});

describe('the target rules on what real published translations do (not defects)', () => {
  /** The issues of `target` as the translation of the first sentence of a one-paragraph document. */
  const issuesOf = (english: string, target: string) => {
    const outline = outlineOf(doc(`# T\n\n${english}\n`));
    const unit = outline.units.find((u) => u.kind !== 'heading')!;
    return targetIssues(unit, unit.segments[0]!, target, outline.definitions).map((i) => i.rule);
  };

  it('accepts a translated image or link title, a dropped zero-width space, a bare URL next to non-ASCII punctuation, an empty xref link, an identical target', () => {
    expect(issuesOf('![Object implementation](media/a.gif "Object implementation") shows it.', '![Implementación](media/a.gif "Implementación del objeto") lo muestra.')).toEqual([]);
    expect(issuesOf('See [the guide](guide.md "The guide") now.', 'Voir [le guide](guide.md "Le guide") maintenant.')).toEqual([]);
    expect(issuesOf('Call us (https://aka.ms/M365DevCalls\u200B) today.', 'Appelez-nous (https://aka.ms/M365DevCalls) aujourd’hui.')).toEqual([]);
    expect(issuesOf('Open "https://appdemo.contoso.com" in a browser.', 'Ouvrez «https://appdemo.contoso.com» dans un navigateur.')).toEqual([]);
    expect(issuesOf('Open https://YourDomain.azurewebsites.net (the site).', '打开网站（https://YourDomain.azurewebsites.net)。')).toEqual([]);
    expect(issuesOf('A [Qubit](xref:microsoft.quantum.lang-ref.qubit) is a type.', 'Un [](xref:microsoft.quantum.lang-ref.qubit) es un tipo.')).toEqual([]);
    const english = 'Use [Set\\*][] here.\n\n[set*]: https://example.com/set';
    expect(issuesOf(english, 'Use [Set\\*][] here.')).toEqual([]);
    expect(issuesOf(english, 'Verwenden Sie hier [Set\\*][].')).toEqual([]);
  });

  it('still reports what a reader would see broken', () => {
    expect(issuesOf('Read about [clickjacking](https://en.wikipedia.org/wiki/Clickjacking) first.', 'Lisez d’abord sur le [](https://en.wikipedia.org/wiki/Clickjacking) clickjacking.')).toEqual([
      'check/broken-link',
    ]);
    expect(issuesOf('![Object](media/a.gif "Object") shows it.', '![Objet](media/b.gif "Objet") le montre.')).toEqual(['check/broken-image']);
    expect(issuesOf('Open https://appdemo.contoso.com in a browser.', 'Ouvrez https://appdemo.evil.com dans un navigateur.')).toEqual(['check/broken-link']);
    expect(issuesOf('Open https://appdemo.contoso.com/a in a browser.', 'Ouvrez «https://appdemo.contoso.com/b» dans un navigateur.')).toEqual(['check/broken-link']);
    expect(issuesOf('The `type` property is optional.', 'プロパティは省略可能です。')).toEqual(['check/broken-code']);
  });
});

describe("the page never shows what the gate rejects (build applies check's target rules)", () => {
  it('build publishes the English for every translation check calls broken, says so, and both count the same', async () => {
    const dir = tempDir('sxs-gate-');
    cpSync(join(FIXTURES, 'broken'), dir, { recursive: true });
    const built = await run(dir, ['build', '--no-html', '--no-cache']);
    expect(built.code).toBe(0);
    const withheld = [...built.stderr.matchAll(/guide\.md\.xlf:\d+:\d+: warning (build\/[a-z-]+): (\d+): /g)].map((m) => `${m[2]} ${m[1]}`);
    expect(withheld).toEqual([
      '102 build/broken-target',
      '103 build/broken-target',
      '104 build/unsafe-target',
      '105 build/broken-target',
      '107 build/broken-target',
      '109 build/broken-target',
      '110 build/unsafe-target',
    ]);
    const page = readFileSync(join(dir, 'dist', 'de-DE', 'guide.md'), 'utf8');
    // The dropped link's sentence: English on both sides of the pair.
    expect(page).toMatch(/<span data-ttu-id="[^"]+-102">Download the installer from the \[download page\]\(https:\/\/example\.com\/download\)\.<\/span>/);
    expect(built.stdout).toMatch(/de-DE: 1 document, 10 sentences, 7 untranslated/);
    const report = JSON.parse((await run(dir, ['check', '--no-cache', '--format', 'json'])).stdout);
    expect(report.locales[0]).toMatchObject({ segments: { total: 10, translated: 3 }, broken: 7 });
  });

  it('a defect the published site had is harvested as published: kept, rebuilt as it was, reported for review (an error with --strict)', async () => {
    const site = tempDir('sxs-site-');
    cpSync(join(FIXTURES, 'complete'), site, { recursive: true });
    expect((await run(site, ['build', '--no-html', '--no-cache'])).code).toBe(0);
    const published = join(site, 'dist', 'de-DE', 'guide.md');
    // The vendor's tool moved the link text out of the link: `[](url)` on the published page.
    const text = readFileSync(published, 'utf8');
    const broken = text.replace('von der [Downloadseite](https://example.com/download) herunter', 'von der Downloadseite [](https://example.com/download) herunter');
    expect(broken).not.toBe(text);
    writeFileSync(published, broken);

    const dir = tempDir('sxs-moved-');
    cpSync(join(site, 'source'), join(dir, 'source'), { recursive: true });
    cpSync(join(site, 'sxs.config.json'), join(dir, 'sxs.config.json'));
    const harvested = await run(dir, ['harvest', join(site, 'dist', 'de-DE'), '--locale', 'de-DE']);
    expect(harvested.code).toBe(0);
    expect(harvested.stderr).toMatch(
      /guide\.md:\d+:\d+: warning harvest\/as-published: p102: the translation leaves the link \(https:\/\/example\.com\/download\) without text, so readers cannot see it; recorded and published as the site showed it/,
    );
    expect(readFileSync(join(dir, 'translations', 'de-DE', 'guide.md.xlf'), 'utf8')).toContain('<note category="sxs:as-published">the translation leaves the link');

    const rebuilt = await run(dir, ['build', '--no-html', '--no-cache']);
    expect(rebuilt.stderr).not.toMatch(/build\/broken-target/);
    expect(readFileSync(join(dir, 'dist', 'de-DE', 'guide.md'), 'utf8')).toBe(broken);

    const gate = await run(dir, ['check', '--no-cache', '--format', 'json']);
    const report = JSON.parse(gate.stdout);
    expect(gate.code).toBe(0);
    expect(report.findings.map((f: { rule: string; severity: string; id: string }) => `${f.id} ${f.rule} ${f.severity}`)).toEqual(['p102 check/broken-link warning']);
    expect(report.findings[0].message).toMatch(/so on the published site before the move to sxs: still published, to be reviewed/);
    expect(report.locales[0]).toMatchObject({ broken: 0, coverage: { segments: 100 } });
    const strict = await run(dir, ['check', '--no-cache', '--format', 'json', '--strict']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).findings[0].severity).toBe('error');
  });
});
