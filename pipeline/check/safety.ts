/**
 * Could a translation harm the page it is published on? Cheap, position-free checks (no parse),
 * used by `check` (reported), `harvest` (refused) and `build` (the English is published instead):
 * active content the English does not have, markup that would swallow the rest of the page, a blank
 * line that would break the span pair apart, nesting beyond the limits.
 */
import { checkNesting, LimitError } from '../util/limits.js';

/** A URL scheme as browsers read it: letters may be separated by tabs, newlines and control characters. */
const scheme = (name: string) => name.split('').join('[\\s\\u0000-\\u001f]*');
const SCRIPT_SCHEME = `(?:${['javascript', 'vbscript', 'livescript'].map(scheme).join('|')})[\\s\\u0000-\\u001f]*:`;
const DATA_HTML = `${scheme('data')}[\\s\\u0000-\\u001f]*:[^,;]*text\\/html`;
/** Where a URL starts: a Markdown link destination or definition, an autolink, an HTML attribute value. */
const URL_START = `(?:\\]\\(\\s*<?|^\\s*\\[[^\\]]+\\]:\\s*<?|<|=\\s*["']?)\\s*`;

/**
 * Active content, in the order messages name it: each pattern with its label; `inTag` patterns are
 * attributes, active wherever a tag has them (counted by `tagsWith`).
 */
const ACTIVE: ReadonlyArray<{ re: RegExp; label: string; inTag?: true }> = [
  { re: /<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|form|svg|math)\b/gi, label: '<$1>' },
  { re: /[\s/"']on[a-z]+\s*=/gi, label: 'an event handler attribute', inTag: true },
  { re: new RegExp(`${URL_START}${SCRIPT_SCHEME}`, 'gim'), label: 'a script URL' },
  { re: new RegExp(`${URL_START}${DATA_HTML}`, 'gim'), label: 'a data:text/html URL' },
  { re: /\ssrcdoc\s*=/gi, label: 'a srcdoc attribute', inTag: true },
];

/**
 * How many tags (`<` and a letter, up to the next `>` or the end) have `attribute`, counted as the
 * regular expression `<[a-z][^>]*?attribute` counts its matches — in one pass: that expression scans to
 * the end from every `<` when no `>` follows, n² on a text of many `<` (a 1 MB one took minutes).
 */
function tagsWith(text: string, attribute: RegExp): number {
  const attrs: Array<{ start: number; end: number }> = [];
  attribute.lastIndex = 0;
  for (let m = attribute.exec(text); m; m = attribute.exec(text)) {
    attrs.push({ start: m.index, end: m.index + m[0].length });
    attribute.lastIndex = m.index + 1;
  }
  if (attrs.length === 0) return 0;
  const opening = /<[a-z]/gi;
  let count = 0;
  let a = 0;
  let gt = -1;
  for (let from = 0; ; ) {
    opening.lastIndex = from;
    const open = opening.exec(text);
    if (!open) return count;
    const p = open.index;
    while (a < attrs.length && attrs[a]!.start < p + 2) a++;
    if (a === attrs.length) return count;
    if (gt <= p) gt = text.indexOf('>', p + 1) < 0 ? text.length : text.indexOf('>', p + 1);
    if (attrs[a]!.start < gt) {
      count++;
      from = attrs[a]!.end;
    } else from = p + 1;
  }
}

const ENTITIES: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", lpar: '(', rpar: ')', lsqb: '[', rsqb: ']' };

/**
 * The text as a browser or Markdown parser would act on it: character references decoded (so
 * `&#106;avascript:` is seen), and backslash-escaped punctuation neutralized (`\<script>` is text).
 */
function effective(text: string): string {
  return text
    .replace(/\\[!-/:-@[-`{-~]/g, '  ')
    .replace(/&#x([0-9a-f]{1,6});?|&#([0-9]{1,7});?|&([a-z]+);/gi, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      const code = hex ? parseInt(hex, 16) : dec ? Number(dec) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      return ENTITIES[name!.toLowerCase()] ?? m;
    });
}

/** Active content in a Markdown text, one label per occurrence. */
export function activeContent(text: string): string[] {
  const out: string[] = [];
  const seen = effective(text);
  for (const { re, label, inTag } of ACTIVE) {
    if (inTag) for (let n = tagsWith(seen, re); n > 0; n--) out.push(label);
    else for (const m of seen.matchAll(re)) out.push(label.replace('$1', (m[1] ?? '').toLowerCase()));
  }
  return out;
}

/** Multiset difference a − b. */
export function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of a) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(k);
  }
  return out;
}

/** Markup whose content runs to the end of the page when it is not closed (or at all). */
const SWALLOWING: ReadonlyArray<[RegExp, string]> = [
  [/<!--(?![\s\S]*?-->)/g, 'an HTML comment that is never closed'],
  [/<\s*(textarea|title|xmp|plaintext|noscript|noembed|noframes|template)\b/gi, 'a <$1> element'],
];

function swallowing(text: string): string[] {
  const out: string[] = [];
  const seen = effective(text);
  for (const [re, label] of SWALLOWING) for (const m of seen.matchAll(re)) out.push(label.replace('$1', (m[1] ?? '').toLowerCase()));
  return out;
}

export interface SafetyIssue {
  rule: 'check/unsafe-markup' | 'check/broken-structure';
  message: string;
}

/** Why `target` must not be published in place of `source`, or undefined when it may. */
export function unsafeTarget(target: string, source: string): SafetyIssue | undefined {
  // Active and swallowing markup all need a `<` or a `:`, written or as a character reference.
  if (/[<:&]/.test(target)) {
    const active = minus(activeContent(target), activeContent(source));
    if (active.length > 0) {
      return { rule: 'check/unsafe-markup', message: `the translation adds ${[...new Set(active)].join(', ')}, which the English does not have and which must never reach a page` };
    }
    const swallow = minus(swallowing(target), swallowing(source));
    if (swallow.length > 0) return { rule: 'check/broken-structure', message: `the translation adds ${swallow[0]}, which would hide the rest of the page` };
  }
  if (/\n[ \t]*\n/.test(target)) return { rule: 'check/broken-structure', message: 'the translation contains a blank line, which would end the paragraph and start a new block' };
  try {
    checkNesting(target);
  } catch (e) {
    if (e instanceof LimitError) return { rule: 'check/broken-structure', message: `the translation is nested too deeply: ${e.message}` };
    throw e;
  }
  return undefined;
}
