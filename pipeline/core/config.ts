/**
 * `sxs.config.json`: the project's locales, folders and the format settings the spec marks as
 * configurable. Every problem names the key path; the CLI exits 2 on any of them.
 *
 *   {
 *     "sourceLocale": "en-US",                 BCP 47 tag of the source documents
 *     "locales": ["zh-TW", "ja-JP"],           target locales, `ll-CC` as in ms.contentlocale
 *     "source": "source",                      English Markdown, relative to the config file
 *     "translations": "translations",          the store: <translations>/<locale>/<path>.xlf
 *     "dist": "dist",                          build output: <dist>/<locale>/<path>
 *     "tm": "tm",                              imported translation memories (TMX)
 *     "segmentation": {
 *       "abbreviations": [...],                words that never end a sentence (replaces the default list)
 *       "extraAbbreviations": [...]            added to the default list
 *     },
 *     "handoff": {
 *       "hashLineEndings": "lf" | "crlf",      ms.openlocfilehash over the raw bytes or CRLF bytes (default lf)
 *       "translationType": "HT" | "MT" | "Auto" default ms.translationtype (default HT)
 *     },
 *     "format": { "anchors": true, "peelMarkup": false, "keepNbsp": false },
 *                                             the bilingual format's conventions for documents never
 *                                             harvested (core/conventions.ts; default: today's format)
 *     "output": {                              what build writes as each locale's Markdown (docs/output.md)
 *       "profile": "microsoft" | "faithful",   bilingual as Microsoft Docs published it (default), or the
 *                                             author's file with only the text translated
 *       "layout": "dist" | "docusaurus" | …,   where it goes (core/layout.ts; default dist/<L>/…)
 *       "languages": { "zh-TW": "zh-Hant" }    locale → the generator's language code
 *     },
 *     "frontMatter": { "translate": ["sidebar_label"] }
 *                                             front-matter keys translated besides title, description, keywords
 *     "leverage": { "fuzzyThreshold": 75 },     translation-memory matches pre-filled in handoffs (50–100)
 *     "scope": {                               documents localized into a locale (default: all)
 *       "ja-JP": { "include": [...], "exclude": [...] }   path patterns: `*`, `**`, a folder ends with `/`
 *     },
 *     "qa": {                                  the quality rules (core/qa-settings.ts; README "Quality rules")
 *       "rules": { "qa/numbers": "error" },    a rule's level: off (not computed), warning, error
 *       "length": { "de": [0.8, 2.2] }         qa/length's band of target/English length ratios, by locale or language
 *     },
 *     "glossary": "terms.tbx"                  the terminology (TBX), relative to the config file
 *   }
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DEFAULT_ABBREVIATIONS } from '../markdown/segment.js';
import { TRANSLATED_KEYS } from '../markdown/front-matter.js';
import { CONVENTION_KEYS, isConventionKey, type Conventions } from './conventions.js';
import { generatorLanguage, LAYOUTS, type Layout, type LayoutName } from './layout.js';
import { defaultQaSettings, validateQaSettings, type QaSettings } from './qa-settings.js';

export const CONFIG_FILE = 'sxs.config.json';

export interface Config {
  /** Absolute path of the config file's directory. */
  root: string;
  /** The config file (absolute), when read from one: where configuration errors point. */
  file?: string;
  sourceLocale: string;
  locales: string[];
  /** Absolute folders. */
  source: string;
  translations: string;
  dist: string;
  /** Imported translation memories (`*.tmx`). */
  tm: string;
  abbreviations: string[];
  hashLineEndings: 'lf' | 'crlf';
  translationType: 'HT' | 'MT' | 'Auto';
  /** Fuzzy matches at or above this score (0–100) are pre-filled in handoff files. */
  fuzzyThreshold: number;
  /** Per locale, the source paths localized into it (patterns); a locale not listed gets every document. */
  scope: Record<string, { include?: string[]; exclude?: string[] }>;
  /** The format profile: conventions for documents whose store records none. */
  format: Partial<Conventions>;
  /** What `build` writes as each locale's Markdown, and where. */
  output: OutputSettings;
  /** The front-matter keys whose values are translated: title, description, keywords and `frontMatter.translate`. */
  frontMatterKeys: string[];
  /** The quality rules' levels (core/qa-settings.ts). */
  qa: QaSettings;
  /** The terminology file (TBX, absolute), when the project has one. */
  glossary?: string;
}

export interface OutputSettings {
  /** `microsoft`: the bilingual Markdown as Microsoft Docs published it; `faithful`: the author's file with only the text translated. */
  profile: 'microsoft' | 'faithful';
  /** Where the localized Markdown goes (core/layout.ts): `dist/<L>/…` or a docs generator's place. */
  layout: LayoutName;
  /** Locale tag → the generator's language code, over the layout's defaults. */
  languages: Record<string, string>;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-[a-z0-9]{5,8})*$/i;

/** Whether `tag` is a locale tag sxs accepts (`de-DE`, `zh-Hant-TW`). */
export const isLocaleTag = (tag: string): boolean => LOCALE.test(tag);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates parsed JSON; returns the config or the list of problems (each starting with a key path). */
export function validateConfig(json: Json, root: string): { config?: Config; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(json)) return { problems: ['(root): expected a JSON object'] };
  const known = new Set([
    '$schema',
    'sourceLocale',
    'locales',
    'source',
    'translations',
    'dist',
    'tm',
    'segmentation',
    'handoff',
    'scope',
    'leverage',
    'format',
    'output',
    'frontMatter',
    'qa',
    'glossary',
  ]);
  for (const key of Object.keys(json)) if (!known.has(key)) problems.push(`${key}: unknown key (expected one of ${[...known].slice(1).join(', ')})`);

  const str = (key: string, value: Json | undefined, fallback: string): string => {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${key}: expected a non-empty string, found ${JSON.stringify(value)}`);
      return fallback;
    }
    return value;
  };
  const locale = (key: string, value: string): string => {
    if (!LOCALE.test(value)) problems.push(`${key}: ${JSON.stringify(value)} is not a locale tag like "zh-TW"`);
    return value;
  };

  const sourceLocale = locale('sourceLocale', str('sourceLocale', json.sourceLocale, 'en-US'));
  const locales: string[] = [];
  if (json.locales === undefined) problems.push('locales: missing (expected an array of locale tags, e.g. ["zh-TW"])');
  else if (!Array.isArray(json.locales)) problems.push(`locales: expected an array of locale tags, found ${JSON.stringify(json.locales)}`);
  else if (json.locales.length === 0) problems.push('locales: empty (expected at least one target locale, e.g. ["zh-TW"])');
  else {
    json.locales.forEach((v, i) => {
      if (typeof v !== 'string') problems.push(`locales[${i}]: expected a locale tag, found ${JSON.stringify(v)}`);
      else if (locales.some((l) => l.toLowerCase() === v.toLowerCase())) problems.push(`locales[${i}]: ${JSON.stringify(v)} is listed twice`);
      else if (v.toLowerCase() === sourceLocale.toLowerCase()) problems.push(`locales[${i}]: ${JSON.stringify(v)} is the source locale`);
      else locales.push(locale(`locales[${i}]`, v));
    });
  }
  const dir = (key: string, fallback: string): string => {
    const v = str(key, json[key], fallback);
    return isAbsolute(v) ? v : resolve(root, v);
  };
  const source = dir('source', 'source');
  const translations = dir('translations', 'translations');
  const dist = dir('dist', 'dist');
  const tm = dir('tm', 'tm');

  let abbreviations = [...DEFAULT_ABBREVIATIONS];
  const seg = json.segmentation;
  if (seg !== undefined) {
    if (!isObject(seg)) problems.push(`segmentation: expected an object, found ${JSON.stringify(seg)}`);
    else {
      for (const key of Object.keys(seg)) {
        if (key !== 'abbreviations' && key !== 'extraAbbreviations') problems.push(`segmentation.${key}: unknown key (expected abbreviations, extraAbbreviations)`);
      }
      const list = (key: string): string[] | undefined => {
        const v = seg[key];
        if (v === undefined) return undefined;
        if (!Array.isArray(v)) {
          problems.push(`segmentation.${key}: expected an array of strings ending with ".", found ${JSON.stringify(v)}`);
          return undefined;
        }
        const out: string[] = [];
        v.forEach((a, i) => {
          if (typeof a !== 'string' || !/^\S+\.$/.test(a)) problems.push(`segmentation.${key}[${i}]: expected a word ending with "." (like "e.g."), found ${JSON.stringify(a)}`);
          else out.push(a);
        });
        return out;
      };
      const replaced = list('abbreviations');
      if (replaced) abbreviations = replaced;
      abbreviations.push(...(list('extraAbbreviations') ?? []));
    }
  }

  let hashLineEndings: Config['hashLineEndings'] = 'lf';
  let translationType: Config['translationType'] = 'HT';
  const h = json.handoff;
  if (h !== undefined) {
    if (!isObject(h)) problems.push(`handoff: expected an object, found ${JSON.stringify(h)}`);
    else {
      for (const key of Object.keys(h)) {
        if (key !== 'hashLineEndings' && key !== 'translationType') problems.push(`handoff.${key}: unknown key (expected hashLineEndings, translationType)`);
      }
      if (h.hashLineEndings !== undefined) {
        if (h.hashLineEndings === 'lf' || h.hashLineEndings === 'crlf') hashLineEndings = h.hashLineEndings;
        else problems.push(`handoff.hashLineEndings: expected "lf" or "crlf", found ${JSON.stringify(h.hashLineEndings)}`);
      }
      if (h.translationType !== undefined) {
        if (h.translationType === 'HT' || h.translationType === 'MT' || h.translationType === 'Auto') translationType = h.translationType;
        else problems.push(`handoff.translationType: expected "HT", "MT" or "Auto", found ${JSON.stringify(h.translationType)}`);
      }
    }
  }
  const format: Partial<Conventions> = {};
  const fmt = json.format;
  if (fmt !== undefined) {
    if (!isObject(fmt)) problems.push(`format: expected an object of conventions (${CONVENTION_KEYS.join(', ')}), found ${JSON.stringify(fmt)}`);
    else {
      for (const [key, v] of Object.entries(fmt)) {
        if (!isConventionKey(key)) problems.push(`format.${key}: unknown key (expected ${CONVENTION_KEYS.join(', ')})`);
        else if (typeof v !== 'boolean') problems.push(`format.${key}: expected true or false, found ${JSON.stringify(v)}`);
        else format[key] = v;
      }
    }
  }
  let fuzzyThreshold = 75;
  const lev = json.leverage;
  if (lev !== undefined) {
    if (!isObject(lev)) problems.push(`leverage: expected an object, found ${JSON.stringify(lev)}`);
    else {
      for (const key of Object.keys(lev)) if (key !== 'fuzzyThreshold') problems.push(`leverage.${key}: unknown key (expected fuzzyThreshold)`);
      const t = lev.fuzzyThreshold;
      if (t !== undefined) {
        if (typeof t === 'number' && Number.isInteger(t) && t >= 50 && t <= 100) fuzzyThreshold = t;
        else problems.push(`leverage.fuzzyThreshold: expected a whole percentage from 50 to 100, found ${JSON.stringify(t)}`);
      }
    }
  }
  const scope: Config['scope'] = {};
  const sc = json.scope;
  if (sc !== undefined) {
    if (!isObject(sc)) problems.push(`scope: expected an object of locale → { include, exclude }, found ${JSON.stringify(sc)}`);
    else {
      for (const [loc, rules] of Object.entries(sc)) {
        const where = `scope.${loc}`;
        const configured = locales.find((l) => l.toLowerCase() === loc.toLowerCase());
        if (!configured) problems.push(`${where}: not one of the configured locales (${locales.join(', ')})`);
        if (!isObject(rules)) {
          problems.push(`${where}: expected { "include": [...], "exclude": [...] }, found ${JSON.stringify(rules)}`);
          continue;
        }
        const entry: { include?: string[]; exclude?: string[] } = {};
        for (const [key, v] of Object.entries(rules)) {
          if (key !== 'include' && key !== 'exclude') {
            problems.push(`${where}.${key}: unknown key (expected include, exclude)`);
            continue;
          }
          if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '' || x.startsWith('/') || x.split('/').includes('..'))) {
            problems.push(`${where}.${key}: expected an array of source paths or patterns relative to the source folder (like "nuget/**/*.md" or "console/"), found ${JSON.stringify(v)}`);
            continue;
          }
          entry[key] = v as string[];
        }
        if (configured) scope[configured] = entry;
      }
    }
  }
  const output: OutputSettings = { profile: 'microsoft', layout: 'dist', languages: {} };
  const out = json.output;
  if (out !== undefined) {
    if (!isObject(out)) problems.push(`output: expected an object ({ "profile", "layout", "languages" }), found ${JSON.stringify(out)}`);
    else {
      for (const key of Object.keys(out)) if (!['profile', 'layout', 'languages'].includes(key)) problems.push(`output.${key}: unknown key (expected profile, layout, languages)`);
      if (out.profile !== undefined) {
        if (out.profile === 'microsoft' || out.profile === 'faithful') output.profile = out.profile;
        else problems.push(`output.profile: expected "microsoft" or "faithful", found ${JSON.stringify(out.profile)}`);
      }
      if (out.layout !== undefined) {
        if (typeof out.layout === 'string' && (LAYOUTS as readonly string[]).includes(out.layout)) output.layout = out.layout as LayoutName;
        else problems.push(`output.layout: expected one of ${LAYOUTS.map((l) => JSON.stringify(l)).join(', ')}, found ${JSON.stringify(out.layout)}`);
      }
      if (out.languages !== undefined) {
        if (!isObject(out.languages)) problems.push(`output.languages: expected an object of locale → language code, found ${JSON.stringify(out.languages)}`);
        else {
          for (const [loc, code] of Object.entries(out.languages)) {
            const configured = locales.find((l) => l.toLowerCase() === loc.toLowerCase());
            if (!configured) problems.push(`output.languages.${loc}: not one of the configured locales (${locales.join(', ')})`);
            else if (typeof code !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,34}$/.test(code))
              problems.push(`output.languages.${loc}: expected a language code like "zh-Hant" (letters, digits, - and _), found ${JSON.stringify(code)}`);
            else output.languages[configured] = code;
          }
        }
      }
      // Two locales written to one language's place would overwrite each other's files.
      const codes = new Map<string, string>();
      for (const l of locales) {
        const code = generatorLanguage({ name: output.layout }, l, locales, output.languages).toLowerCase();
        const other = codes.get(code);
        if (other) problems.push(`output.languages: ${JSON.stringify(other)} and ${JSON.stringify(l)} would both be written as ${JSON.stringify(code)} (give one of them another code)`);
        else codes.set(code, l);
      }
      if (output.layout !== 'dist' && output.profile !== 'faithful')
        problems.push(`output.layout: ${JSON.stringify(output.layout)} places the faithful rendition for a docs generator: set "output.profile" to "faithful" (the Microsoft profile writes to dist/)`);
    }
  }
  const frontMatterKeys: string[] = [...TRANSLATED_KEYS];
  const fm = json.frontMatter;
  if (fm !== undefined) {
    if (!isObject(fm)) problems.push(`frontMatter: expected an object ({ "translate": [...] }), found ${JSON.stringify(fm)}`);
    else {
      for (const key of Object.keys(fm)) if (key !== 'translate') problems.push(`frontMatter.${key}: unknown key (expected translate)`);
      const t = fm.translate;
      if (t !== undefined) {
        if (!Array.isArray(t) || t.some((k) => typeof k !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k))) {
          problems.push(`frontMatter.translate: expected an array of top-level front-matter keys (like "sidebar_label"), found ${JSON.stringify(t)}`);
        } else for (const k of t as string[]) if (!frontMatterKeys.includes(k)) frontMatterKeys.push(k);
      }
    }
  }
  const qa = json.qa === undefined ? defaultQaSettings() : validateQaSettings(json.qa, problems);
  const glossary = json.glossary === undefined ? undefined : dir('glossary', '');
  if (problems.length > 0) return { problems };
  const config: Config = { root, sourceLocale, locales, source, translations, dist, tm, abbreviations, hashLineEndings, translationType, scope, fuzzyThreshold, format, output, frontMatterKeys, qa };
  if (glossary !== undefined) config.glossary = glossary;
  return { config, problems };
}

/** Reads and validates the config file (`explicit` path, or `sxs.config.json` in `cwd`). */
export function loadConfig(cwd: string, explicit?: string): Config {
  const file = resolve(cwd, explicit ?? CONFIG_FILE);
  if (!existsSync(file)) throw new ConfigError(file, [`not found (create ${CONFIG_FILE} in the project folder, see README "Configuration")`]);
  // JSON with comments (as tsconfig.json): `sxs init` writes a commented file.
  const text = readFileSync(file, 'utf8');
  const errors: ParseError[] = [];
  const json = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as Json;
  if (errors.length > 0) {
    throw new ConfigError(
      file,
      errors.map((e) => {
        const before = text.slice(0, e.offset).split('\n');
        return `not valid JSON at line ${before.length}, column ${before.at(-1)!.length + 1}: ${printParseErrorCode(e.error)}`;
      }),
    );
  }
  const { config, problems } = validateConfig(json, dirname(file));
  if (!config) throw new ConfigError(file, problems);
  if (!existsSync(config.source) || !statSync(config.source).isDirectory()) {
    throw new ConfigError(file, [`source: ${config.source} is not a folder (the English documents go there)`]);
  }
  return { ...config, file };
}

const patternCache = new Map<string, RegExp>();

/** A path pattern as a regular expression: `**` any path, `*` any name part, a trailing `/` a whole folder. */
function patternRegex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const p = pattern.endsWith('/') ? `${pattern}**` : pattern;
    const body = p
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((part) => {
        if (part === '**/') return '(?:.*/)?';
        if (part === '**') return '.*';
        if (part === '*') return '[^/]*';
        if (part === '?') return '[^/]';
        return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    re = new RegExp(`^${body}$`);
    patternCache.set(pattern, re);
  }
  return re;
}

/** Is the source document `path` localized into `locale`? */
export function inScope(config: Config, locale: string, path: string): boolean {
  const rules = config.scope[locale];
  if (!rules) return true;
  const matches = (patterns: string[] | undefined) => patterns?.some((p) => patternRegex(p).test(path)) ?? false;
  if (rules.include && !matches(rules.include)) return false;
  return !matches(rules.exclude);
}

/** The configured spelling of `locale` (matched case-insensitively), or undefined. */
export function findLocale(config: Config, locale: string): string | undefined {
  return config.locales.find((l) => l.toLowerCase() === locale.toLowerCase());
}

/** The configured output layout, its folders relative to the project root (core/layout.ts). */
export function layoutOf(config: Config): Layout {
  const rel = (dir: string) => relative(config.root, dir).split(sep).join('/') || '.';
  return { name: config.output.layout, sourceDir: rel(config.source), distDir: rel(config.dist) };
}

/** The generator's language code of each locale (`de-DE` → `de` for Docusaurus; the tag itself in dist/). */
export function generatorLanguages(config: Config): Map<string, string> {
  const layout = layoutOf(config);
  return new Map(config.locales.map((l) => [l, generatorLanguage(layout, l, config.locales, config.output.languages)]));
}
