/**
 * The byte-exact pieces of the bilingual format (spec §1, §5, §6): the span pair, the heading anchor,
 * and link peeling. TARGET and SOURCE are raw Markdown and are written as they are.
 */
import { matchBracket, matchParen } from '../markdown/brackets.js';

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

/** A DocFX include, code or video token (`[!INCLUDE [x](path)]`). */
const DOCFX = String.raw`\[!(?:INCLUDE|code-[a-z0-9]+)\s*\[[^\]\n]*\]\([^)\n]*\)\]|\[!VIDEO\s+[^\]\n]*\]`;
/** Markup with no text: an HTML tag, an autolink, a code span. */
const MARKUP = String.raw`<code(?:\s[^<>]*)?>[^<]*<\/code>|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|\`[^\`]+\`|\`\`[^\`](?:[^\`]|\`(?!\`))*\`\``;
/** A token with no text at the start of a sentence (and the spaces after it). */
const LEAD_TOKEN = new RegExp(`^(?:${DOCFX}|${MARKUP})[ \u00a0]*`, 'i');
/** The same at the end of a sentence (with the spaces before it). */
const TRAIL_TOKEN = new RegExp(`[ \u00a0]*(?:${DOCFX}|${MARKUP})$`, 'i');
/** Only DocFX tokens: every generation writes them outside the pair at a sentence's edge. */
const LEAD_DOCFX = new RegExp(`^(?:${DOCFX})[ \u00a0]*`, 'i');
const TRAIL_DOCFX = new RegExp(`[ \u00a0]*(?:${DOCFX})$`, 'i');

export interface Peeled {
  /** Written before and after the pair. */
  before: string;
  after: string;
  source: string;
  target: string;
}

/** Strips the tokens with no text at both edges of `md` (the ones `peelMarkup` moves out of a pair). */
export function edgeTokens(md: string, lead_ = LEAD_TOKEN, trail_ = TRAIL_TOKEN): { lead: string; core: string; trail: string } {
  // Every token starts with `<`, `` ` `` or `[` and ends with `>`, `` ` `` or `]`: most texts have none.
  const first = md.charCodeAt(0);
  const last = md.trimEnd().charCodeAt(md.trimEnd().length - 1);
  const edge = (c: number) => c === 60 || c === 62 || c === 96 || c === 91 || c === 93;
  if (!edge(first) && !edge(last)) return { lead: '', core: md, trail: '' };
  let lead = '';
  let core = md;
  for (let m = lead_.exec(core); m && m[0].length < core.length; m = lead_.exec(core)) {
    lead += m[0];
    core = core.slice(m[0].length);
  }
  let trail = '';
  for (let m = trail_.exec(core); m && m.index > 0; m = trail_.exec(core)) {
    trail = m[0] + trail;
    core = core.slice(0, m.index);
  }
  return { lead, core, trail };
}

/** Whether `text` is DocFX tokens and spaces only (written outside pairs in every generation). */
export function onlyDocfxTokens(text: string): boolean {
  return new RegExp(`^(?:[ \u00a0]*(?:${DOCFX}))*[ \u00a0]*$`, 'i').test(text);
}

/**
 * DocFX tokens (`[!INCLUDE [x](path)]`) at a sentence's edges, where the translation has the same,
 * are written outside the pair in every generation: `> [!include[…](…)] <span …>T</span>…`.
 */
export function peelTokens(source: string, target: string): Peeled {
  const e = edgeTokens(source, LEAD_DOCFX, TRAIL_DOCFX);
  const lead = commonPrefix(e.lead, target, LEAD_DOCFX);
  const trail = commonSuffix(e.trail, target.slice(lead.length), TRAIL_DOCFX);
  return { before: lead, after: trail, source: source.slice(lead.length, source.length - trail.length), target: target.slice(lead.length, target.length - trail.length) };
}

/**
 * Markup at the edges of a sentence that the generation with `peelMarkup` (core/conventions.ts)
 * writes outside the pair, where the translation has the same: tokens with no text before or after
 * the text (HTML tags, code spans, autolinks, with their spaces), and emphasis around it as a whole
 * (`**…**`, `<strong>…</strong>`), repeatedly: `<a id="x"></a>**<span…>T</span>…S</span></span>**`.
 */
export function peelMarkup(source: string, target: string): Peeled {
  let before = '';
  let after = '';
  let s = source;
  let t = target;
  for (;;) {
    const se = edgeTokens(s);
    const lead = commonPrefix(se.lead, t);
    const trail = commonSuffix(se.trail, t.slice(lead.length));
    if (lead || trail) {
      before += lead;
      after = trail + after;
      s = s.slice(lead.length, s.length - trail.length);
      t = t.slice(lead.length, t.length - trail.length);
      continue;
    }
    const w = wholeEmphasis(s);
    const tw = w ? wholeEmphasis(t) : null;
    if (w && tw && tw.open === w.open) {
      before += w.open;
      after = w.close + after;
      s = w.inner;
      t = tw.inner;
      continue;
    }
    return { before, after, source: s, target: t };
  }
}

/** The longest run of whole tokens of `lead` (as edgeTokens cut them) that `text` starts with. */
function commonPrefix(lead: string, text: string, token = LEAD_TOKEN): string {
  let out = '';
  let rest = lead;
  for (let m = token.exec(rest); m && rest; m = token.exec(rest)) {
    if (!text.startsWith(out + m[0])) break;
    out += m[0];
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** The longest run of whole tokens at the end of `trail` that `text` ends with. */
function commonSuffix(trail: string, text: string, token = TRAIL_TOKEN): string {
  let out = '';
  let rest = trail;
  for (let m = token.exec(rest); m && rest; m = token.exec(rest)) {
    if (!text.endsWith(m[0] + out) || text.length <= (m[0] + out).length) break;
    out = m[0] + out;
    rest = rest.slice(0, m.index);
  }
  return out;
}
