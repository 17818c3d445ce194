/**
 * `sxs build [--locale <L>]… [--plain] [--no-html]`: for every source document and locale, writes
 * `<dist>/<locale>/<path>` (the bilingual Markdown, or with --plain the plain rendition) and the
 * bilingual HTML page `<dist>/<locale>/<path minus .md>.html`; the English pages under
 * `<dist>/<sourceLocale>/`; an index page per locale and `<dist>/index.html`.
 *
 * Each document is parsed once, whatever the number of locales. A sentence without a matching
 * translation is written with the English, counted, and marked on the HTML page.
 */
import { join } from 'node:path';
import { inScope, type Config } from '../config.js';
import type { SourceDoc } from '../doc.js';
import { markdownToHtml } from '../html/markdown-html.js';
import { ASSETS_DIR, assetFiles, docPageHtml, indexPageHtml, siteIndexHtml, type LocaleLink } from '../html/page.js';
import { splitFrontMatter } from '../markdown/front-matter.js';
import type { Problem } from '../problems.js';
import { renderDoc, type RenderMode, type TranslationLookup } from '../render/render.js';
import { lookupIn, storeFile } from '../store/store.js';
import { unsafeTarget } from '../check/safety.js';
import { listFiles, UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { handoffFor, isProblem, loadStoredOrReport, problem, readSourceDoc, segmenterFor } from './common.js';
import { recoverIfAbandoned } from '../store/transaction.js';

export interface BuildOptions {
  config: Config;
  /** Configured locale spellings; all configured locales when empty. */
  locales: string[];
  mode: RenderMode;
  /** Also write the HTML pages, index pages and page assets (default true). */
  html?: boolean;
  /** Only these source paths (incremental rebuilds); every document when absent. */
  paths?: readonly string[];
}

export interface LocaleSummary {
  locale: string;
  documents: number;
  sentences: number;
  missing: number;
  /** Documents with at least one untranslated sentence. */
  incomplete: string[];
}

/** What an index page lists of a document in a locale. */
export interface PageInfo {
  title: string;
  sentences: number;
  translated: number;
}

export interface BuildReport {
  documents: number;
  written: number;
  htmlPages: number;
  locales: LocaleSummary[];
  problems: Problem[];
  /** Per locale (the source locale included), per source path. */
  pages: Map<string, Map<string, PageInfo>>;
}

/** Writes `<dist>/<rel>`: atomically, not flushed (output can be rebuilt), never through a link. */
function writeDist(config: Config, rel: string, data: string): void {
  writeFileAtomic(join(config.dist, rel), data, { durable: false, root: config.dist });
}

/** `a/b.md` → `a/b.html` (a top-level `index.md` → `index.md.html`: `index.html` is the locale's index page). */
export function htmlPath(path: string): string {
  const out = `${path.replace(/\.md$/i, '')}.html`;
  return out.toLowerCase() === 'index.html' ? `${path}.html` : out;
}

/** From `<dist>/<locale>/<path>` back to `<dist>/`. */
const rootFrom = (path: string) => '../'.repeat(path.split('/').length);

function titleOf(markdown: string, heading: string | undefined, path: string): string {
  try {
    const title = splitFrontMatter(markdown).data?.title;
    if (typeof title === 'string' && title.trim()) return title.trim();
  } catch {
    // A title that cannot be read falls back to the heading.
  }
  return heading ?? path.split('/').pop()!.replace(/\.md$/i, '');
}

function bodyOf(markdown: string): string {
  try {
    return splitFrontMatter(markdown).body;
  } catch {
    return markdown;
  }
}

function switcher(config: Config, path: string, current: string): LocaleLink[] {
  const root = rootFrom(path);
  return [config.sourceLocale, ...config.locales.filter((l) => inScope(config, l, path))].map((locale) => ({
    locale,
    href: `${root}${locale}/${htmlPath(path)}`,
    current: locale === current,
  }));
}

/** A lookup that never returns a translation that could harm the page (check/safety.ts); reports each once. */
function guarded(inner: TranslationLookup, onUnsafe: (id: string, message: string) => void): TranslationLookup {
  const reported = new Set<string>();
  const safe = (id: string, source: string, target: string | undefined) => {
    if (target === undefined) return undefined;
    const issue = unsafeTarget(target, source);
    if (!issue) return target;
    if (!reported.has(id)) onUnsafe(id, issue.message);
    reported.add(id);
    return undefined;
  };
  const out: TranslationLookup = { lookup: (id, source) => safe(id, source, inner.lookup(id, source)) };
  if (inner.exact) out.exact = (id, source) => safe(id, source, inner.exact!(id, source));
  return out;
}

/** Writes the English page of a document; returns its title. */
function writeSourcePage(config: Config, doc: SourceDoc): PageInfo {
  const { html, heading } = markdownToHtml(doc.body, { sourceLocale: config.sourceLocale });
  const title = typeof doc.frontMatter?.title === 'string' && doc.frontMatter.title.trim() ? doc.frontMatter.title.trim() : (heading ?? doc.path);
  const page = docPageHtml({
    locale: config.sourceLocale,
    sourceLocale: config.sourceLocale,
    title,
    body: html,
    root: rootFrom(doc.path),
    index: `${'../'.repeat(doc.path.split('/').length - 1)}index.html`,
    locales: switcher(config, doc.path, config.sourceLocale),
  });
  writeDist(config, `${config.sourceLocale}/${htmlPath(doc.path)}`, page);
  return { title, sentences: 0, translated: 0 };
}

export function build(options: BuildOptions): BuildReport {
  const { config, mode } = options;
  const html = options.html ?? true;
  const locales = options.locales.length > 0 ? options.locales : config.locales;
  recoverIfAbandoned(config.translations);
  const segmenter = segmenterFor(config);
  const summaries = new Map<string, LocaleSummary>(locales.map((l) => [l, { locale: l, documents: 0, sentences: 0, missing: 0, incomplete: [] }]));
  const pages = new Map<string, Map<string, PageInfo>>([config.sourceLocale, ...locales].map((l) => [l, new Map()]));
  const report: BuildReport = { documents: 0, written: 0, htmlPages: 0, locales: [...summaries.values()], problems: [], pages };
  for (const path of options.paths ?? listFiles(config.source, '.md')) {
    const targets = locales.filter((l) => inScope(config, l, path));
    if (targets.length === 0) continue;
    const doc = readSourceDoc(config, path, segmenter);
    if (isProblem(doc)) {
      report.problems.push(doc);
      continue;
    }
    try {
      buildDoc(doc, targets);
    } catch (e) {
      if (!(e instanceof UnsafePathError)) throw e;
      report.problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
    }
  }
  if (html && options.paths === undefined) {
    try {
      writeIndexes(config, pages);
    } catch (e) {
      if (!(e instanceof UnsafePathError)) throw e;
      report.problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
    }
  }
  return report;

  function buildDoc(doc: SourceDoc, targets: readonly string[]): void {
    const path = doc.path;
    report.documents++;
    if (html) {
      pages.get(config.sourceLocale)!.set(path, writeSourcePage(config, doc));
      report.htmlPages++;
    }
    for (const locale of targets) {
      const stored = loadStoredOrReport(config, locale, path, report.problems);
      if (stored === undefined) continue;
      const handoff = handoffFor(config, doc, locale, stored);
      const file = storeFile(config.translations, locale, path);
      const lookup = guarded(lookupIn(stored), (id, message) => {
        const at = stored?.positions?.get(id) ?? { line: 1, column: 1 };
        report.problems.push(problem(file, at.line, at.column, 'build/unsafe-target', `${id}: ${message}; the English is published instead`, 'warning'));
      });
      const out = renderDoc(doc, lookup, handoff, mode);
      writeDist(config, `${locale}/${path}`, out.text);
      report.written++;
      const s = summaries.get(locale)!;
      s.documents++;
      s.sentences += out.sentences;
      s.missing += out.missing.length;
      if (out.missing.length > 0) s.incomplete.push(path);
      if (!html) continue;
      const bilingual = mode === 'bilingual' ? out : renderDoc(doc, lookup, handoff, 'bilingual');
      const untranslated = new Set(bilingual.missing.map((m) => `${handoff.prefix}-${m.n}`));
      const { html: body, heading } = markdownToHtml(bodyOf(bilingual.text), { sourceLocale: config.sourceLocale, untranslated });
      const info: PageInfo = { title: titleOf(bilingual.text, heading, path), sentences: bilingual.sentences, translated: bilingual.sentences - bilingual.missing.length };
      const page = docPageHtml({
        locale,
        sourceLocale: config.sourceLocale,
        title: info.title,
        body,
        root: rootFrom(path),
        index: `${'../'.repeat(path.split('/').length - 1)}index.html`,
        locales: switcher(config, path, locale),
        coverage: { translated: info.translated, total: info.sentences },
      });
      writeDist(config, `${locale}/${htmlPath(path)}`, page);
      pages.get(locale)!.set(path, info);
      report.htmlPages++;
    }
  }
}

/** The index page of every locale in `pages`, `<dist>/index.html` and the page assets. */
export function writeIndexes(config: Config, pages: ReadonlyMap<string, ReadonlyMap<string, PageInfo>>): void {
  const listed = [...pages.keys()];
  for (const [locale, docs] of pages) {
    const entries = [...docs]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, info]) => ({
        href: htmlPath(path),
        path,
        title: info.title,
        ...(locale === config.sourceLocale ? {} : { coverage: { translated: info.translated, total: info.sentences } }),
      }));
    const links = listed.map((l) => ({ locale: l, href: `../${l}/index.html`, current: l === locale }));
    writeDist(config, `${locale}/index.html`, indexPageHtml({ locale, sourceLocale: config.sourceLocale, entries, locales: links, home: '../index.html' }));
  }
  const site = listed.map((locale) => {
    const docs = [...pages.get(locale)!.values()];
    const coverage = docs.reduce((c, d) => ({ translated: c.translated + d.translated, total: c.total + d.sentences }), { translated: 0, total: 0 });
    return { locale, documents: docs.length, ...(locale === config.sourceLocale ? {} : { coverage }) };
  });
  writeDist(config, 'index.html', siteIndexHtml(config.sourceLocale, site));
  for (const asset of assetFiles()) writeDist(config, `${ASSETS_DIR}/${asset.name}`, asset.data);
}
