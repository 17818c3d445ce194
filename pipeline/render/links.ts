/**
 * Rewriting the destinations of a Markdown text's links (layout.ts decides where they go): each
 * one is found in the source text of its node (Markdown links, images, reference definitions,
 * `<a href>` and `<img src>` in raw HTML) and replaced; every other byte is left alone.
 */
import type { Image, Link, Nodes } from 'mdast';
import { parseMarkdown } from '../markdown/parse.js';
import { decodeEntity } from '../text/entities.js';

/** A destination's raw range in the source (without `<…>`) and how it is written. */
interface Destination {
  start: number;
  end: number;
  /** `<…>` in Markdown; the quote of an HTML attribute value (`''` when unquoted). */
  form: 'bare' | 'angle' | '"' | "'" | '';
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** After `i`: spaces, tabs, line endings and, after a line ending, a block quote's `>` markers. */
function skipSpace(src: string, i: number, end: number): number {
  let newLine = false;
  for (; i < end; i++) {
    const c = src[i];
    if (c === '\n') newLine = true;
    else if (c !== ' ' && c !== '\t' && c !== '\r' && !(c === '>' && newLine)) break;
  }
  return i;
}

/** A link destination at `i` (CommonMark: `<…>` on one line, or bare with balanced parentheses), and where it ends. */
function destinationAt(src: string, i: number, end: number): { dest: Destination; next: number } | undefined {
  if (src[i] === '<') {
    for (let j = i + 1; j < end; j++) {
      const c = src[j];
      if (c === '\\' && ASCII_PUNCTUATION.test(src[j + 1] ?? '')) j++;
      else if (c === '>') return { dest: { start: i + 1, end: j, form: 'angle' }, next: j + 1 };
      else if (c === '<' || c === '\n' || c === '\r') return undefined;
    }
    return undefined;
  }
  let depth = 0;
  let j = i;
  for (; j < end; j++) {
    const code = src.charCodeAt(j);
    if (code <= 0x20 || code === 0x7f) break;
    if (src[j] === '\\' && ASCII_PUNCTUATION.test(src[j + 1] ?? '')) j++;
    else if (src[j] === '(') depth++;
    else if (src[j] === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return j > i && depth === 0 ? { dest: { start: i, end: j, form: 'bare' }, next: j } : undefined;
}

/** A link title at `i` (`"…"`, `'…'` or `(…)`): its content range and where it ends. */
function titleAt(src: string, i: number, end: number): { start: number; end: number; next: number } | undefined {
  const open = src[i];
  const close = open === '(' ? ')' : open;
  if (open !== '"' && open !== "'" && open !== '(') return undefined;
  for (let j = i + 1; j < end; j++) {
    if (src[j] === '\\' && ASCII_PUNCTUATION.test(src[j + 1] ?? '')) j++;
    else if (src[j] === close) return { start: i + 1, end: j, next: j + 1 };
    else if (open === '(' && src[j] === '(') return undefined;
  }
  return undefined;
}

/** `(destination "title")` from the `(` at `open` to exactly `end`; an absent destination is the empty range after `(`. */
function resourceAt(src: string, open: number, end: number): { dest: Destination; title?: { start: number; end: number } } | undefined {
  let i = skipSpace(src, open + 1, end);
  let dest: Destination = { start: open + 1, end: open + 1, form: 'bare' };
  let title: { start: number; end: number } | undefined;
  if (src[i] !== ')') {
    const d = destinationAt(src, i, end);
    if (!d) return undefined;
    dest = d.dest;
    const after = skipSpace(src, d.next, end);
    if (after > d.next && src[after] !== ')') {
      const t = titleAt(src, after, end);
      if (!t) return undefined;
      title = t;
      i = skipSpace(src, t.next, end);
    } else i = after;
  }
  return src[i] === ')' && i + 1 === end ? { dest, ...(title && { title }) } : undefined;
}

/** Raw destination or title text as the parser reads it (escapes, references); undefined when it has a reference we do not know. */
function decodeRaw(raw: string): string | undefined {
  let unknown = false;
  const text = raw.replace(/\\([!-/:-@[-`{-~])|&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/g, (all, escaped?: string) => {
    if (escaped !== undefined) return escaped;
    const known = decodeEntity(all);
    if (known === undefined) unknown = true;
    return known ?? all;
  });
  return unknown ? undefined : text;
}

/**
 * The destination of an inline link or image (`[text](dest "title")`, `![alt](dest)`): the `](`
 * after the text is the one whose resource runs exactly to the node's end and reads as the node's
 * URL and title (a `](` inside the text, in a code span or escaped, or inside a title, does not).
 * None for autolinks and autolink literals.
 */
function resourceDestination(src: string, start: number, end: number, node: Link | Image): Destination | undefined {
  if (!src.startsWith(node.type === 'image' ? '![' : '[', start) || src[end - 1] !== ')') return undefined;
  let fallback: Destination | undefined;
  for (let k = src.indexOf('](', start); k >= 0 && k < end - 1; k = src.indexOf('](', k + 1)) {
    let slashes = 0;
    while (src[k - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1) continue;
    const r = resourceAt(src, k + 1, end);
    if (!r) continue;
    const url = decodeRaw(src.slice(r.dest.start, r.dest.end));
    const rawTitle = r.title && src.slice(r.title.start, r.title.end);
    const title = rawTitle === undefined ? null : rawTitle.includes('\n') ? node.title : decodeRaw(rawTitle);
    if ((url === undefined || url === node.url) && (title === undefined || title === (node.title ?? null))) return r.dest;
    fallback ??= r.dest;
  }
  return fallback;
}

/** The destination of a link reference definition (`[label]: dest "title"`). */
function definitionDestination(src: string, start: number, end: number): Destination | undefined {
  let i = src.indexOf('[', start);
  if (i < 0 || i >= end) return undefined;
  for (i++; i < end && src[i] !== ']'; i++) if (src[i] === '\\') i++;
  if (src[i] !== ']' || src[i + 1] !== ':') return undefined;
  return destinationAt(src, skipSpace(src, i + 2, end), end)?.dest;
}

/** The URL attribute of the tags we rewrite. */
const URL_ATTRIBUTE: Readonly<Record<string, string>> = { a: 'href', img: 'src' };
const TAG_NAME = /<([A-Za-z][A-Za-z0-9-]*)/y;
const ATTRIBUTE_NAME = /[^\s"'>/=]+/y;
const UNQUOTED_VALUE = /[^\s>]*/y;
const HTML_SPACE = /[ \t\n\r\f]/;

/** The `href` of each `<a>` and `src` of each `<img>` in raw HTML (comments skipped, attribute values read whole). */
function htmlDestinations(src: string, start: number, end: number): Destination[] {
  const out: Destination[] = [];
  let i = start;
  while (i < end) {
    const lt = src.indexOf('<', i);
    if (lt < 0 || lt >= end) break;
    if (src.startsWith('<!--', lt)) {
      const close = src.indexOf('-->', lt + 4);
      i = close < 0 ? end : close + 3;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const tag = TAG_NAME.exec(src);
    if (!tag || lt + tag[0].length > end) {
      i = lt + 1;
      continue;
    }
    const wanted = URL_ATTRIBUTE[tag[1]!.toLowerCase()];
    const found: Destination[] = [];
    let j = lt + tag[0].length;
    i = end;
    while (j < end) {
      while (j < end && HTML_SPACE.test(src[j]!)) j++;
      if (src[j] === '>') {
        out.push(...found);
        i = j + 1;
        break;
      }
      ATTRIBUTE_NAME.lastIndex = j;
      const name = ATTRIBUTE_NAME.exec(src);
      if (!name) {
        j++;
        continue;
      }
      j += name[0].length;
      let k = j;
      while (k < end && HTML_SPACE.test(src[k]!)) k++;
      if (src[k] !== '=') continue;
      for (k++; k < end && HTML_SPACE.test(src[k]!);) k++;
      let value: Destination;
      const quote = src[k];
      if (quote === '"' || quote === "'") {
        const close = src.indexOf(quote, k + 1);
        if (close < 0 || close >= end) break;
        value = { start: k + 1, end: close, form: quote };
        j = close + 1;
      } else {
        UNQUOTED_VALUE.lastIndex = k;
        j = Math.min(end, k + UNQUOTED_VALUE.exec(src)![0].length);
        value = { start: k, end: j, form: '' };
      }
      if (wanted !== undefined && name[0].toLowerCase() === wanted) found.push(value);
    }
  }
  return out;
}

/** Whether a URL can be written as a bare Markdown destination. */
function bareOk(url: string): boolean {
  if (url === '' || url.startsWith('<') || /[\x00-\x20\x7f]/.test(url)) return false;
  let depth = 0;
  for (let i = 0; i < url.length; i++) {
    if (url[i] === '\\') i++;
    else if (url[i] === '(') depth++;
    else if (url[i] === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The text replacing destination `d` by `url`, still a destination of the same kind. */
function written(d: Destination, url: string): string {
  switch (d.form) {
    case 'bare':
      return bareOk(url) ? url : `<${url.replace(/[<>]/g, '\\$&')}>`;
    case 'angle':
      return url.replace(/[<>]/g, '\\$&').replace(/\r?\n/g, '%0A');
    case '"':
      return url.replace(/"/g, '&quot;');
    case "'":
      return url.replace(/'/g, '&#39;');
    case '':
      return url !== '' && !/[\s"'=<>`]/.test(url) ? url : `"${url.replace(/"/g, '&quot;')}"`;
  }
}

/**
 * `markdown` with the destination of every inline link and image, link reference definition, and
 * `<a href>` / `<img src>` of raw HTML replaced by `rewrite(url)` (the destination as written),
 * when that gives a string; every other byte as it was. Code spans and code blocks are code to
 * the parser, so links in them are not seen; autolinks have no destination to rewrite.
 */
export function rewriteLinks(markdown: string, rewrite: (url: string) => string | undefined): string {
  const edits: Edit[] = [];
  const consider = (d: Destination | undefined): void => {
    if (!d) return;
    const raw = markdown.slice(d.start, d.end);
    const url = rewrite(raw);
    if (url !== undefined && url !== raw) edits.push({ start: d.start, end: d.end, text: written(d, url) });
  };
  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'link' || node.type === 'image') consider(resourceDestination(markdown, start, end, node));
      else if (node.type === 'definition') consider(definitionDestination(markdown, start, end));
      else if (node.type === 'html') htmlDestinations(markdown, start, end).forEach(consider);
    }
    if ('children' in node) for (const kid of node.children as Nodes[]) visit(kid);
  };
  visit(parseMarkdown(markdown));
  // Back to front: each edit leaves the offsets before it valid.
  edits.sort((a, b) => b.start - a.start);
  const pieces: string[] = [];
  let tail = markdown.length;
  for (const e of edits) {
    if (e.end > tail) continue;
    pieces.push(markdown.slice(e.end, tail), e.text);
    tail = e.start;
  }
  pieces.push(markdown.slice(0, tail));
  return pieces.reverse().join('');
}
