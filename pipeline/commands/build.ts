/**
 * `sxs build [--locale <L>]… [--plain] [--no-html]`: for every source document and locale, writes
 * `<dist>/<locale>/<path>` (the bilingual Markdown, or with --plain the plain rendition) and the
 * bilingual HTML page `<dist>/<locale>/<path minus .md>.html`; the English pages under
 * `<dist>/<sourceLocale>/`; an index page per locale and `<dist>/index.html`.
 *
 * Each document is parsed once, whatever the number of locales. A sentence without a matching
 * translation is written with the English, counted, and marked on the HTML page.
 */
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generatorLanguages, inScope, layoutOf, type Config } from '../config.js';
import { linkRewriter, localizedPath } from '../render/layout.js';
import { rewriteLinks } from '../render/links.js';
import { positionOf, type SourceDoc } from '../doc.js';
import { markdownToHtml } from '../html/markdown-html.js';
import { localTarget, pageLinks, syncAsset } from '../html/assets.js';
import { inlineIncludes, type BodyOf } from '../html/includes.js';
import type { Segmenter } from '../markdown/segment.js';
import { ASSETS_DIR, assetFiles, docPageHtml, htmlPath, indexPageHtml, siteIndexHtml, type LocaleLink } from '../html/page.js';
import { fillNav, localeNav, navHash, pageNav, tocFile, tocScript, type LocaleNav } from '../html/nav.js';
import { messagesFor } from '../html/messages.js';
import { readToc } from '../html/toc.js';
import type { SearchText } from '../html/markdown-html.js';
import type { SearchPage, SearchPages } from '../html/search.js';
import { splitFrontMatter } from '../markdown/front-matter.js';
import type { Problem } from '../problems.js';
import { renderDoc, type Found, type RenderMode, type TranslationLookup } from '../render/render.js';
import { lookupIn, storeFile } from '../store/store.js';
import { isSafetyIssue } from '../check/safety.js';
import { outlineOf } from '../check/outline.js';
import { TargetJudge, type TargetIssue } from '../check/target.js';
import { assertInside, listFiles, sweepTemporaries, UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { Manifest, outputOf, type Output } from '../util/manifest.js';
import { runTasks } from '../util/pool.js';
import { inShard, shardName, type Shard } from '../util/shard.js';
import { handoffFor, isProblem, loadStoredOrReport, problem, readSourceBytes, segmenterFor, sourceDocOf, sourceDocuments } from './common.js';
import { TASKS } from './tasks.js';
import { keepsNbsp } from '../render/conventions.js';
import { originalOfBytes } from '../render/faithful.js';
import { recoverIfAbandoned } from '../store/transaction.js';
import { pushAll } from '../util/arrays.js';

export interface BuildOptions {
  config: Config;
  /** Configured locale spellings; all configured locales when empty. */
  locales: string[];
  mode: RenderMode;
  /** Also write the HTML pages, index pages and page assets (default true). */
  html?: boolean;
  /** Only these source paths (incremental rebuilds); every document when absent. */
  paths?: readonly string[];
  /** Only the documents of this shard; index pages are then left to `sxs index`. */
  shard?: Shard;
  /** The incremental record's folder (`.sxs-cache`); everything is rebuilt when absent. */
  cacheDir?: string;
  /** Called after each document built (not for unchanged ones). */
  onProgress?: (done: number, total: number) => void;
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
  /** Local files the page shows or links to, copied next to it in dist/ (html/assets.ts). */
  assets?: string[];
}

export interface BuildReport {
  documents: number;
  /** Documents built in this run (the others were unchanged: their files were kept). */
  rebuilt: number;
  written: number;
  htmlPages: number;
  locales: LocaleSummary[];
  problems: Problem[];
  /** Per locale (the source locale included), per source path. */
  pages: Map<string, Map<string, PageInfo>>;
  /** The navigation the pages show (a full run with HTML, not a shard). */
  nav?: SiteNav;
  /** Per locale, per source path, the words of every HTML page of the run (html/search.ts). */
  search: SearchPages;
}

/** Writes `<dist>/<rel>`: atomically, not flushed (output can be rebuilt), never through a link; returns its stamp. */
function writeDist(config: Config, rel: string, data: string): Output {
  writeFileAtomic(join(config.dist, rel), data, { durable: false, root: config.dist });
  return outputOf(config.dist, rel);
}

/** The source documents of a run as a set, made once per run (not once per document and locale). */
const documentSets = new WeakMap<BuildSettings, Set<string>>();

/**
 * Writes the faithful rendition where the configured generator looks for it (render/layout.ts), with
 * its relative links and images pointing from there: to the localized page of a document built for
 * the locale, else to the English file. Recorded relative to dist/ like every output.
 */
function writeLocalized(settings: BuildSettings, locale: string, path: string, text: string): Output {
  const { config } = settings;
  const layout = layoutOf(config);
  const lang = generatorLanguages(config).get(locale) ?? locale;
  let documents = documentSets.get(settings);
  if (!documents) documentSets.set(settings, (documents = new Set(settings.documents ?? [])));
  const isFile = (file: string) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  const rewrite = linkRewriter({
    layout,
    lang,
    sourcePath: path,
    isDocument: (p) => documents.has(p) && inScope(config, locale, p),
    exists: (p) => isFile(join(config.source, p)),
    existsInProject: (p) => isFile(join(config.root, p)),
  });
  // Links are rewritten in the body only (a `[a](b.md)` in a front-matter value is text), without the byte order mark.
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const rest = text.slice(bom.length);
  const head = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(rest)?.[0] ?? '';
  const file = join(config.root, localizedPath(layout, lang, path));
  writeFileAtomic(file, bom + head + rewriteLinks(rest.slice(head.length), rewrite), { durable: false, root: config.root });
  return outputOf(config.dist, relative(config.dist, file));
}

export { htmlPath };

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

/**
 * A lookup that never returns a translation the gate rejects (the same rules as check: check/target.ts):
 * active content or a broken structure (check/safety.ts), a dropped or added link, image, code or HTML.
 * Only a translation harvested as a published file showed it (`asPublished`) is kept when its codes
 * differ, as the site showed it; active content never is. Each refusal is reported once.
 */
function guarded(inner: TranslationLookup, judge: () => TargetJudge, onWithheld: (id: string, rule: string, message: string) => void): TranslationLookup {
  const reported = new Set<string>();
  // Rendering asks for one translation more than once (as a merged unit, then sentence by sentence).
  const verdicts = new Map<string, TargetIssue | undefined>();
  const verdict = (id: string, source: string, found: Found): TargetIssue | undefined => {
    // The judge's rules include the safety ones; a translation as published keeps its codes but
    // must still be safe.
    const key = `${found.asPublished === undefined ? 'j' : 'p'}${id}\u0000${source}\u0000${found.target}`;
    if (verdicts.has(key)) return verdicts.get(key);
    const issues = found.asPublished === undefined ? judge().issues(id, found.target, source) : [judge().safety(id, found.target, source)].filter((i) => i !== undefined);
    const issue = issues.find(isSafetyIssue) ?? issues[0];
    verdicts.set(key, issue);
    return issue;
  };
  const safe = (id: string, source: string, found: Found | undefined) => {
    if (found === undefined) return undefined;
    const issue = verdict(id, source, found);
    if (!issue) return found;
    if (!reported.has(id)) onWithheld(id, isSafetyIssue(issue) ? 'build/unsafe-target' : 'build/broken-target', issue.message);
    reported.add(id);
    return undefined;
  };
  const out: TranslationLookup = { lookup: (id, source) => safe(id, source, inner.lookup(id, source)) };
  if (inner.exact) out.exact = (id, source) => safe(id, source, inner.exact!(id, source));
  if (inner.range) {
    out.range = (sentences, from) => {
      const r = inner.range!(sentences, from);
      if (!r) return undefined;
      const english = sentences
        .slice(from, from + r.count)
        .map((s) => s.source)
        .join(' ');
      const found = safe(`${sentences[from]!.id}-${sentences[from + r.count - 1]!.id}`, english, r.found);
      return found ? { found, count: r.count } : undefined;
    };
  }
  return out;
}

/** A relative link or image of an English page, where it is written (checked on every build: html/assets.ts). */
export interface LocalLink {
  url: string;
  image: boolean;
  line: number;
  column: number;
}

/** The local links of a page with their positions in the English. */
function localLinksOf(doc: SourceDoc, links: readonly string[], images: readonly string[]): LocalLink[] {
  const imageSet = new Set(images);
  const seen = new Set<string>();
  const out: LocalLink[] = [];
  for (const url of links) {
    if (seen.has(url) || localTarget(doc.path, url) === undefined) continue;
    seen.add(url);
    const at = doc.body.indexOf(url);
    out.push({ url, image: imageSet.has(url), ...(at >= 0 ? positionOf(doc, at) : { line: 1, column: 1 }) });
  }
  return out;
}

/** A warning for each local link of a page that points at no file now (a page left unchanged is checked again too). */
function brokenLinks(config: Config, path: string, local: readonly LocalLink[]): Problem[] {
  const broken = new Set(
    pageLinks(
      config.source,
      path,
      local.map((l) => l.url),
      new Set(),
    ).broken.map((b) => b.url),
  );
  return local
    .filter((l) => broken.has(l.url))
    .map(({ url, image, line, column }) => {
      const what = image ? 'image' : 'link';
      return problem(join(config.source, path), line, column, `build/broken-${what}`, `the ${what} ${JSON.stringify(url)} points at no file of the source folder`, 'warning');
    });
}

/** Writes the English page of a document; returns its title, the file written, and its broken links. */
function writeSourcePage(config: Config, doc: SourceDoc, bodyOfIncluded: BodyOf): { info: PageInfo; outputs: Output[]; local: LocalLink[]; includes?: string[]; search: SearchText } {
  const links: string[] = [];
  const images: string[] = [];
  const included = new Set<string>();
  const markdown = inlineIncludes(doc.body, doc.path, bodyOfIncluded, included);
  const { html, heading, search } = markdownToHtml(markdown, { sourceLocale: config.sourceLocale, page: doc.path, links, images });
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
  const output = writeDist(config, `${config.sourceLocale}/${htmlPath(doc.path)}`, page);
  const assets = pageLinks(config.source, doc.path, links, new Set()).assets;
  return {
    info: { title, sentences: 0, translated: 0, ...(assets.length > 0 ? { assets } : {}) },
    outputs: [output],
    local: localLinksOf(doc, links, images),
    ...(included.size > 0 ? { includes: [...included] } : {}),
    search,
  };
}

/** What building one document in one locale produced: kept in the incremental record. */
export interface LocaleBuild {
  /** The documents the page included (html/includes.ts). */
  includes?: string[];
  sentences: number;
  missing: number;
  info?: PageInfo;
  /** The page's words for the search index (with HTML). */
  search?: SearchText;
  problems: Problem[];
}

/** What building one document produced (in a worker or not). */
export interface DocBuild {
  path: string;
  /** Set when the document could not be read or parsed (nothing was written). */
  problem?: Problem;
  source?: { info: PageInfo; outputs: Output[]; local?: LocalLink[]; includes?: string[]; search?: SearchText };
  locales: Array<{ locale: string; result: LocaleBuild; outputs: Output[] }>;
}

/** A document to build: in which locales, and whether its English page too. */
export interface DocWork {
  path: string;
  locales: string[];
  sourcePage: boolean;
}

export interface BuildSettings {
  config: Config;
  mode: RenderMode;
  html: boolean;
  /** Every source document (a layout's links go to the localized page of those built for the locale). */
  documents?: string[];
}

/**
 * The bilingual Markdown body of `path` in `locale` (the English body for the source locale), for
 * pages that include it (html/includes.ts), and the ids of its sentences shown in English. Its own
 * warnings are reported when it is built as a document of its own.
 */
function includedBody(config: Config, path: string, locale: string, segmenter: Segmenter, memo: IncludedBodies): IncludedBody | undefined {
  const key = `${locale}\0${path}`;
  if (memo.has(key)) return memo.get(key);
  const body = renderIncluded(config, path, locale, segmenter);
  memo.set(key, body);
  return body;
}

type IncludedBody = { body: string; untranslated: string[] };

/**
 * Included documents' bodies by locale and path, for one run: an include is used by many pages
 * (the bench corpus: 209 markers in 109 pages), and was read, parsed and rendered for each.
 */
export type IncludedBodies = Map<string, IncludedBody | undefined>;

function renderIncluded(config: Config, path: string, locale: string, segmenter: Segmenter): IncludedBody | undefined {
  const bytes = readSourceBytes(config, path);
  if (!(bytes instanceof Uint8Array)) return undefined;
  if (locale === config.sourceLocale) {
    const doc = sourceDocOf(config, path, bytes, segmenter, keepsNbsp(config.format, undefined));
    return isProblem(doc) ? undefined : { body: doc.body, untranslated: [] };
  }
  const stored = loadStoredOrReport(config, locale, path, []);
  if (stored === undefined) return undefined;
  const doc = sourceDocOf(config, path, bytes, segmenter, keepsNbsp(config.format, stored?.conventions));
  if (isProblem(doc)) return undefined;
  const judge = new TargetJudge(outlineOf(doc));
  const handoff = handoffFor(config, doc, locale, stored);
  const rendered = renderDoc(
    doc,
    guarded(
      lookupIn(stored),
      () => judge,
      () => undefined,
    ),
    handoff,
    'bilingual',
  );
  return { body: bodyOf(rendered.text), untranslated: rendered.missingIds.map((n) => `${handoff.prefix}-${n}`) };
}

/** The stamps of the documents a page included (their English and store files): a page is rebuilt when one changes. */
function includeStamps(manifest: Manifest<Recorded>, config: Config, locale: string, paths: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of paths) out[p] = `${manifest.inputHash(join(config.source, p))}:${locale === config.sourceLocale ? '' : manifest.inputHash(storeFile(config.translations, locale, p))}`;
  return out;
}

/** Builds one document in the given locales (parsed once). The unit of work of a worker. */
export function buildDocument(settings: BuildSettings, work: DocWork, segmenter = segmenterFor(settings.config), includes: IncludedBodies = new Map()): DocBuild {
  const { config, mode, html } = settings;
  const path = work.path;
  const bytes = readSourceBytes(config, path);
  if (!(bytes instanceof Uint8Array)) return { path, problem: bytes, locales: [] };
  // The document as each locale reads its no-break spaces, parsed once per reading (commands/common.ts docFor).
  const readings = new Map<boolean, SourceDoc | Problem>();
  const docIn = (keep: boolean): SourceDoc | Problem => {
    const any = readings.values().next().value;
    if (any && !isProblem(any) && !any.hasNbsp) return any;
    let doc = readings.get(keep);
    if (!doc) readings.set(keep, (doc = sourceDocOf(config, path, bytes, segmenter, keep)));
    return doc;
  };
  const judges = new Map<SourceDoc, TargetJudge>();
  const judgeOf = (doc: SourceDoc) => {
    let judge = judges.get(doc);
    if (!judge) judges.set(doc, (judge = new TargetJudge(outlineOf(doc))));
    return judge;
  };
  const out: DocBuild = { path, locales: [] };
  try {
    for (const locale of work.locales) {
      const problems: Problem[] = [];
      const stored = loadStoredOrReport(config, locale, path, problems);
      const doc = stored === undefined ? undefined : docIn(keepsNbsp(config.format, stored?.conventions));
      if (doc && isProblem(doc)) return { path, problem: doc, locales: [] };
      if (stored === undefined || doc === undefined) {
        out.locales.push({ locale, result: { sentences: 0, missing: 0, problems }, outputs: [] });
        continue;
      }
      const handoff = handoffFor(config, doc, locale, stored);
      const file = storeFile(config.translations, locale, path);
      const lookup = guarded(
        lookupIn(stored),
        () => judgeOf(doc),
        (id, rule, message) => {
          const at = stored?.positions?.get(id) ?? { line: 1, column: 1 };
          problems.push(problem(file, at.line, at.column, rule, `${id}: ${message}; the English is published instead`, 'warning'));
        },
      );
      const rendered = renderDoc(doc, lookup, handoff, mode, mode === 'faithful' ? originalOfBytes(bytes, doc.keepNbsp) : undefined);
      const outputs = [mode === 'faithful' && config.output.layout !== 'dist' ? writeLocalized(settings, locale, path, rendered.text) : writeDist(config, `${locale}/${path}`, rendered.text)];
      const result: LocaleBuild = { sentences: rendered.sentences, missing: rendered.missing.length, problems };
      if (html) {
        const bilingual = mode === 'bilingual' ? rendered : renderDoc(doc, lookup, handoff, 'bilingual');
        const untranslated = new Set(bilingual.missingIds.map((n) => `${handoff.prefix}-${n}`));
        const links: string[] = [];
        const included = new Set<string>();
        const markdown = inlineIncludes(
          bodyOf(bilingual.text),
          path,
          (p) => {
            const inc = includedBody(config, p, locale, segmenter, includes);
            for (const id of inc?.untranslated ?? []) untranslated.add(id);
            return inc?.body;
          },
          included,
        );
        const { html: body, heading, search } = markdownToHtml(markdown, { sourceLocale: config.sourceLocale, locale, page: path, untranslated, links });
        const info: PageInfo = { title: titleOf(bilingual.text, heading, path), sentences: bilingual.sentences, translated: bilingual.sentences - bilingual.missing.length };
        const assets = pageLinks(config.source, path, links, new Set()).assets;
        if (assets.length > 0) info.assets = assets;
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
        outputs.push(writeDist(config, `${locale}/${htmlPath(path)}`, page));
        result.info = info;
        result.search = search;
        if (included.size > 0) result.includes = [...included];
      }
      out.locales.push({ locale, result, outputs });
    }
    if (work.sourcePage) {
      const english = readings.values().next().value ?? docIn(keepsNbsp(config.format, undefined));
      if (isProblem(english)) return { path, problem: english, locales: [] };
      out.source = writeSourcePage(config, english, (p) => includedBody(config, p, config.sourceLocale, segmenter, includes)?.body);
    }
  } catch (e) {
    if (!(e instanceof UnsafePathError)) throw e;
    out.problem = problem(e.file, 1, 1, 'path/unsafe', e.message);
  }
  return out;
}

/** A page's record: what it was built from, the stamps of the documents it included, the hash of the navigation it shows. */
type Recorded = (LocaleBuild | { info: PageInfo; local?: LocalLink[]; search?: SearchText; problems?: Problem[] }) & { includeStamps?: Record<string, string>; nav?: string };

/** A document of a run: the work it needs, and what the incremental record already has. */
type Planned = DocWork & { hits: DocBuild };
const needsWork = (p: Planned) => p.locales.length > 0 || p.sourcePage;

/**
 * One build run: plans which documents need work (the rest come from the incremental record),
 * takes their results in document order, and finishes with the index pages and the record.
 */
class BuildRun {
  readonly report: BuildReport;
  private readonly summaries: Map<string, LocaleSummary>;
  private readonly manifest?: Manifest<Recorded>;
  private readonly keys = new Map<string, string>();
  /** Pages written in this run (their navigation slots are empty). */
  private readonly built = new Set<string>();
  /** What the record holds (or will) for each page of the run: its navigation is compared and recorded there. */
  private readonly units = new Map<string, { data: Recorded; outputs: Output[] }>();
  readonly settings: BuildSettings;
  private readonly locales: string[];

  constructor(private readonly options: BuildOptions) {
    const { config } = options;
    this.settings = { config, mode: options.mode, html: options.html ?? true };
    this.locales = options.locales.length > 0 ? options.locales : config.locales;
    this.summaries = new Map(this.locales.map((l) => [l, { locale: l, documents: 0, sentences: 0, missing: 0, incomplete: [] }]));
    const pages = new Map<string, Map<string, PageInfo>>([config.sourceLocale, ...this.locales].map((l) => [l, new Map()]));
    this.report = { documents: 0, rebuilt: 0, written: 0, htmlPages: 0, locales: [...this.summaries.values()], problems: [], pages, search: new Map() };
    if (options.cacheDir) {
      this.manifest = new Manifest(options.cacheDir, `build-${options.mode}${this.settings.html ? '' : '-nohtml'}`, [JSON.stringify(config)], config.dist);
    }
  }

  /** Every document of the run, in order, with the work it needs (none when the record has it all). */
  plan(): Planned[] {
    const { config } = this.settings;
    recoverIfAbandoned(config.translations);
    // Pages a killed build was writing (their process is gone): never left to pile up in dist/.
    if (existsSync(config.dist) && !lstatSync(config.dist).isSymbolicLink()) sweepTemporaries(config.dist);
    const work: Planned[] = [];
    const all = this.options.paths === undefined || (this.settings.mode === 'faithful' && config.output.layout !== 'dist') ? sourceDocuments(config) : undefined;
    if (this.settings.mode === 'faithful' && config.output.layout !== 'dist') this.settings.documents = all;
    const paths = (this.options.paths ?? all!).filter((p) => inShard(p, this.options.shard));
    for (const path of paths) {
      const targets = this.locales.filter((l) => inScope(config, l, path));
      if (targets.length === 0) continue;
      work.push(this.fromRecord(path, targets));
    }
    return work;
  }

  private fromRecord(path: string, targets: string[]): Planned {
    const hits: DocBuild = { path, locales: [] };
    const m = this.manifest;
    if (!m) return { path, locales: targets, sourcePage: this.settings.html, hits };
    const { config } = this.settings;
    const source = m.inputHash(join(config.source, path));
    const dirty: string[] = [];
    let sourcePage = false;
    if (this.settings.html) {
      const id = `${config.sourceLocale}\u0000${path}`;
      const key = m.key([source, path, 'source-page']);
      const found = m.fresh(id, key);
      // A record from before the search index has no words for it: the page is built again.
      const entry = found && found.data.search && this.includesUnchanged(config.sourceLocale, found.data) ? found : undefined;
      this.keys.set(id, key);
      if (entry) {
        const data = entry.data as { info: PageInfo; local?: LocalLink[]; search?: SearchText };
        hits.source = { info: data.info, outputs: entry.outputs, local: data.local ?? [], ...(data.search ? { search: data.search } : {}) };
        this.units.set(id, entry);
      } else sourcePage = true;
    }
    for (const locale of targets) {
      const id = `${locale}\u0000${path}`;
      const key = m.key([source, path, locale, m.inputHash(storeFile(config.translations, locale, path))]);
      const found = m.fresh(id, key);
      const stale = this.settings.html && !(found?.data as LocaleBuild | undefined)?.search;
      const entry = found && !stale && this.includesUnchanged(locale, found.data) ? found : undefined;
      this.keys.set(id, key);
      if (entry) {
        hits.locales.push({ locale, result: entry.data as LocaleBuild, outputs: entry.outputs });
        this.units.set(id, entry);
      } else dirty.push(locale);
    }
    return { path, locales: dirty, sourcePage, hits };
  }

  /** Whether the documents a recorded page included are as they were (else the page is built again). */
  private includesUnchanged(locale: string, data: Recorded): boolean {
    const recorded = (data as { includeStamps?: Record<string, string> }).includeStamps;
    if (!recorded) return true;
    const now = includeStamps(this.manifest!, this.settings.config, locale, Object.keys(recorded));
    return Object.entries(recorded).every(([p, stamp]) => now[p] === stamp);
  }

  /** Takes a built document (and what the record had for its other locales) into the report. */
  apply(built: DocBuild, hits?: DocBuild): void {
    const { config } = this.settings;
    const report = this.report;
    if (built.problem && built.locales.length === 0 && !built.source) {
      report.problems.push(built.problem);
      return;
    }
    report.documents++;
    if (built.source || built.locales.length > 0) report.rebuilt++;
    const source = built.source ?? hits?.source;
    if (source) {
      report.pages.get(config.sourceLocale)!.set(built.path, source.info);
      report.htmlPages++;
      if (built.source)
        this.remember(
          config.sourceLocale,
          built.path,
          { info: source.info, local: built.source.local ?? [], ...(built.source.search ? { search: built.source.search } : {}), ...this.stamps(config.sourceLocale, built.source.includes) },
          source.outputs,
        );
      if (source.search) this.searchPage(config.sourceLocale, built.path, source.info, source.search);
      pushAll(report.problems, brokenLinks(config, built.path, source.local ?? []));
    }
    const results = new Map([...(hits?.locales ?? []), ...built.locales].map((l) => [l.locale, l]));
    for (const locale of this.locales) {
      const l = results.get(locale);
      if (!l) continue;
      if (built.locales.includes(l)) this.remember(locale, built.path, { ...l.result, ...this.stamps(locale, l.result.includes) }, l.outputs);
      pushAll(report.problems, l.result.problems);
      if (l.outputs.length === 0) continue;
      report.written++;
      const s = this.summaries.get(locale)!;
      s.documents++;
      s.sentences += l.result.sentences;
      s.missing += l.result.missing;
      if (l.result.missing > 0) s.incomplete.push(built.path);
      if (l.result.info) {
        report.pages.get(locale)!.set(built.path, l.result.info);
        report.htmlPages++;
        if (l.result.search) this.searchPage(locale, built.path, l.result.info, l.result.search);
      }
    }
    if (built.problem) report.problems.push(built.problem);
  }

  private searchPage(locale: string, path: string, info: PageInfo, words: SearchText): void {
    let docs = this.report.search.get(locale);
    if (!docs) this.report.search.set(locale, (docs = new Map()));
    docs.set(path, { title: info.title, text: words.text, english: words.english });
  }

  /** The local files of every page of the run, next to it in each locale's folder (kept in step with the English). */
  private copyAssets(): void {
    const { config } = this.settings;
    for (const [locale, pages] of this.report.pages) {
      const done = new Set<string>();
      for (const info of pages.values()) {
        for (const asset of info.assets ?? []) {
          if (done.has(asset)) continue;
          done.add(asset);
          try {
            syncAsset(config.source, config.dist, locale, locale === config.sourceLocale ? undefined : locale, asset);
          } catch (e) {
            const file = join(config.source, asset);
            if (e instanceof UnsafePathError) this.report.problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
            else this.report.problems.push(problem(file, 1, 1, 'build/asset', `cannot copy ${asset} into ${locale}/: ${(e as Error).message}`, 'warning'));
          }
        }
      }
    }
  }

  private stamps(locale: string, includes: readonly string[] | undefined): { includeStamps?: Record<string, string> } {
    return this.manifest && includes && includes.length > 0 ? { includeStamps: includeStamps(this.manifest, this.settings.config, locale, includes) } : {};
  }

  private remember(locale: string, path: string, data: Recorded, outputs: Output[]): void {
    const id = `${locale}\u0000${path}`;
    const key = this.keys.get(id);
    this.built.add(id);
    // Units with problems are rebuilt every time, so their warnings are always reported fresh.
    if (this.manifest && key && !((data.problems?.length ?? 0) > 0)) {
      this.manifest.record(id, { key, outputs, data });
      this.units.set(id, { data, outputs });
    }
  }

  /**
   * Every page's navigation, in the pages built in this run and in those whose navigation changed
   * (a TOC edited, a document added or removed, a title translated): the model is made once per
   * locale; its hash is recorded with each page.
   */
  private navigate(nav: SiteNav): void {
    const { config } = this.settings;
    writeNavigation(
      config,
      nav,
      this.report.pages,
      (locale, path, hash) => {
        const id = `${locale}\u0000${path}`;
        return this.built.has(id) || this.units.get(id)?.data.nav !== hash;
      },
      (locale, path, output, hash) => {
        const id = `${locale}\u0000${path}`;
        const unit = this.units.get(id);
        const key = this.keys.get(id);
        if (!this.manifest || !unit || !key) return;
        const outputs = unit.outputs.map((o) => (o[0] === output[0] ? output : o));
        this.manifest.record(id, { key, outputs, data: { ...unit.data, nav: hash } });
      },
    );
  }

  finish(): BuildReport {
    const { config } = this.settings;
    const report = this.report;
    const full = this.options.paths === undefined;
    if (this.settings.html) this.copyAssets();
    if (this.settings.html && full) {
      try {
        if (this.options.shard) writePagesRecord(config, this.options.shard, report.pages, report.search);
        else {
          const nav = (report.nav = siteNav(config, report.pages));
          pushAll(report.problems, nav.problems);
          writeIndexes(config, report.pages, nav);
          this.navigate(nav);
        }
      } catch (e) {
        if (!(e instanceof UnsafePathError)) throw e;
        report.problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
      }
    }
    this.manifest?.save(full && !this.options.shard);
    return report;
  }
}

/** Builds in this thread (tests, `serve`, small projects). */
export function build(options: BuildOptions): BuildReport {
  const run = new BuildRun(options);
  const planned = run.plan();
  const total = planned.filter(needsWork).length;
  const segmenter = segmenterFor(options.config);
  const includes: IncludedBodies = new Map();
  let done = 0;
  for (const p of planned) {
    if (!needsWork(p)) {
      run.apply({ path: p.path, locales: [] }, p.hits);
      continue;
    }
    run.apply(buildDocument(run.settings, p, segmenter, includes), p.hits);
    options.onProgress?.(++done, total);
  }
  return run.finish();
}

/** Builds with worker threads when there is enough to do (`jobs`), else as build(). */
export async function buildParallel(options: BuildOptions & { jobs: number }): Promise<BuildReport> {
  const run = new BuildRun(options);
  const planned = run.plan();
  const work = planned.filter(needsWork);
  const results = new Map<string, DocBuild>();
  await runTasks(
    TASKS,
    'build',
    run.settings,
    work.map(({ path, locales, sourcePage }) => ({ path, locales, sourcePage })),
    options.jobs,
    (r, i) => {
      results.set(work[i]!.path, r);
      options.onProgress?.(results.size, work.length);
    },
  );
  for (const p of planned) run.apply(results.get(p.path) ?? { path: p.path, locales: [] }, p.hits);
  return run.finish();
}

/** The navigation of the pages of a run (html/nav.ts): the TOC read once, a model per locale. */
export interface SiteNav {
  /** Warnings about the TOC (`build/toc`, `build/toc-entry`). */
  problems: Problem[];
  locales: Map<string, LocaleNav>;
}

export function siteNav(config: Config, pages: ReadonlyMap<string, ReadonlyMap<string, PageInfo>>): SiteNav {
  const documents = new Set<string>();
  for (const docs of pages.values()) for (const path of docs.keys()) documents.add(path);
  const toc = readToc(config.source, [...documents]);
  const titles = (locale: string) => new Map([...(pages.get(locale) ?? [])].map(([path, info]) => [path, info.title]));
  const english = titles(config.sourceLocale);
  const locales = new Map<string, LocaleNav>();
  for (const locale of pages.keys()) {
    locales.set(locale, locale === config.sourceLocale ? localeNav(toc.entries, english, config.sourceLocale) : localeNav(toc.entries, titles(locale), config.sourceLocale, english));
  }
  return { problems: toc.problems, locales };
}

/**
 * Puts the navigation into the slots of the pages `needs` names (given the locale's navigation hash);
 * `written` gets the stamp of each page after (rewritten only when its navigation differs).
 */
export function writeNavigation(
  config: Config,
  nav: SiteNav,
  pages: ReadonlyMap<string, ReadonlyMap<string, PageInfo>>,
  needs: (locale: string, path: string, hash: string) => boolean,
  written?: (locale: string, path: string, output: Output, hash: string) => void,
): void {
  for (const [locale, docs] of pages) {
    const model = nav.locales.get(locale);
    if (!model) continue;
    const m = messagesFor(locale);
    // The locale's table of contents, one file its pages read (html/nav.ts tocScript).
    const toc = tocScript(model);
    const tocPath = join(config.dist, tocFile(locale));
    if (!existsSync(tocPath) || readFileSync(tocPath, 'utf8') !== toc) writeDist(config, tocFile(locale), toc);
    for (const path of docs.keys()) {
      const html = pageNav(model, locale, path, m);
      const hash = navHash(html);
      if (!needs(locale, path, hash)) continue;
      const rel = `${locale}/${htmlPath(path)}`;
      const file = join(config.dist, rel);
      assertInside(config.dist, file);
      let page: string;
      try {
        page = readFileSync(file, 'utf8');
      } catch {
        // Gone since it was written (serve: a document deleted meanwhile): nothing to fill.
        continue;
      }
      const filled = fillNav(page, html);
      if (filled === undefined) continue;
      const output = filled === page ? outputOf(config.dist, rel) : writeDist(config, rel, filled);
      written?.(locale, path, output, hash);
    }
  }
}

/** The index page of every locale in `pages` (with its TOC), `<dist>/index.html` and the page assets. */
export function writeIndexes(config: Config, pages: ReadonlyMap<string, ReadonlyMap<string, PageInfo>>, nav: SiteNav): void {
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
    const model = nav.locales.get(locale);
    const toc = model ? pageNav(model, locale, undefined, messagesFor(locale)).toc : '';
    writeDist(config, `${locale}/index.html`, indexPageHtml({ locale, sourceLocale: config.sourceLocale, entries, locales: links, home: '../index.html', toc }));
  }
  const site = listed.map((locale) => {
    const docs = [...pages.get(locale)!.values()];
    const coverage = docs.reduce((c, d) => ({ translated: c.translated + d.translated, total: c.total + d.sentences }), { translated: 0, total: 0 });
    return { locale, documents: docs.length, ...(locale === config.sourceLocale ? {} : { coverage }) };
  });
  writeDist(config, 'index.html', siteIndexHtml(config.sourceLocale, site));
  for (const asset of assetFiles()) writeDist(config, `${ASSETS_DIR}/${asset.name}`, asset.data);
}

const PAGES_DIR = `${ASSETS_DIR}/pages`;

/**
 * A shard's part of the index pages and of the search: `<dist>/_sxs/pages/<i>-of-<n>.json`, its
 * pages (locale → path → page) and their words (locale → path → title and text), combined by `sxs index`.
 */
function writePagesRecord(config: Config, shard: Shard, pages: ReadonlyMap<string, ReadonlyMap<string, PageInfo>>, search: SearchPages): void {
  const record = (m: ReadonlyMap<string, ReadonlyMap<string, unknown>>) => Object.fromEntries([...m].map(([locale, docs]) => [locale, Object.fromEntries(docs)]));
  writeDist(config, `${PAGES_DIR}/${shardName(shard)}.json`, `${JSON.stringify({ pages: record(pages), search: record(search) })}\n`);
}

/**
 * `sxs index`: after the shards' `dist/` folders were copied together, writes the index pages from
 * every shard's part. Returns how many documents they list and the pages' words for the search
 * index (written by the caller: html/search.ts), or the problem with a part.
 */
export function writeIndexesFromShards(config: Config): { documents: number; parts: number; problems: Problem[]; search: SearchPages } {
  const pages = new Map<string, Map<string, PageInfo>>([config.sourceLocale, ...config.locales].map((l) => [l, new Map()]));
  const search: SearchPages = new Map();
  const problems: Problem[] = [];
  const parts = listFiles(join(config.dist, PAGES_DIR), '.json');
  const isRecord = (v: unknown): v is Record<string, Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const part of parts) {
    const file = join(config.dist, PAGES_DIR, part);
    try {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!isRecord(json) || !isRecord(json.pages) || !isRecord(json.search))
        throw new Error('expected { "pages": …, "search": … } (written by build --shard of this version: build the shards again)');
      for (const [locale, docs] of Object.entries(json.pages)) {
        const into = pages.get(locale);
        if (into && isRecord(docs)) for (const [path, info] of Object.entries(docs)) into.set(path, info as unknown as PageInfo);
      }
      for (const [locale, docs] of Object.entries(json.search)) {
        if (!pages.has(locale) || !isRecord(docs)) continue;
        let into = search.get(locale);
        if (!into) search.set(locale, (into = new Map()));
        for (const [path, words] of Object.entries(docs)) {
          const w = words as Partial<SearchPage>;
          if (typeof w.title === 'string' && typeof w.text === 'string' && typeof w.english === 'string') into.set(path, { title: w.title, text: w.text, english: w.english });
        }
      }
    } catch (e) {
      problems.push(problem(file, 1, 1, 'build/pages', `cannot read a shard's page list: ${(e as Error).message}`));
    }
  }
  if (problems.length === 0) {
    // Each shard wrote its pages before the others' titles were known: their navigation is filled here.
    const nav = siteNav(config, pages);
    pushAll(problems, nav.problems);
    writeIndexes(config, pages, nav);
    writeNavigation(config, nav, pages, () => true);
  }
  return { documents: pages.get(config.sourceLocale)!.size, parts: parts.length, problems, search };
}
