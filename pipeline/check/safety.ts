/**
 * Could a translation harm the page it is published on? Used by `check` (reported), `harvest`
 * (refused) and `build` (the English is published instead).
 *
 * Active content is found by parsing, the way a renderer and a browser read the text, not by
 * patterns: the Markdown through the pipeline's own parser (links, images, definitions, raw HTML),
 * raw HTML through parse5's WHATWG tokenizer (quoted `>`, `/` between attributes, character
 * references, comments as browsers end them), and every URL normalized as the WHATWG URL parser
 * does before its scheme is read (C0 controls and spaces trimmed, tabs and newlines removed). A
 * sentence of an HTML block is also tokenized whole, as a browser reads it there: inside an HTML
 * block, Markdown hides nothing (a code span or a backslash does not make a tag text).
 *
 * The rule is an allow-list: a translation may use the HTML elements, attributes and URL schemes its
 * English uses, and anywhere: http, https, mailto and relative URLs, and inert markup (text-level
 * formatting such as `<b>` or `<sup>`, or an element HTML does not define, like a stray `<c13>` from
 * machine translation, with no attribute but descriptive ones or names HTML does not define); anything
 * else it adds is refused. (An
 * added inert element is still a changed code: check reports it as `check/broken-html`.)
 * Markup whose content runs to the end of the page, a blank line that would break the span pair
 * apart and nesting beyond the limits are refused too.
 */
import type { Nodes } from 'mdast';
import { htmlElementAttributes } from 'html-element-attributes';
import { htmlTagNames } from 'html-tag-names';
import { Tokenizer, type Token, type TokenHandler } from 'parse5';
import { parseMarkdown } from '../markdown/parse.js';
import { checkNesting, LimitError } from '../util/limits.js';

/** URL schemes any translation may use. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'livescript']);
/** Attributes whose value a browser loads or navigates to (`srcset` holds a list). */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'data',
  'poster',
  'background',
  'cite',
  'longdesc',
  'ping',
  'manifest',
  'codebase',
  'archive',
  'lowsrc',
  'dynsrc',
  'usemap',
  'icon',
  'profile',
  'classid',
  'xlink:href',
  'xml:base',
  'to',
  'from',
  'values',
]);
/** Elements whose content (the rest of the page, when they are not closed) is not markup. */
const SWALLOWING = new Set(['textarea', 'title', 'xmp', 'plaintext', 'noscript', 'noembed', 'noframes', 'template']);
const ELEMENT_NAME = /^[a-z][a-z0-9-]*$/;
/** Text-level elements that only format their content. */
const FORMATTING = new Set('b i u s em strong small big mark abbr cite dfn code kbd samp var sub sup br wbr span bdi bdo q del ins strike tt nobr'.split(' '));
const HTML_ELEMENTS = new Set(htmlTagNames);
/** Attributes HTML defines (on any element). */
const HTML_ATTRIBUTES = new Set(Object.values(htmlElementAttributes).flat());
/** Attributes that only describe. */
const DESCRIPTIVE = new Set(['title', 'lang', 'dir']);
/**
 * An attribute that does nothing: descriptive, ARIA, or a name HTML does not define (machine
 * translation leaves words inside a `<…>`: `Array<type Boolean Excel.`). Not an event handler (judged
 * apart), and not `data-…` or a namespaced name, which a page's scripts or SVG may read.
 */
const inertAttribute = (name: string) => DESCRIPTIVE.has(name) || name.startsWith('aria-') || (!HTML_ATTRIBUTES.has(name) && !name.startsWith('data-') && !name.includes(':'));
/** An element that does nothing: formatting, or a name HTML does not define (not a custom element, which a script may define). */
const inertElement = (name: string) => FORMATTING.has(name) || (!HTML_ELEMENTS.has(name) && !name.includes('-'));

/**
 * The scheme a browser reads in a URL (lower case), or undefined for a relative URL: the WHATWG URL
 * parser first trims C0 controls and spaces and removes every tab and newline.
 */
export function urlScheme(url: string): string | undefined {
  const s = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** What a text puts on a page, as parsed in one view. */
interface View {
  /** Element names. */
  elements: Set<string>;
  /** `element attribute` pairs. */
  attributes: Set<string>;
  /** Schemes of every URL (`''` for none). */
  schemes: Set<string>;
  /** Whether the text opens a comment and never closes it. */
  unclosedComment: boolean;
  /** Whether the text ends inside a tag (the text after it on the page would complete the tag). */
  openTag: boolean;
}

/** What a text puts on a page: as Markdown, and (in an HTML block) as raw HTML. */
export interface PageFeatures {
  markdown: View;
  /** What any Markdown renderer could read as HTML (judged as `html`). */
  loose: View;
  html: View;
}

const emptyView = (): View => ({ elements: new Set(), attributes: new Set(), schemes: new Set(), unclosedComment: false, openTag: false });

function addUrl(view: View, url: string): void {
  view.schemes.add(urlScheme(url) ?? '');
}

/**
 * Adds what parse5's tokenizer finds in `html`: every start tag (wherever a tree builder would put
 * it), and whether a comment or a tag is left open at the end.
 */
function tokenize(html: string, view: View): void {
  const onTag = (token: Token.TagToken) => {
    const name = token.tagName;
    view.elements.add(name);
    for (const { name: attr, value } of token.attrs) {
      view.attributes.add(`${name} ${attr}`);
      if (!URL_ATTRIBUTES.has(attr)) continue;
      if (attr === 'srcset') for (const candidate of value.split(',')) addUrl(view, candidate.trim().split(/\s+/)[0] ?? '');
      else addUrl(view, value);
    }
  };
  const nothing = () => undefined;
  const handler: TokenHandler = {
    onStartTag: onTag,
    onEndTag: nothing,
    onComment: nothing,
    onDoctype: nothing,
    onEof: nothing,
    onCharacter: nothing,
    onNullCharacter: nothing,
    onWhitespaceCharacter: nothing,
    onParseError: (e) => {
      if (e.code === 'eof-in-comment') view.unclosedComment = true;
      else if (e.code === 'eof-in-tag') view.openTag = true;
    },
  };
  const tokenizer = new Tokenizer({ sourceCodeLocationInfo: false }, handler);
  tokenizer.write(html, true);
}

/**
 * Adds what the Markdown parser finds: link, image and definition URLs, and raw HTML (tokenized), where
 * the text stands inside a line and (when it could start a block there) where it starts one, as in the
 * plain rendition. Markdown renderers do not agree on every tag (micromark ends an unquoted attribute
 * value at `/`, markdown-it and CommonMark do not): `loose` gets what any renderer could read as HTML,
 * the text tokenized whole except what the parser found to be code, an autolink, a link destination or
 * a backslash escape.
 */
function markdownView(text: string, view: View, loose: View): void {
  const html: string[] = [];
  const masks: Array<[number, number]> = [];
  const walk = (node: Nodes, shift: number) => {
    if (node.type === 'html') html.push(node.value);
    else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') addUrl(view, node.url);
    if (shift !== 0 && node.position) {
      const [from, to] = [node.position.start.offset! - shift, node.position.end.offset! - shift];
      const last = 'children' in node ? node.children.at(-1)?.position?.end.offset : undefined;
      if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'definition' || node.type === 'image') masks.push([from, to]);
      else if (node.type === 'link' || node.type === 'linkReference') masks.push(text[from] === '<' || last === undefined ? [from, to] : [last - shift, to]);
    }
    if ('children' in node) for (const child of node.children) walk(child, shift);
  };
  // Inside a line (where a sentence stands but at a paragraph's start), what would start a block at a
  // line start (a definition, an HTML block, code) is inline.
  walk(parseMarkdown(`x ${text}`), 2);
  if (!/^\p{L}/u.test(text)) walk(parseMarkdown(text), 0);
  if (html.length > 0) tokenize(html.join(''), view);
  if (!text.includes('<')) return;
  const chars = text.replace(/\\[!-/:-@[-`{-~]/g, '  ').split('');
  for (const [from, to] of masks) for (let i = Math.max(0, from); i < to && i < chars.length; i++) chars[i] = ' ';
  // A comment or a tag left open at the end is text only until the next sentence on the page closes it
  // (in the plain rendition sentences are neighbours: `<img title='` and `' onerror=…>` are one tag),
  // or the line starts an HTML block: then it hides or changes what follows.
  tokenize(chars.join(''), loose);
}

/**
 * What `text` puts on a page, standing in Markdown or (`inHtmlBlock`) in an HTML block. Nothing is
 * parsed in a text without `<` or `[`: it can hold no markup.
 */
export function pageFeatures(text: string, inHtmlBlock = false): PageFeatures {
  const out = { markdown: emptyView(), loose: emptyView(), html: emptyView() };
  if (!/[<[]/.test(text)) return out;
  markdownView(text, out.markdown, out.loose);
  if (inHtmlBlock && text.includes('<')) tokenize(text, out.html);
  return out;
}

/** The English's features, kept for the next translation of the same sentence (bounded). */
const englishCache = new Map<string, PageFeatures>();
function englishFeatures(source: string, inHtmlBlock: boolean): PageFeatures {
  const key = inHtmlBlock ? `h${source}` : `m${source}`;
  let f = englishCache.get(key);
  if (!f) {
    if (englishCache.size >= 4096) englishCache.clear();
    englishCache.set(key, (f = pageFeatures(source, inHtmlBlock)));
  }
  return f;
}

/** A run of scheme characters and the `:` after it (`https:`, `Remarque:`, `1a:`). */
const SCHEME_RUN = /[a-zA-Z0-9+.-]+:/g;
/** A backslash escape: a backslash before ASCII punctuation. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
/** A character reference as CommonMark decodes it (`&colon;`, `&#58;`): a bare `&` decodes to nothing. */
const REFERENCE = /&(?:#|[a-zA-Z][a-zA-Z0-9]*;)/;

/**
 * The backtick strings of `text` (a backtick after a backslash is text) and, for each, the index of
 * the next string of the same length, which CommonMark pairs it with to make a code span (-1: none).
 * Linear: the next ones are found from the right.
 */
function backtickStrings(text: string): { runs: RegExpExecArray[]; next: number[] } {
  const runs = [...text.matchAll(/(?<!\\)`+/g)];
  const next = new Array<number>(runs.length);
  const seen = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const length = runs[k]![0].length;
    next[k] = seen.get(length) ?? -1;
    seen.set(length, k);
  }
  return { runs, next };
}

/**
 * `text` with its one-line code spans blanked, as CommonMark finds them: a backtick string opens a
 * span closed by the next backtick string of the same length, or is literal. A span over a line end is left
 * (the next line might start a block and end the paragraph first), and so is all after it. Only for
 * a text without a backslash before a backtick, which would make that backtick literal.
 */
function withoutCodeSpans(text: string): string {
  if (!text.includes('`')) return text;
  const { runs, next } = backtickStrings(text);
  let out = '';
  let pos = 0;
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k]!;
    const close = next[k]!;
    if (open.index < pos || close < 0) continue;
    const end = runs[close]!.index + runs[close]![0].length;
    // Where the pairing is no longer certain, the rest stays as written.
    if (text.slice(open.index, end).includes('\n')) return out + text.slice(pos);
    out += text.slice(pos, open.index) + ' '.repeat(end - open.index);
    pos = end;
    k = close;
  }
  return out + text.slice(pos);
}

/**
 * What can take a backtick or a backslash before a code span or an escape does: a link's destination
 * or title (`[a](x`y)`), a GFM bare link (`www.x`y`, `https://x\\<`), a table's cell divider. In a
 * text with none of these, and outside an HTML block (where a code span is no code and a backslash
 * escapes nothing), code spans and escapes are as `withoutCodeSpans` and `ESCAPE` find them.
 */
const UNCERTAIN = /[[|@]|:\/\/|www\./i;

/**
 * A text that can put nothing but http, https, mailto and relative URLs on a page, decided without a
 * parser. Outside its code spans (where they are certain) and backslash escapes: no `<` (no HTML, no
 * autolink); no character reference (nothing decodes into a scheme); and where a destination can be,
 * every `scheme:` is one of those; no control character anywhere. A link or definition destination
 * is then a piece of the text (escapes read) that starts after `(`, `:` or whitespace, so its scheme
 * is a whole run before a `:`; GFM's bare links are http, https, e-mail or xmpp. Any other text is
 * parsed (`pageFeatures`).
 */
export function plainlyInert(text: string, inHtmlBlock = false): boolean {
  if (/[\u0000-\u0009\u000B-\u001F\u007F]|\\`/.test(text)) return false;
  const certain = !inHtmlBlock && !UNCERTAIN.test(text);
  const outside = certain ? withoutCodeSpans(text) : text;
  // A backslash escape makes its character text: an escaped `<` opens no tag, but an escaped `:` or
  // `-` is still one in a destination.
  const read = outside.replace(ESCAPE, '$1');
  const markup = certain ? outside.replace(ESCAPE, '  ') : outside;
  if (markup.includes('<') || REFERENCE.test(read)) return false;
  if (!read.includes(':')) return true;
  // Without `(` or `]:` there is no link or definition destination: a scheme is read only in a bare
  // `xmpp:` link (GFM); `suivantes:` is a word.
  const destinations = /\(|\]:/.test(read);
  for (const m of read.matchAll(SCHEME_RUN)) {
    const scheme = m[0].slice(0, -1).toLowerCase();
    if (!SAFE_SCHEMES.has(scheme) && (destinations || scheme.endsWith('xmpp'))) return false;
  }
  return true;
}

/**
 * Backtick strings left open in `text`: CommonMark pairs a string with the next one of the same
 * length (the strings between are inside the span); one with none is text here, but on the page the
 * next sentence's backtick of that length closes it, and the markup between (the span pair, a code
 * span's content) changes meaning. A backtick after a backslash is counted as text (in a code span
 * it would close: the count can only be higher, never hide one).
 */
export function openCodeSpans(text: string): number {
  if (!text.includes('`')) return 0;
  const { runs, next } = backtickStrings(text);
  let open = 0;
  for (let k = 0; k < runs.length; k++) {
    if (next[k]! < 0) open++;
    else k = next[k]!;
  }
  return open;
}

/** What `target` adds to the page that its English does not have, as labels for a message. */
export function addedMarkup(target: string, source: string, inHtmlBlock = false): { active: string[]; swallowing: string[]; unclosedComment: boolean; openTag: boolean } {
  // What the full judgement below would find too: only always-allowed URLs, no HTML.
  if (plainlyInert(target, inHtmlBlock)) return { active: [], swallowing: [], unclosedComment: false, openTag: false };
  const t = pageFeatures(target, inHtmlBlock);
  const e = englishFeatures(source, inHtmlBlock);
  const elements: string[] = [];
  const handlers: string[] = [];
  const attributes: string[] = [];
  const urls: string[] = [];
  const schemes = new Set([...SAFE_SCHEMES, '', ...e.markdown.schemes, ...e.loose.schemes, ...e.html.schemes]);
  const judge = (view: View, english: View, precise: boolean) => {
    const activeAttributes = new Map<string, string[]>();
    for (const pair of view.attributes) {
      if (english.attributes.has(pair)) continue;
      const [element, attr] = pair.split(' ') as [string, string];
      if (attr.startsWith('on')) handlers.push('an event handler attribute');
      else if (!inertAttribute(attr)) activeAttributes.set(element, [...(activeAttributes.get(element) ?? []), attr]);
    }
    for (const name of view.elements) {
      if (english.elements.has(name) || !(precise || ELEMENT_NAME.test(name))) continue;
      if (!inertElement(name) || activeAttributes.has(name)) elements.push(name);
      activeAttributes.delete(name);
    }
    // Attributes the English has not on elements it has (those of an added element are named with it).
    if (precise) for (const attrs of activeAttributes.values()) attributes.push(...attrs.map((a) => `a ${a} attribute`));
    for (const scheme of view.schemes) if (!schemes.has(scheme)) urls.push(SCRIPT_SCHEMES.has(scheme) ? 'a script URL' : `a ${scheme}: URL`);
  };
  judge(t.markdown, e.markdown, true);
  judge(t.loose, e.loose, false);
  judge(t.html, e.html, false);
  const swallowing = [...new Set(elements.filter((n) => SWALLOWING.has(n)))].map((n) => `a <${n}> element`);
  const active = [...new Set([...elements.filter((n) => !SWALLOWING.has(n)).map((n) => `<${n}>`), ...handlers, ...attributes, ...urls])];
  const views = (f: PageFeatures) => [f.markdown, f.loose, f.html];
  const unclosedComment = views(t).some((v) => v.unclosedComment) && !views(e).some((v) => v.unclosedComment);
  const openTag = views(t).some((v) => v.openTag) && !views(e).some((v) => v.openTag);
  return { active, swallowing, unclosedComment, openTag };
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

export interface SafetyIssue {
  rule: 'check/unsafe-markup' | 'check/broken-structure';
  message: string;
  /** Set on every issue of these rules: one the page could be harmed by, never published. */
  safety: true;
}

/** Whether an issue (of any target rule) is one of these. */
export const isSafetyIssue = (issue: { rule: string }): issue is SafetyIssue => 'safety' in issue;

/** Why `target` must not be published in place of `source` (in an HTML block: `inHtmlBlock`), or undefined when it may. */
export function unsafeTarget(target: string, source: string, inHtmlBlock = false): SafetyIssue | undefined {
  // Before any parser sees it: nesting beyond the limits could exhaust the stack.
  try {
    checkNesting(target);
  } catch (e) {
    if (e instanceof LimitError) return { rule: 'check/broken-structure', message: `the translation is nested too deeply: ${e.message}`, safety: true };
    throw e;
  }
  const added = addedMarkup(target, source, inHtmlBlock);
  if (added.active.length > 0) {
    return { rule: 'check/unsafe-markup', message: `the translation adds ${added.active.join(', ')}, which the English does not have: only markup the English has may be published`, safety: true };
  }
  if (added.unclosedComment) return { rule: 'check/broken-structure', message: 'the translation adds an HTML comment that is never closed, which would hide the rest of the page', safety: true };
  if (added.openTag) return { rule: 'check/broken-structure', message: 'the translation ends inside an HTML tag, which the text after it on the page would complete', safety: true };
  if (added.swallowing.length > 0) return { rule: 'check/broken-structure', message: `the translation adds ${added.swallowing[0]}, which would hide the rest of the page`, safety: true };
  if (/\n[ \t]*\n/.test(target)) return { rule: 'check/broken-structure', message: 'the translation contains a blank line, which would end the paragraph and start a new block', safety: true };
  if (openCodeSpans(target) > openCodeSpans(source)) {
    return {
      rule: 'check/broken-structure',
      message: 'the translation leaves a code span open (a ` without its closing one), which the next backtick on the page would close, turning what lies between into code and code into markup',
      safety: true,
    };
  }
  return undefined;
}
