/**
 * Page navigation (html/toc.ts, html/nav.ts): the TOC readers on the projects of test/fixtures/toc
 * (toc.yml, TOC.md, the folder tree, nested TOC files, hostile input), the per-locale model and
 * its rendering, and the build: every page shows it, filled again only when it changes.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/commands/build.js';
import { messagesFor } from '../pipeline/html/messages.js';
import { fillNav, localeNav, pageNav, tocScript } from '../pipeline/html/nav.js';

/** The entries of a locale's TOC script (`sxsToc([...]);`), as the page script reads them. */
const tocData = (script: string): unknown => JSON.parse(/^sxsToc\(([\s\S]*)\);\n$/.exec(script)![1]!);
import { navSlot } from '../pipeline/html/page.js';
import { folderToc, readToc, type TocEntry } from '../pipeline/html/toc.js';
import { listFiles } from '../pipeline/util/fs.js';
import { sxsIn } from './support/cli.js';
import { FIXTURES } from './support/fixtures.js';
import { makeProject } from './support/project.js';

const TOC = join(FIXTURES, 'toc');
const read = (name: string) => {
  const source = join(TOC, name, 'source');
  return { source, ...readToc(source, listFiles(source, '.md')) };
};
const where = (toc: ReturnType<typeof read>) => toc.problems.map((p) => `${p.file.slice(toc.source.length + 1)}:${p.line} ${p.severity} ${p.rule}: ${p.message}`);
const doc = (path: string, name?: string, items: TocEntry[] = []): TocEntry => ({ ...(name === undefined ? {} : { name }), path, items });

describe('TOC readers', () => {
  it('toc.yml: nested entries, a #section kept, a folder link bringing its own toc.yml in, an external URL', () => {
    const toc = read('yml');
    expect(toc.file).toBe('toc.yml');
    expect(toc.problems).toEqual([]);
    expect(toc.entries).toEqual([
      doc('index.md', 'Overview'),
      { name: 'Guide', items: [doc('guide/install.md', 'Install'), { ...doc('guide/configure.md', 'Configure', [doc('guide/advanced.md')]), fragment: '#options' }] },
      { name: 'API reference', items: [doc('api/functions.md', 'Functions')] },
      { name: 'Project site', url: 'https://example.com/project', items: [] },
    ]);
  });

  it('TOC.md: headings holding links, nested by level; text headings are groups; code and other lines ignored', () => {
    const toc = read('md');
    expect(toc.file).toBe('TOC.md');
    expect(toc.problems).toEqual([]);
    expect(toc.entries).toEqual([
      doc('index.md', 'Home', [doc('ecosystem-roadmap.md', 'Ecosystem Roadmap'), doc('definitions.md', 'Definitions')]),
      { name: 'About consoles', items: [doc('console/handles.md', 'Console [legacy] handles', [doc('console/modes.md', 'Console modes')])] },
      doc('console/reference.md', 'Reference'),
    ]);
  });

  it('the folder tree without a TOC: documents in path order, folders as groups, an index.md as its folder’s page', () => {
    const toc = read('tree');
    expect(toc.file).toBeUndefined();
    expect(toc.entries).toEqual([
      doc('index.md'),
      doc('a-first.md'),
      { name: 'console', items: [doc('console/allocconsole.md')] },
      { path: 'nuget/index.md', items: [{ name: 'concepts', items: [doc('nuget/concepts/versioning.md')] }, doc('nuget/what-is-nuget.md')] },
    ]);
    expect(folderToc([])).toEqual([]);
  });

  it('hostile entries: a warning at the line of each, kept as text; nothing outside the source folder is followed', () => {
    const toc = read('hostile');
    expect(where(toc)).toEqual([
      'toc.yml:19 warning build/toc-entry: an entry is not a mapping of name, href and items: "just a string"; left out',
      'toc.yml:20 warning build/toc-entry: name is not text: {"nested":"mapping"}; ignored',
      'toc.yml:22 warning build/toc-entry: the items of "Items that are not a list" are not a list; ignored',
      'toc.yml:1 warning build/toc-entry: an entry is not a mapping of name, href and items: null; left out',
      'toc.yml:1 warning build/toc-entry: "../outside.md" points outside the source folder; the entry is shown as text',
      'toc.yml:3 warning build/toc-entry: "docs/../../../etc/passwd" points outside the source folder; the entry is shown as text',
      'toc.yml:5 warning build/toc-entry: "/docs/page.md" is a site-absolute path: only paths relative to the table of contents are followed; the entry is shown as text',
      'toc.yml:7 warning build/toc-entry: "javascript:alert(1)" is neither a relative path nor an http(s) or mailto URL; the entry is shown as text',
      'toc.yml:9 warning build/toc-entry: "data:text/html,<script>alert(1)</script>" is neither a relative path nor an http(s) or mailto URL; the entry is shown as text',
      'toc.yml:11 warning build/toc-entry: "docs/missing.md" points at no file of the source folder; the entry is shown as text',
      'toc.yml:13 warning build/toc-entry: "docs/picture.png" is not a Markdown document; the entry is shown as text',
    ]);
    const text = (name: string): TocEntry => ({ name, items: [] });
    expect(toc.entries).toEqual([
      text('Outside the project'),
      text('Far outside'),
      text('Site-absolute'),
      text('Script'),
      text('Data'),
      text('Missing'),
      text('An image'),
      doc('docs/page.md', '<img src=x onerror=alert(1)><script>alert(2)</script>'),
      { name: '" onmouseover="alert(3)', url: 'https://example.com/?a="b"&c=<d>', items: [] },
      doc('docs/page.md'),
      text('Items that are not a list'),
      { ...doc('docs/page.md', 'Kept'), fragment: '#frag' },
    ]);
    // Rendered, every name and URL is text or an escaped attribute: no markup of the TOC's own.
    const nav = localeNav(toc.entries, new Map([['docs/page.md', 'Page']]), 'en-US');
    const html = Object.values(pageNav(nav, 'en-US', 'docs/page.md', messagesFor('en-US'))).join('\n');
    expect(html).not.toMatch(/<(?:img|script>)|onmouseover="|href="(?:javascript|data):/);
    expect(html).toContain('<a href="page.html" aria-current="page">&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;</a>');
    // The TOC is data the page script sets as text: no `<` in the script, every name as written.
    const script = tocScript(nav);
    expect(script).not.toContain('<');
    const data = JSON.stringify(tocData(script));
    expect(data).toContain('{"t":"<img src=x onerror=alert(1)><script>alert(2)</script>","h":"docs/page.html"}');
    expect(data).toContain('{"t":"\\" onmouseover=\\"alert(3)","u":"https://example.com/?a=\\"b\\"&c=<d>"}');
    expect(data).toContain('{"t":"Outside the project"}');
  });

  it('a TOC that is not a list, or not YAML, is a build/toc warning: the folder tree is shown instead', () => {
    const notAList = read('not-a-list');
    expect(where(notAList)).toEqual(['toc.yml:1 warning build/toc: the table of contents is not a YAML list of entries ({ name, href, items }); the folder tree is shown instead']);
    expect(notAList.entries).toEqual([{ name: 'a', items: [doc('a/b.md')] }]);
    const badYaml = read('bad-yaml');
    expect(where(badYaml)).toEqual([expect.stringMatching(/^toc\.yml:3 warning build\/toc: the table of contents is not valid YAML \(.+\); the folder tree is shown instead$/)]);
    expect(badYaml.entries).toEqual([doc('home.md')]);
  });

  it('a TOC file that brings itself in again is cut there', () => {
    const toc = read('cycle');
    expect(where(toc)).toEqual(['sub/toc.yml:3 warning build/toc-entry: "../toc.yml" would include toc.yml again (or too deep); left out']);
    expect(toc.entries).toEqual([doc('top.md', 'Top'), { name: 'Sub', items: [doc('sub/leaf.md', 'Leaf'), { name: 'Back', items: [] }] }]);
  });

  it('YAML aliases that repeat a list 10¹¹ times: bounded, quickly, with a warning', () => {
    const started = performance.now();
    const toc = read('bomb');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(where(toc)).toEqual(['toc.yml:1 warning build/toc-entry: the table of contents has more than 20000 entries or 24 levels; the rest is left out']);
    let count = 0;
    const walk = (entries: readonly TocEntry[]) => entries.forEach((e) => (count++, walk(e.items)));
    walk(toc.entries);
    expect(count).toBeLessThanOrEqual(20_000);
  });
});

describe('the navigation of a locale', () => {
  const toc = read('yml').entries;
  const english = new Map([
    ['index.md', 'Overview'],
    ['guide/install.md', 'Install'],
    ['guide/configure.md', 'Configure'],
    ['guide/advanced.md', 'Advanced settings'],
    ['api/functions.md', 'Functions'],
  ]);
  // de-DE: install translated, configure not (its title is the English), advanced settings and the API out of its scope.
  const german = new Map([
    ['index.md', 'Übersicht'],
    ['guide/install.md', 'Installieren'],
    ['guide/configure.md', 'Configure'],
  ]);

  it('titles entries with the translated title, else the TOC’s English name (marked as English); leaves out what the locale does not have', () => {
    const nav = localeNav(toc, german, 'en-US', english);
    expect(nav.items).toEqual([
      { title: 'Übersicht', path: 'index.md', items: [] },
      {
        title: 'Guide',
        lang: 'en-US',
        items: [
          { title: 'Installieren', path: 'guide/install.md', items: [] },
          { title: 'Configure', lang: 'en-US', path: 'guide/configure.md', fragment: '#options', items: [] },
        ],
      },
      { title: 'Project site', lang: 'en-US', url: 'https://example.com/project', items: [] },
    ]);
    expect(nav.order).toEqual(['index.md', 'guide/install.md', 'guide/configure.md']);
    // The source locale: the TOC's names, a document's title where the TOC gives none.
    const source = localeNav(toc, english, 'en-US');
    expect(source.order).toEqual(['index.md', 'guide/install.md', 'guide/configure.md', 'guide/advanced.md', 'api/functions.md']);
    expect(source.trails.get('guide/advanced.md')!.map((i) => i.title)).toEqual(['Guide', 'Configure', 'Advanced settings']);
    // The hash changes with a title, not with anything else.
    expect(localeNav(toc, german, 'en-US', english).hash).toBe(nav.hash);
    expect(localeNav(toc, new Map([...german, ['guide/install.md', 'Installation']]), 'en-US', english).hash).not.toBe(nav.hash);
  });

  it('renders links relative to each page, the current one marked, a breadcrumb and previous/next in TOC order', () => {
    const nav = localeNav(toc, english, 'en-US');
    const m = messagesFor('de-DE');
    const page = pageNav(nav, 'de-DE', 'guide/configure.md', m);
    // The TOC's place: the page script fills it from the locale's TOC, links from the locale's folder.
    expect(page.toc).toBe(
      '<nav class="sxs-toc" aria-label="Inhalt"><details><summary>Inhalt</summary>\n<div class="sxs-toc-list" data-root="../" data-page="guide/configure.html"></div>\n</details></nav>\n<script src="../../_sxs/toc/de-DE.js" defer></script>',
    );
    expect(tocData(tocScript(nav))).toEqual([
      { t: 'Overview', h: 'index.md.html' },
      {
        t: 'Guide',
        c: [
          { t: 'Install', h: 'guide/install.html' },
          { t: 'Configure', h: 'guide/configure.html#options', c: [{ t: 'Advanced settings', h: 'guide/advanced.html' }] },
        ],
      },
      { t: 'API reference', c: [{ t: 'Functions', h: 'api/functions.html' }] },
      { t: 'Project site', u: 'https://example.com/project' },
    ]);
    expect(page.crumbs).toBe(
      '<nav class="sxs-breadcrumb" aria-label="Navigationspfad"><ol><li><a href="../index.html">Alle Dokumente</a></li><li><span>Guide</span></li><li><a href="configure.html#options" aria-current="page">Configure</a></li></ol></nav>',
    );
    expect(page.pager).toBe(
      '<nav class="sxs-pager" aria-label="Vorherige und nächste Seite"><a class="sxs-prev" rel="prev" href="install.html"><span class="sxs-pager-label">Zurück</span> <span class="sxs-pager-title">Install</span></a><a class="sxs-next" rel="next" href="advanced.html"><span class="sxs-pager-label">Weiter</span> <span class="sxs-pager-title">Advanced settings</span></a></nav>',
    );
    // The first page has no previous one, the last no next one; the locale's index page has only the TOC.
    expect(pageNav(nav, 'de-DE', 'index.md', m).pager).not.toContain('rel="prev"');
    expect(pageNav(nav, 'de-DE', 'index.md', m).toc).toContain('data-root="" data-page="index.md.html"');
    expect(pageNav(nav, 'de-DE', 'api/functions.md', m).pager).not.toContain('rel="next"');
    const index = pageNav(nav, 'de-DE', undefined, m);
    expect(index).toMatchObject({ crumbs: '', pager: '' });
    expect(index.toc).toContain('data-root="" data-page=""');
    expect(index.toc).toContain('<script src="../_sxs/toc/de-DE.js" defer></script>');
  });

  it('a page the TOC does not list: the breadcrumb names it alone, no previous or next', () => {
    const nav = localeNav(toc, new Map([...english, ['includes/banner.md', 'Banner']]), 'en-US');
    const page = pageNav(nav, 'en-US', 'includes/banner.md', messagesFor('en-US'));
    expect(page.crumbs).toContain('<li><a href="../index.html">All documents</a></li><li><a href="banner.html" aria-current="page">Banner</a></li>');
    expect(page.pager).toBe('');
    expect(page.toc).not.toContain('aria-current');
  });

  it('file names that need escaping in a URL are encoded', () => {
    const nav = localeNav([doc('a b/c#d?.md', 'X')], new Map([['a b/c#d?.md', 'X']]), 'en-US');
    expect(tocData(tocScript(nav))).toEqual([{ t: 'X', h: 'a%20b/c%23d%3F.html' }]);
    expect(pageNav(nav, 'en-US', 'a b/c#d?.md', messagesFor('en-US')).toc).toContain('data-root="../" data-page="a%20b/c%23d%3F.html"');
  });

  it('fills the slots of a page; a page without them is left alone', () => {
    const page = `<body>${navSlot('toc')}<div>${navSlot('crumbs', 'old')}<main>text</main>${navSlot('pager')}</div></body>`;
    expect(fillNav(page, { toc: 'T', crumbs: 'C', pager: 'P' })).toBe(
      '<body><!--sxs-toc-->T<!--/sxs-toc--><div><!--sxs-crumbs-->C<!--/sxs-crumbs--><main>text</main><!--sxs-pager-->P<!--/sxs-pager--></div></body>',
    );
    expect(fillNav('<body><main>text</main></body>', { toc: 'T', crumbs: 'C', pager: 'P' })).toBeUndefined();
  });
});

describe('navigation in the build', () => {
  /** A project with a TOC, pseudo-translated; built once with the incremental record. */
  async function project() {
    const p = makeProject(['qps-ploc']);
    p.write('source/toc.yml', '- name: Start\n  href: start.md\n- name: Guide\n  items:\n    - name: Install\n      href: guide/install.md\n    - name: Gone\n      href: guide/gone.md\n');
    p.write('source/start.md', '---\ntitle: Getting started\n---\n# Getting started\n\nStart here.\n');
    p.write('source/guide/install.md', '# Installing the tool\n\nRun the installer.\n');
    expect((await sxsIn(p.root, ['pseudo', '--locale', 'qps-ploc'])).code).toBe(0);
    return p;
  }
  const html = (root: string, page: string) => readFileSync(join(root, 'dist', page), 'utf8');
  /** A locale's TOC as its pages' script reads it (one file per locale: `_sxs/toc/<locale>.js`). */
  const tocOf = (root: string, locale: string) => JSON.stringify(tocData(readFileSync(join(root, 'dist', '_sxs', 'toc', `${locale}.js`), 'utf8')));
  const mtime = (root: string, page: string) => statSync(join(root, 'dist', page)).mtimeMs;

  it('every page shows the TOC in its language; a missing entry is a warning, not a failure', async () => {
    const p = await project();
    const r = await sxsIn(p.root, ['build']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('source/toc.yml:7:1: warning build/toc-entry: "guide/gone.md" points at no file of the source folder; the entry is shown as text');
    const page = html(p.root, 'qps-ploc/guide/install.html');
    expect(page).toContain('<div class="sxs-toc-list" data-root="../" data-page="guide/install.html"></div>');
    expect(page).toContain('<script src="../../_sxs/toc/qps-ploc.js" defer></script>');
    expect(tocOf(p.root, 'qps-ploc')).toMatch(
      /^\[\{"t":"\[Ĝéţţîñĝ šţåŕţéð[^"]*\]","h":"start\.html"\},\{"t":"Guide","l":"en-US","c":\[\{"t":"\[Îñšţåļļîñĝ ţĥé ţööļ[^"]*\]","h":"guide\/install\.html"\},\{"t":"Gone","l":"en-US"\}\]\}\]$/,
    );
    expect(page).toMatch(/<a class="sxs-prev" rel="prev" href="\.\.\/start\.html">/);
    expect(html(p.root, 'en-US/start.html')).toContain(
      '<a class="sxs-next" rel="next" href="guide/install.html"><span class="sxs-pager-label">Next</span> <span class="sxs-pager-title">Install</span></a>',
    );
    expect(html(p.root, 'qps-ploc/index.html')).toContain('<nav class="sxs-toc"');
    // The Markdown is not touched by any of it.
    expect(p.read('dist/qps-ploc/start.md')).not.toContain('sxs-toc');
  });

  it('rebuilds nothing when nothing changed; an edited TOC or a translated title rewrites the locale’s TOC file, not its pages', async () => {
    const p = await project();
    expect((await sxsIn(p.root, ['build'])).code).toBe(0);
    const pages = ['qps-ploc/start.html', 'qps-ploc/guide/install.html', 'en-US/start.html'];
    const before = pages.map((page) => mtime(p.root, page));
    await new Promise((r) => setTimeout(r, 20));
    let r = await sxsIn(p.root, ['build']);
    expect(r.stdout).toContain('(2 unchanged, not rebuilt)');
    expect(pages.map((page) => mtime(p.root, page))).toEqual(before);

    // The TOC: no document is rebuilt; each locale's TOC file is written again, and of the pages only
    // the one whose breadcrumb shows the renamed group.
    p.write('source/toc.yml', p.read('source/toc.yml').replace('name: Guide', 'name: User guide'));
    r = await sxsIn(p.root, ['build']);
    expect(r.stdout).toContain('(2 unchanged, not rebuilt)');
    expect([mtime(p.root, pages[0]!), mtime(p.root, pages[2]!)]).toEqual([before[0], before[2]]);
    expect(html(p.root, 'qps-ploc/guide/install.html')).toContain('<li><span lang="en-US">User guide</span></li>');
    for (const locale of ['qps-ploc', 'en-US']) expect(tocOf(p.root, locale), locale).toContain('"t":"User guide"');

    // A title translated anew: the other page of the locale shows it, the English pages are left alone.
    const store = 'translations/qps-ploc/guide/install.md.xlf';
    const english = mtime(p.root, 'en-US/start.html');
    p.write(store, p.read(store).replace(/\\?\[Îñšţåļļîñĝ ţĥé ţööļ[^<]*\]/, 'Installation (neu)'));
    r = await sxsIn(p.root, ['build']);
    expect(r.stdout).toContain('(1 unchanged, not rebuilt)');
    expect(tocOf(p.root, 'qps-ploc')).toContain('{"t":"Installation (neu)","h":"guide/install.html"}');
    // The page after it in TOC order names it in its previous link; the English pages are left alone.
    expect(html(p.root, 'qps-ploc/start.html')).toContain('<span class="sxs-pager-title">Installation (neu)</span>');
    expect(mtime(p.root, 'en-US/start.html')).toBe(english);
  });

  it('without a TOC the folder tree; the same navigation from build() in this thread', async () => {
    const p = await project();
    p.write('source/toc.yml', '');
    const report = build({ config: p.config, locales: [], mode: 'bilingual' });
    // An empty toc.yml is not a list: the folder tree instead.
    expect(report.problems.map((x) => x.rule)).toEqual(['build/toc']);
    expect(tocOf(p.root, 'en-US')).toBe('[{"t":"guide","c":[{"t":"Installing the tool","h":"guide/install.html"}]},{"t":"Getting started","h":"start.html"}]');
    writeFileSync(join(p.root, 'source', 'toc.yml'), '- name: Only\n  href: start.md\n');
    build({ config: p.config, locales: [], mode: 'bilingual' });
    expect(tocOf(p.root, 'en-US')).toBe('[{"t":"Only","h":"start.html"}]');
  });
  it('sxs index fills the pages of shards built apart with the navigation of the whole', async () => {
    const p = await project();
    for (const shard of ['1/2', '2/2']) expect((await sxsIn(p.root, ['build', '--shard', shard])).code).toBe(0);
    // Each shard's pages are written before the other shard's titles are known: their slots are empty.
    expect(html(p.root, 'en-US/start.html')).toContain('<!--sxs-toc--><!--/sxs-toc-->');
    const r = await sxsIn(p.root, ['index']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning build/toc-entry: "guide/gone.md" points at no file');
    for (const page of ['en-US/start.html', 'en-US/guide/install.html', 'qps-ploc/start.html', 'qps-ploc/guide/install.html']) {
      expect(html(p.root, page), page).toContain('<a href="');
      expect(html(p.root, page), page).toMatch(/<nav class="sxs-toc"[^]*<div class="sxs-toc-list"[^]*<nav class="sxs-breadcrumb"[^]*aria-current="page"[^]*<nav class="sxs-pager"/);
    }
    for (const locale of ['en-US', 'qps-ploc']) expect(tocOf(p.root, locale), locale).toContain('"h":"guide/install.html"');
  });

  it('serve fills the navigation again when the TOC file is edited', async () => {
    const { serve } = await import('../pipeline/commands/serve.js');
    const { loadConfig } = await import('../pipeline/core/config.js');
    const p = await project();
    const lines: string[] = [];
    const server = await serve({ config: loadConfig(p.root), configFile: join(p.root, 'sxs.config.json'), port: 0, host: '127.0.0.1', log: (l) => lines.push(l) });
    try {
      const page = async (path: string) => (await fetch(`${server.url}${path}`)).text();
      expect(await page('_sxs/toc/qps-ploc.js')).toContain('{"t":"Guide","l":"en-US"');
      for (const round of [1, 2]) {
        p.write('source/toc.yml', p.read('source/toc.yml').replace(/name: Guide.*/, `name: Guide ${round}`));
        for (const path of ['_sxs/toc/qps-ploc.js', '_sxs/toc/en-US.js']) await expect.poll(() => page(path), { timeout: 10_000 }).toContain(`"t":"Guide ${round}"`);
      }
      expect(lines).toContainEqual(expect.stringMatching(/^rebuilt the navigation in \d+ ms$/));
    } finally {
      await server.close();
    }
  });
});
