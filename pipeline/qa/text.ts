/**
 * The text the quality rules read: a segment as a reader sees it, derived from the one inline model
 * (core/codes.ts). Emphasis and link markup are left out (link text and image alt text stay);
 * escapes and entities are the characters they stand for; a code that is no words (inline code,
 * HTML, a URL, a line break) is one OBJECT character, so that leaving it out makes no doubled space
 * and no sentence end where there was none. Line ends inside a text read as one space, as they do on
 * the page; the character references of an HTML block's text read as their characters, and a URL
 * in it is a code.
 */
import { inlineContent, plainText, type Content } from '../core/codes.js';
import { decodeEntity } from '../text/entities.js';
import { OBJECT } from './plain.js';

export { normalized, OBJECT } from './plain.js';

const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * Line ends read as a space; character references left in a text (an HTML block's text is not
 * Markdown, so the inline model keeps `&#39;` as text there) read as their characters; a URL
 * written as text is a code, as an autolink is.
 */
/** A URL written as text (in an HTML block's text, or where Markdown made no link of it; `go.microsoft.com/path`: a host with a common top-level domain). */
const URL_TEXT = /\b(?:https?|ftp|mailto):[\x21-\x7E]+|\bwww\.[\x21-\x7E]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|ms|dev|app|co|info|cloud)\/[\x21-\x7E]*/g;
/** Punctuation after a URL ends the sentence, not the URL (as GFM reads autolinks); a URL ends before `<`, `"` and any character outside ASCII. */
const URL_END = /[.,;:!?)\]'"]+$/u;

const readable = (s: string) =>
  s
    .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    .replace(ENTITY, (ref) => decodeEntity(ref) ?? ref)
    .replace(URL_TEXT, (url) => {
      const cut = url.search(/[<>"]/);
      const u = cut < 0 ? url : url.slice(0, cut);
      const end = URL_END.exec(u)?.[0] ?? '';
      return OBJECT + end + url.slice(u.length);
    });

/** The English (or a target read with the English's codes, as import has it) as the rules read it. */
export function qaText(content: Content): string {
  return readable(plainText(content, OBJECT));
}

/** Characters that can start Markdown markup in a text; a target with none is its own plain text. */
const MARKUP = /[[\]`<\n@*_~\\&]|:\/\/|www\./i;

/**
 * A stored target as the rules read it: `plain` (a front-matter value) as it is; Markdown read with
 * the document's link reference labels (`definitions`). The leading and trailing whitespace are
 * the target's own (Markdown drops them from a paragraph; the span of a bilingual page keeps them).
 * Edge white space that holds a line end is left out: it is the layout of an HTML block's lines,
 * which no reader sees. A target that is not inline Markdown (check reports it broken) is read as
 * it is written.
 */
export function targetText(markdown: string, definitions: readonly string[] = [], plain = false): string {
  // White space at an edge that holds a line end is layout (an HTML block's lines): no reader sees it.
  const lead = /^\s*/.exec(markdown)![0];
  const trail = /\s*$/.exec(markdown)![0];
  const edge = (ws: string) => (ws.includes('\n') ? '' : ws);
  const body = markdown.slice(lead.length, markdown.length - trail.length);
  if (plain || !MARKUP.test(body)) return edge(lead) + readable(body) + edge(trail);
  const content = inlineContent(markdown, definitions);
  if (!content) return edge(lead) + readable(body) + edge(trail);
  return edge(lead) + qaText(content).trim() + edge(trail);
}
