/**
 * The page template around a document's HTML, and the index pages. Pure string building; every
 * value that is not already sanitized HTML is escaped here.
 *
 * Pages load one stylesheet and one script from `<dist>/_sxs/` and declare a Content-Security-Policy
 * that allows nothing else to run: even markup that slipped past the sanitizer could not execute.
 */
import { readFileSync } from 'node:fs';
import { messagesFor, type Messages } from './messages.js';

export const ASSETS_DIR = '_sxs';

/** The stylesheet and script every page uses (files in `assets/` of the sxs package). */
export function assetFiles(): Array<{ name: string; data: string }> {
  return ['sxs.css', 'sxs.js'].map((name) => ({ name, data: readFileSync(new URL(`../../assets/${name}`, import.meta.url), 'utf8') }));
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));

/** `a/b.md` → `a/b.html` (a top-level `index.md` → `index.md.html`: `index.html` is the locale's index page). */
export function htmlPath(path: string): string {
  const out = `${path.replace(/\.md$/i, '')}.html`;
  return out.toLowerCase() === 'index.html' ? `${path}.html` : out;
}

/** Where a page's navigation goes (html/nav.ts): empty when a document's page is written, filled once the run knows every title. */
export const NAV_SLOTS = ['toc', 'crumbs', 'pager'] as const;
export type NavSlot = (typeof NAV_SLOTS)[number];
export const navSlot = (name: NavSlot, html = ''): string => `<!--sxs-${name}-->${html}<!--/sxs-${name}-->`;

/**
 * `'wasm-unsafe-eval'` lets the search (Pagefind, html/search.ts) compile its WebAssembly; it allows
 * no `eval` of JavaScript. Nothing else runs but the scripts of `<dist>/_sxs/`.
 */
const CSP = "default-src 'none'; img-src 'self' https: data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** The search box (hidden until `sxs.js` runs it): the locale's index under `<dist>/_sxs/search/`. */
function searchBox(locale: string, root: string): string {
  const m = messagesFor(locale).search;
  return `<form class="sxs-search" role="search" hidden data-index="${escapeHtml(`${root}${ASSETS_DIR}/search/${locale}/`)}" data-root="${escapeHtml(root)}" data-none="${escapeHtml(m.none)}" data-found="${escapeHtml(m.found)}" data-unavailable="${escapeHtml(m.unavailable)}">
<label for="sxs-search-input">${escapeHtml(m.label)}</label>
<input id="sxs-search-input" type="search" autocomplete="off" aria-controls="sxs-search-results" aria-describedby="sxs-search-status">
<p class="sxs-search-status" id="sxs-search-status" role="status"></p>
<ul class="sxs-search-results" id="sxs-search-results"></ul>
</form>`;
}

/** The language's own name for a locale (`日本語 (日本)`, `Deutsch (Deutschland)`); the tag when ICU does not know it. */
export function localeLabel(locale: string): string {
  let label = labels.get(locale);
  if (label === undefined) {
    label = icuLabel(locale);
    labels.set(locale, label);
  }
  return label;
}

/** Every page names every locale: ICU is asked once per locale (a DisplayNames costs ~0.1 ms). */
const labels = new Map<string, string>();

function icuLabel(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
    return name && name !== locale ? name : locale;
  } catch {
    return locale;
  }
}

export interface LocaleLink {
  locale: string;
  href: string;
  current: boolean;
}

export interface Coverage {
  translated: number;
  total: number;
}

export const percent = (c: Coverage): string => `${c.total === 0 ? 100 : Math.floor((1000 * c.translated) / c.total) / 10}%`;

interface Frame {
  locale: string;
  sourceLocale: string;
  title: string;
  /** Relative path from the page to `<dist>/`, ending in `/` (or empty). */
  root: string;
  bar: string;
  main: string;
  /** The navigation slots' content (empty until known); a page without navigation when absent. */
  nav?: Partial<Record<NavSlot, string>>;
  /** The locale whose search index the page's search box reads (default the page's locale). */
  searchLocale?: string;
}

function frame(f: Frame): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(f.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(f.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${f.root}${ASSETS_DIR}/sxs.css">
<script src="${f.root}${ASSETS_DIR}/sxs.js" defer></script>
</head>
<body data-source-lang="${escapeHtml(f.sourceLocale)}" data-show-english="${escapeHtml(messagesFor(f.locale).showEnglish)}" data-not-translated="${escapeHtml(messagesFor(f.locale).notTranslated)}">
<header class="sxs-bar">
${f.bar}
${searchBox(f.searchLocale ?? f.locale, f.root)}
</header>
${f.nav ? withNav(f.main, f.nav) : `<main>\n${f.main}\n</main>`}
</body>
</html>
`;
}

/** The TOC beside the content (above it on narrow screens), the breadcrumb above the page, previous/next below. */
function withNav(main: string, nav: Partial<Record<NavSlot, string>>): string {
  return `<div class="sxs-page">
${navSlot('toc', nav.toc)}
<div class="sxs-content">
${navSlot('crumbs', nav.crumbs)}
<main>
${main}
</main>
${navSlot('pager', nav.pager)}
</div>
</div>`;
}

function switcher(links: readonly LocaleLink[], m: Messages): string {
  const items = links.map((l) => {
    const current = l.current ? ' aria-current="page"' : '';
    return `<li><a href="${escapeHtml(l.href)}" hreflang="${escapeHtml(l.locale)}" lang="${escapeHtml(l.locale)}" title="${escapeHtml(l.locale)}"${current}>${escapeHtml(localeLabel(l.locale))}</a></li>`;
  });
  return `<nav class="sxs-locales" aria-label="${escapeHtml(m.languages)}"><ul>${items.join('')}</ul></nav>`;
}

export interface DocPage {
  locale: string;
  sourceLocale: string;
  title: string;
  /** Sanitized HTML of the document body. */
  body: string;
  /** Relative path from the page to `<dist>/`. */
  root: string;
  /** Relative link to the locale's index page. */
  index: string;
  locales: LocaleLink[];
  /** Sentences translated on this page (absent on the English page). */
  coverage?: Coverage;
}

export function docPageHtml(p: DocPage): string {
  const m = messagesFor(p.locale);
  const bar = [
    `<a class="sxs-home" href="${escapeHtml(p.index)}">${escapeHtml(m.allDocuments)}</a>`,
    switcher(p.locales, m),
    p.coverage
      ? `<span class="sxs-coverage" data-translated="${p.coverage.translated}" data-total="${p.coverage.total}">${escapeHtml(m.coverage(percent(p.coverage), p.coverage.translated, p.coverage.total))}</span>`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return frame({ locale: p.locale, sourceLocale: p.sourceLocale, title: p.title, root: p.root, bar, main: p.body, nav: {} });
}

export interface IndexEntry {
  /** Link to the page, relative to the index. */
  href: string;
  path: string;
  title: string;
  coverage?: Coverage;
}

export interface IndexPage {
  locale: string;
  sourceLocale: string;
  entries: IndexEntry[];
  locales: LocaleLink[];
  /** Relative link to the site index (`<dist>/index.html`). */
  home: string;
  /** The locale's table of contents (html/nav.ts). */
  toc?: string;
}

export function indexPageHtml(p: IndexPage): string {
  const total = p.entries.reduce((c, e) => ({ translated: c.translated + (e.coverage?.translated ?? 0), total: c.total + (e.coverage?.total ?? 0) }), { translated: 0, total: 0 });
  const withCoverage = p.entries.some((e) => e.coverage);
  const rows = p.entries.map((e) => {
    const incomplete = e.coverage && e.coverage.translated < e.coverage.total ? ' class="sxs-incomplete"' : '';
    const pct = e.coverage ? `<td class="sxs-pct">${percent(e.coverage)}</td>` : '';
    return `<tr${incomplete}><td><a href="${escapeHtml(e.href)}">${escapeHtml(e.title)}</a></td><td><code>${escapeHtml(e.path)}</code></td>${pct}</tr>`;
  });
  const m = messagesFor(p.locale);
  const head = `<tr><th>${escapeHtml(m.document)}</th><th>${escapeHtml(m.path)}</th>${withCoverage ? `<th>${escapeHtml(m.translated)}</th>` : ''}</tr>`;
  const summary = `<p>${escapeHtml(m.indexSummary(p.entries.length, withCoverage ? percent(total) : undefined, total.total))}</p>`;
  const main = `<h1>${escapeHtml(localeLabel(p.locale))}</h1>\n${summary}\n<table class="sxs-index">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
  const bar = [`<a class="sxs-home" href="${escapeHtml(p.home)}">${escapeHtml(m.allLanguages)}</a>`, switcher(p.locales, m)].join('\n');
  return frame({ locale: p.locale, sourceLocale: p.sourceLocale, title: `${localeLabel(p.locale)} — documents`, root: '../', bar, main, nav: { toc: p.toc ?? '' } });
}

export interface SiteEntry {
  locale: string;
  documents: number;
  coverage?: Coverage;
}

/** `<dist>/index.html`: every locale with its coverage. */
export function siteIndexHtml(sourceLocale: string, entries: readonly SiteEntry[]): string {
  const rows = entries.map(
    (e) =>
      `<tr><td><a href="${escapeHtml(e.locale)}/index.html" hreflang="${escapeHtml(e.locale)}" lang="${escapeHtml(e.locale)}">${escapeHtml(localeLabel(e.locale))}</a></td><td class="sxs-pct">${e.documents}</td><td class="sxs-pct">${e.coverage ? percent(e.coverage) : 'source'}</td></tr>`,
  );
  const main = `<h1>Documentation</h1>\n<table class="sxs-index">\n<thead><tr><th>Language</th><th>Documents</th><th>Translated</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
  return frame({ locale: 'en', sourceLocale, title: 'Documentation — languages', root: '', bar: '<span>sxs</span>', main, searchLocale: sourceLocale });
}
