/**
 * The static search of the HTML pages: one Pagefind index per locale under
 * `<dist>/_sxs/search/<locale>/`, searched in the browser by `assets/sxs.js` (no server).
 *
 * Each page is given to Pagefind as a small HTML document made here (never the page itself): its
 * title, its visible text in the locale, and the English of its translated sentences in a section
 * weighted far below, so an English word finds the page too, after the pages that match in the
 * locale. Every text is escaped: nothing of a document reaches Pagefind as markup.
 *
 * A locale's index is written again only when its pages' words changed (a stamp beside it, made of
 * the hashes of the pages' words: html/search-words.ts keeps the words out of the build record).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSETS_DIR, escapeHtml, htmlPath } from './page.js';
import type { SearchText } from './markdown-html.js';
import { missingWords, type SearchWords } from './search-words.js';

export const SEARCH_DIR = `${ASSETS_DIR}/search`;
const STAMP = 'sxs-stamp.txt';
const UNUSED = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-highlight.js'];

/** A page of a locale as the search index holds it. */
export interface SearchPage extends SearchText {
  title: string;
}

/** Per locale, per source path, the page's words. */
export type SearchPages = Map<string, Map<string, SearchPage>>;

/** The weight of the English section (Pagefind's default for text is 1). */
export const ENGLISH_WEIGHT = 0.2;

/** Pagefind's language of a locale (ISO 639-1: its stemmer, and its word segmentation for CJK). */
export const pagefindLanguage = (locale: string): string => (locale.split(/[-_]/)[0] ?? locale).toLowerCase() || 'en';

/** Where a page's search result links, relative to `<dist>/` (the page prefixes its own way up). */
export const searchUrl = (locale: string, path: string): string => `${locale}/${htmlPath(path)}`;

const paragraphs = (text: string): string =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');

/** The HTML document Pagefind indexes for a page: every text escaped, the English weighted low. */
export function searchDocument(locale: string, sourceLocale: string, page: SearchPage): string {
  const english = page.english.trim() ? `\n<section lang="${escapeHtml(sourceLocale)}" data-pagefind-weight="${ENGLISH_WEIGHT}">\n${paragraphs(page.english)}\n</section>` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(pagefindLanguage(locale))}">
<head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title></head>
<body>
<main data-pagefind-body>
<h1 data-pagefind-meta="title">${escapeHtml(page.title)}</h1>
${paragraphs(page.text)}${english}
</main>
</body>
</html>
`;
}

/**
 * The stamp of a locale's pages, from the hashes of their words (html/search-words.ts): the index is
 * written again when it differs from the one beside it. No page's words are needed to tell.
 */
export function searchStamp(locale: string, sourceLocale: string, hashes: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  hash.update(`sxs-search 2\u0000${locale}\u0000${sourceLocale}\u0000${ENGLISH_WEIGHT}\u0000`);
  for (const path of [...hashes.keys()].sort()) hash.update(`${path}\u0000${hashes.get(path)!}\u0001`);
  return hash.digest('hex');
}

export interface SearchReport {
  /** The locales whose index was written (the others were as they are). */
  written: string[];
  problems: string[];
}

/**
 * Writes the index of every locale of `pages` whose words changed since its index was written
 * (all of them when `force`). Starts Pagefind's indexer only when there is one to write.
 */
export async function writeSearchIndexes(dist: string, sourceLocale: string, words: SearchWords, force = false): Promise<SearchReport> {
  const report: SearchReport = { written: [], problems: [] };
  const todo = [...words.hashes].filter(([locale, hashes]) => {
    if (force) return true;
    const stamp = join(dist, SEARCH_DIR, locale, STAMP);
    return !existsSync(stamp) || readFileSync(stamp, 'utf8') !== searchStamp(locale, sourceLocale, hashes);
  });
  if (todo.length === 0) return report;
  const pagefind = await import('pagefind');
  // One indexer process serves every locale's index; they are made side by side.
  const one = async (locale: string, hashes: ReadonlyMap<string, string>): Promise<void> => {
    const { pages: docs, missing } = words.words(locale);
    if (missing.length > 0) {
      report.problems.push(missingWords(locale, missing, 'the index'));
    }
    const out = join(dist, SEARCH_DIR, locale);
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: true });
    if (!index) {
      report.problems.push(`${locale}: cannot start the search indexer: ${errors.join('; ')}`);
      return;
    }
    const added = await Promise.all([...docs.keys()].sort().map((path) => index.addHTMLFile({ url: searchUrl(locale, path), content: searchDocument(locale, sourceLocale, docs.get(path)!) })));
    for (const a of added) if (a.errors.length > 0) report.problems.push(`${locale}: ${a.errors.join('; ')}`);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const written = await index.writeFiles({ outputPath: out });
    await index.deleteIndex();
    if (written.errors.length > 0) {
      report.problems.push(`${locale}: cannot write the search index: ${written.errors.join('; ')}`);
      return;
    }
    // Pagefind's ready-made interfaces are not used (assets/sxs.js is the page's search box).
    for (const name of UNUSED) rmSync(join(out, name), { force: true });
    // Without the missing pages the index is not the stamp's: it is written again next time.
    if (missing.length === 0) writeFileSync(join(out, STAMP), searchStamp(locale, sourceLocale, hashes));
  };
  try {
    await Promise.all(todo.map(([locale, hashes]) => one(locale, hashes)));
  } finally {
    await pagefind.close();
  }
  // In the order of the run's locales, whichever finished first.
  for (const [locale] of todo) if (existsSync(join(dist, SEARCH_DIR, locale, STAMP)) && !report.problems.some((p) => p.startsWith(`${locale}:`))) report.written.push(locale);
  return report;
}
