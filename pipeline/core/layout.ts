/**
 * Output layouts: where the localized copy of an English document goes for the docs generators
 * people use, so a generator finds it, and the link rewriting that keeps its relative links and
 * images resolving from that place. Pure string and path logic: every path is a project-root-
 * relative POSIX path (`docs`, `docs/en`, `.` for the root); nothing touches the file system.
 *
 * Where the localized copy of `<sourceDir>/<path>` goes (`lang` is the generator's language code):
 *   dist            `<distDir>/<lang>/<path>` (sxs's own output)
 *   docusaurus      `i18n/<lang>/docusaurus-plugin-content-docs/current/<path>`
 *   mkdocs, hugo    `<parent of sourceDir>/<lang>/<path>`: one folder per language beside the
 *                   English one (`docs/en` → `docs/fr`, `content` → `fr`); the English must be in a
 *                   subfolder, never the project root
 *   *-suffix        `<sourceDir>/<path with .<lang> before its extension>` (`index.md` → `index.fr.md`)
 *   vitepress       `<sourceDir>/<lang>/<path>`
 * An output outside the project (a path starting `../`) is an error, as is a folder layout that
 * would write over the English folder.
 *
 * Links in a localized document: a relative link to a document localized for the locale goes to
 * that document's localized copy, any other relative link (images, assets, documents not
 * localized) to the English file; both are written relative to the localized document. Absolute
 * URLs, `/…` and `//host` paths, fragment-only links, folder links and links that leave sourceDir
 * or point at nothing are left as they are. Only destinations change: `rewriteLinks` (links.ts, which needs
 * the parser: kept apart so that reading the configuration never loads it) finds each one.
 */
import { basename, dirname, extname, join, normalize, relative } from 'node:path/posix';

export const LAYOUTS = ['dist', 'docusaurus', 'mkdocs', 'mkdocs-suffix', 'hugo', 'hugo-suffix', 'vitepress'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export interface Layout {
  name: LayoutName;
  /** The English documents' folder, project-root-relative (`docs`, `docs/en`, `.`). */
  sourceDir: string;
  /** sxs's own output folder (the `dist` layout), project-root-relative. */
  distDir: string;
}

export function isLayoutName(name: string): name is LayoutName {
  return (LAYOUTS as readonly string[]).includes(name);
}

const SUFFIX_LAYOUTS: ReadonlySet<LayoutName> = new Set(['mkdocs-suffix', 'hugo-suffix']);

/** `p` normalized: no `./` segments, no trailing slash, `.` for the root. */
function clean(p: string): string {
  const n = normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

function isOutside(p: string): boolean {
  return p === '..' || p.startsWith('../') || p.startsWith('/');
}

function isUnder(p: string, dir: string): boolean {
  return dir === '.' || p.startsWith(`${dir}/`);
}

/** The folder the localized documents of `lang` go to (for the suffix layouts: sourceDir itself). */
function outputRoot(layout: Layout, lang: string): string {
  if (lang === '' || lang === '.' || lang === '..' || lang.includes('/')) throw new Error(`invalid language code ${JSON.stringify(lang)}: it names a folder or file suffix`);
  const sourceDir = clean(layout.sourceDir);
  if (isOutside(sourceDir)) throw new Error(`the source folder ${JSON.stringify(layout.sourceDir)} is outside the project`);
  switch (layout.name) {
    case 'dist':
      return clean(join(layout.distDir, lang));
    case 'docusaurus':
      return join('i18n', lang, 'docusaurus-plugin-content-docs', 'current');
    case 'mkdocs':
    case 'hugo': {
      if (sourceDir === '.') {
        const example = layout.name === 'hugo' ? 'content/en' : 'docs/en';
        throw new Error(
          `the ${layout.name} layout puts each language in a folder beside the English one, which needs the English documents in a subfolder (such as ${example}), not in the project root; or use the ${layout.name}-suffix layout`,
        );
      }
      const root = join(dirname(sourceDir), lang);
      if (root === sourceDir) throw new Error(`the ${layout.name} layout would write the ${lang} documents over the English ones in ${sourceDir}`);
      return root;
    }
    case 'vitepress':
      return join(sourceDir, lang);
    case 'mkdocs-suffix':
    case 'hugo-suffix':
      return sourceDir;
  }
}

/** `guide/intro.md` → `guide/intro.fr.md` (the extension keeps its case; `.markdown` too). */
function withLanguageSuffix(path: string, lang: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${lang}${ext}`;
}

/** The project-root-relative path of the localized copy of the document at `sourcePath` (relative to sourceDir). */
export function localizedPath(layout: Layout, lang: string, sourcePath: string): string {
  const doc = clean(sourcePath);
  if (doc === '.' || isOutside(doc)) throw new Error(`${JSON.stringify(sourcePath)} is not a document path inside the source folder`);
  const root = outputRoot(layout, lang);
  const out = clean(join(root, SUFFIX_LAYOUTS.has(layout.name) ? withLanguageSuffix(doc, lang) : doc));
  if (isOutside(out)) throw new Error(`the ${layout.name} layout would write the ${lang} copy of ${sourcePath} outside the project (${out})`);
  return out;
}

/**
 * Whether a file found while listing the English sources (`sourcePath`, relative to sourceDir) is
 * one of our localized outputs for one of `langs` (generator codes), never to be read as English:
 * `*.<lang>.md` for the suffix layouts; for the others, a file under a language's output folder
 * (vitepress's `<lang>/`; for the rest only when that folder lies inside sourceDir, as `dist/` or
 * `i18n/` do when sourceDir is the root). Never throws: a layout that cannot work fails when
 * `localizedPath` is asked for a path, not while the sources are listed.
 */
export function isLocalizedOutput(layout: Layout, sourcePath: string, langs: readonly string[]): boolean {
  const doc = clean(sourcePath);
  if (SUFFIX_LAYOUTS.has(layout.name)) {
    const base = basename(doc);
    const stem = base.slice(0, base.length - extname(base).length);
    return stem !== base && langs.some((lang) => stem.length > lang.length + 1 && stem.endsWith(`.${lang}`));
  }
  const file = clean(join(layout.sourceDir, doc));
  return langs.some((lang) => {
    try {
      return isUnder(file, outputRoot(layout, lang));
    } catch {
      return false;
    }
  });
}

/** Chinese regions written in Traditional and in Simplified characters (CLDR likely subtags). */
const HANT_REGIONS = new Set(['tw', 'hk', 'mo']);
const HANS_REGIONS = new Set(['cn', 'sg', 'my']);

/** The short code of a BCP 47 tag: Chinese by script, any other language by its language subtag. */
function shortCode(locale: string): string {
  const [language = '', ...rest] = locale.toLowerCase().split(/[-_]/);
  if (language !== 'zh') return language;
  if (rest.includes('hant')) return 'zh-Hant';
  if (rest.includes('hans')) return 'zh-Hans';
  if (rest.some((s) => HANT_REGIONS.has(s))) return 'zh-Hant';
  if (rest.some((s) => HANS_REGIONS.has(s))) return 'zh-Hans';
  return 'zh';
}

const sameTag = (a: string, b: string): boolean => a.replace(/_/g, '-').toLowerCase() === b.replace(/_/g, '-').toLowerCase();

function overrideOf(overrides: Readonly<Record<string, string>>, locale: string): string | undefined {
  if (Object.hasOwn(overrides, locale)) return overrides[locale];
  const key = Object.keys(overrides).find((k) => sameTag(k, locale));
  return key === undefined ? undefined : overrides[key];
}

/**
 * The language code a generator expects for the BCP 47 tag `locale` (one of the project's
 * `allLocales`). An override (by tag) wins as written.
 * - dist: the tag unchanged (sxs's own folders, as today).
 * - Docusaurus (`i18n.locales`, the folder `i18n/<locale>/`), MkDocs (Material's `language`, the
 *   mkdocs-static-i18n folder or suffix), Hugo (language keys, `content/<lang>/` or `*.<lang>.md`)
 *   and VitePress (the `locales` root folder) all take short codes: the language subtag alone
 *   (`de-DE` → `de`, `ja-JP` → `ja`), and Chinese by script, as their own sites and themes name it
 *   (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant…` → `zh-Hant`; `zh-CN`, `zh-SG`, `zh-MY`, `zh-Hans…` →
 *   `zh-Hans`; plain `zh` stays `zh`).
 * - Two locales that would get one code (`pt-BR` and `pt-PT`, or one whose code another's override
 *   takes) keep their full tags (`pt-BR`, as Docusaurus and Material name it).
 * - Hugo lowercases language keys (`zh-hant`, `pt-br`), so the code is lowercased for both Hugo layouts.
 */
export function generatorLanguage(layout: Pick<Layout, 'name'>, locale: string, allLocales: readonly string[], overrides: Readonly<Record<string, string>> = {}): string {
  const own = overrideOf(overrides, locale);
  if (own !== undefined) return own;
  if (layout.name === 'dist') return locale;
  const code = shortCode(locale);
  const shared = allLocales.some((other) => !sameTag(other, locale) && (overrideOf(overrides, other) ?? shortCode(other)).toLowerCase() === code.toLowerCase());
  const result = shared ? locale : code;
  return layout.name === 'hugo' || layout.name === 'hugo-suffix' ? result.toLowerCase() : result;
}

/** The POSIX path from the folder of `fromFile` to `toFile`, both project-root-relative (`b.md`, `../img/a.png`). */
export function relativeTarget(fromFile: string, toFile: string): string {
  return relative(`/${dirname(clean(fromFile))}`, `/${clean(toFile)}`) || '.';
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `path` spelled like the URL path `raw` it replaces: segments `raw` had keep their spelling
 * (`caf%C3%A9.png` stays encoded, `café.png` stays as it is), other ones get `%`, `#` and `?` encoded,
 * and spaces too unless `raw` wrote them as they are (`<my file.png>`).
 */
function spelledLike(path: string, raw: string): string {
  const spelling = new Map<string, string>();
  for (const seg of raw.split('/')) if (!spelling.has(percentDecode(seg))) spelling.set(percentDecode(seg), seg);
  const special = raw.includes(' ') ? /[%#?]/g : /[%#? ]/g;
  return path
    .split('/')
    .map((seg) => spelling.get(seg) ?? seg.replace(special, (c) => encodeURIComponent(c)))
    .join('/');
}

export interface LinkRewriterOptions {
  layout: Layout;
  /** The generator's language code. */
  lang: string;
  /** The document being localized, relative to sourceDir. */
  sourcePath: string;
  /** Whether a path (relative to sourceDir) is a Markdown document localized for this locale. */
  isDocument: (sourcePath: string) => boolean;
  /** Whether a path (relative to sourceDir) is a file of the English sources. */
  exists: (sourcePath: string) => boolean;
  /** Whether a project-relative path outside sourceDir is a file (`../README.md`); such links are left alone without it. */
  existsInProject?: (projectPath: string) => boolean;
}

/** The rewrite of `rewriteLinks` for one localized document: its relative links, as seen from its new place. */
export function linkRewriter(options: LinkRewriterOptions): (url: string) => string | undefined {
  const { layout, lang, isDocument, exists } = options;
  const from = localizedPath(layout, lang, options.sourcePath);
  const here = dirname(clean(options.sourcePath));
  return (url) => {
    if (url === '' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) || /^[/#?]/.test(url)) return undefined;
    const cut = url.search(/[?#]/);
    const raw = cut < 0 ? url : url.slice(0, cut);
    const decoded = percentDecode(raw);
    // A folder link (`guide/`, `..`) is the generator's to resolve.
    if (decoded.endsWith('/') || /(^|\/)\.{1,2}$/.test(decoded)) return undefined;
    const target = clean(join(here, decoded));
    let to: string;
    if (isOutside(target)) {
      // Outside the English folder but inside the project (`../README.md`, `../static/x.png`): the same file, from the new place.
      const inProject = clean(join(layout.sourceDir, target));
      if (isOutside(inProject) || !options.existsInProject?.(inProject)) return undefined;
      to = inProject;
    } else {
      if (!exists(target)) return undefined;
      to = isDocument(target) ? localizedPath(layout, lang, target) : clean(join(layout.sourceDir, target));
    }
    // Already right from the new place (`img/a.png` beside a vitepress page): no edit.
    if (clean(join(dirname(from), decoded)) === to) return undefined;
    return spelledLike(relativeTarget(from, to), raw) + url.slice(raw.length);
  };
}
