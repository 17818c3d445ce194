/**
 * The fast Markdown front end: markdown-it's tokenizer, with a source offset for every block and
 * inline token (mdit/offsets.ts), turned into the same mdast tree remark-parse + GFM gives
 * (mdit/to-mdast.ts) — the tree every later step reads. About four times faster than remark on real
 * pages. This module decides what it answers.
 *
 * Where markdown-it and micromark are known to read a text differently, this module does not guess.
 * An inline content with such a thing (a GFM autolink literal, runs of three emphasis markers,
 * `*` and `_` side by side, `~` next to them, `[label]` then `[`) is read by remark alone and put in
 * the tree (`remarkInline`); a text with such a block (a footnote, a tab in a container prefix, a
 * lazy line starting with `<`, an empty list item, a table row without cells, a fence or HTML block
 * left open in a container, nesting past markdown-it's limit, `\r`, and the few others named where
 * they are found) is given up whole: `parseFast` returns null and parse.ts parses it with remark.
 * GFM's extra table cells and task items, which markdown-it does not have, are made here. The
 * differential tests (test/fast-parse.test.ts on listed and generated inputs; the slow one on every
 * real page, units and codes included) hold the two front ends to the same trees.
 */
import type MarkdownIt from 'markdown-it';
import type { Root } from 'mdast';
import { offsetMarkdownIt, type Env, type Tok } from './mdit/offsets.js';
import { Bail, Builder, type RemarkParse } from './mdit/to-mdast.js';

export type { RemarkParse } from './mdit/to-mdast.js';

let instance: MarkdownIt | undefined;

/** A line that starts with quote or list markers and has a tab among them or right after them. */
function tabInPrefix(markdown: string): boolean {
  for (const m of markdown.matchAll(/^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t>]*)*/gm)) {
    if (m[0].includes('\t') && /[>\-+*.)]/.test(m[0])) return true;
  }
  return false;
}

/** A delimiter row (with a `|`) right after a line that has text and no `|`. */
function headerWithoutPipe(markdown: string): boolean {
  const rows = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/gm;
  for (const m of markdown.matchAll(rows)) {
    if (!m[0].includes('|')) continue;
    const before = markdown.lastIndexOf('\n', m.index! - 2);
    const header = markdown.slice(before + 1, Math.max(before + 1, m.index! - 1));
    if (header.trim() !== '' && !header.includes('|')) return true;
  }
  return false;
}

/** Why a text needs remark, before parsing: null when markdown-it reads it as remark does. */
function bailBefore(markdown: string): string | null {
  if (markdown.includes('\r')) return 'carriage return';
  if (markdown.includes('[^')) return 'footnote';
  // A `>` after a tab or four spaces, right after a quote, is indented code to micromark, the quote's to markdown-it.
  if (markdown.includes('>') && /^ {0,3}>.*\n(?: {4,}| {0,3}\t)[ \t]*>/m.test(markdown)) return 'a > after indentation';
  // A tab among quote and list markers: markdown-it may read code where micromark reads content.
  if (markdown.includes('\t') && tabInPrefix(markdown)) return 'a tab in a container prefix';
  // Spaces and a tab before a line ending: a hard break to markdown-it, not to micromark.
  if (markdown.includes('\t') && /(?:\t[ \t]* {2}| {2}[ \t]*\t)[ \t]*\n/.test(markdown)) return 'a tab in a hard break';
  // A GFM table's header needs no `|` when its delimiter row has one; markdown-it's does.
  if (markdown.includes('|') && headerWithoutPipe(markdown)) return 'a table header without |';
  // markdown-it drops a last line of only white space (indented code would lose it).
  if (/\n[ \t]+$/.test(markdown)) return 'a last line of white space';
  return null;
}

/** Autolink literals remark would find in text (GFM): `www.`, `http(s)://`, e-mail addresses. */
const LITERAL = /www\.|https?:\/\/|[-.\w+]@[-\w]+\.|mailto:|xmpp:/i;

/** Why remark must read an inline content that markdown-it has parsed, or undefined. */
function inlineIssue(tok: Tok): string | undefined {
  // GFM makes `~` an emphasis marker's neighbour of its own kind (micromark's attentionMarkers).
  if (/~[*_]|[*_]~/.test(tok.content)) return 'a tilde next to an emphasis marker';
  // Runs of `*` and `_` side by side: the two pair them differently in some texts.
  if (/\*_|_\*/.test(tok.content)) return 'emphasis markers of both kinds side by side';
  let run = '';
  for (const t of tok.children ?? []) {
    if (t.type === 'text' || t.type === 'text_special') run += t.content;
    else {
      if (LITERAL.test(run)) return 'autolink literal';
      run = t.type === 'softbreak' ? run + '\n' : '';
    }
  }
  return LITERAL.test(run) ? 'autolink literal' : undefined;
}

/** The mdast tree of `markdown`, or why remark must read it. */
function attempt(markdown: string, remark?: RemarkParse): Root | string {
  const before = bailBefore(markdown);
  if (before) return before;
  instance ??= offsetMarkdownIt(inlineIssue);
  const env: Env = {};
  const tokens = instance.parse(markdown, env) as unknown as Tok[];
  if (env.bail) return env.bail;
  try {
    return new Builder(instance, markdown, tokens, remark).blocks(tokens);
  } catch (e) {
    if (e instanceof Bail) return e.message;
    throw e;
  }
}

/**
 * The mdast tree of `markdown`, or null when remark must read it (see above). With `remark`, an
 * inline content markdown-it would read otherwise (an autolink literal in it, say) is read by remark
 * alone and put in the tree; without it, the whole text is given up.
 */
export function parseFast(markdown: string, remark?: RemarkParse): Root | null {
  const out = attempt(markdown, remark);
  return typeof out === 'string' ? null : out;
}

/** Why `parseFast` gives up on a text (for the differential test and measurements), or null. */
export function fastBail(markdown: string, remark?: RemarkParse): string | null {
  const out = attempt(markdown, remark);
  return typeof out === 'string' ? out : null;
}
