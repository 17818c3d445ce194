/**
 * The byte-exact pieces of the bilingual format (spec §1, §5, §6): the span pair, the heading anchor,
 * and link peeling. TARGET and SOURCE are raw Markdown and are written as they are.
 */

export function spanPair(prefix: string, id: string, target: string, source: string): string {
  return `<span data-ttu-id="${prefix}-${id}">${target}</span><span class="sxs-lookup"><span data-stu-id="${prefix}-${id}">${source}</span></span>`;
}

export function anchor(slug: string): string {
  return `<a name="${slug}"></a>`;
}

export interface SingleLink {
  /** The link text (between the brackets). */
  text: string;
  /** Everything after the closing bracket: `(url "title")`. */
  tail: string;
  /** The destination URL. */
  url: string;
}

/** Index just past the `]` matching the `[` at `open`, or -1. */
export function matchBracket(md: string, open: number): number {
  let depth = 0;
  for (let i = open; i < md.length; i++) {
    const c = md[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      // A code span: brackets inside do not count.
      let run = 1;
      while (md[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const close = md.indexOf(fence, i + run);
      if (close < 0) {
        i += run - 1;
        continue;
      }
      i = close + run - 1;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Index just past the `)` matching the `(` at `open` (destination and title), or -1. */
export function matchParen(md: string, open: number): number {
  let depth = 0;
  let quote = '';
  let angle = false;
  for (let i = open; i < md.length; i++) {
    const c = md[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (angle) {
      if (c === '>') angle = false;
      continue;
    }
    if (c === '<' && md[i - 1] === '(') angle = true;
    else if ((c === '"' || c === "'") && /\s/.test(md[i - 1] ?? '')) quote = c;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function urlOf(tail: string): string {
  const inner = tail.slice(1, -1).trim();
  if (inner.startsWith('<')) {
    const close = inner.indexOf('>');
    return close < 0 ? inner : inner.slice(1, close);
  }
  const m = /^\S*/.exec(inner);
  return m ? m[0] : '';
}

/** Parses Markdown that is exactly one inline link `[text](url "title")`, or returns null. */
export function parseSingleLink(md: string): SingleLink | null {
  if (!md.startsWith('[')) return null;
  const close = matchBracket(md, 0);
  if (close < 0 || md[close] !== '(') return null;
  const end = matchParen(md, close);
  if (end !== md.length) return null;
  const tail = md.slice(close);
  return { text: md.slice(1, close - 1), tail, url: urlOf(tail) };
}

/**
 * A sentence that is exactly one link, translated as exactly one link to the same URL, is written
 * with the link syntax outside the pair and the target's destination (with its translated title).
 * Not when either link text holds brackets (`[[MS-OXPROPS]](…)`) or the URL holds parentheses
 * (`…/ff836991(v=office.15)`): those stay whole inside the pair, as the published files show.
 */
export function peel(source: string, target: string): { source: SingleLink; target: SingleLink } | null {
  const s = parseSingleLink(source);
  if (!s || /[[\]]/.test(s.text) || /[()]/.test(s.url)) return null;
  const t = parseSingleLink(target);
  if (!t || t.url !== s.url || /[[\]]/.test(t.text)) return null;
  return { source: s, target: t };
}

/** Emphasis that can wrap a whole sentence: Markdown markers and inline HTML, longest first. */
export const EMPHASIS_WRAPS: ReadonlyArray<readonly [string, string]> = [
  ['**', '**'],
  ['__', '__'],
  ['*', '*'],
  ['_', '_'],
  ['<strong>', '</strong>'],
  ['<b>', '</b>'],
  ['<em>', '</em>'],
  ['<i>', '</i>'],
];

export interface Wrapped {
  open: string;
  close: string;
  inner: string;
}

/** `md` as one emphasis as a whole (`**…**`, `*…*`, `<strong>…</strong>` …): its markers and inside, or null. */
export function wholeEmphasis(md: string): Wrapped | null {
  for (const [open, close] of EMPHASIS_WRAPS) {
    if (md.length <= open.length + close.length || !md.startsWith(open) || !md.endsWith(close)) continue;
    const inner = md.slice(open.length, md.length - close.length);
    // The inside must not close the emphasis early (`**a** and **b**`), nor start or end with space.
    if (/^\s|\s$/.test(inner) || inner.includes(close)) return null;
    if (open.length === 1 && (inner.startsWith(open) || inner.endsWith(close))) return null;
    if (inner.endsWith('\\')) return null;
    return { open, close, inner };
  }
  return null;
}

/**
 * A sentence that is one emphasis as a whole, translated as the same emphasis as a whole: the
 * emphasis goes outside the pair (a generation convention, render/conventions.ts `peelEmphasis`).
 */
export function peelEmphasis(source: string, target: string): { open: string; close: string; source: string; target: string } | null {
  const s = wholeEmphasis(source);
  if (!s) return null;
  const t = wholeEmphasis(target);
  if (!t || t.open !== s.open) return null;
  return { open: s.open, close: s.close, source: s.inner, target: t.inner };
}
