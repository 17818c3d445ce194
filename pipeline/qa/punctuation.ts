/**
 * qa/end-punctuation: the target ends otherwise than the English where that is a defect: the
 * English ends with a full stop and the target ends its sentences with marks but not its last one
 * (codes or a link moved behind the sentence end, a last sentence left without its mark), or a
 * statement ends with a question or exclamation mark. A target with no sentence mark at all where
 * the English has a full stop is not reported: translations write fragments without one (a German
 * table cell `Anzeigen zugehöriger Paketdateien` for `View associated package files.`), and which
 * of those are defects is a matter of each language's style. Not reported either: what languages
 * do differently — a heading's question mark dropped
 * (ru, ja) or added (de), a colon written as a full stop (ja `。`, ru), a full stop added to a
 * fragment (ja, ko), `Note` → `Hinweis:`. The period of an abbreviation (`U.S.`, `etc.`) ends no
 * sentence. Marks are compared by what they do: `.` is
 * `。` (CJK full stop), `．`, `।` (danda); `?` is `？` and `;` in Greek (U+037E); `!` is `！`; `:` is
 * `：`; `...` is `…`. Closing quotes and brackets after the mark are looked through (`."` ends like
 * `».`), and so is white space. Languages written without sentence marks (Thai, Lao) are not
 * checked.
 */
import type { QaIssue } from '../core/qa-issue.js';

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
  if (/(?:^|[^\p{L}])(?:\p{L}\.){2,}$|\betc\.$/u.test(t)) return 'no punctuation';
  // Greek writes the question mark as `;` (U+037E, which NFC makes `;`).
  if (locale && /^el\b/i.test(locale) && t.endsWith(';')) return 'question mark';
  return MARKS[t[t.length - 1] ?? ''] ?? 'no punctuation';
}

/**
 * A sentence end inside a text: a full stop, question or exclamation mark before white space or a
 * code and more text (CJK marks before anything); not after a digit (`Windows 7. `, `1. `), nor
 * the period of a one-letter or common abbreviation (`z. B.`, `etc.`, `p. ex.`, `vgl.`, `см.`).
 */
const INNER_END =
  /(?<![0-9])(?<!(?:^|[^\p{L}])\p{L})(?<!(?:^|[^\p{L}])(?:etc|ex|ej|ca|vs|Nr|bzw|usw|ggf|evtl|inkl|vgl|Abb|approx|env|cf|pág|см|напр|др|пр|стр|рис|табл|гл|ср|e\.g|i\.e))[.!?．。！？](?=[\s\uFFFC]+\S)|[。！？](?=\S)/gu;

export function endPunctuationIssues(source: string, target: string, locale: string): QaIssue[] {
  if (UNMARKED.has(locale.toLowerCase().split(/[-_]/)[0]!) || target.trim() === '') return [];
  const a = endOf(source);
  const b = endOf(target, locale);
  const said = (e: End) => (e === 'no punctuation' ? 'no punctuation' : `${/^[aeiou]/.test(e) ? 'an' : 'a'} ${e}`);
  // A statement turned into a question or exclamation.
  if ((b === 'question mark' || b === 'exclamation mark') && a === 'full stop') {
    return [{ rule: END_PUNCTUATION_RULE, message: `the English ends with a full stop, the translation with ${said(b)}` }];
  }
  // The English's sentence end lost where the translation ends its other sentences: after its last
  // mark comes more text (codes moved behind the sentence, a last sentence left without its mark).
  if (a === 'full stop' && b === 'no punctuation') {
    let last = -1;
    for (const m of target.matchAll(INNER_END)) last = m.index;
    if (last < 0) return [];
    const rest = target.slice(last + 1).trim();
    const shown = rest.length > 40 ? `${rest.slice(0, 39)}…` : rest;
    const what = /^[\s\uFFFC]*$/u.test(rest) ? 'code (inline code, HTML or a URL)' : `"${shown.split('\uFFFC').join('…')}"`;
    return [{ rule: END_PUNCTUATION_RULE, message: `the English ends with a full stop, the translation does not: its last sentence end is followed by ${what}` }];
  }
  return [];
}
