/**
 * The search index (html/search.ts): the words each page gives it (its text in the locale, the
 * English of its translated sentences), the document Pagefind reads (escaped), one index per locale,
 * and the incremental build that writes a locale's index again only when its pages' words changed.
 * The browser side is in browser.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../pipeline/html/markdown-html.js';
import { docPageHtml } from '../pipeline/html/page.js';
import { CATALOG_LANGUAGES, messagesFor } from '../pipeline/html/messages.js';
import { ENGLISH_WEIGHT, pagefindLanguage, searchDocument, searchStamp, searchUrl, writeSearchIndexes, type SearchPage } from '../pipeline/html/search.js';
import { pageHash, SearchWords } from '../pipeline/html/search-words.js';
import { REPO, tempDir } from './support/fixtures.js';

const BILINGUAL =
  '# <span data-ttu-id="a-1">Postfächer migrieren</span><span class="sxs-lookup"><span data-stu-id="a-1">Migrate mailboxes</span></span>\n\n' +
  '<span data-ttu-id="a-2">Es ist **nicht möglich**.</span><span class="sxs-lookup"><span data-stu-id="a-2">It is **not possible**.</span></span>\n\n' +
  '- <span data-ttu-id="a-3">Erster Punkt</span><span class="sxs-lookup"><span data-stu-id="a-3">First item</span></span>\n';

/** The text of every fragment of a locale's index (Pagefind writes them gzipped, after a signature). */
function fragments(dist: string, locale: string): string[] {
  const dir = join(dist, '_sxs', 'search', locale, 'fragment');
  return readdirSync(dir).map((f) =>
    gunzipSync(readFileSync(join(dir, f)))
      .toString('utf8')
      .replace(/^pagefind_dcd/, ''),
  );
}

describe('the words of a page', () => {
  it('are its visible text in the locale, block by block, and apart the English of its translated sentences', () => {
    const { search } = markdownToHtml(BILINGUAL, { sourceLocale: 'en-US', locale: 'de-DE' });
    expect(search.text).toBe('Postfächer migrieren\nEs ist nicht möglich.\nErster Punkt');
    expect(search.english).toBe('Migrate mailboxes It is not possible. First item');
  });

  it('of an English page are its text, with no English section', () => {
    const { search } = markdownToHtml('# Title\n\nSome *text* here.\n', { sourceLocale: 'en-US' });
    expect(search).toEqual({ text: 'Title\nSome text here.', english: '' });
  });

  it('are text only: markup in a document is not kept as markup, only its words', () => {
    const { search } = markdownToHtml('A <b>bold</b> word and `<script>x()</script>` as code.\n\n<script>alert(1)</script>\n', { sourceLocale: 'en-US' });
    expect(search.text).toBe('A bold word and <script>x()</script> as code.');
  });
});

describe('the document Pagefind indexes', () => {
  it('escapes every text, weights the English low, and names the language Pagefind knows', () => {
    const html = searchDocument('de-DE', 'en-US', { title: 'A <script>alert(1)</script> & "title"', text: 'Zeile <img src=x onerror=alert(1)>\nzweite', english: 'It is <b>bold</b>' });
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1 data-pagefind-meta="title">A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;title&quot;</h1>');
    expect(html).toContain('<p>Zeile &lt;img src=x onerror=alert(1)&gt;</p>\n<p>zweite</p>');
    expect(html).toContain(`<section lang="en-US" data-pagefind-weight="${ENGLISH_WEIGHT}">\n<p>It is &lt;b&gt;bold&lt;/b&gt;</p>\n</section>`);
    expect(html).not.toMatch(/<(script|img|b)\b/);
    expect(searchDocument('en-US', 'en-US', { title: 'T', text: 'x', english: '' })).not.toContain('<section');
  });

  it('maps locales to their language, and pages to links relative to dist/', () => {
    expect(['zh-TW', 'ja-JP', 'de-DE', 'en-US', 'pt_BR'].map(pagefindLanguage)).toEqual(['zh', 'ja', 'de', 'en', 'pt']);
    expect(searchUrl('de-DE', 'nuget/what-is-nuget.md')).toBe('de-DE/nuget/what-is-nuget.html');
    expect(searchUrl('de-DE', 'index.md')).toBe('de-DE/index.md.html');
  });

  it('has a stamp that changes with any word, title or page of the locale, and only then', () => {
    const hashes = (pages: [string, SearchPage][]) => new Map(pages.map(([path, page]) => [path, pageHash(page)]));
    const pages: [string, SearchPage][] = [['a.md', { title: 'A', text: 'eins', english: 'one' }]];
    const stamp = searchStamp('de-DE', 'en-US', hashes(pages));
    expect(searchStamp('de-DE', 'en-US', hashes([...pages]))).toBe(stamp);
    expect(searchStamp('de-DE', 'en-US', hashes([['a.md', { title: 'A', text: 'eins', english: 'One' }]]))).not.toBe(stamp);
    expect(searchStamp('de-DE', 'en-US', hashes([['a.md', { title: 'B', text: 'eins', english: 'one' }]]))).not.toBe(stamp);
    expect(searchStamp('de-DE', 'en-US', hashes([['b.md', { title: 'A', text: 'eins', english: 'one' }]]))).not.toBe(stamp);
    expect(searchStamp('ja-JP', 'en-US', hashes(pages))).not.toBe(stamp);
  });

  it('is written per locale: the translated text and the English, each locale in its own folder; hostile text stays text', async () => {
    const dist = tempDir('sxs-search-');
    const hostile = '<img src=x onerror=alert(1)>';
    const pages = new Map([
      ['de-DE', new Map([['a.md', { title: 'Seite', text: `Postfächer migrieren ${hostile}`, english: 'Migrate mailboxes' }]])],
      ['ja-JP', new Map([['a.md', { title: 'ページ', text: 'メールボックスを移行する', english: 'Migrate mailboxes' }]])],
    ]);
    const report = await writeSearchIndexes(dist, 'en-US', SearchWords.of(pages));
    expect(report).toEqual({ written: ['de-DE', 'ja-JP'], problems: [] });
    const [de] = fragments(dist, 'de-DE');
    const record = JSON.parse(de!) as { url: string; content: string; meta: { title: string } };
    expect(record.url).toBe('de-DE/a.html');
    expect(record.meta.title).toBe('Seite');
    expect(record.content).toContain('Postfächer migrieren');
    expect(record.content).toContain('Migrate mailboxes');
    // The index holds the words as data (JSON text): pagefind.js escapes them when it marks an
    // excerpt, and sxs.js keeps only text and <mark> of that (browser.test.ts).
    expect(record.content).toContain(hostile);
    // Japanese is cut into words by Pagefind (zero-width spaces between them in the stored text).
    const ja = (JSON.parse(fragments(dist, 'ja-JP')[0]!) as { content: string }).content;
    expect(ja).toContain('メールボックス\u200Bを\u200B移行');
    expect(ja.replace(/\u200B/g, '')).toContain('メールボックスを移行する');
    expect(readdirSync(join(dist, '_sxs', 'search', 'de-DE'))).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json', 'sxs-stamp.txt']));
    expect(readdirSync(join(dist, '_sxs', 'search', 'de-DE'))).not.toContain('pagefind-ui.js');
    // Nothing changed: nothing written.
    expect(await writeSearchIndexes(dist, 'en-US', SearchWords.of(pages))).toEqual({ written: [], problems: [] });
  }, 60_000);
});

describe('the search box', () => {
  it("has its words in every catalog's language", () => {
    for (const lang of CATALOG_LANGUAGES) {
      const m = messagesFor(lang).search;
      expect(m.label, lang).not.toBe('');
      expect(m.found, lang).toContain('{n}');
      if (lang !== 'en') expect(m.label, lang).not.toBe(messagesFor('en').search.label);
    }
  });

  it('is on a page, hidden until the script runs it, with its label, and reads the index of the page locale', () => {
    const html = docPageHtml({ locale: 'de-DE', sourceLocale: 'en-US', title: 'T', body: '<p>x</p>', root: '../', index: 'index.html', locales: [] });
    expect(html).toContain('<form class="sxs-search" role="search" hidden data-index="../_sxs/search/de-DE/" data-root="../"');
    expect(html).toContain('<label for="sxs-search-input">Suchen</label>');
    expect(html).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  });
});

describe('sxs build', () => {
  const sxs = (cwd: string) => {
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'sxs.js'), 'build'], { cwd, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const stampTime = (dir: string, locale: string) => statSync(join(dir, 'dist', '_sxs', 'search', locale, 'sxs-stamp.txt')).mtimeMs;

  it('writes an index per locale; again only for the locale whose pages changed; none when nothing changed', () => {
    const dir = tempDir('sxs-search-build-');
    for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
    expect(sxs(dir)).toContain('  search index: en-US, zh-TW, de-DE, ja-JP\n');
    expect(fragments(join(dir, 'dist'), 'de-DE').join('\n')).toContain('Postfächer migrieren');
    const before = Object.fromEntries(['en-US', 'zh-TW', 'ja-JP', 'de-DE'].map((l) => [l, stampTime(dir, l)]));
    expect(sxs(dir)).not.toContain('search index');
    const store = join(dir, 'translations', 'de-DE', 'transfer-licenses-between-tenants.md.xlf');
    writeFileSync(store, readFileSync(store, 'utf8').replace('Postfächer migrieren', 'Quetzalpostfächer migrieren'));
    expect(sxs(dir)).toContain('  search index: de-DE\n');
    expect(fragments(join(dir, 'dist'), 'de-DE').join('\n')).toContain('Quetzalpostfächer migrieren');
    // The pages not built again are in the new index too: their words come from the word store.
    expect(fragments(join(dir, 'dist'), 'de-DE').join('\n')).toContain('NuGet-Ökosystem');
    for (const l of ['en-US', 'zh-TW', 'ja-JP']) expect(stampTime(dir, l), l).toBe(before[l]);
  }, 120_000);

  it("keeps the pages' words beside the build record, not in it; words lost from the cache are reported, and a build without the cache indexes them", () => {
    const dir = tempDir('sxs-search-words-');
    for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
    sxs(dir);
    const record = readFileSync(join(dir, '.sxs-cache', 'build-bilingual.json'), 'utf8');
    expect(record).toContain('"searchHash"');
    expect(record).not.toContain('im Jahr 2010 veröffentlicht');
    const words = join(dir, '.sxs-cache', 'build-bilingual-words');
    expect(readdirSync(join(words, 'de-DE')).length).toBeGreaterThan(0);
    rmSync(words, { recursive: true });
    const store = join(dir, 'translations', 'de-DE', 'transfer-licenses-between-tenants.md.xlf');
    writeFileSync(store, readFileSync(store, 'utf8').replace('Postfächer migrieren', 'Quetzalpostfächer migrieren'));
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'sxs.js'), 'build'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: search: de-DE: \d+ pages are not in the index: their words are not in the build record .*build --no-cache indexes them/);
    const full = spawnSync(process.execPath, [join(REPO, 'bin', 'sxs.js'), 'build', '--no-cache'], { cwd: dir, encoding: 'utf8' });
    expect(full.stderr).not.toContain('search:');
    expect(fragments(join(dir, 'dist'), 'de-DE').join('\n')).toContain('NuGet-Ökosystem');
  }, 120_000);

  it('writes the pages, with a warning, when Pagefind cannot run here', () => {
    const dir = tempDir('sxs-search-nobin-');
    for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'sxs.js'), 'build'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PAGEFIND_BINARY_PATH: join(dir, 'no-such-binary') } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: search: no search index was written:');
    expect(statSync(join(dir, 'dist', 'de-DE', 'transfer-licenses-between-tenants.html')).isFile()).toBe(true);
  }, 120_000);
});
