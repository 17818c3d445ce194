/**
 * Sentence segmentation of one block (spec §4), on the English source:
 *   - a sentence ends after `.` `!` `?` (optionally followed by `"` or `”`) when whitespace follows,
 *     whatever comes next; never at `:` or `;`, never after `.)`;
 *   - a hard line break (or `<br>`) always ends a sentence;
 *   - never inside emphasis, strong, strikethrough, link text or code (the whitespace must be at depth 0);
 *   - never after an abbreviation from the configured list, a single capital letter (`B.`), or `...`.
 * Returns the sentence ranges (source offsets, trimmed). What lies between two ranges is the
 * English separator, written unchanged between the two span pairs.
 */
import type { Piece } from './inline.js';

export interface Range {
  start: number;
  end: number;
}

/** The abbreviations observed in published files (spec §4); the real list is configurable. */
export const DEFAULT_ABBREVIATIONS: readonly string[] = [
  'e.g.',
  'i.e.',
  'etc.',
  'U.S.',
  'vs.',
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'Jun.',
  'Jul.',
  'Aug.',
  'Sep.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
  'out.',
  'tab.',
  'sync.',
  'admin.',
  'org.',
  'config.',
  // Seen in the corpus of published files (docs/format.md): never a boundary after them.
  'ins.',
  'arc.',
  'prop.',
  'vol.',
  'proc.',
  'pp.',
  'phys.',
  'rev.',
  'Ph.D.',
  'al.',
  'Mr.',
  'Mrs.',
];

const SPACE = 32;
const NBSP = 0xa0;
const NARROW_NBSP = 0x202f;
const NEWLINE = 10;
const GT = 62;
const BACKSLASH = 92;

const isAsciiPunct = (c: number): boolean => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const DASHES = new Set(['-', '–', '—']);
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);
const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);
const isLower = (ch: string | undefined): boolean => ch !== undefined && /\p{Ll}/u.test(ch);

/** Placeholder for an inline code span or an atom in the visible text. */
const OPAQUE = '\uFFFC';

/**
 * The visible text of a paragraph as segmentation reads it, kept as its last word only (the text after the
 * last space or line break) plus what sentence-end rules need of the rest: never the whole text, which
 * would be copied at every space.
 */
class VisibleText {
  tail = '';
  /** Whether nothing but white space comes before the tail. */
  first = true;
  /** Length of the visible text, and where the tail starts in it. */
  length = 0;
  tailStart = 0;
  /** Code of the last character (NaN when empty). */
  last = Number.NaN;

  add(ch: string): void {
    this.length += ch.length;
    this.last = ch.charCodeAt(ch.length - 1);
    if (ch === ' ' || ch === '\n') {
      if (this.first && this.tail.trim() !== '') this.first = false;
      this.tail = '';
      this.tailStart = this.length;
    } else this.tail += ch;
  }
}

export class Segmenter {
  private readonly abbreviations: Set<string>;
  private readonly lengths: number[];

  constructor(abbreviations: readonly string[] = DEFAULT_ABBREVIATIONS) {
    this.abbreviations = new Set(abbreviations.map((a) => a.toLowerCase()));
    this.lengths = [...new Set(abbreviations.map((a) => a.length))].sort((a, b) => b - a);
  }

  /**
   * Whether the visible text up to its end finishes a sentence. `tail` is its last word (what follows the
   * last space or line break), `first` whether nothing but white space comes before that word, and
   * `offset` where the word starts in the visible text. Only the word is looked at: a paragraph is
   * segmented in time linear in its length.
   */
  endsSentence(tail: string, first: boolean, offset: number): boolean {
    let k = tail.length - 1;
    while (k >= 0 && (tail[k] === '"' || tail[k] === '”')) k--;
    const term = tail[k];
    if (term === '!' || term === '?') return true;
    // An ellipsis character ends a sentence, except inside straight quotes (`"640 K…" are`).
    if (term === '…') return tail[k + 1] !== '"';
    if (term !== '.') return false;
    // `..` ends; `...` does not (a character before the word is a space: not a period).
    if (tail[k - 1] === '.') return tail[k - 2] !== '.' && offset + k >= 2;
    // The word that ends with this period.
    const word = tail.slice(0, k + 1);
    // A period after a space (`servers . Although`).
    if (word === '.') return offset + k > 0;
    for (const len of this.lengths) {
      if (word.length < len) continue;
      const suffix = word.slice(word.length - len);
      if (this.abbreviations.has(suffix.toLowerCase()) && !isLetter(word[word.length - len - 1])) return false;
    }
    const bare = word.slice(0, -1).replace(/^[(["'“‘]+/, '');
    // A single letter ends a sentence only as the unit's first word (`a.` list labels, `D. Gottesman`),
    // not as an initial within the text (`B.`, `(B.`).
    if (bare.length === 1 && isLetter(bare)) return first || !isUpper(bare);
    // A number as the unit's first word is a label (`1.   Sign up for a service`).
    if (first && /^[0-9]+$/.test(bare)) return false;
    return word.length > 1;
  }

  /**
   * Splits [start, end) of `src` into sentence ranges. `pieces` are the inline pieces of the range.
   */
  split(src: string, pieces: readonly Piece[], start: number, end: number): Range[] {
    const cuts: Array<{ end: number; next: number; keepLead?: boolean }> = [];
    const vis = new VisibleText();
    for (const p of pieces) {
      if (p.kind === 'break') {
        cuts.push({ end: p.start, next: skipSeparator(src, p.end, end, src.charCodeAt(p.end - 1) === NEWLINE) });
        vis.add('\n');
        continue;
      }
      if (p.kind === 'code' || p.kind === 'atom') {
        vis.add(OPAQUE);
        continue;
      }
      if (p.kind !== 'text') continue;
      for (let i = p.start; i < p.end; i++) {
        const c = src.charCodeAt(i);
        if (c === BACKSLASH && i + 1 < p.end && isAsciiPunct(src.charCodeAt(i + 1))) {
          vis.add(src[i + 1]!);
          i++;
          continue;
        }
        if (c === NARROW_NBSP && p.depth === 0 && vis.tail.endsWith('.') && this.endsSentence(vis.tail, vis.first, vis.tailStart)) {
          // A narrow no-break space after a sentence goes with the next one (`overlaid.\u202fAction`).
          cuts.push({ end: i, next: i, keepLead: true });
          vis.add(' ');
          continue;
        }
        if (c === SPACE || c === NEWLINE || c === NBSP) {
          const last = vis.last;
          if (p.depth === 0 && last !== SPACE && last !== NEWLINE && vis.length > 0 && this.endsSentence(vis.tail, vis.first, vis.tailStart)) {
            const next = skipSeparator(src, i, end);
            // A question mark right before lower-case text (`Set **Who can consent?** to`, `#NAME? error`)
            // is a label, not the end of a sentence; after a closing quote it is (`"web app?" on Bing`).
            if (vis.tail.endsWith('?') && isLower(src[next]) && src[i - 1] !== '"' && src[i - 1] !== '”') {
              vis.add(' ');
              continue;
            }
            // A space between a sentence's final period and a dash (`restore. - [#123](…)`) stays
            // with the next sentence; after closing markup (`."* - Name`) it is a separator.
            if (DASHES.has(src[next]!) && i > p.start) cuts.push({ end: i, next: i, keepLead: true });
            else cuts.push({ end: i, next });
          }
          vis.add(c === NEWLINE ? '\n' : ' ');
          continue;
        }
        vis.add(src[i]!);
      }
    }
    const out: Range[] = [];
    let s = start;
    let keepLead = false;
    for (const cut of cuts) {
      pushTrimmed(src, s, cut.end, out, keepLead);
      s = cut.next;
      keepLead = cut.keepLead === true;
    }
    pushTrimmed(src, s, end, out, keepLead);
    return out;
  }
}

/** Skips whitespace and, after a line break, the container prefix (`>` markers, indentation). */
export function skipSeparator(src: string, from: number, end: number, afterNewline = false): number {
  let i = from;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === SPACE || c === NBSP) i++;
    else if (c === NEWLINE) {
      afterNewline = true;
      i++;
    } else if (c === GT && afterNewline) i++;
    else if (c === BACKSLASH && src.charCodeAt(i + 1) === NEWLINE) i++;
    else break;
  }
  return i;
}

function pushTrimmed(src: string, start: number, end: number, out: Range[], keepLead: boolean): void {
  const s = keepLead ? start : skipSeparator(src, start, end);
  let e = end;
  // Any white space at the end stays outside (an em space, U+2003, too).
  while (e > s && /\s/.test(src[e - 1]!)) e--;
  if (e > s) out.push({ start: s, end: e });
}
