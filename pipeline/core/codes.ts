/**
 * Markdown ↔ protected inline codes (spec xliff.md §4.3).
 *
 * A sentence's inline Markdown becomes a sequence of text and codes: emphasis, strong,
 * strikethrough, links (text translatable, destination protected) and images (alt translatable)
 * are paired codes; inline code, inline HTML, autolinks, `<xref:…>`, escapes and entities are
 * standalone codes. Code ids are allocated in document order per unit (`c1`, `c2`, …), so export
 * and import compute the same table from the same English.
 *
 * Going back, a target is rebuilt from its sequence with *our* code table (never from markup a file
 * carries), and its text is escaped so that nothing a translator types becomes Markdown or HTML.
 */
import type { Piece } from '../markdown/inline.js';
import { flattenInline } from '../markdown/inline.js';
import { parseMarkdown } from '../markdown/parse.js';
import { decodeEntity } from '../text/entities.js';
import { matchBracket } from '../markdown/brackets.js';

export type CodeType = 'bold' | 'italic' | 'strike' | 'link' | 'image' | 'code' | 'html' | 'autolink' | 'escape' | 'entity' | 'footnote' | 'break';

export interface Code {
  id: string;
  type: CodeType;
  /** Paired codes have an opening and a closing Markdown; standalone ones only `open`. */
  pair: boolean;
  open: string;
  close?: string;
  /** The text a standalone code stands for (escapes, entities), shown to translators. */
  equiv?: string;
  /** What a CAT tool shows for a standalone code. */
  disp?: string;
}

/**
 * Codes a translation may drop: emphasis (languages without italics drop it; published translations
 * do) and escapes/entities (they only stand for a character). Links, images, code and HTML must stay.
 */
export const DELETABLE: ReadonlySet<CodeType> = new Set(['bold', 'italic', 'strike', 'escape', 'entity']);

export type SeqItem = { t: 'text'; v: string } | { t: 'open' | 'close' | 'ph'; id: string };
export type Seq = SeqItem[];

export interface Content {
  seq: Seq;
  /** The codes the sequence uses, by id. */
  codes: Map<string, Code>;
}

/** Allocates code ids for one unit. */
export class CodeIds {
  private n = 0;
  next(): string {
    this.n++;
    return `c${this.n}`;
  }
}

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

const isAsciiPunct = (c: string | undefined): boolean => c !== undefined && /[!-/:-@[-`{-~]/.test(c);

class Builder {
  readonly seq: Seq = [];
  readonly codes = new Map<string, Code>();
  constructor(private readonly ids: CodeIds) {}

  text(v: string): void {
    if (!v) return;
    const last = this.seq[this.seq.length - 1];
    if (last?.t === 'text') last.v += v;
    else this.seq.push({ t: 'text', v });
  }

  ph(type: CodeType, markdown: string, extra: Partial<Code> = {}): void {
    const id = this.ids.next();
    this.codes.set(id, { id, type, pair: false, open: markdown, ...extra });
    this.seq.push({ t: 'ph', id });
  }

  open(type: CodeType, markdown: string): string {
    const id = this.ids.next();
    this.codes.set(id, { id, type, pair: true, open: markdown, close: '' });
    this.seq.push({ t: 'open', id });
    return id;
  }

  close(id: string, markdown: string): void {
    this.codes.get(id)!.close = markdown;
    this.seq.push({ t: 'close', id });
  }

  /** Text as written in Markdown: escapes and entities become codes, line breaks a space. */
  markdownText(raw: string): void {
    const text = raw.replace(/[ ]*\n[ >]*/g, ' ');
    let run = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\\' && isAsciiPunct(text[i + 1])) {
        this.text(run);
        run = '';
        this.ph('escape', `\\${text[i + 1]}`, { equiv: text[i + 1]!, disp: text[i + 1]! });
        i++;
        continue;
      }
      if (ch === '&') {
        const m = ENTITY.exec(text.slice(i));
        if (m) {
          const decoded = decodeEntity(m[0]);
          if (decoded !== undefined) {
            this.text(run);
            run = '';
            this.ph('entity', m[0], { equiv: decoded, disp: m[0] });
            i += m[0].length - 1;
            continue;
          }
        }
      }
      run += ch;
    }
    this.text(run);
  }
}

const TYPE_OF: Record<string, CodeType> = { strong: 'bold', emphasis: 'italic', delete: 'strike', link: 'link', linkReference: 'link' };

/** The content of [start, end) of `src` given its inline pieces. */
export function contentOf(src: string, pieces: readonly Piece[], start: number, end: number, ids: CodeIds): Content {
  const b = new Builder(ids);
  const stack: string[] = [];
  let at = start;
  // After a hard break that ends a line, the next line's container prefix (`> `, indentation) is not text.
  let skipTo = start;
  for (const p of pieces) {
    if (p.end <= start || p.start >= end) continue;
    const s = Math.max(p.start, start, skipTo);
    const e = Math.min(p.end, end);
    if (s >= e) continue;
    if (s > at) b.markdownText(src.slice(at, s));
    at = e;
    const raw = src.slice(s, e);
    switch (p.kind) {
      case 'text':
        if (p.verbatim) b.text(raw.replace(/[ ]*\n[ >]*/g, ' '));
        else b.markdownText(raw);
        break;
      case 'mark':
        if (p.side === 'open') stack.push(b.open(TYPE_OF[p.node!] ?? 'bold', raw));
        else if (stack.length > 0) b.close(stack.pop()!, raw);
        else b.ph('html', raw);
        break;
      case 'code':
        b.ph('code', raw.replace(/\n[ >]*/g, ' '), { disp: raw });
        break;
      case 'html':
        b.ph('html', raw, { disp: raw });
        break;
      case 'break':
        b.ph('break', raw, { disp: '↵' });
        if (raw.endsWith('\n')) {
          skipTo = e;
          while (skipTo < end && (src[skipTo] === ' ' || src[skipTo] === '>')) skipTo++;
          at = skipTo;
        }
        break;
      case 'atom':
        if (raw.startsWith('![')) {
          const close = matchBracket(raw, 1);
          if (close > 0) {
            const id = b.open('image', '![');
            b.markdownText(raw.slice(2, close - 1));
            b.close(id, raw.slice(close - 1));
            break;
          }
        }
        if (raw.startsWith('[^')) b.ph('footnote', raw, { disp: raw });
        else b.ph('autolink', raw, { disp: raw });
        break;
    }
  }
  if (end > at) b.markdownText(src.slice(at, end));
  // Markup that opens in this range and closes in another (a hard break always ends a sentence,
  // even inside emphasis) is a standalone code of its own Markdown: it must come back as it was.
  for (const id of stack) {
    const code = b.codes.get(id)!;
    const item = b.seq.find((i) => i.t === 'open' && i.id === id)!;
    item.t = 'ph';
    b.codes.set(id, { id, type: 'html', pair: false, open: code.open, disp: code.open });
  }
  return { seq: b.seq, codes: b.codes };
}

/**
 * Plain text of a sequence (codes replaced by their equivalent text), for word counts and matching.
 * A standalone code with no text of its own (inline code, HTML, a URL, a line break) is left out, or
 * written as `placeholder` where the caller must see that something stood there (qa/text.ts).
 */
export function plainText(content: Content, placeholder = ''): string {
  return content.seq.map((i) => (i.t === 'text' ? i.v : i.t === 'ph' ? (content.codes.get(i.id)?.equiv ?? placeholder) : '')).join('');
}

/** Word count of English text: runs of letters/digits (with inner `'`, `.`, `-`). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.\-_][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Two sequences say the same thing: same codes in the same order, same text up to whitespace. */
export function sameContent(a: Seq, b: Seq): boolean {
  if (identical(a, b)) return true;
  const norm = (s: Seq) =>
    s
      .map((i) => (i.t === 'text' ? i.v : `\u0000${i.t}:${i.id}\u0000`))
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}

/** Item for item the same (what an import compares most of the time): no normalized strings built. */
function identical(a: Seq, b: Seq): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.t !== y.t || (x.t === 'text' ? x.v !== (y as typeof x).v : x.id !== (y as typeof x).id)) return false;
  }
  return true;
}

/**
 * Escapes text typed by a translator so that it stays text in Markdown: backslashes, emphasis and
 * code markers, brackets, `<` (no HTML), entity-like `&`, table pipes, and a block marker at the
 * start (`#`, `>`, `-`, `+`, `1.`), which would change the block. Line breaks become spaces.
 */
export function escapeMarkdownText(text: string, atStart: boolean): string {
  let out = text
    .replace(/\r?\n/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/[*`[\]<|~]/g, (c) => `\\${c}`);
  out = out.replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
  // `_` only where it could open or close emphasis (not inside words like snake_case).
  out = out.replace(/(^|[^\p{L}\p{N}])_|_(?=$|[^\p{L}\p{N}])/gu, (m) => m.replace('_', '\\_'));
  if (atStart) out = out.replace(/^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|\d{1,9}(?=[.)](?:\s|$)))/, (_m, ws: string, mark: string) => `${ws}\\${mark}`);
  return out;
}

/** Rebuilds Markdown from a sequence with the given codes (ids must all be known; checked before). */
export function toMarkdown(seq: Seq, codes: ReadonlyMap<string, Code>): string {
  let out = '';
  seq.forEach((item, i) => {
    if (item.t === 'text') out += escapeMarkdownText(item.v, i === 0);
    else {
      const code = codes.get(item.id)!;
      out += item.t === 'close' ? (code.close ?? '') : code.open;
    }
  });
  return out;
}

/** What inline Markdown is parsed after, so that a leading `1. ` or `# ` reads as text, as it does mid-line. */
const LEAD = 'x ';

/**
 * Inline Markdown (a stored target) as text and codes with its own code ids, read as it would be
 * in the middle of a line of its document: `definitions` are the document's link reference labels,
 * so `[text][label]` stays a link. Null when it is not one paragraph (a blank line, a block
 * construct on a later line).
 */
export function inlineContent(markdown: string, definitions: readonly string[] = NO_DEFINITIONS): Content | null {
  // check reads a stored target twice, for its codes (check/target.ts) and for the quality rules
  // (qa/text.ts): the last result is kept (callers never change a Content).
  if (last && last.markdown === markdown && last.definitions === definitions) return last.content;
  const content = readInline(markdown, definitions);
  last = { markdown, definitions, content };
  return content;
}

const NO_DEFINITIONS: readonly string[] = [];
let last: { markdown: string; definitions: readonly string[]; content: Content | null } | undefined;

function readInline(markdown: string, definitions: readonly string[]): Content | null {
  if (markdown.trim() === '') return { seq: [], codes: new Map() };
  // Labels match as CommonMark matches them: case-folded, white space collapsed, escapes read (`[Set\*][]` is `set*`).
  const fold = (text: string) =>
    text
      .toLowerCase()
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replace(/\s+/g, ' ');
  const lower = fold(markdown);
  const used = definitions.filter((label) => lower.includes(`[${fold(label)}]`));
  const src = LEAD + markdown + (used.length > 0 ? `\n\n${used.map((label) => `[${label}]: #`).join('\n')}\n` : '');
  const root = parseMarkdown(src);
  const block = root.children[0];
  if (block?.type !== 'paragraph' || block.children.length === 0 || root.children.slice(1).some((c) => c.type !== 'definition')) return null;
  if (used.length === 0 && root.children.length !== 1) return null;
  const pieces = flattenInline(src, block.children);
  const end = pieces[pieces.length - 1]!.end;
  if (end <= LEAD.length) return { seq: [], codes: new Map() };
  return contentOf(src, pieces, LEAD.length, end, new CodeIds());
}

/**
 * A stored target (Markdown) as a sequence that uses the source's code ids, for pre-filling an
 * export. Codes are matched by type and Markdown; an escape or entity without a counterpart becomes
 * its text. Returns null when the target has a code the source does not.
 */
export function targetContent(markdown: string, source: Content, definitions: readonly string[] = [], relaxed = false): Seq | null {
  if (markdown.trim() === '') return [];
  const t = inlineContent(markdown, definitions);
  if (!t) return null;
  // Match each target code to an unused source code of the same type and Markdown; relaxed (for
  // leverage from other English), then of the same type in order, and drop what is left.
  const unused = [...source.codes.values()];
  const rename = new Map<string, string>();
  const dropped = new Set<string>();
  const pending: Code[] = [];
  for (const item of t.seq) {
    if (item.t === 'text' || item.t === 'close') continue;
    const code = t.codes.get(item.id)!;
    const k = unused.findIndex((c) => c.type === code.type && c.open === code.open && c.close === code.close);
    if (k >= 0) {
      rename.set(item.id, unused[k]!.id);
      unused.splice(k, 1);
    } else if (relaxed) pending.push(code);
    else if (code.type !== 'escape' && code.type !== 'entity') return null;
  }
  for (const code of pending) {
    const k = unused.findIndex((c) => c.type === code.type && c.pair === code.pair);
    if (k >= 0) {
      rename.set(code.id, unused[k]!.id);
      unused.splice(k, 1);
    } else if (code.type !== 'escape' && code.type !== 'entity') dropped.add(code.id);
  }
  const out: Seq = [];
  for (const item of t.seq) {
    if (item.t !== 'text' && dropped.has(item.id)) continue;
    const v = item.t === 'text' ? item.v : rename.has(item.id) ? undefined : (t.codes.get(item.id)!.equiv ?? '');
    if (v === undefined) out.push({ t: item.t as 'open' | 'close' | 'ph', id: rename.get((item as { id: string }).id)! });
    else {
      const last = out[out.length - 1];
      if (last?.t === 'text') last.v += v;
      else if (v) out.push({ t: 'text', v });
    }
  }
  return out;
}

/** XLIFF 1.2 `ctype` of each code type (standard values where 1.2 has one, else `x-`). */
export const CTYPE_12: Record<Code['type'], string> = {
  bold: 'bold',
  italic: 'italic',
  strike: 'x-strike',
  link: 'link',
  image: 'x-image',
  code: 'x-code',
  html: 'x-html',
  autolink: 'x-autolink',
  escape: 'x-escape',
  entity: 'x-entity',
  footnote: 'x-footnote',
  break: 'lb',
};
