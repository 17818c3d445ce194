/**
 * The terminology of a project: a glossary read from TBX (`"glossary": "terms.tbx"` in sxs.config.json).
 *
 * Read: TBX v2 (`<martif>`, TBX-Basic and TBX-Default) and TBX v3 (`<tbx>`, ISO 30042:2019, the core
 * structure in either style: DCA `<termNote type="…">`/`<descrip type="…">`, or DCT elements of a
 * dialect's namespace such as `<basic:administrativeStatus>`):
 *
 *   body → termEntry | conceptEntry                     one concept (its `id`, or `c1`, `c2`… by position)
 *            descrip type="definition"                  the concept's definition (also in a descripGrp)
 *            langSet | langSec  xml:lang                one language (`de` serves de-DE, de-AT…)
 *              descrip type="definition"                that language's definition
 *              tig | ntig/termGrp | termSec             one term
 *                term                                   its text (inline markup read as text)
 *                termNote type="administrativeStatus"   preferredTerm-admn-sts | admittedTerm-admn-sts |
 *                  (or "normativeAuthorization")          deprecatedTerm-admn-sts | supersededTerm-admn-sts
 *                                                         (also the bare words, and forbidden/obsolete)
 *
 * A target term without a status, preferred or admitted is approved; deprecated or superseded is forbidden.
 * Everything else (notes, part of speech, sources, dates, cross references, the header) is skipped.
 *
 * Do not translate. TBX has no single data category for it and tools differ, so a concept is
 * do-not-translate when any element in it (a termNote, descrip or admin, or a DCT element) says so:
 *  - `transferComment` (the ISO 12620 / TBX-Default data category for "the degree to which a term is
 *    translatable") with a text such as `do not translate`, `untranslatable`, `DNT` — what sxs writes
 *    and the sample project uses: `<termNote type="transferComment">do not translate</termNote>` on the
 *    English term;
 *  - `translationNote` = `no` (Weblate) or `Translation needed` = `no` (Translate Toolkit);
 *  - `doNotTranslate` (or `DNT`) = `yes` (a MultiTerm/memoQ picklist field exported by name).
 * Its English terms must then appear unchanged in every translation. A concept can say the same
 * without a marker, portably, by listing the English term as the approved term of each language
 * (`NuGet` in the de langSet): that is checked as an approved translation.
 *
 * Hostile input: bytes are decoded and parsed by core/xml.ts (saxes: strict XML 1.0, no DTD is read,
 * a DOCTYPE with an internal subset — entity declarations — is refused, an undefined entity is an
 * error, nesting over 256 levels is refused), within a size bound read before parsing; the walk
 * visits each element once. Whatever the input, the reader returns a glossary (empty when the file
 * cannot be read) and findings with line, column and rule id; it never throws on content.
 */
import { basename } from 'node:path';
import type { Finding, Problem } from '../core/problems.js';
import { readBounded, TooLargeError } from '../util/fs.js';
import { LIMITS } from '../util/limits.js';
import { attr, childElements, decodeXml, parseXml, textContent, type XmlElement } from '../core/xml.js';

export type TermStatus = 'preferred' | 'admitted' | 'deprecated' | 'superseded';

export interface GlossaryTerm {
  /** The term as written (whitespace runs collapsed, trimmed, NFC). */
  text: string;
  status?: TermStatus;
  line: number;
  column: number;
}

export interface GlossaryLanguage {
  /** The `xml:lang` of the langSet/langSec as written. */
  lang: string;
  terms: GlossaryTerm[];
  definition?: string;
}

export interface GlossaryEntry {
  /** The concept's `id`, or `c<N>` by position in the file. */
  id: string;
  languages: GlossaryLanguage[];
  /** The concept-level definition. */
  definition?: string;
  /** Do not translate: the source-language terms stay as they are. */
  dnt: boolean;
  line: number;
  column: number;
}

export interface Glossary {
  /** The file's name, shown as the origin of handoff glossary entries. */
  name: string;
  /** The language of the English text the terms are looked up in (the project's sourceLocale). */
  sourceLocale: string;
  entries: GlossaryEntry[];
}

/** Terms longer than this are not matched (the matcher's work per text position is bounded by it). */
export const MAX_TERM_LENGTH = 256;

/** TBX rules: all error-level findings make the glossary empty; warnings skip one part of it. */
export const TBX_RULES = {
  'terms/read': 'the glossary file cannot be read',
  'terms/too-large': 'the glossary file is over the size limit',
  'terms/xml': 'the glossary is not well-formed XML (encoding, DOCTYPE with declarations, syntax, nesting)',
  'terms/format': 'the glossary is not TBX (no <martif> or <tbx> root with <text><body>)',
  'terms/entry': 'a concept, language section or term that cannot be used (no language, no text)',
  'terms/too-long': `a term over ${MAX_TERM_LENGTH} characters (not matched)`,
} as const;

const emptyGlossary = (name: string, sourceLocale: string): Glossary => ({ name, sourceLocale, entries: [] });

/** `type` of a DCA element (`<termNote type="administrativeStatus">`) or the name of a DCT element. */
function category(el: XmlElement): string | undefined {
  if (el.local === 'termNote' || el.local === 'descrip' || el.local === 'admin' || el.local === 'termNoteGrp') return attr(el, 'type');
  // DCT style: data categories are elements of the dialect's namespace, not of TBX's own.
  if (el.uri !== '' && !el.uri.startsWith('urn:iso:std:iso:30042')) return el.local;
  return undefined;
}

const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

function statusOf(value: string): TermStatus | undefined {
  const v = key(value);
  if (/^(preferred|standardized|legal|regulated)/.test(v)) return 'preferred';
  if (/^admitted/.test(v)) return 'admitted';
  if (/^(deprecated|forbidden|obsolete|notrecommended|prohibited)/.test(v)) return 'deprecated';
  if (/^superseded/.test(v)) return 'superseded';
  return undefined;
}

const DNT_TEXT = /\b(do\s*not|don['’]?t|never)\s+translate\b|\bnot\s+(to\s+be\s+)?translat|\buntranslat|\bnon-?translat|^\s*dnt\s*$/i;
const NO = /^\s*(no|false|n|0)\s*$/i;
const YES = /^\s*(yes|true|y|1)?\s*$/i;

const DNT_CATEGORIES = new Set(['transfercomment', 'usagenote', 'translationnote', 'translationneeded', 'translatable', 'translate', 'donottranslate', 'dnt']);

/** Does this data category (one of DNT_CATEGORIES), with this value, mark its concept do-not-translate? */
function saysDoNotTranslate(cat: string, value: string): boolean {
  switch (cat) {
    case 'transfercomment':
    case 'usagenote':
      return DNT_TEXT.test(value);
    case 'translationnote':
      return NO.test(value) || DNT_TEXT.test(value);
    case 'translationneeded':
    case 'translatable':
    case 'translate':
      return NO.test(value);
    case 'donottranslate':
    case 'dnt':
      return YES.test(value);
    default:
      return false;
  }
}

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** A definition directly in `el` or in one of its descripGrps. */
function definitionIn(el: XmlElement): string | undefined {
  for (const c of childElements(el)) {
    const target = c.local === 'descripGrp' ? childElements(c).find((d) => d.local === 'descrip' || category(d) !== undefined) : c;
    if (target && key(category(target) ?? '') === 'definition') {
      const text = clean(textContent(target));
      if (text) return text;
    }
  }
  return undefined;
}

class Reader {
  readonly findings: Finding[] = [];

  warn(el: XmlElement, rule: keyof typeof TBX_RULES, message: string): void {
    this.findings.push({ line: el.line, column: el.column, rule, severity: 'warning', message });
  }

  /** The term of a tig, ntig or termSec: its `<term>` (directly or in a termGrp) and status. */
  term(container: XmlElement): GlossaryTerm | undefined {
    const holders = [container, ...childElements(container, 'termGrp')];
    for (const h of holders) {
      const term = childElements(h, 'term')[0];
      if (!term) continue;
      const text = clean(textContent(term));
      if (!text) {
        this.warn(term, 'terms/entry', 'an empty <term>: skipped');
        return undefined;
      }
      if (text.length > MAX_TERM_LENGTH) {
        this.warn(term, 'terms/too-long', `a term of ${text.length} characters (at most ${MAX_TERM_LENGTH}): skipped`);
        return undefined;
      }
      const out: GlossaryTerm = { text, line: term.line, column: term.column };
      for (const note of holders.flatMap((x) => childElements(x))) {
        const cat = category(note);
        if (!cat || !['administrativestatus', 'normativeauthorization'].includes(key(cat))) continue;
        const status = statusOf(textContent(note));
        if (status) out.status = status;
      }
      return out;
    }
    this.warn(container, 'terms/entry', `a <${container.local}> without a <term>: skipped`);
    return undefined;
  }

  language(sec: XmlElement): GlossaryLanguage | undefined {
    const lang = sec.attributes.find((a) => a.local === 'lang' && (a.uri === 'http://www.w3.org/XML/1998/namespace' || a.name === 'lang'))?.value.trim();
    if (!lang) {
      this.warn(sec, 'terms/entry', `a <${sec.local}> without xml:lang: skipped`);
      return undefined;
    }
    const terms: GlossaryTerm[] = [];
    for (const c of childElements(sec)) {
      if (c.local !== 'tig' && c.local !== 'ntig' && c.local !== 'termSec') continue;
      const t = this.term(c);
      if (t) terms.push(t);
    }
    const out: GlossaryLanguage = { lang, terms };
    const definition = definitionIn(sec);
    if (definition) out.definition = definition;
    return out;
  }

  entry(el: XmlElement, index: number): GlossaryEntry | undefined {
    const languages: GlossaryLanguage[] = [];
    for (const c of childElements(el)) {
      if (c.local !== 'langSet' && c.local !== 'langSec') continue;
      const l = this.language(c);
      if (l && l.terms.length > 0) languages.push(l);
    }
    if (languages.length === 0) {
      this.warn(el, 'terms/entry', `concept ${attr(el, 'id') ?? index + 1} has no term: skipped`);
      return undefined;
    }
    // Any marker anywhere in the concept (on the concept, a language or a term) makes it do-not-translate.
    let dnt = false;
    const stack = [el];
    while (stack.length > 0 && !dnt) {
      const e = stack.pop()!;
      const cat = key(category(e) ?? '');
      if (DNT_CATEGORIES.has(cat) && saysDoNotTranslate(cat, textContent(e))) dnt = true;
      for (const c of childElements(e)) stack.push(c);
    }
    const entry: GlossaryEntry = { id: attr(el, 'id') ?? `c${index + 1}`, languages, dnt, line: el.line, column: el.column };
    const definition = definitionIn(el);
    if (definition) entry.definition = definition;
    return entry;
  }
}

/** Reads TBX bytes: the glossary (empty when an error finding says why) and what was skipped. */
export function readTbx(bytes: Uint8Array, options: { sourceLocale: string; name?: string }): { glossary: Glossary; findings: Finding[] } {
  const glossary = emptyGlossary(options.name ?? 'glossary', options.sourceLocale);
  const reader = new Reader();
  const fail = (line: number, column: number, rule: keyof typeof TBX_RULES, message: string) => ({ glossary, findings: [{ line, column, rule, severity: 'error' as const, message }] });
  let root: XmlElement;
  try {
    root = parseXml(decodeXml(bytes).text);
  } catch (e) {
    const x = e as { line?: number; column?: number; message?: string };
    return fail(x.line ?? 1, x.column ?? 1, 'terms/xml', x.message ?? String(e));
  }
  if (root.local !== 'martif' && root.local !== 'tbx') return fail(root.line, root.column, 'terms/format', `expected a TBX file (<martif> or <tbx> root), found <${root.name}>`);
  const body = childElements(childElements(root, 'text')[0] ?? root, 'body')[0];
  if (!body) return fail(root.line, root.column, 'terms/format', `a TBX file needs <text><body>`);
  let index = 0;
  for (const c of childElements(body)) {
    if (c.local !== 'termEntry' && c.local !== 'conceptEntry') continue;
    const entry = reader.entry(c, index++);
    if (entry) glossary.entries.push(entry);
  }
  return { glossary, findings: reader.findings };
}

/**
 * The configured glossary (`config.glossary`): read within the size bound, every finding as a
 * problem at the file. `ok` is false when an error leaves the glossary unusable (it is then empty).
 */
export function loadGlossary(file: string, sourceLocale: string): { glossary: Glossary; problems: Problem[]; ok: boolean } {
  const name = basename(file);
  let bytes: Buffer;
  try {
    bytes = readBounded(file, LIMITS.tbxBytes);
  } catch (e) {
    const message =
      e instanceof TooLargeError ? e.message : `cannot read the glossary: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (the config key "glossary")' : (e as Error).message}`;
    return {
      glossary: emptyGlossary(name, sourceLocale),
      problems: [{ file, line: 1, column: 1, rule: e instanceof TooLargeError ? 'terms/too-large' : 'terms/read', severity: 'error', message }],
      ok: false,
    };
  }
  const { glossary, findings } = readTbx(bytes, { sourceLocale, name });
  const problems = findings.map((f) => ({ file, ...f }));
  return { glossary, problems, ok: !problems.some((p) => p.severity === 'error') };
}
