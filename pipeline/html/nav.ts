/**
 * The navigation of the pages: the table of contents (html/toc.ts) with each entry titled in the
 * page's language, a breadcrumb (the TOC path to the page) and the previous and next pages in TOC
 * order. A model is made once per locale and run (`localeNav`); each page renders it with links
 * relative to itself (they work served and from dist/ opened as files), its own entries marked
 * `aria-current="page"`.
 *
 * A page is written before the run knows every title (documents are built one by one, in worker
 * threads), so its navigation goes into slots of the page (`<!--sxs-toc-->…<!--/sxs-toc-->`, html/page.ts)
 * once the run does (`fillNav`). The model's hash is kept in the build record: a page whose
 * navigation is unchanged is not touched again.
 */
import { createHash } from 'node:crypto';
import { dirname, relative } from 'node:path/posix';
import type { Messages } from './messages.js';
import { ASSETS_DIR, escapeHtml, htmlPath, NAV_SLOTS, navSlot } from './page.js';
import type { TocEntry } from './toc.js';

export interface NavItem {
  title: string;
  /** `lang` of the title when it is not in the page's language (the TOC's English name, a folder's name). */
  lang?: string;
  path?: string;
  fragment?: string;
  url?: string;
  items: NavItem[];
}

export interface LocaleNav {
  items: NavItem[];
  /** The pages in TOC order, each once (at its first place). */
  order: string[];
  /** Per page, the entries from the top of the TOC down to its first place (itself last). */
  trails: Map<string, NavItem[]>;
  /** Every page's title in this locale (for the breadcrumb of a page the TOC does not list). */
  titles: ReadonlyMap<string, string>;
  /** Each page's place in `order`. */
  at: ReadonlyMap<string, number>;
  /** Changes when anything the table of contents shows changes. */
  hash: string;
}

/**
 * The navigation of a locale: `titles` are its pages' titles (a document without a page in it is
 * left out, an entry keeping only the items it still has); `english` the source locale's, absent
 * when this is the source locale. A document's title is its translated title; where it is not
 * translated (the same as the English), the TOC's name, else the English title.
 */
export function localeNav(toc: readonly TocEntry[], titles: ReadonlyMap<string, string>, sourceLocale: string, english?: ReadonlyMap<string, string>): LocaleNav {
  const foreign = english === undefined ? {} : { lang: sourceLocale };
  const resolve = (e: TocEntry): NavItem | undefined => {
    const items = e.items.map(resolve).filter((i): i is NavItem => i !== undefined);
    if (e.url !== undefined) return { title: e.name ?? e.url, ...(e.name === undefined ? {} : foreign), url: e.url, items };
    const title = e.path === undefined ? undefined : titles.get(e.path);
    if (e.path !== undefined && title !== undefined) {
      const translated = english !== undefined && title !== english.get(e.path);
      const shown = translated || e.name === undefined ? { title } : { title: e.name, ...foreign };
      return { ...shown, path: e.path, ...(e.fragment ? { fragment: e.fragment } : {}), items };
    }
    // A document without a page in this locale (out of its scope), a group of such documents: kept
    // while they have items. Text of its own (a link that was not followed) is kept as it is.
    if ((e.path !== undefined || e.items.length > 0) && items.length === 0) return undefined;
    const text = e.name ?? (e.path === undefined ? undefined : (english?.get(e.path) ?? e.path));
    if (text === undefined) return items.length === 0 ? undefined : { title: '', items };
    return { title: text, ...foreign, items };
  };
  const items = toc.map(resolve).filter((i): i is NavItem => i !== undefined);
  const order: string[] = [];
  const trails = new Map<string, NavItem[]>();
  const walk = (list: readonly NavItem[], trail: readonly NavItem[]) => {
    for (const item of list) {
      const here = [...trail, item];
      if (item.path !== undefined && !trails.has(item.path)) {
        trails.set(item.path, here);
        order.push(item.path);
      }
      walk(item.items, here);
    }
  };
  walk(items, []);
  const hash = createHash('sha1').update(JSON.stringify(items)).digest('hex');
  return { items, order, trails, titles, at: new Map(order.map((path, i) => [path, i])), hash };
}

/** The navigation of one page, as HTML for its three slots. */
export interface NavHtml {
  toc: string;
  crumbs: string;
  pager: string;
}

/** Where a locale's table of contents is, relative to `<dist>/`: one file for all its pages. */
export const tocFile = (locale: string): string => `${ASSETS_DIR}/toc/${locale}.js`;

/** A TOC entry as the page script reads it: title, its language, a link from the locale's folder. */
interface TocData {
  t: string;
  l?: string;
  /** A page of the locale: its HTML path (and fragment) from the locale's folder. */
  h?: string;
  /** A link elsewhere, as written. */
  u?: string;
  c?: TocData[];
}

/**
 * The table of contents of a locale as a script (`tocFile`): data that `assets/sxs.js` renders into
 * every page's TOC as text nodes and links (never as markup), marking the page it is on. One file per
 * locale, so a page carries its own navigation only (its breadcrumb and previous/next): the pages'
 * size and a rebuild after a title or TOC change grow with the pages, not with pages × entries.
 */
export function tocScript(nav: LocaleNav): string {
  const data = (item: NavItem): TocData => {
    const d: TocData = { t: item.title };
    if (item.lang) d.l = item.lang;
    if (item.path !== undefined) d.h = htmlPath(item.path).split('/').map(encodeURIComponent).join('/') + (item.fragment ?? '');
    else if (item.url !== undefined) d.u = item.url;
    if (item.items.length > 0) d.c = item.items.map(data);
    return d;
  };
  // JSON in a script: `<`, U+2028 and U+2029 escaped, so no text of a title ends or breaks it.
  const json = JSON.stringify(nav.items.map(data)).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `sxsToc(${json});\n`;
}

/** A link from the page of `from` (a source path; the locale's index page when undefined) to the page of `path`. */
function hrefTo(from: string | undefined, path: string, fragment = ''): string {
  const rel = relative(from === undefined ? '/' : dirname(`/${htmlPath(from)}`), `/${htmlPath(path)}`);
  return rel.split('/').map(encodeURIComponent).join('/') + fragment;
}

const langOf = (item: NavItem) => (item.lang ? ` lang="${escapeHtml(item.lang)}"` : '');

/**
 * The navigation of `page` (a source path) in a locale, or of the locale's index page (undefined).
 * The TOC is a place the page script fills from the locale's `tocFile` (without scripts a reader has
 * the breadcrumb, previous/next and the locale's document list).
 */
export function pageNav(nav: LocaleNav, locale: string, page: string | undefined, m: Messages): NavHtml {
  const link = (item: NavItem, current: boolean) => {
    const text = escapeHtml(item.title);
    if (item.path !== undefined) return `<a href="${escapeHtml(hrefTo(page, item.path, item.fragment))}"${langOf(item)}${current ? ' aria-current="page"' : ''}>${text}</a>`;
    if (item.url !== undefined) return `<a href="${escapeHtml(item.url)}" class="sxs-external"${langOf(item)}>${text}</a>`;
    return `<span${langOf(item)}>${text}</span>`;
  };
  // From the page's folder up to the locale's folder, and to <dist>/.
  const up = page === undefined ? '' : '../'.repeat(htmlPath(page).split('/').length - 1);
  const here = page === undefined ? '' : htmlPath(page).split('/').map(encodeURIComponent).join('/');
  const toc =
    nav.items.length === 0
      ? ''
      : `<nav class="sxs-toc" aria-label="${escapeHtml(m.contents)}"><details><summary>${escapeHtml(m.contents)}</summary>\n<div class="sxs-toc-list" data-root="${escapeHtml(up)}" data-page="${escapeHtml(here)}"></div>\n</details></nav>\n<script src="${escapeHtml(`${up}../${tocFile(locale)}`)}" defer></script>`;
  if (page === undefined) return { toc, crumbs: '', pager: '' };
  const trail = nav.trails.get(page) ?? [{ title: nav.titles.get(page) ?? page, path: page, items: [] }];
  const crumbs = [
    `<li><a href="${escapeHtml(relative(dirname(`/${htmlPath(page)}`), '/index.html'))}">${escapeHtml(m.allDocuments)}</a></li>`,
    ...trail.map((item, i) => `<li>${link(item, i === trail.length - 1)}</li>`),
  ];
  const at = nav.at.get(page) ?? -1;
  const side = (path: string | undefined, rel: 'prev' | 'next', label: string) => {
    if (path === undefined) return '';
    const item = nav.trails.get(path)!.at(-1)!;
    return `<a class="sxs-${rel}" rel="${rel}" href="${escapeHtml(hrefTo(page, path))}"><span class="sxs-pager-label">${escapeHtml(label)}</span> <span class="sxs-pager-title"${langOf(item)}>${escapeHtml(item.title)}</span></a>`;
  };
  const prev = at > 0 ? nav.order[at - 1] : undefined;
  const next = at >= 0 ? nav.order[at + 1] : undefined;
  return {
    toc,
    crumbs: `<nav class="sxs-breadcrumb" aria-label="${escapeHtml(m.breadcrumb)}"><ol>${crumbs.join('')}</ol></nav>`,
    pager: prev === undefined && next === undefined ? '' : `<nav class="sxs-pager" aria-label="${escapeHtml(m.pager)}">${side(prev, 'prev', m.previous)}${side(next, 'next', m.next)}</nav>`,
  };
}

/** What a page's navigation shows, as a hash: the page is written again only when it changes. */
export const navHash = (html: NavHtml): string => createHash('sha1').update(`${html.toc}\u0000${html.crumbs}\u0000${html.pager}`).digest('hex');

/**
 * `page` (HTML written by html/page.ts) with `nav` in its slots, or undefined when it has none. The
 * body between the breadcrumb and the pager is sanitized (no comments), so the last pager slot is
 * the template's.
 */
export function fillNav(page: string, nav: NavHtml): string | undefined {
  let out = page;
  for (const name of NAV_SLOTS) {
    const open = `<!--sxs-${name}-->`;
    const close = `<!--/sxs-${name}-->`;
    const start = name === 'pager' ? out.lastIndexOf(open) : out.indexOf(open);
    const end = start < 0 ? -1 : out.indexOf(close, start);
    if (end < 0) return undefined;
    out = out.slice(0, start) + navSlot(name, nav[name]) + out.slice(end + close.length);
  }
  return out;
}
