/**
 * Markdown (a bilingual or English page body) → safe HTML: the project's one Markdown parse
 * (markdown/parse.ts, the mdast every command reads) → remark-rehype (raw HTML kept) → rehype-raw →
 * rehype-sanitize → our decorations → rehype-stringify.
 *
 * Translations come from outside, so everything is sanitized with one schema: GitHub's, plus the
 * span pairs (`data-ttu-id`, `data-stu-id`, class `sxs-lookup`) and `<a name>` anchors, and minus the
 * `name` attribute elsewhere (a `<img name=…>` could clobber `document` properties the page script
 * uses). Scripts, styles, frames, objects and event handlers never survive; URLs keep only http(s),
 * mailto and relative forms. The decorations run after the sanitizer on trusted data only: the English
 * spans get `lang`, untranslated sentences a class, `.md` links become `.html`, `> [!NOTE]`
 * quotes become callouts, and `:::row:::`/`:::column:::` blocks a grid of columns (html/rows.ts).
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdastRoot } from 'mdast';
import { parseMarkdown } from '../markdown/parse.js';
import { localTarget } from './assets.js';
import { messagesFor, type AlertKind, type Messages } from './messages.js';
import { groupRows, rowsAsBlocks } from './rows.js';
import { withRawTags } from './raw-tags.js';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

type AttributeList = NonNullable<NonNullable<SanitizeSchema['attributes']>[string]>;

const withoutName = (list: AttributeList | undefined): AttributeList => (list ?? []).filter((a) => a !== 'name');

export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  // Heading anchors (`<a name>`) and footnote ids must keep their names to be link targets.
  clobberPrefix: '',
  clobber: [],
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'textarea', 'select'],
  attributes: {
    ...defaultSchema.attributes,
    '*': withoutName(defaultSchema.attributes?.['*']),
    a: [...(defaultSchema.attributes?.a ?? []), 'name', 'title'],
    span: [...(defaultSchema.attributes?.span ?? []), 'dataTtuId', 'dataStuId', ['className', 'sxs-lookup']],
    img: [...(defaultSchema.attributes?.img ?? []), 'title'],
  },
};

/**
 * mdast → sanitized HTML (the Markdown is parsed by markdown/parse.ts, as for every other command), in
 * three steps: to hast with the raw HTML kept; raw HTML made elements (html/raw-tags.ts when it is
 * only plain phrasing tags, else rehype-raw); sanitized and serialized.
 */
const toHast = unified().use(remarkRehype, { allowDangerousHtml: true }).freeze();
const rawHtml = unified().use(rehypeRaw).freeze();
const toSafeHtml = unified().use(rehypeSanitize, SANITIZE_SCHEMA).use(rehypeStringify).freeze();

/** The page's hast with its raw HTML parsed (`parser: 'html'` always through rehype-raw, for tests). */
export function hastOf(mdast: MdastRoot, parser: 'fast' | 'html' = 'fast'): HastRoot {
  const tree = toHast.runSync(mdast) as HastRoot;
  return (parser === 'fast' ? withRawTags(tree) : undefined) ?? (rawHtml.runSync(tree) as HastRoot);
}

export interface HtmlOptions {
  /** Locale of the English spans (`lang` on `.sxs-lookup`). */
  sourceLocale: string;
  /** The page's locale (alert titles in its language; default the source locale). */
  locale?: string;
  /** The page's source path (links to the top-level `index.md`). */
  page?: string;
  /** `data-ttu-id`s of sentences shown in English because they have no translation. */
  untranslated?: ReadonlySet<string>;
  /** Collects the page's link and image URLs, as written (before `.md` becomes `.html`). */
  links?: string[];
  /** Collects the URLs of its images (also in `links`). */
  images?: string[];
}

const ALERTS: ReadonlySet<string> = new Set(['note', 'tip', 'important', 'caution', 'warning']);

function classes(el: Element): string[] {
  const c: unknown = el.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

/**
 * A relative link to a Markdown page → the same page's HTML (`a.md#x` → `a.html#x`); the top-level
 * `index.md` of `page`'s project → `index.md.html` (build.ts htmlPath: `index.html` is the locale's index).
 */
export function htmlHref(href: string, page?: string): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(href)) return href;
  const top = page !== undefined && localTarget(page, href)?.toLowerCase() === 'index.md';
  return href.replace(/\.md(?=$|[#?])/i, top ? '.md.html' : '.html');
}

/** `[!VIDEO https://…]` (DocFX), alone in a paragraph → a link to the video (the page's CSP embeds nothing). */
function videoOf(p: Element, m: Messages): Element | undefined {
  const [open, link, close, ...rest] = p.children;
  if (rest.length > 0 || open?.type !== 'text' || link?.type !== 'element' || link.tagName !== 'a' || close?.type !== 'text') return undefined;
  if (!/^\s*\[!VIDEO\s+$/i.test(open.value) || !/^\]\s*$/.test(close.value)) return undefined;
  return { type: 'element', tagName: 'p', properties: { className: ['video'] }, children: [{ ...link, children: [{ type: 'text', value: `▶ ${m.video}` }] }] };
}

/** `> [!NOTE]` (any case; the marker alone on the quote's first line) → `<div class="alert note">` with its title in the page's language. */
function alertOf(quote: Element, m: Messages): Element | undefined {
  const first = quote.children.find((c): c is Element => c.type === 'element');
  const text = first?.tagName === 'p' ? first.children[0] : undefined;
  if (!first || text?.type !== 'text') return undefined;
  const marker = /^\s*\[!([A-Za-z]+)\]\s*/.exec(text.value);
  const kind = marker?.[1]!.toLowerCase() as AlertKind | undefined;
  if (!marker || !kind || !ALERTS.has(kind)) return undefined;
  const rest = text.value.slice(marker[0].length);
  const body: ElementContent[] = rest || first.children.length > 1 ? [{ ...first, children: [...(rest ? [{ ...text, value: rest }] : []), ...first.children.slice(1)] }] : [];
  const after = quote.children.slice(quote.children.indexOf(first) + 1);
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['alert', kind], role: 'note' },
    children: [{ type: 'element', tagName: 'p', properties: { className: ['alert-title'] }, children: [{ type: 'text', value: m.alerts[kind] }] }, ...body, ...after],
  };
}

function decorate(node: HastRoot | Element, options: HtmlOptions): void {
  node.children.forEach((child: RootContent | ElementContent, i: number) => {
    if (child.type !== 'element') return;
    if (child.tagName === 'span') {
      if (classes(child).includes('sxs-lookup')) child.properties.lang = options.sourceLocale;
      const id = child.properties.dataTtuId;
      if (typeof id === 'string' && options.untranslated?.has(id)) child.properties.className = [...classes(child), 'sxs-untranslated'];
    }
    if (child.tagName === 'a' && typeof child.properties.href === 'string') {
      options.links?.push(child.properties.href);
      child.properties.href = htmlHref(child.properties.href, options.page);
    }
    if (child.tagName === 'img' && typeof child.properties.src === 'string') {
      options.links?.push(child.properties.src);
      options.images?.push(child.properties.src);
    }
    // A `[!VIDEO]` paragraph or an alert quote is replaced, then decorated like any element.
    const m = () => messagesFor(options.locale ?? options.sourceLocale);
    const replaced = child.tagName === 'p' ? videoOf(child, m()) : child.tagName === 'blockquote' ? alertOf(child, m()) : undefined;
    if (replaced) node.children[i] = replaced;
    decorate(replaced ?? child, options);
  });
}

/** Visible text of an element, without the English of span pairs. */
function visibleText(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || classes(node).includes('sxs-lookup')) return '';
  return node.children.map(visibleText).join('');
}

/** Elements whose text stands apart from its neighbours' in the search text. */
const BLOCKS: ReadonlySet<string> = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'table', 'tr', 'td', 'th', 'dt', 'dd', 'br', 'hr']);

/** The page's words for the search index (html/search.ts): what a reader sees, and the English of its translated sentences. */
export interface SearchText {
  /** The visible text (translated sentences, and the English of those without a translation). */
  text: string;
  /** The English of the translated sentences (the `.sxs-lookup` spans); empty on English pages. */
  english: string;
}

function searchTextOf(tree: HastRoot): SearchText {
  const text: string[] = [];
  const english: string[] = [];
  const walk = (node: RootContent | ElementContent, into: string[]): void => {
    if (node.type === 'text') into.push(node.value);
    if (node.type !== 'element') return;
    if (classes(node).includes('sxs-lookup')) {
      const own: string[] = [];
      for (const c of node.children) walk(c, own);
      english.push(own.join(''), ' ');
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) into.push('\n');
    for (const c of node.children) walk(c, into);
    if (block) into.push('\n');
  };
  for (const c of tree.children) walk(c, text);
  const tidy = (parts: string[]) =>
    parts
      .join('')
      .replace(/[ \t\r\f\v]+/g, ' ')
      .replace(/ ?\n[\s]*/g, '\n')
      .trim();
  return { text: tidy(text), english: tidy(english) };
}

export interface HtmlResult {
  html: string;
  /** Text of the first `<h1>`, when there is one (a title for pages without front matter). */
  heading?: string;
  /** The page's words for the search index. */
  search: SearchText;
}

/** The HTML of a Markdown body (no front matter), sanitized and decorated. */
export function markdownToHtml(markdown: string, options: HtmlOptions & { parser?: 'fast' | 'html'; tree?: MdastRoot }): HtmlResult {
  const text = rowsAsBlocks(markdown);
  // The caller's parse of `markdown` (markdown/parse.ts, not changed since) when rows changed nothing.
  const mdast = options.tree && text === markdown ? options.tree : (parseMarkdown(text) as MdastRoot);
  const tree = toSafeHtml.runSync(hastOf(mdast, options.parser)) as HastRoot;
  groupRows(tree);
  decorate(tree, options);
  const h1 = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'h1');
  const result: HtmlResult = { html: toSafeHtml.stringify(tree), search: searchTextOf(tree) };
  const heading = h1 ? visibleText(h1).trim() : '';
  if (heading) result.heading = heading;
  return result;
}
