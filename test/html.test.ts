/**
 * HTML pages: the seed's page byte for byte against a reviewed fixture (regenerate deliberately with
 * `UPDATE_FIXTURES=1`), the page structure, and the sanitizer against hostile translations.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, htmlPath } from '../pipeline/commands/build.js';
import { loadConfig } from '../pipeline/core/config.js';
import { markdownToHtml } from '../pipeline/html/markdown-html.js';
import { MSDOCS, REPO, tempDir, walk } from './support/fixtures.js';
import type { Root as MdastRoot } from 'mdast';
import { buildSourceDoc } from '../pipeline/core/doc.js';
import { Segmenter } from '../pipeline/markdown/segment.js';
import { staticImports } from './support/imports.js';

const UPDATE = process.env.UPDATE_FIXTURES === '1';
const FIXTURES = join(REPO, 'test', 'fixtures', 'html');

function sample(): string {
  const dir = tempDir('sxs-html-');
  for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  return dir;
}

function expectFixture(name: string, actual: string): void {
  const file = join(FIXTURES, name);
  if (UPDATE) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('HTML pages of the sample docs', () => {
  const dir = sample();
  const config = loadConfig(dir);
  const report = build({ config, locales: [], mode: 'bilingual' });
  const read = (p: string) => readFileSync(join(config.dist, p), 'utf8');

  it('writes a page per document and locale, the English pages, the indexes and the assets', () => {
    // The sample is an excerpt: its links to pages left out of it point at nothing (one differs only in
    // case: Package-Versioning.md, which a case-sensitive server does not find either).
    expect(report.problems.filter((p) => p.rule !== 'build/broken-link')).toEqual([]);
    expect(report.problems.find((p) => p.message.includes('concepts/package-versioning.md#version-ranges'))).toMatchObject({ severity: 'warning', line: 103 });
    // 15 localized pages + 6 English ones.
    expect(report.htmlPages).toBe(21);
    for (const p of ['index.html', 'zh-TW/index.html', 'en-US/index.html', '_sxs/sxs.css', '_sxs/sxs.js', 'ja-JP/nuget/what-is-nuget.html', 'en-US/console/allocconsole.html']) {
      expect(() => read(p), p).not.toThrow();
    }
    expect(htmlPath('a/b.md')).toBe('a/b.html');
    expect(htmlPath('index.md')).toBe('index.md.html');
  });

  it('the seed page is the reviewed fixture, byte for byte', () => {
    expectFixture('seed.zh-TW.html', read('zh-TW/transfer-licenses-between-tenants.html'));
    expectFixture('index.zh-TW.html', read('zh-TW/index.html'));
  });

  it('has the locale, the title, the switcher, the span pairs with the English lang, rewritten links', () => {
    const page = read('ja-JP/nuget/what-is-nuget.html');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="ja-JP">/);
    expect(page).toContain('<title>NuGet とは何か。またどのような働きをするのか</title>');
    expect(page).toContain('<a href="../../en-US/nuget/what-is-nuget.html" hreflang="en-US"');
    expect(page).toContain('<a href="../../zh-TW/nuget/what-is-nuget.html" hreflang="zh-TW"');
    expect(page).toContain('aria-current="page">日本語');
    // de-DE has this page; the switcher lists only locales whose scope has it.
    expect(read('zh-TW/nuget/concepts/Package-Versioning.html')).not.toContain('de-DE/nuget/concepts');
    expect(page).toMatch(/<span data-ttu-id="834a2-103">NuGet の概要<\/span><span class="sxs-lookup" lang="en-US"><span data-stu-id="834a2-103">An introduction to NuGet<\/span><\/span>/);
    // The page's own words in its language (html/messages.ts).
    expect(page).toContain('href="../index.html">すべてのドキュメント</a>');
    expect(page).toContain('aria-label="言語"');
    expect(read('zh-TW/console/includes/no-vt-equiv-banner.html')).toContain('<div class="alert tip" role="note"><p class="alert-title">提示</p>');
    // Alerts in any case: `[!Note]`, `[!Tip]`, `[!Important]` in the sample, titled in the page's language.
    const nuget = read('de-DE/nuget/what-is-nuget.html');
    expect(nuget).toContain('<div class="alert note" role="note"><p class="alert-title">Hinweis</p>');
    expect(nuget).toContain('<div class="alert tip" role="note"><p class="alert-title">Tipp</p>');
    expect(nuget).not.toMatch(/\[!(?:Note|Tip)\]/);
    expect(read('en-US/nuget/what-is-nuget.html')).toContain('<p class="alert-title">Note</p>');
    expect(read('ja-JP/nuget/concepts/Package-Versioning.html')).toContain('<div class="alert important" role="note"><p class="alert-title">重要</p>');
    expect(read('zh-TW/console/includes/no-vt-equiv-banner.html')).toContain('href="../console-virtual-terminal-sequences.html"');
  });

  it('marks sentences shown in English because they have no translation', () => {
    const d = sample();
    const c = loadConfig(d);
    const file = join(c.source, 'nuget', 'what-is-nuget.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('# An introduction to NuGet\n', '# An introduction to NuGet\n\nA brand new sentence.\n'));
    build({ config: c, locales: ['zh-TW'], mode: 'bilingual' });
    const page = readFileSync(join(c.dist, 'zh-TW', 'nuget', 'what-is-nuget.html'), 'utf8');
    expect(page).toMatch(/<span data-ttu-id="[0-9a-f]{5}-104" class="sxs-untranslated">A brand new sentence\.<\/span>/);
    expect(page).toMatch(/<span class="sxs-coverage" data-translated="\d+" data-total="\d+">已翻譯 9\d\.\d%（\d+ 個句子中的 \d+ 個）<\/span>/);
    expect(readFileSync(join(c.dist, 'zh-TW', 'index.html'), 'utf8')).toContain('<tr class="sxs-incomplete">');
  });
});

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x]( javascript:alert(1))',
  '<a href="  jav&#x09;ascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<svg onload=alert(1)><circle/></svg>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<object data="x.swf"></object>',
  '<embed src="x.swf">',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=a></form>',
  '<details open ontoggle=alert(1)>x</details>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<img src="javascript:alert(1)">',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<span onmouseover="alert(1)">x</span>',
  '<img name="getElementById" src="a.png">',
  '<p>unclosed <div><textarea>',
];

const DANGEROUS_TAGS = new Set(['script', 'iframe', 'frame', 'svg', 'math', 'object', 'embed', 'applet', 'style', 'form', 'base', 'meta', 'link', 'textarea', 'template']);
const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g;
const ATTR = /([^\s=>"'/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
const decode = (v: string) =>
  v
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':');

/**
 * Active markup in serialized HTML, found the way a browser would see it: dangerous elements, and in
 * any tag event handlers, styles, srcdoc, clobbering names, and URLs whose scheme runs code.
 * (Text is escaped, so `&lt;script>` is harmless and not found.)
 */
function activeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(TAG)) {
    const name = tag[1]!.toLowerCase();
    if (DANGEROUS_TAGS.has(name)) found.push(`<${name}>`);
    for (const attr of (tag[2] ?? '').matchAll(ATTR)) {
      const key = attr[1]!.toLowerCase();
      const value = decode(attr[2] ?? attr[3] ?? attr[4] ?? '')
        .replace(/[\u0000-\u0020]/g, '')
        .toLowerCase();
      if (/^on/.test(key) || key === 'style' || key === 'srcdoc') found.push(`${name} ${key}`);
      if (key === 'name' && name !== 'a') found.push(`${name} name`);
      if (/^(?:href|src|action|formaction|xlink:href|data|cite|longdesc|poster|background)$/.test(key) && /^(?:javascript|vbscript|data|livescript):/.test(value))
        found.push(`${name} ${key}=${value}`);
    }
  }
  return found;
}

describe('docs-site rendering rules', () => {
  const html = (md: string, page = 'a/b.md', locale = 'de-DE') => markdownToHtml(md, { sourceLocale: 'en-US', locale, page }).html;

  it('alerts in any case, titled in the page language', () => {
    for (const marker of ['NOTE', 'Note', 'note', 'nOtE']) expect(html(`> [!${marker}]\n> Text.\n`)).toContain('<div class="alert note" role="note"><p class="alert-title">Hinweis</p><p>Text.</p>');
    expect(html('> [!Warning]\n> Text.\n', 'a/b.md', 'ja-JP')).toContain('<p class="alert-title">警告</p>');
    expect(html('> [!NOTHING]\n> Text.\n')).toContain('<blockquote>');
  });

  it('[!VIDEO url] becomes a link to the video, in the page language', () => {
    expect(html('> [!VIDEO https://learn.example.com/v/player]\n')).toContain('<p class="video"><a href="https://learn.example.com/v/player">▶ Video</a></p>');
    expect(html('[!VIDEO https://learn.example.com/v]\n', 'a/b.md', 'fr-FR')).toContain('▶ Vidéo</a>');
    expect(html('[!VIDEO javascript:alert(1)]\n')).not.toContain('href');
  });

  it('a link to the top-level index.md goes to its page (index.md.html), any other .md to .html', () => {
    expect(html('[home](../index.md#x)')).toContain('href="../index.md.html#x"');
    expect(html('[home](index.md)', 'index.md')).toContain('href="index.md.html"');
    expect(html('[section](index.md)')).toContain('href="index.html"');
    expect(html('[other](../c.md)')).toContain('href="../c.html"');
  });
});

describe('sanitizer', () => {
  for (const attack of HOSTILE) {
    it(`neutralizes ${attack}`, () => {
      const md = `<span data-ttu-id="ab-101">Vorher ${attack} nachher</span><span class="sxs-lookup"><span data-stu-id="ab-101">Before and after</span></span>\n\nThe next paragraph survives.\n`;
      const { html } = markdownToHtml(md, { sourceLocale: 'en-US' });
      expect(activeMarkup(html)).toEqual([]);
      expect(html).toContain('<p>The next paragraph survives.</p>');
    });
  }

  it('the oracle finds what it should', () => {
    expect(activeMarkup('<p><img src="a" onerror="x"><a href=" jav&#x61;script:1">x</a></p><script>1</script>')).toEqual(['img onerror', 'a href=javascript:1', '<script>']);
    expect(activeMarkup('<p>&lt;script>alert(1)&lt;/script> onclick= javascript:</p><a href="&lt;script>">x</a>')).toEqual([]);
  });

  it('keeps what documentation needs: pairs, anchors, tables, images, code, links', () => {
    const md = [
      '# <a name="setup"></a><span data-ttu-id="ab-101">Einrichtung</span><span class="sxs-lookup"><span data-stu-id="ab-101">Setup</span></span>',
      '',
      '| a | b |',
      '| - | - |',
      '| `x` | ![alt](media/a.png "t") |',
      '',
      '```bash',
      'npm ci',
      '```',
      '',
      'See [the guide](../guide.md#setup), <https://example.com> and <kbd>Ctrl</kbd>.',
    ].join('\n');
    const { html } = markdownToHtml(md, { sourceLocale: 'en-US' });
    expect(html).toContain('<h1><a name="setup"></a><span data-ttu-id="ab-101">Einrichtung</span><span class="sxs-lookup" lang="en-US"><span data-stu-id="ab-101">Setup</span></span></h1>');
    expect(html).toContain('<td><code>x</code></td>');
    expect(html).toContain('<img src="media/a.png" alt="alt" title="t">');
    expect(html).toContain('<pre><code class="language-bash">npm ci\n</code></pre>');
    expect(html).toContain('<a href="../guide.html#setup">the guide</a>');
    expect(html).toContain('<a href="https://example.com">https://example.com</a>');
    expect(html).toContain('<kbd>Ctrl</kbd>');
  });

  it('never lets active content through, whatever surrounds it (fast-check)', () => {
    const piece = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.constantFrom('text', '**b**', '`c`', '[l](u.md)', '<b>', '</b>', '<a href="', '">', '\n', '\n\n', '> ', '- ', '<!--', '-->', '"', "'", '<', '>'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        expect(activeMarkup(markdownToHtml(parts.join(''), { sourceLocale: 'en-US' }).html)).toEqual([]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});

describe('a warm build loads no parser', () => {
  it('the run (commands/build-run.ts, what the CLI loads) reaches no Markdown parser, XLIFF reader or page renderer; build-doc.ts is loaded with the task', () => {
    const seen = [...staticImports(join(REPO, 'pipeline', 'commands', 'build-run.ts'))];
    expect(seen.some((f) => f.endsWith(join('util', 'manifest.ts')))).toBe(true);
    expect(seen.filter((f) => /markdown[/\\]parse\.ts$|html[/\\]markdown-html\.ts$|core[/\\]xliff-store\.ts$|commands[/\\]build-doc\.ts$|core[/\\]xml\.ts$/.test(f))).toEqual([]);
    // The document work is what the worker task loads.
    expect([...staticImports(join(REPO, 'pipeline', 'commands', 'worker-tasks.ts'))].some((f) => f.endsWith(join('commands', 'build-doc.ts')))).toBe(true);
  });
});

describe("the English page from the document's own parse", () => {
  it('is the page a new parse gives, on every English page of the fixtures (the tree is read, not changed, by the units and the page)', () => {
    const segmenter = new Segmenter();
    const pages = walk(join(MSDOCS, 'en-us')).filter((f) => f.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      let tree: MdastRoot | undefined;
      const doc = buildSourceDoc('page.md', readFileSync(file), { segmenter, onTree: (root) => (tree = root) });
      expect(tree, file).toBeDefined();
      const reused = markdownToHtml(doc.body, { sourceLocale: 'en-US', tree: tree! });
      expect(reused, file).toEqual(markdownToHtml(doc.body, { sourceLocale: 'en-US' }));
      // Used twice, still the same: nothing on the way changed it.
      expect(markdownToHtml(doc.body, { sourceLocale: 'en-US', tree: tree! }), file).toEqual(reused);
    }
  });
});
