/**
 * qa/identical: a target that is its English, where the English has words to translate.
 *
 * Not reported: a target in the source's own language (en-GB from en-US); an English of code,
 * URLs, numbers and symbols only; an English whose words are all names — the glossary's
 * do-not-translate terms, and words a translator keeps as they are: identifiers (`getItem`,
 * `Office.js`, `MAX_PATH`, `x64`), calls and signatures (`getItemAt(index: number)`), acronyms
 * (`API`), capitalized words after the first (product and feature names, `Microsoft Teams`), and
 * any text with `=`, braces, `|` or a backslash (a command line, a grammar, a formula). It needs at
 * least three dictionary-like words, one of four letters or more besides a capitalized first word
 * (which may be a name): a single word, a title of
 * capitalized names, a name with a preposition (`PowerPoint on the web`) or a pair of lowercase
 * identifiers (`sourcelocation (contentapp)`) is too often kept on purpose to call it untranslated.
 * English needs one function word besides (the, and, to, is, …): a command (`net stop mbamagent`)
 * or a list of terms has none.
 */
import { normalized, OBJECT } from './plain.js';
import type { QaIssue } from '../core/qa-issue.js';

export const IDENTICAL_RULE = 'qa/identical';

export interface IdenticalContext {
  sourceLocale: string;
  locale: string;
  /** Terms kept in English (the glossary's do-not-translate list); empty without a glossary. */
  doNotTranslate: readonly string[];
}

const language = (tag: string) => tag.toLowerCase().split(/[-_]/)[0]!;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The do-not-translate terms as one pattern (longest first), cached per list. */
const dntPatterns = new WeakMap<readonly string[], RegExp | null>();
function dntPattern(terms: readonly string[]): RegExp | null {
  if (dntPatterns.has(terms)) return dntPatterns.get(terms)!;
  const list = [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))].sort((a, b) => b.length - a.length);
  const pattern = list.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  dntPatterns.set(terms, pattern);
  return pattern;
}

/** English function words: a text with none of them is a command, a name or a list of terms, not prose. */
const FUNCTION_WORDS = new Set(
  'a an the and or but nor to of in on at by for from with without into onto about as than then if when where while how what which who whose why this that these those it its is are was were be been being has have had do does did can could will would should may might must not no you your we our they their there here all any each some more most'.split(
    ' ',
  ),
);

const CALL = /[\p{L}\p{N}_$][\p{L}\p{N}_$.]*\([^()]*\)/u;
const CALL_ALL = new RegExp(CALL.source, 'gu');

/** A token (letters, digits and the punctuation inside names) that a translator keeps as it is. */
function isName(token: string): boolean {
  if (/[\p{N}_./\\:@#$%&=+<>]/u.test(token)) return true; // x64, MAX_PATH, Office.js, a/b, C:, @name
  if (/\p{Ll}\p{Lu}/u.test(token)) return true; // camelCase, PascalCase, iOS
  if (!/\p{Ll}/u.test(token)) return true; // API, X
  return /^\p{Lu}/u.test(token); // Teams, Excel: a capitalized word may be a name
}

/** The English's words a translator would translate (none: the English is code, names or symbols). */
export function translatableWords(source: string, doNotTranslate: readonly string[]): string[] {
  let text = source.split(OBJECT).join(' ');
  // Calls and signatures are code (`getItemAt(index: number)`, `load(callback, [options])`): innermost first, a few levels.
  for (let level = 0; level < 3 && CALL.test(text); level++) text = text.replace(CALL_ALL, ' ');
  // Assignments, braces, pipes, backslashes: a command line, a grammar, a formula — code.
  if (/[={}|\\]/.test(text)) return [];
  const dnt = dntPattern(doNotTranslate);
  if (dnt) text = text.replace(dnt, ' ');
  const tokens = (text.match(/[\p{L}\p{N}_][\p{L}\p{N}\p{M}_.'’/\\:@#$%&=+<>-]*/gu) ?? []).map((t) => t.replace(/[.'’:/\\-]+$/u, ''));
  // Trailing punctuation is not part of the word (`done.`); a text's first word is capitalized as any sentence's is.
  return tokens.filter((t, i) => t !== '' && (i === 0 && /^\p{Lu}\p{Ll}+$/u.test(t) && /^\s*\p{Lu}/u.test(text) ? true : !isName(t)) && /\p{L}{2}/u.test(t));
}

/** The words of the English besides a capitalized first word (which may be a name: `Word on the web`). */
function innerWords(source: string, words: readonly string[]): readonly string[] {
  const first = /^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u.exec(source.split(OBJECT).join(' '))?.[1];
  return words[0] === first && /^\p{Lu}/u.test(first ?? '') ? words.slice(1) : words;
}

export function identicalIssues(source: string, target: string, ctx: IdenticalContext): QaIssue[] {
  if (language(ctx.locale) === language(ctx.sourceLocale)) return [];
  const s = normalized(source);
  if (s === '' || s !== normalized(target)) return [];
  const words = translatableWords(source, ctx.doNotTranslate);
  if (words.length < 3 || !innerWords(source, words).some((w) => [...w].length >= 4)) return [];
  // English prose has function words; a command (`net stop mbamagent`) or a list of terms has none.
  if (language(ctx.sourceLocale) === 'en' && !words.some((w) => FUNCTION_WORDS.has(w.toLowerCase()))) return [];
  const shown = s.length > 60 ? `${s.slice(0, 59)}…` : s;
  return [{ rule: IDENTICAL_RULE, message: `the translation is the English, untranslated ("${shown.split(OBJECT).join('…')}")` }];
}
