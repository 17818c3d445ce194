/**
 * Output layouts of docs generators (core/layout.ts), end to end on the sample projects of
 * test/fixtures/sites: a Docusaurus site and an MkDocs site (mkdocs-static-i18n, folder structure).
 * Each is pseudo-translated into one locale and left untranslated in another, built with the
 * faithful profile, and its output walked: every localized file is where the generator looks for
 * it, and every relative link and image in it resolves to a file.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../pipeline/core/config.js';
import { sxsIn } from './support/cli.js';
import { FIXTURES, tempDir, walk } from './support/fixtures.js';

/** The relative link and image targets of a Markdown file (destinations, definitions, HTML src/href). */
function relativeLinks(markdown: string): string[] {
  const urls = [
    ...[...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...markdown.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!),
    ...[...markdown.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!),
  ];
  return urls.filter((u) => !/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(u));
}

async function built(site: string): Promise<string> {
  const dir = tempDir('sxs-site-');
  cpSync(join(FIXTURES, 'sites', site), dir, { recursive: true });
  const pseudo = await sxsIn(dir, ['pseudo', '--locale', 'qps-ploc']);
  expect(pseudo.code, pseudo.stderr).toBe(0);
  const build = await sxsIn(dir, ['build', '--no-cache']);
  // The untranslated locale is reported as incomplete (exit 1), never as an error of the layout.
  expect(build.stderr).not.toMatch(/error/);
  return dir;
}

function expectLinksResolve(root: string, files: string[]): void {
  for (const file of files) {
    // Front-matter values are text, not links.
    const text = readFileSync(join(root, file), 'utf8').replace(/^\ufeff?---\n[\s\S]*?\n---\n/, '');
    for (const url of relativeLinks(text)) {
      const path = decodeURIComponent(url.replace(/[?#].*$/, ''));
      expect(existsSync(join(root, dirname(file), path)), `${file}: ${url}`).toBe(true);
    }
  }
}

describe('output layouts: the sample sites', () => {
  it('Docusaurus: i18n/<lang>/docusaurus-plugin-content-docs/current/, links and images resolve', async () => {
    const dir = await built('docusaurus');
    const out = (lang: string, p: string) => join('i18n', lang, 'docusaurus-plugin-content-docs', 'current', p);
    const files = ['de', 'qps'].flatMap((lang) => ['intro.md', 'guides/install.md'].map((p) => out(lang, p)));
    for (const f of files) expect(existsSync(join(dir, f)), f).toBe(true);
    expectLinksResolve(dir, files);
    // Untranslated: the English bytes but the links that had to move.
    const english = readFileSync(join(dir, 'docs', 'intro.md'), 'utf8');
    const de = readFileSync(join(dir, out('de', 'intro.md')), 'utf8');
    expect(de).toBe(english.replace('./img/logo.png', '../../../../docs/img/logo.png'));
    // Translated: text changed, front matter keys and structure kept, no anchors or handoff keys.
    const qps = readFileSync(join(dir, out('qps', 'intro.md')), 'utf8');
    // A value that starts with `[` cannot be a plain scalar: quoted.
    expect(qps).toMatch(/^---\nsidebar_position: 1\nsidebar_label: "\[Šţåŕţ ĥéŕé[^"]*"\ntitle: "\[Ĝéţţîñĝ šţåŕţéð[^"]*"\ndescription: '\[Ŵĥåţ/);
    expect(qps).not.toMatch(/<a name=|ms\.contentlocale|sxs-lookup/);
    expect(qps).toContain('](./guides/install.md#requirements)');
  });

  it('links from a file with a byte order mark, to files outside the English folder, and to a folder', async () => {
    const dir = tempDir('sxs-site-');
    writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify({ locales: ['qps-ploc'], source: 'docs', output: { profile: 'faithful', layout: 'vitepress' } }));
    mkdirSync(join(dir, 'docs', 'api'), { recursive: true });
    mkdirSync(join(dir, 'static'), { recursive: true });
    writeFileSync(join(dir, 'README.md'), '# Readme\n');
    writeFileSync(join(dir, 'static', 'x.png'), 'png');
    writeFileSync(join(dir, 'docs', 'api', 'index.md'), '# API\n');
    writeFileSync(join(dir, 'docs', 'img.png'), 'png');
    writeFileSync(join(dir, 'docs', 'index.md'), '\ufeff---\ndescription: See [x](img.png) here.\n---\n\n# Home\n\n![i](img.png) and [readme](../README.md), ![s](../static/x.png), [the API](api).\n');
    expect((await sxsIn(dir, ['build', '--no-html'])).code).toBe(0);
    const out = readFileSync(join(dir, 'docs', 'qps', 'index.md'), 'utf8');
    expect(out.startsWith('\ufeff---\ndescription: See [x](img.png) here.\n')).toBe(true);
    expect(out).toContain('![i](../img.png) and [readme](../../README.md), ![s](../../static/x.png), [the API](api).');
    expectLinksResolve(dir, ['docs/qps/index.md']);
  });

  it('refuses two locales that would be written to one place', () => {
    const { problems } = validateConfig({ locales: ['fr-FR', 'fr-CA'], output: { profile: 'faithful', layout: 'docusaurus', languages: { 'fr-FR': 'fr', 'fr-CA': 'fr' } } }, '/tmp');
    expect(problems.join('\n')).toMatch(/output\.languages: "fr-FR" and "fr-CA" would both be written as "fr"/);
  });

  it('VitePress and the suffix layouts write inside the English folder, and never read that back as English', async () => {
    for (const [layout, expected] of [
      ['vitepress', ['docs/qps/index.md', 'docs/qps/guide/a.md']],
      ['mkdocs-suffix', ['docs/index.qps.md', 'docs/guide/a.qps.md']],
      ['hugo-suffix', ['docs/index.qps.md', 'docs/guide/a.qps.md']],
    ] as const) {
      const dir = tempDir('sxs-site-');
      writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify({ locales: ['qps-ploc'], source: 'docs', output: { profile: 'faithful', layout } }));
      mkdirSync(join(dir, 'docs', 'guide'), { recursive: true });
      writeFileSync(join(dir, 'docs', 'index.md'), '# Home\n\nSee the [guide](guide/a.md).\n');
      writeFileSync(join(dir, 'docs', 'guide', 'a.md'), '# Guide\n\nBack [home](../index.md).\n');
      for (let run = 0; run < 2; run++) {
        expect((await sxsIn(dir, ['pseudo', '--locale', 'qps-ploc'])).code).toBe(0);
        expect((await sxsIn(dir, ['build', '--no-html'])).code).toBe(0);
      }
      for (const f of expected) expect(existsSync(join(dir, f)), `${layout}: ${f}`).toBe(true);
      expectLinksResolve(dir, [...expected]);
      const check = await sxsIn(dir, ['check', '--format', 'json']);
      expect(JSON.parse(check.stdout).run.documents, layout).toEqual(['guide/a.md', 'index.md']);
    }
  });

  it('MkDocs (folder structure): docs/<lang>/ beside docs/en/, links and images resolve', async () => {
    const dir = await built('mkdocs');
    const files = ['fr', 'qps'].flatMap((lang) => ['index.md', 'setup/install.md'].map((p) => join('docs', lang, p)));
    for (const f of files) expect(existsSync(join(dir, f)), f).toBe(true);
    expectLinksResolve(dir, files);
    const fr = readFileSync(join(dir, 'docs/fr/setup/install.md'), 'utf8');
    expect(fr).toContain('](../index.md)');
    expect(fr).toContain('href="../../en/assets/diagram.png"');
    expect(
      walk(join(dir, 'docs'))
        .map((f) => relative(join(dir, 'docs'), f).split('\\').join('/'))
        .sort(),
    ).toEqual(['en/assets/diagram.png', 'en/index.md', 'en/setup/install.md', 'fr/index.md', 'fr/setup/install.md', 'qps/index.md', 'qps/setup/install.md'].sort());
  });
});
