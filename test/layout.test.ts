/**
 * Output layouts (pipeline/core/layout.ts): where each generator's localized copy goes, the
 * generator's language codes, which listed files are our own outputs, and link rewriting — exact
 * on the hard cases of Markdown and HTML destinations, byte-identical elsewhere on generated
 * Markdown, and resolving to the right file from the new place for every layout.
 */
import { dirname, join, normalize } from 'node:path/posix';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../pipeline/markdown/parse.js';
import { generatorLanguage, isLayoutName, isLocalizedOutput, LAYOUTS, type Layout, type LayoutName, linkRewriter, localizedPath, relativeTarget } from '../pipeline/core/layout.js';
import { rewriteLinks } from '../pipeline/render/links.js';
import { anyMarkdown, document } from './support/markdown-gen.js';

const layout = (name: LayoutName, sourceDir = 'docs', distDir = 'dist'): Layout => ({ name, sourceDir, distDir });

describe('localizedPath', () => {
  it.each([
    [layout('dist'), 'dist/fr/guide/intro.md', 'dist/fr/index.md'],
    [layout('dist', '.', './out/'), 'out/fr/guide/intro.md', 'out/fr/index.md'],
    [layout('docusaurus'), 'i18n/fr/docusaurus-plugin-content-docs/current/guide/intro.md', 'i18n/fr/docusaurus-plugin-content-docs/current/index.md'],
    [layout('docusaurus', '.'), 'i18n/fr/docusaurus-plugin-content-docs/current/guide/intro.md', 'i18n/fr/docusaurus-plugin-content-docs/current/index.md'],
    [layout('mkdocs', 'docs/en'), 'docs/fr/guide/intro.md', 'docs/fr/index.md'],
    [layout('mkdocs', './docs/./en/'), 'docs/fr/guide/intro.md', 'docs/fr/index.md'],
    [layout('mkdocs', 'docs'), 'fr/guide/intro.md', 'fr/index.md'],
    [layout('hugo', 'content/en'), 'content/fr/guide/intro.md', 'content/fr/index.md'],
    [layout('hugo', 'content'), 'fr/guide/intro.md', 'fr/index.md'],
    [layout('mkdocs-suffix'), 'docs/guide/intro.fr.md', 'docs/index.fr.md'],
    [layout('hugo-suffix', '.'), 'guide/intro.fr.md', 'index.fr.md'],
    [layout('vitepress'), 'docs/fr/guide/intro.md', 'docs/fr/index.md'],
    [layout('vitepress', '.'), 'fr/guide/intro.md', 'fr/index.md'],
  ])('%o', (l, nested, index) => {
    expect(localizedPath(l, 'fr', 'guide/intro.md')).toBe(nested);
    expect(localizedPath(l, 'fr', './guide/./intro.md')).toBe(nested);
    expect(localizedPath(l, 'fr', 'index.md')).toBe(index);
  });

  it('suffix layouts keep the extension as written', () => {
    expect(localizedPath(layout('mkdocs-suffix'), 'de', 'Guide/READ.MD')).toBe('docs/Guide/READ.de.MD');
    expect(localizedPath(layout('hugo-suffix', 'content'), 'zh-hant', 'a/b.markdown')).toBe('content/a/b.zh-hant.markdown');
    expect(localizedPath(layout('hugo-suffix', 'content'), 'fr', 'v1.0.md')).toBe('content/v1.0.fr.md');
  });

  it('rejects layouts that cannot work', () => {
    for (const dir of ['.', './', '']) {
      expect(() => localizedPath(layout('mkdocs', dir), 'fr', 'a.md')).toThrow(/subfolder \(such as docs\/en\)/);
      expect(() => localizedPath(layout('hugo', dir), 'fr', 'a.md')).toThrow(/subfolder \(such as content\/en\)/);
    }
    expect(() => localizedPath(layout('mkdocs', 'docs/en'), 'en', 'a.md')).toThrow(/over the English/);
    expect(() => localizedPath(layout('dist', 'docs', '../out'), 'fr', 'a.md')).toThrow(/outside the project/);
    expect(() => localizedPath(layout('vitepress', '../docs'), 'fr', 'a.md')).toThrow(/outside the project/);
    expect(() => localizedPath(layout('vitepress'), 'fr', '../a.md')).toThrow(/not a document path/);
    expect(() => localizedPath(layout('vitepress'), 'fr/x', 'a.md')).toThrow(/invalid language code/);
  });

  it('names every layout', () => {
    expect(LAYOUTS).toHaveLength(7);
    expect(LAYOUTS.every(isLayoutName)).toBe(true);
    expect(isLayoutName('jekyll')).toBe(false);
  });
});

describe('generatorLanguage', () => {
  const all = ['de-DE', 'ja-JP', 'zh-TW', 'zh-CN', 'pt-BR', 'pt-PT', 'fr'];
  it.each([
    ['docusaurus', 'de-DE', 'de'],
    ['mkdocs', 'ja-JP', 'ja'],
    ['vitepress', 'zh-TW', 'zh-Hant'],
    ['mkdocs-suffix', 'zh-CN', 'zh-Hans'],
    ['docusaurus', 'pt-BR', 'pt-BR'],
    ['docusaurus', 'pt-PT', 'pt-PT'],
    ['vitepress', 'fr', 'fr'],
    ['hugo', 'zh-TW', 'zh-hant'],
    ['hugo-suffix', 'pt-BR', 'pt-br'],
    ['hugo', 'de-DE', 'de'],
    ['dist', 'de-DE', 'de-DE'],
    ['dist', 'zh-TW', 'zh-TW'],
  ] as const)('%s %s → %s', (name, locale, code) => {
    expect(generatorLanguage(layout(name), locale, all)).toBe(code);
  });

  it('reads Chinese by script, then region', () => {
    const code = (locale: string) => generatorLanguage(layout('docusaurus'), locale, [locale]);
    expect(code('zh-Hant-TW')).toBe('zh-Hant');
    expect(code('zh-hant')).toBe('zh-Hant');
    expect(code('zh-HK')).toBe('zh-Hant');
    expect(code('zh-MO')).toBe('zh-Hant');
    expect(code('zh-Hans-HK')).toBe('zh-Hans');
    expect(code('zh-SG')).toBe('zh-Hans');
    expect(code('zh')).toBe('zh');
    expect(code('zh_TW')).toBe('zh-Hant');
  });

  it('keeps full tags where short codes would collide, overrides win', () => {
    expect(generatorLanguage(layout('docusaurus'), 'zh-TW', ['zh-TW', 'zh-HK'])).toBe('zh-TW');
    expect(generatorLanguage(layout('docusaurus'), 'de', ['de', 'de-CH'])).toBe('de');
    expect(generatorLanguage(layout('docusaurus'), 'de-CH', ['de', 'de-CH'])).toBe('de-CH');
    expect(generatorLanguage(layout('docusaurus'), 'de-DE', ['de-DE', 'de-de'])).toBe('de');
    expect(generatorLanguage(layout('mkdocs'), 'pt-BR', ['pt-BR', 'pt-PT'], { 'pt-BR': 'br' })).toBe('br');
    // pt-BR's override takes it out of the contest: pt-PT gets the short code.
    expect(generatorLanguage(layout('mkdocs'), 'pt-PT', ['pt-BR', 'pt-PT'], { 'pt-BR': 'br' })).toBe('pt');
    expect(generatorLanguage(layout('mkdocs'), 'pt-PT', ['pt-BR', 'pt-PT'], { 'pt-BR': 'pt' })).toBe('pt-PT');
    expect(generatorLanguage(layout('hugo'), 'zh-TW', ['zh-TW'], { 'zh-tw': 'zh-TW' })).toBe('zh-TW');
    expect(generatorLanguage(layout('dist'), 'de-DE', ['de-DE'], { 'de-DE': 'deutsch' })).toBe('deutsch');
  });
});

describe('isLocalizedOutput', () => {
  it('vitepress: under a language folder', () => {
    const l = layout('vitepress');
    expect(isLocalizedOutput(l, 'fr/guide/intro.md', ['fr', 'de'])).toBe(true);
    expect(isLocalizedOutput(l, 'de/index.md', ['fr', 'de'])).toBe(true);
    expect(isLocalizedOutput(l, 'guide/fr/intro.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(l, 'fr.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(l, 'french/a.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(l, 'fr/a.md', [])).toBe(false);
  });

  it('suffix layouts: *.<lang>.md', () => {
    for (const name of ['mkdocs-suffix', 'hugo-suffix'] as const) {
      const l = layout(name);
      expect(isLocalizedOutput(l, 'index.fr.md', ['fr'])).toBe(true);
      expect(isLocalizedOutput(l, 'guide/a.zh-hant.markdown', ['fr', 'zh-hant'])).toBe(true);
      expect(isLocalizedOutput(l, 'v1.0.md', ['fr'])).toBe(false);
      expect(isLocalizedOutput(l, 'index.fr.md', ['de'])).toBe(false);
      expect(isLocalizedOutput(l, 'fr.md', ['fr'])).toBe(false);
      expect(isLocalizedOutput(l, 'fr/index.md', ['fr'])).toBe(false);
    }
  });

  it('other layouts: only where their output folder lies inside sourceDir', () => {
    expect(isLocalizedOutput(layout('dist'), 'dist/fr/a.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(layout('dist', '.'), 'dist/fr/a.md', ['fr'])).toBe(true);
    expect(isLocalizedOutput(layout('dist', '.'), 'dist/en/a.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(layout('docusaurus', '.'), 'i18n/fr/docusaurus-plugin-content-docs/current/a.md', ['fr'])).toBe(true);
    expect(isLocalizedOutput(layout('docusaurus'), 'i18n/fr/docusaurus-plugin-content-docs/current/a.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(layout('mkdocs', 'docs/en'), 'fr/a.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(layout('hugo', 'content'), 'fr/a.md', ['fr'])).toBe(false);
    // An impossible layout fails where paths are made, not while sources are listed.
    expect(isLocalizedOutput(layout('mkdocs', '.'), 'fr/a.md', ['fr'])).toBe(false);
    expect(isLocalizedOutput(layout('mkdocs', 'docs/en'), 'a.md', ['en', 'fr'])).toBe(false);
  });
});

describe('relativeTarget', () => {
  it.each([
    ['a.md', 'b.md', 'b.md'],
    ['x/a.md', 'x/b.md', 'b.md'],
    ['x/a.md', 'y/b.md', '../y/b.md'],
    ['a.md', 'x/y/b.png', 'x/y/b.png'],
    ['./x/./a.md', 'x/img/b.png', 'img/b.png'],
  ])('%s → %s', (from, to, rel) => {
    expect(relativeTarget(from, to)).toBe(rel);
  });
});

/** `rewriteLinks` with every destination replaced by `X`, and the destinations it was asked about. */
function marked(markdown: string): { out: string; urls: string[] } {
  const urls: string[] = [];
  const out = rewriteLinks(markdown, (url) => {
    urls.push(url);
    return 'X';
  });
  return { out, urls };
}

describe('rewriteLinks', () => {
  it.each([
    ['[a](b.md)', '[a](X)', ['b.md']],
    ['![a](b.png)', '![a](X)', ['b.png']],
    ['[a](b.md "t") [c](d.md \'t\') [e](f.md (t))', '[a](X "t") [c](X \'t\') [e](X (t))', ['b.md', 'd.md', 'f.md']],
    ['[a](<b c.md> "t")', '[a](<X> "t")', ['b c.md']],
    ['[a]( b.md  "t" )', '[a]( X  "t" )', ['b.md']],
    ['[a [b] [c [d]]](e.md)', '[a [b] [c [d]]](X)', ['e.md']],
    ['![a\\]b](c.png)', '![a\\]b](X)', ['c.png']],
    ['[a\\](b)](c.md)', '[a\\](b)](X)', ['c.md']],
    ['[`](x)`](y.md)', '[`](x)`](X)', ['y.md']],
    ['[a](u "](v")', '[a](X "](v")', ['u']],
    // The first `](` (in a code span) reads to the end too, as `x` with a title: the URL tells them apart.
    ['[`](x "`](y")', '[`](x "`](X)', ['y"']],
    ['[a](b(c).md)', '[a](X)', ['b(c).md']],
    ['[a](b\\(c.md)', '[a](X)', ['b\\(c.md']],
    ['[a](&#x41;&amp;.md)', '[a](X)', ['&#x41;&amp;.md']],
    ['[![i](i.png "t")](p.md)', '[![i](X "t")](X)', ['p.md', 'i.png']],
    ['[a]()', '[a](X)', ['']],
    ['[a](<>)', '[a](<X>)', ['']],
    ['> [a](b.md\n> "t")', '> [a](X\n> "t")', ['b.md']],
    ['- x\n\n  [a](b.md)', '- x\n\n  [a](X)', ['b.md']],
    ['[r]: d.md "t"\n\n[x][r] [r]', '[r]: X "t"\n\n[x][r] [r]', ['d.md']],
    ['[r]:\n  <d e.md>', '[r]:\n  <X>', ['d e.md']],
    ['- [r]: d.md', '- [r]: X', ['d.md']],
    ['a <img src="x.png"> b', 'a <img src="X"> b', ['x.png']],
    ["a <img alt='q' SRC='x.png'/> b", "a <img alt='q' SRC='X'/> b", ['x.png']],
    ['a <a href=x.md title="<img src=y.png>">b</a>', 'a <a href=X title="<img src=y.png>">b</a>', ['x.md']],
    [
      '<div>\n<img\n  src = "x.png">\n<!-- <img src="c.png"> -->\n<a class=x href=y.md>y</a>\n</div>',
      '<div>\n<img\n  src = "X">\n<!-- <img src="c.png"> -->\n<a class=x href=X>y</a>\n</div>',
      ['x.png', 'y.md'],
    ],
    ['<p><img data-src="a.png" src="b.png"><a name="x" src="c">', '<p><img data-src="a.png" src="X"><a name="x" src="c">', ['b.png']],
    ['`[a](b.md)` `<img src="c.png">`', '`[a](b.md)` `<img src="c.png">`', []],
    ['```\n[a](b.md)\n<img src="c.png">\n```\n\n    [d](e.md)', '```\n[a](b.md)\n<img src="c.png">\n```\n\n    [d](e.md)', []],
    ['<https://a.b/c> https://d.e/(f) www.g.h a@b.co [x][y] [z]', '<https://a.b/c> https://d.e/(f) www.g.h a@b.co [x][y] [z]', []],
    ['[https://a.b](https://a.b)', '[https://a.b](X)', ['https://a.b']],
  ])('%j', (markdown, expected, urls) => {
    const result = marked(markdown);
    expect(result.out).toBe(expected);
    expect([...result.urls].sort()).toEqual([...urls].sort());
  });

  it('keeps a replacement a destination of the same kind', () => {
    expect(rewriteLinks('[a](b.md "t")', () => 'c d.md')).toBe('[a](<c d.md> "t")');
    expect(rewriteLinks('[a](b.md)', () => 'x)y')).toBe('[a](<x)y>)');
    expect(rewriteLinks('[a](<b>)', () => 'x>y')).toBe('[a](<x\\>y>)');
    expect(rewriteLinks('<img src=b.png>', () => 'c d.png')).toBe('<img src="c d.png">');
    expect(rewriteLinks('<img src="b.png">', () => 'c"d.png')).toBe('<img src="c&quot;d.png">');
    expect(rewriteLinks("<img src='b.png'>", () => "c'd.png")).toBe("<img src='c&#39;d.png'>");
    expect(rewriteLinks('[a](b.md) [c](d.md)', (u) => (u === 'd.md' ? 'e.md' : undefined))).toBe('[a](b.md) [c](e.md)');
  });

  /** Markdown made of the hard cases of destinations, in any order, among syntax characters. */
  const linky = fc
    .array(
      fc.oneof(
        fc.constantFrom('[', ']', '(', ')', '<', '>', '"', "'", '\\', '!', ' ', '\n', '\n\n', '`', 'word', '> ', '- ', '    '),
        fc.constantFrom(
          '[a](b.md)',
          '[a](b.md "t")',
          "[a](b.md 't')",
          '[a](b.md (t))',
          '[a](<b c.md>)',
          '[a [b] c](d.md)',
          '![a\\]b](i.png)',
          '[![i](i.png)](p.md)',
          '[`](x)`](y.md)',
          '[a](u "](v")',
          '[a](b(c).md)',
          '[a](\\(b.md)',
          '[a](b&amp;c.md)',
          '[a](&#x41;.md)',
          '[a]( b.md )',
          '[a]()',
          '[a](<>)',
          '[x][r]',
          '\n\n[r]: d.md "t"\n\n',
          '\n\n[s]:\n  <e f.md>\n\n',
          '<img src="x.png">',
          "<img src='x.png'>",
          '<img src=x.png>',
          '<a href="a.md">a</a>',
          '\n\n<div>\n<a href=b.md>b</a>\n<!-- <img src="c.png"> -->\n</div>\n\n',
          '`[c](d.md)`',
          '\n\n```\n[c](d.md)\n```\n\n',
          '<https://x.y>',
          'https://x.y/(z)',
          '> [q](l.md\n> "tt")',
        ),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));
  const anything = fc.oneof(linky, anyMarkdown, document);

  it('leaves every byte alone when nothing is rewritten, or rewritten to itself', () => {
    fc.assert(
      fc.property(anything, (md) => {
        expect(rewriteLinks(md, () => undefined)).toBe(md);
        expect(rewriteLinks(md, (u) => u)).toBe(md);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  /** The URL of every link, image and definition written with a destination (`](…)`, `]:`), in order. */
  const destinations = (md: string): string[] => {
    const out: string[] = [];
    const visit = (node: Nodes): void => {
      const at = node.position?.start.offset ?? 0;
      if (node.type === 'definition' || ((node.type === 'link' || node.type === 'image') && /^!?\[/.test(md.slice(at)) && md[node.position!.end.offset! - 1] === ')')) out.push(node.url);
      if ('children' in node) for (const kid of node.children as Nodes[]) visit(kid);
    };
    visit(parseMarkdown(md));
    return out;
  };

  it('finds exactly the destinations the parser reads', () => {
    fc.assert(
      fc.property(anything, (md) => {
        const before = destinations(md);
        const out = rewriteLinks(md, () => 'Z');
        expect(destinations(out)).toEqual(before.map(() => 'Z'));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});

describe('linkRewriter', () => {
  const assets = new Set(['guide/img/a.png', 'guide/img/my pic.png', 'logo.png']);
  const documents = new Set(['index.md', 'guide/intro.md', 'guide/other.md', 'ref/api.md']);
  const localized = new Set(['index.md', 'guide/intro.md', 'guide/other.md']);
  const rewriter = (l: Layout, sourcePath = 'guide/intro.md') =>
    linkRewriter({ layout: l, lang: 'fr', sourcePath, isDocument: (p) => localized.has(p), exists: (p) => assets.has(p) || documents.has(p) });
  /** Where `url` points from the localized copy of `sourcePath`. */
  const resolved = (l: Layout, url: string, sourcePath = 'guide/intro.md') => normalize(join(dirname(localizedPath(l, 'fr', sourcePath)), decodeURIComponent(url.replace(/[?#].*/s, ''))));

  it('docusaurus: assets and documents not localized go to the English files', () => {
    const l = layout('docusaurus');
    const rw = rewriter(l);
    const asset = rw('./img/a.png');
    expect(asset).toBe('../../../../../docs/guide/img/a.png');
    expect(resolved(l, asset!)).toBe('docs/guide/img/a.png');
    expect(rw('img/a.png?raw=1#top')).toBe('../../../../../docs/guide/img/a.png?raw=1#top');
    expect(rw('../logo.png')).toBe('../../../../../docs/logo.png');
    expect(rw('img/my%20pic.png')).toBe('../../../../../docs/guide/img/my%20pic.png');
    expect(rw('img/my pic.png')).toBe('../../../../../docs/guide/img/my pic.png');
    // Segments of the link keep their spelling; others get spaces encoded.
    const spaced = linkRewriter({ layout: layout('docusaurus', 'my docs'), lang: 'fr', sourcePath: 'guide/intro.md', isDocument: () => false, exists: (p) => p === 'café.png' });
    expect(spaced('../caf%C3%A9.png')).toBe('../../../../../my%20docs/caf%C3%A9.png');
    expect(spaced('../café.png')).toBe('../../../../../my%20docs/café.png');
    expect(spaced('../cafe.png')).toBeUndefined();
    expect(rw('../ref/api.md#x')).toBe('../../../../../docs/ref/api.md#x');
    expect(resolved(l, rw('../ref/api.md#x')!)).toBe('docs/ref/api.md');
    // Localized documents mirror the English tree: their links already resolve.
    expect(rw('other.md#x')).toBeUndefined();
    expect(rw('../index.md')).toBeUndefined();
    expect(resolved(l, '../index.md')).toBe(localizedPath(l, 'fr', 'index.md'));
  });

  it('leaves alone what it must not touch', () => {
    const rw = rewriter(layout('docusaurus'));
    for (const url of [
      '',
      '#top',
      '?x',
      '/docs/logo.png',
      '//cdn.example/a.png',
      'https://example.com/a.png',
      'mailto:a@b.co',
      'C:/x.png',
      '../../outside.png',
      '../..',
      'missing.png',
      'img/',
      './',
      '.',
    ])
      expect(rw(url), url).toBeUndefined();
  });

  it('mkdocs folders and suffixes', () => {
    const folders = layout('mkdocs', 'docs/en');
    expect(rewriter(folders)('img/a.png')).toBe('../../en/guide/img/a.png');
    expect(rewriter(folders)('../ref/api.md')).toBe('../../en/ref/api.md');
    expect(rewriter(folders)('other.md')).toBeUndefined();
    const suffix = layout('mkdocs-suffix');
    expect(rewriter(suffix)('other.md#x')).toBe('other.fr.md#x');
    expect(rewriter(suffix)('./other.md')).toBe('other.fr.md');
    expect(rewriter(suffix)('../index.md')).toBe('../index.fr.md');
    expect(rewriter(suffix)('intro.md#self')).toBe('intro.fr.md#self');
    expect(rewriter(suffix)('../ref/api.md')).toBeUndefined();
    expect(rewriter(suffix)('img/a.png')).toBeUndefined();
  });

  it('vitepress', () => {
    const l = layout('vitepress');
    expect(rewriter(l)('img/a.png')).toBe('../../guide/img/a.png');
    expect(rewriter(l, 'index.md')('logo.png')).toBe('../logo.png');
    expect(rewriter(l, 'index.md')('guide/intro.md')).toBeUndefined();
  });

  it('rewrites a whole document, only where needed', () => {
    const md = '# Intro\n\nSee [other](other.md#x), [API](../ref/api.md "API") and `[code](other.md)`.\n\n![logo](../logo.png)\n\n<img src="img/a.png" width=10>\n\n[home]: ../index.md\n';
    expect(rewriteLinks(md, rewriter(layout('hugo-suffix')))).toBe(md.replace('other.md#x', 'other.fr.md#x').replace('../index.md', '../index.fr.md'));
  });

  const segment = fc.constantFrom('a', 'b', 'guide', 'img', 'x y', 'ü', 'c.d');
  const file = fc.tuple(fc.array(segment, { maxLength: 3 }), segment, fc.constantFrom('.md', '.png', '.MD')).map(([dirs, name, ext]) => [...dirs, name + ext].join('/'));
  const layouts = [
    layout('dist'),
    layout('dist', '.'),
    layout('docusaurus'),
    layout('docusaurus', '.'),
    layout('mkdocs', 'docs/en'),
    layout('mkdocs', 'docs'),
    layout('mkdocs-suffix'),
    layout('hugo', 'content'),
    layout('hugo', 'content/en'),
    layout('hugo-suffix', '.'),
    layout('vitepress'),
    layout('vitepress', '.'),
  ];

  it('every layout: a link from a localized document reaches the localized document or the English file', () => {
    expect(new Set(layouts.map((l) => l.name))).toEqual(new Set(LAYOUTS));
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.constantFrom('fr', 'zh-Hant'),
        file,
        file,
        fc.boolean(),
        fc.constantFrom('plain', 'dot', 'encoded'),
        fc.constantFrom('', '#frag', '?q=1#f'),
        (l, lang, a, b, isLocalized, style, rest) => {
          const isDocument = (p: string) => p === b && isLocalized && /\.md$/i.test(p);
          const rw = linkRewriter({ layout: l, lang, sourcePath: a, isDocument, exists: (p) => p === b });
          const rel = relativeTarget(a, b);
          const url = (style === 'encoded' ? encodeURI(rel) : style === 'dot' && !rel.startsWith('../') ? `./${rel}` : rel) + rest;
          const result = rw(url) ?? url;
          expect(result.endsWith(rest)).toBe(true);
          const where = normalize(join(dirname(localizedPath(l, lang, a)), decodeURIComponent(result.slice(0, result.length - rest.length))));
          expect(where).toBe(isDocument(b) ? localizedPath(l, lang, b) : normalize(join(l.sourceDir, b)));
          expect(result.startsWith('/')).toBe(false);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });
});
