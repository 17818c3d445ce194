/**
 * A build run without the work on documents: the types a build reports, the plan (which documents
 * need work: the rest come from the incremental record), the results taken in document order, the
 * navigation, index pages and record, and `buildParallel`, which hands the documents to worker
 * threads (worker-tasks.ts) or, for a few, builds them in this thread with the same task.
 *
 * What builds a document (parsing, rendering, the HTML page) is in build-doc.ts, loaded only when
 * a document has to be built: a warm run that finds nothing to do loads no Markdown parser
 * (`sxs build` on 5,000 unchanged documents spent a quarter of its time loading modules).
 * commands/build.ts is the whole of it, with `build` in this thread.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inScope, type Config } from '../core/config.js';
import { pageLinks, syncAsset } from '../html/assets.js';
import { ASSETS_DIR, assetFiles, htmlPath, indexPageHtml, siteIndexHtml } from '../html/page.js';
import { fillNav, localeNav, navHash, pageNav, tocFile, tocScript, type LocaleNav } from '../html/nav.js';
import { messagesFor } from '../html/messages.js';
import { readToc } from '../html/toc.js';
import type { SearchText } from '../html/markdown-html.js';
import type { SearchPage, SearchPages } from '../html/search.js';
import { missingWords, SearchWords, WordStore } from '../html/search-words.js';
import type { Problem } from '../core/problems.js';
import type { RenderMode } from '../render/render.js';
import { storeFile } from '../store/paths.js';
import { assertInside, listFiles, sweepTemporaries, UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { Manifest, outputOf, type Output } from '../util/manifest.js';
import { runTasks } from '../util/pool.js';
import { inShard, shardName, type Shard } from '../util/shard.js';
import { problem } from '../core/problems.js';
import { sourceDocuments } from '../core/sources.js';
import { TASKS } from './tasks.js';
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
  /** Per locale, per source path, the words of every HTML page of the run (html/search-words.ts). */
  search: SearchWords;
}

/** Writes `<dist>/<rel>`: atomically, not flushed (output can be rebuilt), never through a link; returns its stamp. */
export function writeDist(config: Config, rel: string, data: string): Output {
  writeFileAtomic(join(config.dist, rel), data, { durable: false, root: config.dist });
  return outputOf(config.dist, rel);
}

export { htmlPath };

/** A relative link or image of an English page, where it is written (checked on every build: html/assets.ts). */
export interface LocalLink {
  url: string;
  image: boolean;
  line: number;
  column: number;
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

/** What building one document in one locale produced: kept in the incremental record. */
export interface LocaleBuild {
  /** The documents the page included (html/includes.ts). */
  includes?: string[];
  sentences: number;
  missing: number;
  info?: PageInfo;
  /** The page's words for the search index (with HTML), as built; the record keeps their hash. */
  search?: SearchText;
  searchHash?: string;
  problems: Problem[];
}

/** What building one document produced (in a worker or not). */
export interface DocBuild {
  path: string;
  /** Set when the document could not be read or parsed (nothing was written). */
  problem?: Problem;
  source?: { info: PageInfo; outputs: Output[]; local?: LocalLink[]; includes?: string[]; search?: SearchText; searchHash?: string };
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

/** The stamps of the documents a page included (their English and store files): a page is rebuilt when one changes. */
export function includeStamps(manifest: Manifest<Recorded>, config: Config, locale: string, paths: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of paths) out[p] = `${manifest.inputHash(join(config.source, p))}:${locale === config.sourceLocale ? '' : manifest.inputHash(storeFile(config.translations, locale, p))}`;
  return out;
}

/** A page's record: what it was built from, the stamps of the documents it included, the hash of the navigation it shows. */
type Recorded = (LocaleBuild | { info: PageInfo; local?: LocalLink[]; searchHash?: string; problems?: Problem[] }) & { includeStamps?: Record<string, string>; nav?: string; navModel?: string };

/** A document of a run: the work it needs, and what the incremental record already has. */
export type Planned = DocWork & { hits: DocBuild };
export const needsWork = (p: Planned) => p.locales.length > 0 || p.sourcePage;

/**
 * One build run: plans which documents need work (the rest come from the incremental record),
 * takes their results in document order, and finishes with the index pages and the record.
 */
export class BuildRun {
  readonly report: BuildReport;
  private readonly summaries: Map<string, LocaleSummary>;
  private readonly manifest?: Manifest<Recorded>;
  private readonly words?: WordStore;
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
    const name = `build-${options.mode}${this.settings.html ? '' : '-nohtml'}`;
    if (options.cacheDir) {
      this.manifest = new Manifest(options.cacheDir, name, [JSON.stringify(config)], config.dist);
      // The pages' words, beside the record (which keeps their hashes), salted like it.
      if (this.settings.html) this.words = new WordStore(join(options.cacheDir, `${name}-words`), this.manifest.key([]));
    }
    this.report = { documents: 0, rebuilt: 0, written: 0, htmlPages: 0, locales: [...this.summaries.values()], problems: [], pages, search: new SearchWords(this.words) };
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
      // A record without the hash of the page's words (an older one) is built again.
      const entry = found && typeof found.data.searchHash === 'string' && this.includesUnchanged(config.sourceLocale, found.data) ? found : undefined;
      this.keys.set(id, key);
      if (entry) {
        const data = entry.data as { info: PageInfo; local?: LocalLink[]; searchHash: string };
        hits.source = { info: data.info, outputs: entry.outputs, local: data.local ?? [], searchHash: data.searchHash };
        this.units.set(id, entry);
      } else sourcePage = true;
    }
    for (const locale of targets) {
      const id = `${locale}\u0000${path}`;
      const key = m.key([source, path, locale, m.inputHash(storeFile(config.translations, locale, path))]);
      const found = m.fresh(id, key);
      const stale = this.settings.html && typeof (found?.data as LocaleBuild | undefined)?.searchHash !== 'string';
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
      const searchHash = this.searchPage(config.sourceLocale, built.path, source.info, source);
      if (built.source)
        this.remember(
          config.sourceLocale,
          built.path,
          { info: source.info, local: built.source.local ?? [], ...(searchHash ? { searchHash } : {}), ...this.stamps(config.sourceLocale, built.source.includes) },
          source.outputs,
        );
      pushAll(report.problems, brokenLinks(config, built.path, source.local ?? []));
    }
    const results = new Map([...(hits?.locales ?? []), ...built.locales].map((l) => [l.locale, l]));
    for (const locale of this.locales) {
      const l = results.get(locale);
      if (!l) continue;
      const searchHash = l.result.info ? this.searchPage(locale, built.path, l.result.info, l.result) : undefined;
      if (built.locales.includes(l)) {
        const { search: _words, ...result } = l.result;
        this.remember(locale, built.path, { ...result, ...(searchHash ? { searchHash } : {}), ...this.stamps(locale, l.result.includes) }, l.outputs);
      }
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
      }
    }
    if (built.problem) report.problems.push(built.problem);
  }

  /** A page for the search index: its words as built, or the hash the record has; returns the hash. */
  private searchPage(locale: string, path: string, info: PageInfo, page: { search?: SearchText; searchHash?: string }): string | undefined {
    if (page.search) return this.report.search.add(locale, path, { title: info.title, text: page.search.text, english: page.search.english });
    if (page.searchHash) this.report.search.addRecorded(locale, path, page.searchHash);
    return page.searchHash;
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
        // Recorded with its navigation but not the model's hash (an older record): recorded again.
        const data = this.units.get(id)?.data;
        return this.built.has(id) || data?.nav !== hash || data.navModel === undefined;
      },
      (locale, path, output, hash, model) => {
        const id = `${locale}\u0000${path}`;
        const unit = this.units.get(id);
        const key = this.keys.get(id);
        if (!this.manifest || !unit || !key) return;
        const outputs = unit.outputs.map((o) => (o[0] === output[0] ? output : o));
        this.manifest.record(id, { key, outputs, data: { ...unit.data, nav: hash, navModel: model } });
      },
      // A page not built in this run, whose record says it shows this model's navigation.
      (locale, path, model) => {
        const id = `${locale}\u0000${path}`;
        return !this.built.has(id) && this.units.get(id)?.data.navModel === model;
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
        if (this.options.shard) pushAll(report.problems, writePagesRecord(config, this.options.shard, report.pages, report.search));
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
    this.words?.save(full && !this.options.shard ? report.search.hashes : undefined);
    return report;
  }
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
  written?: (locale: string, path: string, output: Output, hash: string, model: string) => void,
  /** A page known to show the navigation of `model` (a hash of the locale's model): not even computed again. */
  known?: (locale: string, path: string, model: string) => boolean,
): void {
  for (const [locale, docs] of pages) {
    const model = nav.locales.get(locale);
    if (!model) continue;
    const m = messagesFor(locale);
    // The locale's table of contents, one file its pages read (html/nav.ts tocScript).
    const toc = tocScript(model);
    const tocPath = join(config.dist, tocFile(locale));
    if (!existsSync(tocPath) || readFileSync(tocPath, 'utf8') !== toc) writeDist(config, tocFile(locale), toc);
    // What every page's navigation is made of: the table of contents, and the titles (the breadcrumb of a page the TOC does not list).
    const modelHash = createHash('sha1')
      .update(model.hash)
      .update(JSON.stringify([...model.titles]))
      .digest('hex');
    for (const path of docs.keys()) {
      if (known?.(locale, path, modelHash)) continue;
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
      written?.(locale, path, output, hash, modelHash);
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
function writePagesRecord(config: Config, shard: Shard, pages: ReadonlyMap<string, ReadonlyMap<string, PageInfo>>, search: SearchWords): Problem[] {
  const record = (m: ReadonlyMap<string, ReadonlyMap<string, unknown>>) => Object.fromEntries([...m].map(([locale, docs]) => [locale, Object.fromEntries(docs)]));
  const problems: Problem[] = [];
  const rel = `${PAGES_DIR}/${shardName(shard)}.json`;
  const words = new Map(
    [...search.hashes.keys()].map((locale) => {
      const { pages: found, missing } = search.words(locale);
      // As for a whole build's index (html/search.ts): pages whose words the cache lost are named, not dropped silently.
      if (missing.length > 0) problems.push(problem(join(config.dist, rel), 1, 1, 'build/search', missingWords(locale, missing, 'the search'), 'warning'));
      return [locale, found];
    }),
  );
  writeDist(config, rel, `${JSON.stringify({ pages: record(pages), search: record(words) })}\n`);
  return problems;
}

/**
 * `sxs index`: after the shards' `dist/` folders were copied together, writes the index pages from
 * every shard's part. Returns how many documents they list and the pages' words for the search
 * index (written by the caller: html/search.ts), or the problem with a part.
 */
export function writeIndexesFromShards(config: Config): { documents: number; parts: number; problems: Problem[]; search: SearchWords } {
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
  return { documents: pages.get(config.sourceLocale)!.size, parts: parts.length, problems, search: SearchWords.of(search) };
}
