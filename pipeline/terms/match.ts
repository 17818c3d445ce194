/**
 * Glossary terms in text: which terms an English sentence uses, whether its translation uses their
 * approved translations, avoids the forbidden ones and keeps the do-not-translate ones unchanged.
 * Pure: plain texts in (inline code already removed by the caller), matches and QaIssues out.
 *
 * Matching is loose, the same on both sides:
 *  - Unicode NFC; case-insensitive (each character folded to lower case where that keeps its length);
 *    any run of white space matches any other; ’ matches ', and the Unicode hyphens match `-`.
 *  - Word boundaries between letters and digits of scripts written with spaces: `package` is not found
 *    in `subpackage` or `packaged`. Chinese, Japanese, Korean (and Thai, Lao, Khmer, Myanmar) characters
 *    need no boundary, so their terms are found anywhere (`套件` in `NuGet套件的`), and a Latin term next to
 *    them is found too (`NuGet` in `NuGet套件`).
 *  - Inflection, by the language's table below (LANGUAGES): a term may be followed within its word by
 *    one of the language's endings — English `-s`/`-es` (and `-y` → `-ies`: `dependency` finds
 *    `dependencies`), German `-e`/`-en`/`-n`/`-s`/`-es`/`-er`/`-ern`/`-ens`, … In languages that write
 *    compounds as one word (German, Dutch, the Scandinavian languages), an approved translation may also
 *    begin or end a compound (`Paket` is found in `Paketquelle`, `Lizenz` in `Abonnementlizenzen`); a
 *    forbidden term may not (no false alarms).
 *  - The longest term wins, from left to right, and found text is not searched again: in
 *    "Package Manager Console", the term `Package Manager Console` is found, not `package` and `console`.
 *
 * Linear: the terms of a side are a trie (by character, white space as one edge); each start position
 * (a character that can begin a word) walks the trie for at most MAX_TERM_LENGTH characters, so a text
 * of n characters costs at most n × MAX_TERM_LENGTH steps whatever the glossary's size, never terms × text.
 * Indexes are built once per glossary and locale (cached).
 *
 * Rules (QaIssue.rule): `qa/term-missing`, `qa/term-forbidden`, `qa/term-dnt` — see termIssues.
 */
import type { QaIssue } from '../core/qa-issue.js';
import { sameLanguage } from '../text/language.js';
import type { Glossary, GlossaryEntry } from './tbx.js';

/** The terminology's rules (their default levels are in QA_DEFAULTS, core/qa-settings.ts). */
export const TERM_RULES = ['qa/term-missing', 'qa/term-forbidden', 'qa/term-dnt'] as const;

// ------------------------------------------------------------------------------------------ text

/** Character classes of a prepared text, per UTF-16 code unit. */
const OTHER = 0;
/** A letter, mark, digit or `_` of a script written with spaces between words. */
const SPACED = 1;
/** A letter of a script written without spaces (CJK, Thai…): no word boundary needed around it. */
const UNSPACED = 2;
const SPACE = 3;

const WORD_CHAR = /^[\p{L}\p{M}\p{N}_]$/u;
const UNSPACED_CHAR = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Bopomofo}]$/u;
const SPACE_CHAR = /^\s$/u;

const classCache = new Map<number, number>();
function classOf(cp: number): number {
  let c = classCache.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = SPACE_CHAR.test(ch) ? SPACE : UNSPACED_CHAR.test(ch) ? UNSPACED : WORD_CHAR.test(ch) ? SPACED : OTHER;
    if (classCache.size < 65536) classCache.set(cp, c);
  }
  return c;
}

/** Characters matched as another: typographic apostrophes and Unicode hyphens. */
const EQUIVALENT: Record<string, string> = { '\u2019': "'", '\u2018': "'", '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\uFE63': '-', '\uFF0D': '-' };

interface Prepared {
  /** The text, NFC. */
  text: string;
  /** The same length, each character folded (lower case where that keeps the length, equivalents). */
  folded: string;
  cls: Uint8Array;
  /** For a space: the index after its run of white space. */
  spaceEnd: Int32Array;
  /** For a SPACED character: the index after its run of SPACED characters (its word). */
  wordEnd: Int32Array;
}

function prepare(input: string, fold: boolean): Prepared {
  const text = input.normalize('NFC');
  const n = text.length;
  const cls = new Uint8Array(n);
  let folded = '';
  for (let i = 0; i < n;) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const c = classOf(cp);
    cls[i] = c;
    if (ch.length === 2) cls[i + 1] = c;
    let f = EQUIVALENT[ch] ?? ch;
    if (fold) {
      const lower = f.toLowerCase();
      if (lower.length === f.length) f = lower;
    }
    folded += f;
    i += ch.length;
  }
  const spaceEnd = new Int32Array(n);
  const wordEnd = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    spaceEnd[i] = cls[i] === SPACE ? (i + 1 < n && cls[i + 1] === SPACE ? spaceEnd[i + 1]! : i + 1) : i;
    wordEnd[i] = cls[i] === SPACED ? (i + 1 < n && cls[i + 1] === SPACED ? wordEnd[i + 1]! : i + 1) : i;
  }
  return { text, folded, cls, spaceEnd, wordEnd };
}

/** A term's key in the trie: prepared like a text, white space runs as one space, trimmed. */
function termKey(term: string, fold: boolean): string {
  const p = prepare(term.replace(/\s+/gu, ' ').trim(), fold);
  return p.folded;
}

// ------------------------------------------------------------------------------------------ languages

interface LanguageRules {
  /** Endings a word may add to a term (folded, longest first not required). */
  endings: readonly string[];
  /** Compounds are written as one word: an approved term may begin one. */
  compounds: boolean;
  /** English-style `-y` → `-ies` plurals. */
  ies: boolean;
}

/** By primary language subtag. Add a language here; one without an entry matches whole words only. */
const LANGUAGES: Record<string, LanguageRules> = {
  en: { endings: ['s', 'es'], compounds: false, ies: true },
  de: { endings: ['e', 'en', 'n', 's', 'es', 'er', 'ern', 'ens'], compounds: true, ies: false },
  nl: { endings: ['s', 'en', 'e', 'n'], compounds: true, ies: false },
  sv: { endings: ['er', 'ar', 'or', 'en', 'et', 'n', 'na', 'erna', 'arna', 'orna', 's', 'e'], compounds: true, ies: false },
  da: { endings: ['er', 'e', 'en', 'et', 'ne', 'erne', 's'], compounds: true, ies: false },
  nb: { endings: ['er', 'e', 'en', 'et', 'ene', 'a', 's'], compounds: true, ies: false },
  nn: { endings: ['ar', 'er', 'e', 'en', 'et', 'ane', 'ene', 'a', 's'], compounds: true, ies: false },
  no: { endings: ['er', 'e', 'en', 'et', 'ene', 'a', 's'], compounds: true, ies: false },
  fr: { endings: ['s', 'x', 'e', 'es'], compounds: false, ies: false },
  es: { endings: ['s', 'es'], compounds: false, ies: false },
  pt: { endings: ['s', 'es'], compounds: false, ies: false },
  ca: { endings: ['s', 'es'], compounds: false, ies: false },
  it: { endings: [], compounds: false, ies: false },
};
const WHOLE_WORDS: LanguageRules = { endings: [], compounds: false, ies: false };

function rulesOf(locale: string): LanguageRules {
  return LANGUAGES[locale.toLowerCase().split(/[-_]/)[0]!] ?? WHOLE_WORDS;
}

/** Is a TBX language tag one of a locale's? `de` serves `de-DE`; `zh-Hant` serves zh-TW/HK/MO, `zh-Hans` zh-CN/SG. */
export function languageMatches(tag: string, locale: string): boolean {
  if (sameLanguage(tag, locale)) return true;
  const t = tag.toLowerCase().replace(/_/g, '-');
  const l = locale.toLowerCase().replace(/_/g, '-');
  if (t === 'zh-hant') return /^zh-(tw|hk|mo)$/.test(l);
  if (t === 'zh-hans') return /^zh-(cn|sg)$/.test(l);
  return false;
}

/** The source side is any variety of the source language: `en-GB` terms serve an `en-US` project. */
const sameSourceLanguage = (tag: string, sourceLocale: string) => tag.toLowerCase().split(/[-_]/)[0] === sourceLocale.toLowerCase().split(/[-_]/)[0];

// ------------------------------------------------------------------------------------------ index

type Role = 'source' | 'approved' | 'forbidden' | 'exact';

interface Item {
  entry: number;
  role: Role;
  /** The term as written in the glossary. */
  term: string;
}

interface TrieNode {
  next?: Map<number, TrieNode>;
  items?: Item[];
}

/** A found term: the text as written, and every glossary item the longest match there stands for. */
interface Hit {
  /** Offsets in the NFC text: the term, and with the ending it has (`packages`) or its compound's rest. */
  start: number;
  end: number;
  wordEnd: number;
  /** Where a leftmost-longest scan goes on: after the word, or after a compound's first term. */
  resume: number;
  /** The text as written at [start, end), and at [start, wordEnd). */
  text: string;
  word: string;
  items: Item[];
}

class TermIndex {
  private readonly root: TrieNode = {};
  size = 0;

  constructor(
    readonly rules: LanguageRules,
    readonly fold: boolean,
  ) {}

  add(term: string, item: Item): void {
    const k = termKey(term, this.fold);
    if (k === '') return;
    this.insert(k, item);
    // English plurals in -ies: `dependency` also as `dependencies` (a consonant before the y).
    if (this.rules.ies && /[^aeiouy]y$/.test(k) && /\p{L}/u.test(k.at(-2) ?? '')) this.insert(`${k.slice(0, -1)}ies`, item);
  }

  private insert(key: string, item: Item): void {
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = {}));
      node = child;
    }
    (node.items ??= []).push(item);
    this.size++;
  }

  /**
   * The terms in a text: leftmost-longest and non-overlapping (`longest`), or every occurrence at
   * every start (`all`, for presence tests). A hit keeps the items its ending allows (`ending`).
   */
  scan(p: Prepared, mode: 'longest' | 'all'): Hit[] {
    const { folded, cls, spaceEnd } = p;
    const n = folded.length;
    const hits: Hit[] = [];
    if (this.size === 0) return hits;
    let from = 0;
    for (let s = 0; s < n; s++) {
      const c = cls[s]!;
      if (c === SPACE || s < from) continue;
      // A code point's second half is not a start; inside a word of a spaced script, only the tail
      // of a compound is (approved terms, compounding languages).
      const code = folded.charCodeAt(s);
      if (code >= 0xdc00 && code <= 0xdfff && s > 0) continue;
      const inWord = s > 0 && c === SPACED && cls[s - 1] === SPACED;
      if (inWord && !this.rules.compounds) continue;
      let node: TrieNode | undefined = this.root;
      let best: Hit | undefined;
      for (let i = s; i < n && node;) {
        const space = cls[i] === SPACE;
        node = node.next?.get(space ? 32 : folded.charCodeAt(i));
        i = space ? spaceEnd[i]! : i + 1;
        if (!node?.items || space) continue;
        const hit = this.ending(p, s, i, node.items, inWord);
        if (!hit) continue;
        if (mode === 'all') hits.push(hit);
        else best = hit;
      }
      if (best) {
        hits.push(best);
        from = best.resume;
      }
    }
    return hits;
  }

  /**
   * A match of [s, e) if the text allows it there: at a word boundary or with an ending of the
   * language; in a compounding language, an approved term may also begin a compound or end one
   * (`inWord`: it starts inside a word).
   */
  private ending(p: Prepared, s: number, e: number, items: readonly Item[], inWord: boolean): Hit | undefined {
    const { cls, folded, wordEnd, text } = p;
    const make = (end: number, resume: number, kept: readonly Item[]): Hit | undefined =>
      kept.length > 0 ? { start: s, end: e, wordEnd: end, resume, text: text.slice(s, e), word: text.slice(s, end), items: [...kept] } : undefined;
    const approved = () => items.filter((x) => x.role === 'approved');
    const matches = inWord ? approved() : items;
    if (e >= folded.length || cls[e - 1] !== SPACED || cls[e] !== SPACED) return make(e, e, matches);
    // The word goes on: an ending of the language, or (approved terms) the rest of a compound, which
    // is searched again for the compound's other terms.
    const end = wordEnd[e]!;
    const rest = end - e <= 4 ? folded.slice(e, end) : undefined;
    if (rest !== undefined && this.rules.endings.includes(rest)) return make(end, end, matches);
    if (this.rules.compounds && !inWord) return make(end, e, approved());
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------ glossary per locale

/** What one locale needs of a glossary: the English terms, the locale's approved and forbidden terms. */
interface LocaleTerms {
  source: TermIndex;
  target: TermIndex;
  /** Per entry index: the locale's approved terms (preferred first) and forbidden terms. */
  approved: Map<number, string[]>;
  forbidden: Map<number, string[]>;
}

const sourceIndexes = new WeakMap<Glossary, TermIndex>();
const localeIndexes = new WeakMap<Glossary, Map<string, LocaleTerms>>();

/** The source-language terms of an entry, as written. */
export function sourceTerms(glossary: Glossary, entry: GlossaryEntry): string[] {
  const out: string[] = [];
  for (const l of entry.languages) if (sameSourceLanguage(l.lang, glossary.sourceLocale)) for (const t of l.terms) if (!out.includes(t.text)) out.push(t.text);
  return out;
}

function sourceIndex(glossary: Glossary): TermIndex {
  let index = sourceIndexes.get(glossary);
  if (!index) {
    index = new TermIndex(rulesOf(glossary.sourceLocale), true);
    glossary.entries.forEach((entry, i) => {
      for (const term of sourceTerms(glossary, entry)) index!.add(term, { entry: i, role: 'source', term });
    });
    sourceIndexes.set(glossary, index);
  }
  return index;
}

const RANK = { preferred: 0, undefined: 1, admitted: 2 } as const;

function localeTerms(glossary: Glossary, locale: string): LocaleTerms {
  let byLocale = localeIndexes.get(glossary);
  if (!byLocale) localeIndexes.set(glossary, (byLocale = new Map()));
  const k = locale.toLowerCase();
  let lt = byLocale.get(k);
  if (lt) return lt;
  lt = { source: sourceIndex(glossary), target: new TermIndex(rulesOf(locale), true), approved: new Map(), forbidden: new Map() };
  glossary.entries.forEach((entry, i) => {
    const approved: Array<{ text: string; rank: number }> = [];
    const forbidden: string[] = [];
    for (const l of entry.languages) {
      if (!languageMatches(l.lang, locale)) continue;
      for (const t of l.terms) {
        if (t.status === 'deprecated' || t.status === 'superseded') {
          if (!forbidden.includes(t.text)) forbidden.push(t.text);
        } else if (!approved.some((a) => a.text === t.text)) approved.push({ text: t.text, rank: RANK[t.status ?? 'undefined'] });
      }
    }
    // Preferred terms first, then those without a status, then admitted ones; file order within each.
    const sorted = approved.map((a, order) => ({ ...a, order })).sort((a, b) => a.rank - b.rank || a.order - b.order);
    if (sorted.length > 0)
      lt!.approved.set(
        i,
        sorted.map((a) => a.text),
      );
    if (forbidden.length > 0) lt!.forbidden.set(i, forbidden);
    for (const a of sorted) lt!.target.add(a.text, { entry: i, role: 'approved', term: a.text });
    for (const f of forbidden) lt!.target.add(f, { entry: i, role: 'forbidden', term: f });
  });
  byLocale.set(k, lt);
  return lt;
}

// ------------------------------------------------------------------------------------------ API

/** A glossary entry found in an English text. */
export interface TermMatch {
  entry: GlossaryEntry;
  /** The glossary's term that matched, as written in the glossary. */
  term: string;
  /** The text as written in the English (without an ending: `package` of `packages`). */
  text: string;
}

/** The glossary entries an English text uses, in text order, one per occurrence (longest match wins). */
export function findTerms(glossary: Glossary, english: string): TermMatch[] {
  const out: TermMatch[] = [];
  for (const hit of sourceIndex(glossary).scan(prepare(english, true), 'longest')) {
    const seen = new Set<number>();
    for (const item of hit.items) {
      if (seen.has(item.entry)) continue;
      seen.add(item.entry);
      out.push({ entry: glossary.entries[item.entry]!, term: item.term, text: hit.text });
    }
  }
  return out;
}

/** The source-language terms of the do-not-translate entries, in glossary order (for "target identical to source"). */
export function doNotTranslateTerms(glossary: Glossary): string[] {
  const out: string[] = [];
  for (const entry of glossary.entries) if (entry.dnt) for (const t of sourceTerms(glossary, entry)) if (!out.includes(t)) out.push(t);
  return out;
}

/** What a translator of `locale` is told about an entry: its approved and forbidden terms. */
export interface LocaleEntry {
  entry: GlossaryEntry;
  /** The English term found (as written in the glossary). */
  term: string;
  /** Approved translations, preferred first; for a do-not-translate entry, the English term first. */
  translations: string[];
  forbidden: string[];
  /** The definition in the source language, else the concept's, else the locale's. */
  definition?: string;
}

/** The entries an English text uses, once each in order of first occurrence, with what `locale` should write. */
export function entriesFor(glossary: Glossary, english: string, locale: string): LocaleEntry[] {
  const lt = localeTerms(glossary, locale);
  const out: LocaleEntry[] = [];
  const seen = new Set<number>();
  for (const hit of lt.source.scan(prepare(english, true), 'longest')) {
    for (const item of hit.items) {
      if (seen.has(item.entry)) continue;
      seen.add(item.entry);
      const entry = glossary.entries[item.entry]!;
      const translations = [...(lt.approved.get(item.entry) ?? [])];
      if (entry.dnt && !translations.includes(item.term)) translations.unshift(item.term);
      const le: LocaleEntry = { entry, term: item.term, translations, forbidden: lt.forbidden.get(item.entry) ?? [] };
      const definition =
        entry.languages.find((l) => sameSourceLanguage(l.lang, glossary.sourceLocale) && l.definition)?.definition ??
        entry.definition ??
        entry.languages.find((l) => languageMatches(l.lang, locale) && l.definition)?.definition;
      if (definition) le.definition = definition;
      out.push(le);
    }
  }
  return out;
}

const quote = (s: string) => `"${s}"`;
const either = (terms: readonly string[]) => terms.map(quote).join(' or ');

/**
 * The terminology issues of one translated segment (plain texts, inline code removed):
 *  - `qa/term-missing`: the English has a term whose entry has approved translations in `locale`,
 *    and the target has none of them (one issue per entry);
 *  - `qa/term-forbidden`: the target has a term the glossary forbids in `locale` (deprecated or
 *    superseded), anywhere — unless the same text is also an approved term;
 *  - `qa/term-dnt`: the English has a do-not-translate term and the target does not have it unchanged
 *    (as written in the English, or as written in the glossary; case-sensitive, with word boundaries).
 * A term is required once however often it occurs; each rule reports an entry (a forbidden term) once.
 */
export function termIssues(glossary: Glossary, source: string, target: string, locale: string): QaIssue[] {
  if (glossary.entries.length === 0) return [];
  const lt = localeTerms(glossary, locale);
  const issues: QaIssue[] = [];
  const sourceHits = lt.source.scan(prepare(source, true), 'longest');
  const targetHits = lt.target.scan(prepare(target, true), 'longest');
  const found = new Set<number>();
  for (const hit of targetHits) for (const item of hit.items) if (item.role === 'approved') found.add(item.entry);

  // Missing: per occurrence in the English, any of its entries' approved terms will do (homonyms).
  const reported = new Set<number>();
  const dnt: Array<{ text: string; terms: string[] }> = [];
  for (const hit of sourceHits) {
    const entries = [...new Set(hit.items.map((x) => x.entry))];
    const dntEntries = entries.filter((i) => glossary.entries[i]!.dnt);
    if (dntEntries.length > 0) {
      dnt.push({ text: hit.text, terms: dntEntries.flatMap((i) => sourceTerms(glossary, glossary.entries[i]!)) });
      continue;
    }
    const required = entries.filter((i) => lt.approved.has(i));
    if (required.length === 0 || required.some((i) => found.has(i) || reported.has(i))) continue;
    for (const i of required) reported.add(i);
    const expected = required.flatMap((i) => lt.approved.get(i)!);
    issues.push({
      rule: 'qa/term-missing',
      message: `the English has ${quote(hit.word)} (glossary: ${quote(hit.items[0]!.term)}): the translation has none of its approved terms, expected ${either(expected)}`,
    });
  }

  // Forbidden: anywhere in the target, once per term.
  const forbiddenSeen = new Set<string>();
  for (const hit of targetHits) {
    if (hit.items.some((x) => x.role === 'approved')) continue;
    for (const item of hit.items) {
      if (item.role !== 'forbidden' || forbiddenSeen.has(item.term)) continue;
      forbiddenSeen.add(item.term);
      const entry = glossary.entries[item.entry]!;
      const use = lt.approved.get(item.entry);
      const about = sourceTerms(glossary, entry)[0] ?? entry.id;
      issues.push({ rule: 'qa/term-forbidden', message: `the translation uses ${quote(hit.word)}, a forbidden term (glossary: ${quote(about)})${use ? `: use ${either(use)}` : ''}` });
    }
  }

  // Do not translate: one case-sensitive index of what may appear, one scan of the target.
  if (dnt.length > 0) {
    const exact = new TermIndex(rulesOf(locale), false);
    dnt.forEach((d, i) => {
      for (const t of [d.text, ...d.terms]) exact.add(t, { entry: i, role: 'exact', term: t });
    });
    const kept = new Set<number>();
    for (const hit of exact.scan(prepare(target, false), 'all')) for (const item of hit.items) kept.add(item.entry);
    const dntReported = new Set<string>();
    dnt.forEach((d, i) => {
      const k = termKey(d.text, true);
      if (kept.has(i) || dntReported.has(k)) return;
      dntReported.add(k);
      issues.push({ rule: 'qa/term-dnt', message: `${quote(d.text)} is not to be translated: the translation does not have it unchanged` });
    });
  }
  return issues;
}
