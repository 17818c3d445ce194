/**
 * markdown-it's tokens, with the offsets mdit/offsets.ts gave them, turned into the mdast tree
 * remark-parse + GFM gives for the same text: same nodes, fields and offsets (the fast front end;
 * see fast-parse.ts). Text nodes are made from runs of text tokens; GFM task items are made here;
 * an inline content marked for remark is read by remark alone and put in the tree.
 */
import type MarkdownIt from 'markdown-it';
import type { List, ListItem, Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import { LineIndex } from '../../text/lines.js';
import { pushAll } from '../../util/arrays.js';
import { AUTO_CELL, OPEN_HTML, type Tok } from './offsets.js';

/** remark's tree of a text (parse.ts gives it; the front end does not load remark). */
export type RemarkParse = (markdown: string) => Root;

/** A tree remark would make differently, found while building it. */
export class Bail extends Error {}

/** markdown-it's tokens (with offsets) as the mdast tree remark gives. */
export class Builder {
  private readonly lines: LineIndex;

  /** Every definition of the text, for a content remark reads alone (its references must resolve). */
  private readonly definitions: string;

  constructor(
    private readonly md: MarkdownIt,
    private readonly src: string,
    tokens: readonly Tok[],
    private readonly remark?: RemarkParse,
  ) {
    this.lines = new LineIndex(src);
    const labels: string[] = [];
    for (const tok of tokens) {
      if (tok.type !== 'sxs_definition') continue;
      const label = /^\[((?:[^\]\\]|\\[\s\S])*)\]:/.exec(src.slice(tok.s!, tok.e!));
      if (label) labels.push(`[${label[1]}]: #`);
    }
    this.definitions = labels.length > 0 ? `\n\n${labels.join('\n')}\n` : '';
  }

  /**
   * An inline content read by remark alone: after `x ` (so that no line of it starts a block) and
   * before the text's definitions; offsets mapped back to the source.
   */
  private remarkInline(tok: Tok): PhrasingContent[] {
    if (!this.remark) throw new Bail(tok.remark!);
    const lead = 'x ';
    const root = this.remark(lead + tok.content + this.definitions);
    const [first, ...rest] = root.children;
    if (first?.type !== 'paragraph' || rest.some((c) => c.type !== 'definition')) throw new Bail(`${tok.remark} (not one paragraph alone)`);
    const kids = first.children;
    const head = kids[0];
    if (head?.type === 'text' && head.position!.start.offset === 0) {
      if (head.position!.end.offset! <= lead.length) kids.shift();
      else {
        head.value = head.value.slice(lead.length);
        head.position!.start.offset = lead.length;
      }
    }
    const map = tok.srcMap!;
    const move = (node: Nodes) => {
      const p = node.position!;
      if (p.start.offset! < lead.length || p.end.offset! > lead.length + tok.content.length) throw new Bail(`${tok.remark} (remark's offsets outside the content)`);
      node.position = this.position(map.start(p.start.offset! - lead.length), map.end(p.end.offset! - lead.length));
      if ('children' in node) for (const c of node.children as Nodes[]) move(c);
    };
    for (const k of kids) move(k);
    return kids;
  }

  point(offset: number) {
    // Every node's two points: one object each, made in the shape remark makes (no spread copy).
    const { line, column } = this.lines.at(offset);
    return { line, column, offset };
  }

  position(s: number, e: number) {
    return { start: this.point(s), end: this.point(e) };
  }

  /** The block tokens [from, to) as mdast nodes. */
  blocks(tokens: Tok[]): Root {
    const root: Root = { type: 'root', children: [], position: this.position(0, this.src.length) };
    const stack: Parents[] = [root];
    const top = () => stack[stack.length - 1]! as Parents & { children: Nodes[] };
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const pos = tok.s !== undefined ? this.position(tok.s, tok.e!) : undefined;
      if (tok.type === 'thead_close' || tok.type === 'tbody_close') continue;
      if (tok.nesting === -1) {
        const node = stack.pop()!;
        // A container ends where its last child ends.
        const last = (node as { children: Nodes[] }).children.at(-1);
        if (last?.position && node.position && last.position.end.offset! > node.position.end.offset!) node.position.end = last.position.end;
        if (node.type === 'list')
          this.spread(
            node,
            stack.some((n) => n.type === 'blockquote'),
          );
        continue;
      }
      let node: Nodes | undefined;
      switch (tok.type) {
        case 'paragraph_open':
          node = { type: 'paragraph', children: [], position: pos };
          break;
        case 'heading_open':
          node = { type: 'heading', depth: Number(tok.tag.slice(1)) as 1, children: [], position: pos };
          break;
        case 'blockquote_open':
          node = { type: 'blockquote', children: [], position: pos };
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const start = tok.attrs?.find((a) => a[0] === 'start')?.[1];
          node = { type: 'list', ordered: tok.type === 'ordered_list_open', start: tok.type === 'ordered_list_open' ? Number(start ?? 1) : null, spread: false, children: [], position: pos };
          break;
        }
        case 'list_item_open':
          node = { type: 'listItem', spread: false, checked: null, children: [], position: pos };
          break;
        case 'table_open':
          node = { type: 'table', align: tableAlign(tokens, i), children: [], position: pos };
          break;
        case 'tr_open':
          node = { type: 'tableRow', children: [], position: pos };
          break;
        case 'th_open':
        case 'td_open':
          if (tok.info === AUTO_CELL) {
            while (tokens[i]!.type !== 'td_close' && tokens[i]!.type !== 'th_close') i++;
            continue;
          }
          node = { type: 'tableCell', children: [], position: pos };
          break;
        case 'thead_open':
        case 'tbody_open':
          continue;
        case 'inline': {
          const kids = this.inline(tok);
          if (tokens[i - 2]?.type === 'list_item_open' && tokens[i - 1]!.type === 'paragraph_open') this.taskItem(stack[stack.length - 2] as ListItem, tok, kids);
          pushAll(top().children as PhrasingContent[], kids);
          continue;
        }
        case 'hr':
          top().children.push({ type: 'thematicBreak', position: pos });
          continue;
        case 'code_block':
        case 'fence': {
          // The info string's first word is the language, the rest (from its next word on) the meta;
          // escapes and entities read.
          const info = tok.info.replace(/^[ \t]+/, '');
          const space = info.search(/[ \t]/);
          const unescape = this.md.utils.unescapeAll;
          const meta = space < 0 ? '' : info.slice(space).replace(/^[ \t]+/, '');
          top().children.push({
            type: 'code',
            lang: info.trim() === '' ? null : unescape(space < 0 ? info : info.slice(0, space)),
            meta: meta === '' ? null : unescape(meta),
            value: tok.content.replace(/\n$/, ''),
            position: pos,
          });
          continue;
        }
        case 'html_block':
          top().children.push({ type: 'html', value: tok.info === OPEN_HTML ? tok.content : tok.content.replace(/\n$/, ''), position: pos });
          continue;
        case 'sxs_definition':
          top().children.push(this.definition(tok));
          continue;
        default:
          throw new Error(`unexpected markdown-it token ${tok.type}`);
      }
      top().children.push(node as RootContent);
      stack.push(node as Parents);
    }
    return root;
  }

  /**
   * `spread` as remark sets it (mdast-util-from-markdown prepareList): an item is spread when a blank
   * line separates two of its blocks, a list when one separates two of its items. Two blocks of one
   * container are apart by exactly one line ending unless blank lines lie between them.
   */
  private spread(list: List, quoted: boolean): void {
    // Where a block ends, before any line ending a container's own end takes in (a list item's
    // blank lines after its content are its last block's).
    const contentEnd = (node: Nodes): number | undefined => {
      let n = node;
      while ((n.type === 'list' || n.type === 'listItem') && n.children.length > 0) n = n.children.at(-1) as Nodes;
      const end = n.position?.end.offset;
      return end !== undefined && end > 0 && this.src[end - 1] === '\n' ? end - 1 : end;
    };
    const apart = (a: Nodes | undefined, b: Nodes | undefined): boolean => {
      const end = a && contentEnd(a);
      if (end === undefined || !b?.position) return false;
      const nl = this.src.indexOf('\n', end);
      return nl >= 0 && nl < b.position.start.offset! && this.src.indexOf('\n', nl + 1) >= 0 && this.src.indexOf('\n', nl + 1) < b.position.start.offset!;
    };
    const items = list.children;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const kids = item.children as Nodes[];
      for (let k = 1; k < kids.length && !item.spread; k++) if (apart(kids[k - 1], kids[k])) item.spread = true;
      if (i > 0) {
        const prev = items[i - 1]!;
        const last = prev.children.at(-1) as Nodes | undefined;
        if (!apart(last ?? prev, item)) continue;
        // In a quote, micromark gives the blank lines after an item's nested list to that list, and
        // whether either list is spread then depends on how many there are: remark reads it.
        if (quoted && last?.type === 'list') throw new Bail('blank lines after a nested list in a quote');
        list.spread = true;
      }
    }
  }

  private definition(tok: Tok): RootContent {
    const raw = this.src.slice(tok.s!, tok.e!);
    const label = /^\[((?:[^\]\\]|\\[\s\S])*)\]:/.exec(raw);
    let url = '';
    let title: string | null = null;
    if (label) {
      const helpers = this.md.helpers;
      let pos = tok.s! + label[0].length;
      while (pos < tok.e! && /\s/.test(this.src[pos]!)) pos++;
      const dest = helpers.parseLinkDestination(this.src, pos, tok.e!);
      if (dest.ok) {
        url = dest.str;
        pos = dest.pos;
        while (pos < tok.e! && /\s/.test(this.src[pos]!)) pos++;
        const t = helpers.parseLinkTitle(this.src, pos, tok.e!);
        if (t.ok && pos < tok.e!) title = t.str;
      }
    }
    const text = label?.[1] ?? '';
    return {
      type: 'definition',
      identifier: identifierOf(text),
      label: text,
      url,
      title,
      position: this.position(tok.s!, tok.e!),
    };
  }

  /**
   * A GFM task item: the first paragraph of a list item starts with `[ ]`, `[x]` or `[X]`, a space or
   * tab, and text on that line. The item is checked or not, and the check and the one space are not
   * the paragraph's text.
   */
  private taskItem(item: ListItem, tok: Tok, kids: PhrasingContent[]): void {
    const m = /^\[([ \txX])\][ \t][^\n]*\S/.exec(tok.content);
    if (!m) return;
    const head = kids[0];
    if (head?.type !== 'text' || !head.value.startsWith(tok.content.slice(0, 4))) throw new Bail('a task item that does not start with text');
    item.checked = m[1] === 'x' || m[1] === 'X';
    if (head.value.length === 4) kids.shift();
    else {
      head.value = head.value.slice(4);
      head.position!.start = this.point(tok.srcMap!.start(4));
    }
  }

  /** An inline token's children as mdast phrasing content, with source offsets. */
  private inline(tok: Tok): PhrasingContent[] {
    if (tok.remark) return this.remarkInline(tok);
    const map = tok.srcMap!;
    const children = tok.children ?? [];
    const root: { children: PhrasingContent[] } = { children: [] };
    const stack: Array<{ children: PhrasingContent[]; node?: PhrasingContent & { children: PhrasingContent[] }; open?: Tok }> = [root];
    let text: { s: number; e: number; value: string } | null = null;
    const flush = () => {
      if (!text) return;
      // White space before a line ending is not text (markdown-it keeps tabs there); a text that
      // starts with it starts at the line ending.
      const lead = /^[ \t]+(?=\n)/.exec(text.value)?.[0].length ?? 0;
      const value = text.value.replace(/[ \t]+\n/g, '\n');
      stack[stack.length - 1]!.children.push({ type: 'text', value, position: this.position(map.start(text.s + lead), map.end(text.e)) });
      text = null;
    };
    for (const t of children) {
      switch (t.type) {
        case 'text':
        case 'text_special':
        case 'softbreak': {
          if (t.type === 'text' && t.content === '') continue;
          const value = t.type === 'softbreak' ? '\n' : t.content;
          if (text) {
            text.e = t.e!;
            text.value += value;
          } else text = { s: t.s!, e: t.e!, value };
          continue;
        }
        default:
          break;
      }
      if (text && t.type === 'hardbreak' && t.s! < text.e) text.e = t.s!;
      flush();
      const pos = this.position(map.start(t.s!), map.end(t.e!));
      const here = stack[stack.length - 1]!;
      switch (t.type) {
        case 'code_inline':
          here.children.push({ type: 'inlineCode', value: codeValue(tok.content.slice(t.s!, t.e!)), position: pos });
          break;
        case 'hardbreak':
          // micromark's break takes a quote's `>` after a backtick it could not close.
          if (tok.level > 0 && tok.content.includes('`')) throw new Bail('a hard break and a backtick in a container');
          here.children.push({ type: 'break', position: pos });
          break;
        case 'html_inline':
          here.children.push({ type: 'html', value: t.content, position: pos });
          break;
        case 'image': {
          const raw = this.src.slice(pos.start.offset, pos.end.offset);
          const alt = altText(t.children ?? []);
          const src = t.attrs?.find((a) => a[0] === 'src')?.[1] ?? '';
          const title = t.attrs?.find((a) => a[0] === 'title')?.[1] ?? null;
          const last = t.children?.at(-1);
          const textEnd = raw.indexOf(']', last ? map.end(last.e!) - pos.start.offset : 2);
          here.children.push(raw.endsWith(')') ? { type: 'image', url: src, title, alt, position: pos } : { type: 'imageReference', alt, ...reference(raw, 2, textEnd), position: pos });
          break;
        }
        case 'link_open':
        case 'em_open':
        case 'strong_open':
        case 's_open': {
          let node: PhrasingContent & { children: PhrasingContent[] };
          if (t.type === 'link_open') {
            const raw = this.src.slice(pos.start.offset, pos.end.offset);
            const href = t.attrs?.find((a) => a[0] === 'href')?.[1] ?? '';
            const title = t.attrs?.find((a) => a[0] === 'title')?.[1] ?? null;
            node =
              raw.startsWith('[') && !raw.endsWith(')')
                ? { type: 'linkReference', identifier: '', label: null, referenceType: 'full', children: [], position: pos }
                : { type: 'link', url: href, title, children: [], position: pos };
          } else if (t.type === 'strong_open') node = { type: 'strong', children: [], position: this.position(map.start(t.s! - 1), map.end(t.e!)) };
          else node = { type: t.type === 'em_open' ? 'emphasis' : 'delete', children: [], position: pos };
          here.children.push(node);
          stack.push({ children: node.children, node, open: t });
          break;
        }
        case 'link_close':
        case 'em_close':
        case 'strong_close':
        case 's_close': {
          const frame = stack.pop()!;
          if (frame.node?.type === 'linkReference') {
            const start = frame.node.position!.start.offset!;
            const raw = this.src.slice(start, frame.node.position!.end.offset);
            const last = frame.node.children.at(-1);
            Object.assign(frame.node, reference(raw, 1, raw.indexOf(']', last ? last.position!.end.offset! - start : 1)));
          }
          if (t.type !== 'link_close' && frame.node) {
            const end = t.type === 'strong_close' ? t.e! + 1 : t.e!;
            frame.node.position!.end = this.point(map.end(end));
          }
          break;
        }
        default:
          throw new Error(`unexpected markdown-it inline token ${t.type}`);
      }
    }
    flush();
    return root.children;
  }
}

/**
 * An inline code's value as mdast has it: line endings kept (markdown-it makes them spaces), one
 * space or line ending taken off each side when both sides have one and it is not all spaces.
 */
function codeValue(raw: string): string {
  let open = 0;
  while (raw.charCodeAt(open) === 0x60) open++;
  const inner = raw.slice(open, raw.length - open);
  const edge = (c: string | undefined) => c === ' ' || c === '\n';
  if (inner.length > 2 && edge(inner[0]) && edge(inner[inner.length - 1]) && /[^ \n]/.test(inner)) return inner.slice(1, -1);
  if (inner.length === 2 && edge(inner[0]) && edge(inner[1]) && /[^ \n]/.test(inner)) return '';
  return inner;
}

/** A reference's identifier as mdast has it: white space collapsed, trimmed, case folded. */
function identifierOf(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

/** A link or image reference's kind, label and identifier, from its source (`textEnd`: the `]` after its text). */
function reference(raw: string, textStart: number, textEnd: number): { referenceType: 'full' | 'collapsed' | 'shortcut'; label: string; identifier: string } {
  const rest = raw.slice(textEnd + 1);
  const label = rest === '' || rest === '[]' ? raw.slice(textStart, textEnd) : rest.slice(1, -1);
  return { referenceType: rest === '' ? 'shortcut' : rest === '[]' ? 'collapsed' : 'full', label, identifier: identifierOf(label) };
}

/** A table's column alignments, from its header cells' styles. */
function tableAlign(tokens: readonly Tok[], open: number): Array<'left' | 'right' | 'center' | null> {
  const out: Array<'left' | 'right' | 'center' | null> = [];
  for (let i = open + 1; i < tokens.length && tokens[i]!.type !== 'tr_close'; i++) {
    if (tokens[i]!.type !== 'th_open') continue;
    const style = tokens[i]!.attrs?.find((a) => a[0] === 'style')?.[1] ?? '';
    out.push((/text-align:(left|right|center)/.exec(style)?.[1] as 'left' | 'right' | 'center' | undefined) ?? null);
  }
  return out;
}

/** An image's alt text as mdast has it: the text of its label, without markup. */
function altText(tokens: Tok[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline' || t.type === 'html_inline') out += t.content;
    else if (t.type === 'softbreak') out += '\n';
    else if (t.type === 'image') out += altText(t.children ?? []);
  }
  return out;
}
