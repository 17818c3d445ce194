/**
 * Building one document in its locales (parsed once): the bilingual Markdown or the plain
 * rendition, the HTML page with the navigation slot left empty, and the English page. The unit of
 * work of a worker thread (worker-tasks.ts); the run around it is build-run.ts.
 */
import { statSync } from 'node:fs';
import type { Root as MdastRoot } from 'mdast';
import { join, relative } from 'node:path';
import { generatorLanguages, inScope, layoutOf, type Config } from '../core/config.js';
import { linkRewriter, localizedPath } from '../core/layout.js';
import { rewriteLinks } from '../render/links.js';
import { positionOf, type SourceDoc } from '../core/doc.js';
import { markdownToHtml } from '../html/markdown-html.js';
import { localTarget, pageLinks } from '../html/assets.js';
import { inlineIncludes, type BodyOf } from '../html/includes.js';
import type { Segmenter } from '../markdown/segment.js';
import { docPageHtml, htmlPath, type LocaleLink } from '../html/page.js';
import type { SearchText } from '../html/markdown-html.js';
import { splitFrontMatter } from '../markdown/front-matter.js';
import type { Problem } from '../core/problems.js';
import { renderDoc, type Found, type TranslationLookup } from '../render/render.js';
import { lookupIn, storeFile } from '../store/store.js';
import { isSafetyIssue } from '../check/safety.js';
import { outlineOf } from '../check/outline.js';
import { TargetJudge, type TargetIssue } from '../check/target.js';
import { UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { outputOf, type Output } from '../util/manifest.js';
import { handoffFor, isProblem, loadStoredOrReport, problem, readSourceBytes, segmenterFor, sourceDocOf } from './common.js';
import { keepsNbsp } from '../core/conventions.js';
import { originalOfBytes } from '../render/faithful.js';
import { writeDist, type BuildSettings, type DocBuild, type DocWork, type LocaleBuild, type LocalLink, type PageInfo } from './build-run.js';

/** The source documents of a run as a set, made once per run (not once per document and locale). */
const documentSets = new WeakMap<BuildSettings, Set<string>>();

/**
 * Writes the faithful rendition where the configured generator looks for it (core/layout.ts), with
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

/** Writes the English page of a document; returns its title, the file written, and its broken links. */
function writeSourcePage(config: Config, doc: SourceDoc, bodyOfIncluded: BodyOf, tree?: MdastRoot): { info: PageInfo; outputs: Output[]; local: LocalLink[]; includes?: string[]; search: SearchText } {
  const links: string[] = [];
  const images: string[] = [];
  const included = new Set<string>();
  const markdown = inlineIncludes(doc.body, doc.path, bodyOfIncluded, included);
  // The English as the document was parsed (nothing included into it): its tree is not parsed again.
  const parsed = tree && markdown === doc.body ? { tree } : {};
  const { html, heading, search } = markdownToHtml(markdown, { sourceLocale: config.sourceLocale, page: doc.path, links, images, ...parsed });
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

/** Builds one document in the given locales (parsed once). The unit of work of a worker. */
export function buildDocument(settings: BuildSettings, work: DocWork, segmenter = segmenterFor(settings.config), includes: IncludedBodies = new Map()): DocBuild {
  const { config, mode, html } = settings;
  const path = work.path;
  const bytes = readSourceBytes(config, path);
  if (!(bytes instanceof Uint8Array)) return { path, problem: bytes, locales: [] };
  // The document as each locale reads its no-break spaces, parsed once per reading (commands/common.ts docFor).
  const readings = new Map<boolean, SourceDoc | Problem>();
  // Each reading's Markdown tree, for the English page (parsed once: not again for the page).
  const trees = new Map<SourceDoc | Problem, MdastRoot>();
  const docIn = (keep: boolean): SourceDoc | Problem => {
    const any = readings.values().next().value;
    if (any && !isProblem(any) && !any.hasNbsp) return any;
    let doc = readings.get(keep);
    if (!doc) {
      let tree: MdastRoot | undefined;
      doc = sourceDocOf(config, path, bytes, segmenter, keep, (root) => (tree = root));
      readings.set(keep, doc);
      if (html && tree) trees.set(doc, tree);
    }
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
      out.source = writeSourcePage(config, english, (p) => includedBody(config, p, config.sourceLocale, segmenter, includes)?.body, trees.get(english));
    }
  } catch (e) {
    if (!(e instanceof UnsafePathError)) throw e;
    out.problem = problem(e.file, 1, 1, 'path/unsafe', e.message);
  }
  return out;
}
