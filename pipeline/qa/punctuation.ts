/**
 * qa/end-punctuation: the target ends otherwise than the English where that is a defect: the
 * English's full stop lost (the target ends with no mark), or a statement ending with a question or
 * exclamation mark. Not reported: what languages do differently — a heading's question mark dropped
 * (ru, ja) or added (de), a colon written as a full stop (ja `。`, ru), a full stop added to a
 * fragment (ja, ko), `Note` → `Hinweis:`. The period of an abbreviation (`U.S.`, `etc.`) ends no
 * sentence. Marks are compared by what they do: `.` is
 * `。` (CJK full stop), `．`, `।` (danda); `?` is `？` and `;` in Greek (U+037E); `!` is `！`; `:` is
 * `：`; `...` is `…`. Closing quotes and brackets after the mark are looked through (`."` ends like
 * `».`), and so is white space. Languages written without sentence marks (Thai, Lao) are not
 * checked.
 */
import type { QaIssue } from './types.js';

export const END_PUNCTUATION_RULE = 'qa/end-punctuation';

type End = 'full stop' | 'question mark' | 'exclamation mark' | 'colon' | 'semicolon' | 'ellipsis' | 'no punctuation';

const MARKS: Record<string, End> = {
  '.': 'full stop',
  '。': 'full stop',
  '．': 'full stop',
  '｡': 'full stop',
  '।': 'full stop',
  '॥': 'full stop',
  '۔': 'full stop',
  '።': 'full stop',
  '။': 'full stop',
  '?': 'question mark',
  '？': 'question mark',
  '؟': 'question mark',
  '\u037E': 'question mark',
  '!': 'exclamation mark',
  '！': 'exclamation mark',
  ':': 'colon',
  '：': 'colon',
  ';': 'semicolon',
  '；': 'semicolon',
  '؛': 'semicolon',
  '…': 'ellipsis',
};

/** Closing quotes and brackets, looked through at the end. */
const CLOSERS = /[\s"'”’»›」』）)\]】〕〉》＂＇]+$/u;

const UNMARKED = new Set(['th', 'lo']);

/** How a text ends. */
export function endOf(text: string, locale?: string): End {
  const t = text.replace(CLOSERS, '');
  if (/(?:\.\.\.|…)$/.test(t)) return 'ellipsis';
  // The period of an abbreviation (`U.S.`, `etc.`) is no sentence end.
  if (/(?:(?:^|[^\p{L}])\p{L}\.){2,}$|\betc\.$/u.test(t)) return 'no punctuation';
  // Greek writes the question mark as `;` (U+037E, which NFC makes `;`).
  if (locale && /^el\b/i.test(locale) && t.endsWith(';')) return 'question mark';
  return MARKS[t[t.length - 1] ?? ''] ?? 'no punctuation';
}

export function endPunctuationIssues(source: string, target: string, locale: string): QaIssue[] {
  if (UNMARKED.has(locale.toLowerCase().split(/[-_]/)[0]!) || target.trim() === '') return [];
  const a = endOf(source);
  const b = endOf(target, locale);
  // Reported: a sentence end lost, or a statement turned into a question or exclamation. Other
  // differences are how languages write (a heading's `?` dropped or added, a colon as 。, a period added).
  const lost = a === 'full stop' && b === 'no punctuation';
  const added = (b === 'question mark' || b === 'exclamation mark') && a === 'full stop';
  if (!lost && !added) return [];
  const said = (e: End) => (e === 'no punctuation' ? 'no punctuation' : `a ${e}`);
  return [{ rule: END_PUNCTUATION_RULE, message: `the English ends with ${said(a)}, the translation with ${said(b)}` }];
}
