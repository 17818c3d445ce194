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

const isAsciiPunct = (c: number): boolean =>
  (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const DASHES = new Set(['-', '–', '—']);
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);
const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);
const isLower = (ch: string | undefined): boolean => ch !== undefined && /\p{Ll}/u.test(ch);

/** Placeholder for an inline code span or an atom in the visible text. */
const OPAQUE = '\uFFFC';

export class Segmenter {
  private readonly abbreviations: Set<string>;
  private readonly lengths: number[];

  constructor(abbreviations: readonly string[] = DEFAULT_ABBREVIATIONS) {
    this.abbreviations = new Set(abbreviations.map((a) => a.toLowerCase()));
    this.lengths = [...new Set(abbreviations.map((a) => a.length))].sort((a, b) => b - a);
  }

  /** Whether the visible text `vis` (up to its end) finishes a sentence. */
  endsSentence(vis: string): boolean {
    let k = vis.length - 1;
    while (k >= 0 && (vis[k] === '"' || vis[k] === '”')) k--;
    const term = vis[k];
    if (term === '!' || term === '?') return k >= 0;
    // An ellipsis character ends a sentence, except inside straight quotes (`"640 K…" are`).
    if (term === '…') return vis[k + 1] !== '"';
    if (term !== '.') return false;
    if (vis[k - 1] === '.') return vis[k - 2] !== '.' && k >= 2; // `..` ends; `...` does not
    const upto = vis.slice(0, k + 1);
    // The word that ends with this period.
    let w = k - 1;
    while (w >= 0 && vis[w] !== ' ' && vis[w] !== '\n') w--;
    const word = upto.slice(w + 1);
    // A period after a space (`servers . Although`).
    if (word === '.') return k > 0;
    for (const len of this.lengths) {
      if (word.length < len) continue;
      const suffix = word.slice(word.length - len);
      if (this.abbreviations.has(suffix.toLowerCase()) && !isLetter(word[word.length - len - 1])) return false;
    }
    const first = vis.slice(0, w + 1).trim() === '';
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
    let vis = '';
    for (const p of pieces) {
      if (p.kind === 'break') {
        cuts.push({ end: p.start, next: skipSeparator(src, p.end, end, src.charCodeAt(p.end - 1) === NEWLINE) });
        vis += '\n';
        continue;
      }
      if (p.kind === 'code' || p.kind === 'atom') {
        vis += OPAQUE;
        continue;
      }
      if (p.kind !== 'text') continue;
      for (let i = p.start; i < p.end; i++) {
        const c = src.charCodeAt(i);
        if (c === BACKSLASH && i + 1 < p.end && isAsciiPunct(src.charCodeAt(i + 1))) {
          vis += src[i + 1];
          i++;
          continue;
        }
        if (c === NARROW_NBSP && p.depth === 0 && vis.endsWith('.') && this.endsSentence(vis)) {
          // A narrow no-break space after a sentence goes with the next one (`overlaid.\u202fAction`).
          cuts.push({ end: i, next: i, keepLead: true });
          vis += ' ';
          continue;
        }
        if (c === SPACE || c === NEWLINE || c === NBSP) {
          const last = vis.charCodeAt(vis.length - 1);
          if (p.depth === 0 && last !== SPACE && last !== NEWLINE && vis.length > 0 && this.endsSentence(vis)) {
            const next = skipSeparator(src, i, end);
            // A question mark right before lower-case text (`Set **Who can consent?** to`, `#NAME? error`)
            // is a label, not the end of a sentence; after a closing quote it is (`"web app?" on Bing`).
            if (vis.endsWith('?') && isLower(src[next]) && src[i - 1] !== '"' && src[i - 1] !== '”') {
              vis += ' ';
              continue;
            }
            // A space between a sentence's final period and a dash (`restore. - [#123](…)`) stays
            // with the next sentence; after closing markup (`."* - Name`) it is a separator.
            if (DASHES.has(src[next]!) && i > p.start) cuts.push({ end: i, next: i, keepLead: true });
            else cuts.push({ end: i, next });
          }
          vis += c === NEWLINE ? '\n' : ' ';
          continue;
        }
        vis += src[i];
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
