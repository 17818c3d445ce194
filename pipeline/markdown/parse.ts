/**
 * The one place that knows which Markdown parser we use: markdown-it made to give remark's tree
 * (`fast-parse.ts`), and where it cannot, remark-parse + the GFM extensions
 * (micromark), CommonMark + GFM tables, strikethrough, autolink literals, footnotes and task list
 * items, with positions. Everything downstream works on our own block model (`blocks.ts`).
 *
 * Each GFM part is in the parser only when the text has the character it cannot match without
 * (a delimiter row for tables, `~` for strikethrough, `[^` for footnotes, `@`/`www.`/`http://`
 * for autolink literals, `[ ]` for task items): a part that matches nothing changes nothing in the tree, and
 * the ones that are there cost the tokenizer an attempt at every character they start on (autolink
 * literals at every word). Same trees, about a third less parsing on real pages.
 *
 * remark-gfm finds some autolink literals (after `[`, e-mail addresses) in a post-pass that splits
 * text nodes without giving the pieces positions; `repairPositions` gives them back, because every
 * later step works on source offsets.
 */
import type { Nodes, Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { linearAttention } from './attention.js';
import { decodeEntity } from '../text/entities.js';
import { parseFast } from './fast-parse.js';

/** A unified plugin: emphasis resolved in linear time (attention.ts), in place of micromark's quadratic resolver. */
export function linearEmphasis(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(linearAttention);
}

/** A `www.` or `http(s)://` autolink literal needs these, in any case. */
const URL_LITERAL = /www\.|https?:\/\//i;
/** A task item's check: `[`, a space, tab, line ending, `x` or `X`, `]`. */
const TASK_CHECK = /\[[\sxX]\]/;
/** A line a GFM table's delimiter row could be: only `|`, `-`, `:`, white space and `>`, with a `|` and a `-`. */
const DELIMITER_LINE = /^[\t\r >|:-]*(?:\|[\t\r >|:-]*-|-[\t\r >|:-]*\|)[\t\r >|:-]*$/m;

type Extension = ReturnType<typeof gfmAutolinkLiteral>;

/**
 * Autolink literals without the e-mail construct, for a text with no `@`: upstream tries an e-mail
 * address at the start of every word (each one read twice), which is most of what the part costs.
 * Made of upstream's own `www.` and protocol constructs; the whole part if they cannot be found.
 */
function urlLiteral(): Extension {
  const text = gfmAutolinkLiteral().text ?? {};
  const pick = (code: number, name: string) => [text[code] ?? []].flat().find((c) => c?.name === name);
  const www = pick(119, 'wwwAutolink');
  const protocol = pick(104, 'protocolAutolink');
  if (!www || !protocol) return gfmAutolinkLiteral();
  return { text: { 87: www, 119: www, 72: protocol, 104: protocol } };
}

/** The GFM parts in remark-gfm's order (the order decides between constructs that start on one character). */
const GFM_PARTS = [
  // Autolink literals: all of them when there is an `@`, else only `www.` and `http(s)://` ones when those occur.
  { syntax: gfmAutolinkLiteral, mdast: gfmAutolinkLiteralFromMarkdown, mayOccur: (t: string) => t.includes('@') },
  { syntax: urlLiteral, mdast: gfmAutolinkLiteralFromMarkdown, mayOccur: (t: string) => !t.includes('@') && URL_LITERAL.test(t) },
  { syntax: gfmFootnote, mdast: gfmFootnoteFromMarkdown, mayOccur: (t: string) => t.includes('[^') },
  { syntax: gfmStrikethrough, mdast: gfmStrikethroughFromMarkdown, mayOccur: (t: string) => t.includes('~') },
  { syntax: gfmTable, mdast: gfmTableFromMarkdown, mayOccur: (t: string) => t.includes('|') && DELIMITER_LINE.test(t) },
  { syntax: gfmTaskListItem, mdast: gfmTaskListItemFromMarkdown, mayOccur: (t: string) => TASK_CHECK.test(t) },
] as const;

/** A unified plugin: the GFM parts whose bit is set in `parts`. */
export function gfmParts(this: Processor, parts: number): void {
  const data = this.data();
  GFM_PARTS.forEach((part, i) => {
    if (!(parts & (1 << i))) return;
    (data.micromarkExtensions ??= []).push(part.syntax());
    (data.fromMarkdownExtensions ??= []).push(part.mdast());
  });
}

/** One frozen processor per set of GFM parts, made when first needed. */
const processors: Processor[] = [];
/** Every part (the e-mail autolink part already holds the URL one). */
const ALL_PARTS = ((1 << GFM_PARTS.length) - 1) & ~0b10;

function processorWith(parts: number): Processor {
  return (processors[parts] ??= unified().use(remarkParse).use(gfmParts, parts).use(linearEmphasis).freeze() as unknown as Processor);
}

/** The GFM parts `markdown` could use, as bits (for `gfmParts`). */
export function partsFor(markdown: string): number {
  let parts = 0;
  GFM_PARTS.forEach((part, i) => {
    if (part.mayOccur(markdown)) parts |= 1 << i;
  });
  return parts;
}

export type FrontEnd = 'fast' | 'remark';

/**
 * Which front end `parseMarkdown` uses: markdown-it through `fast-parse.ts` (remark where it cannot
 * be sure to read a text as remark does), or remark always. `SXS_PARSER=remark` chooses remark for a
 * run (to compare the two, as the differential tests do).
 */
let frontEnd: FrontEnd = process.env.SXS_PARSER === 'remark' ? 'remark' : 'fast';

/** Sets the front end for what follows; returns the one in use before. */
export function useFrontEnd(kind: FrontEnd): FrontEnd {
  const before = frontEnd;
  frontEnd = kind;
  return before;
}

export function parseMarkdown(markdown: string): Root {
  const text = tablesWithWideDelimiters(markdown);
  if (frontEnd === 'fast') {
    const tree = parseFast(text, (inline) => parseRemark(inline, inline));
    if (tree) return tree;
  }
  return parseRemark(text, markdown);
}

/** remark-parse with the GFM parts the text can use. */
function parseRemark(text: string, markdown: string): Root {
  return repairPositions(processorWith(partsFor(text)).parse(text) as Root, markdown);
}

/** Parses with every GFM part, whatever the text: the reference the gated parse is tested against. */
export function parseMarkdownAllParts(markdown: string): Root {
  return repairPositions(processorWith(ALL_PARTS).parse(tablesWithWideDelimiters(markdown)) as Root, markdown);
}

/** A line that may be a delimiter row, anywhere in a text (a quick test before the line-by-line one). */
const ANY_DELIMITER = /^[ >]*\|?[ \t]*:?-+:?[ \t]*\|/m;
const DELIMITER_ROW = /^([ >]*)(\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*)$/;

/** Offsets of the unescaped `|` in `line` from `from`. */
function pipes(line: string, from: number): number[] {
  const out: number[] = [];
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') out.push(i);
  }
  return out;
}

/**
 * A table whose delimiter row has more columns than its header row is a table to the published
 * files' pipeline (GFM requires as many): the extra delimiter cells are blanked, in a copy of the
 * same length, before parsing, so every offset still points into the original.
 */
export function tablesWithWideDelimiters(markdown: string): string {
  if (!markdown.includes('|') || !ANY_DELIMITER.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  let changed = false;
  for (let i = 1; i < lines.length; i++) {
    const m = DELIMITER_ROW.exec(lines[i]!);
    const header = lines[i - 1]!;
    if (!m || !header.includes('|')) continue;
    const cellsOf = (line: string, from: number) => {
      const p = pipes(line, from);
      const inner = line.slice(from).trim();
      // Cells: pipes between content, plus one, minus a leading and a trailing pipe.
      return p.length + 1 - (inner.startsWith('|') ? 1 : 0) - (inner.endsWith('|') && inner.length > 1 ? 1 : 0);
    };
    const prefix = m[1]!.length;
    const headerCells = cellsOf(header, Math.min(prefix, header.length));
    const delimiterCells = cellsOf(lines[i]!, prefix);
    if (headerCells < 1 || delimiterCells <= headerCells) continue;
    // Keep the delimiter row up to the pipe that closes its last header column.
    const row = lines[i]!;
    const p = pipes(row, prefix);
    const leading = row.slice(prefix).trimStart().startsWith('|') ? 1 : 0;
    const cut = p[headerCells - 1 + leading];
    if (cut === undefined) continue;
    lines[i] = row.slice(0, cut + 1) + ' '.repeat(row.length - cut - 1);
    changed = true;
  }
  return changed ? lines.join('\n') : markdown;
}

interface Point {
  line: number;
  column: number;
  offset: number;
}

const REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/** End offset when `value` is what the source from `start` reads as (escapes, entities, line prefixes), else -1. */
export function matchRaw(src: string, start: number, value: string): number {
  let i = start;
  for (let v = 0; v < value.length; v++) {
    const ch = value[v]!;
    // A character reference that reads as what comes next (`&amp;` for `&`), before the literal `&`.
    if (src[i] === '&') {
      const ref = REFERENCE.exec(src.slice(i, i + 40))?.[0];
      const read = ref && decodeEntity(ref);
      if (ref && read && value.startsWith(read, v)) {
        i += ref.length;
        v += read.length - 1;
        continue;
      }
    }
    if (src[i] === ch) {
      i++;
      if (ch === '\n') while (src[i] === ' ' || src[i] === '>') i++;
      continue;
    }
    if (src[i] === '\\' && src[i + 1] === ch) {
      i += 2;
      continue;
    }
    if (ch === '\n') {
      while (src[i] === ' ') i++;
      if (src[i] === '\n') {
        v--;
        continue;
      }
    }
    return -1;
  }
  return i;
}

function point(src: string, offset: number): Point {
  let line = 1;
  let last = -1;
  for (let i = src.indexOf('\n'); i >= 0 && i < offset; i = src.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last, offset };
}

function textValue(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textValue).join('');
  return '';
}

/** Gives a position to every node of the tree that lacks one; returns the tree. */
function repairPositions<T extends Nodes>(root: T, src: string): T {
  repairNode(root, src);
  return root;
}

/** Gives a position to every node that lacks one, from its neighbours and the source text. */
function repairNode(node: Nodes, src: string): void {
  if (!('children' in node)) return;
  const kids = node.children as Nodes[];
  let cursor = node.position?.start.offset ?? 0;
  let contiguous = false;
  for (const kid of kids) {
    if (kid.position) {
      cursor = kid.position.end.offset!;
      contiguous = true;
      repairNode(kid, src);
      continue;
    }
    const value = textValue(kid);
    let start = cursor;
    let end = matchRaw(src, start, value);
    if (!contiguous) {
      // First child: skip the parent's opening syntax (`#`, `*`, `[` …) until the text matches.
      for (let tries = 0; end < 0 && tries < 64 && start < src.length; tries++) end = matchRaw(src, ++start, value);
    }
    if (end < 0) end = start + value.length;
    kid.position = { start: point(src, start), end: point(src, end) };
    if ('children' in kid) {
      for (const inner of kid.children as Nodes[]) if (!inner.position) inner.position = { start: point(src, start), end: point(src, end) };
    }
    cursor = end;
    contiguous = true;
  }
}
