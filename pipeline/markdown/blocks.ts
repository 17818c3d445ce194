/**
 * mdast → translatable blocks (spec §3). One handler per block node type; an unknown node type is
 * an error, never silently skipped.
 *
 * A block is a range of the (normalized) source whose sentences are replaced by span pairs; what is
 * not inside a sentence range is copied from the English unchanged. Untouched content: code, HTML
 * without text, thematic breaks, definitions, include/alert/directive lines, code-only sentences.
 */
import type { Definition, Heading, Html, Paragraph, PhrasingContent, Root, RootContent, TableCell } from 'mdast';
import { htmlUnits } from './html-units.js';
import { clipPiece, flattenInline, slicePieces, UnknownNodeError, type Piece } from './inline.js';
import type { Range, Segmenter } from './segment.js';
import { headingSlug } from './slug.js';

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'quote' | 'cell' | 'imageAlt' | 'label' | 'html';

/** Units translated in place, without a span: an image's alt text, a link reference definition's label. */
export function inPlace(kind: BlockKind): boolean {
  return kind === 'imageAlt' || kind === 'label';
}

export interface Block {
  kind: BlockKind;
  /** Content range in the source. */
  start: number;
  end: number;
  pieces: Piece[];
  /** Translatable sentences, in order. */
  sentences: Range[];
  /**
   * How many of the segmenter's sentences were left out as not translatable (code only, an include…)
   * right after a sentence ended by its own mark: the published files' pipeline still counted them
   * as segments of the paragraph (doc.ts numbers `pN`).
   */
  untranslated?: number;
  /** Heading slug: an `<a name>` anchor goes right before `start` (or `anchorAt`). */
  anchor?: string;
  /** Where the anchor goes when not at `start` (the heading's text starts with an untouched token). */
  anchorAt?: number;
  /** Heading depth, for context notes. */
  depth?: number;
  /**
   * Text translated in place (kinds `imageAlt`, `label`): the English just before and after it,
   * which harvest looks for in a published file (`![` and `](src "title")`, `alt-text="` and the
   * rest of a `:::image` line, `[` and `]: url`).
   */
  altBefore?: string;
  altAfter?: string;
}

export interface BlockOptions {
  segmenter: Segmenter;
}

type Context = 'paragraph' | 'listItem' | 'quote';

const offsetOf = (n: { position?: { start: { offset?: number } } }): number => n.position!.start.offset!;
const endOffsetOf = (n: { position?: { end: { offset?: number } } }): number => n.position!.end.offset!;

/**
 * Lines that stay untouched inside a paragraph: DocFX include/alert/video/div markers, code
 * includes, and `:::` directive lines (`:::row:::`, `:::column span="2":::`, `:::image …:::`).
 */
const UNTOUCHED_LINE =
  /^(?:\[!INCLUDE\s*\[[^\]]*\]\([^)]*\)\]|\[![a-z]+\]|\[!VIDEO\s+[^\]]*\]|\[!div\s[^\]]*\]|\[!code-[a-z0-9]+\s*\[[^\]]*\]\([^)]*\)\]|:::\s*[a-z][a-z0-9-]*(?:\s[^\n]*)?:::|:::[a-z][a-z0-9-]*-end:::)\s*$/i;
/** An alert marker at the start of a line that continues with text (`[!NOTE] Text`). */
const LEADING_MARKER = /^\[![a-z]+\][ ]+/i;
/** DocFX include, code and video tokens within a line: untouched, never text to translate. */
const INLINE_TOKEN = /\[!(?:INCLUDE|code-[a-z0-9]+)\s*\[[^\]\n]*\]\([^)\n]*\)\]|\[!VIDEO\s+[^\]\n]*\]/gi;
/** A `:::image …:::` directive line and its alt text (translated in place, like an image's). */
const IMAGE_DIRECTIVE = /^(:::image\s[^\n]*?\balt-text=")([^"\n]*)("[^\n]*:::)\s*$/i;
/** Anything but whitespace and ASCII punctuation. */
const WORDLIKE = /[^\s!-/:-@[-`{-~]/u;

/** Whether the sentence has content worth translating (spec §3 working rule). */
export function isTranslatable(src: string, pieces: readonly Piece[], range: Range, heading = false): boolean {
  let visible = '';
  let linked = heading;
  for (const p of slicePieces(pieces, range.start, range.end)) {
    if (p.node === 'link' || p.node === 'linkReference') linked = true;
    // An image's alt text is text to translate (the image is written inside the span).
    if (p.kind === 'atom' && src[p.start] === '!') {
      const alt = /^!\[([^\]]*)\]/.exec(src.slice(p.start, p.end));
      if (alt && WORDLIKE.test(alt[1]!)) return true;
    }
    if (p.kind !== 'text') continue;
    // Entities (`&nbsp;`) do not count as letters.
    visible += src.slice(p.start, p.end).replace(/&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g, ' ');
  }
  // An HTML anchor with a space inside (`<a name="x"> </a>`) is a unit of its own, as published files show.
  if (visible.trim() === '' && /^<a\s[^>]*>\s+<\/a>$/i.test(src.slice(range.start, range.end))) return true;
  // A URL alone (the text of an HTML link to itself) is not text to translate, nor a `[!…]` token.
  if (/^\s*(?:https?|ftp):\/\/\S+\s*$/i.test(visible) || /^\s*\[![^\]]*\]\s*$/.test(visible)) return false;
  // A lone `@name` (a property or parameter reference) is left as is; as a link's text or a heading it is translated.
  if (!linked && /^\s*@[\w.-]+\s*$/.test(visible)) return false;
  // Letters, digits and symbols beyond ASCII punctuation (box-drawing characters, arrows) count.
  if (WORDLIKE.test(visible)) return true;
  // Punctuation only: a sentence mark, quote or bracket counts (`.`, `?`, `"`, `[ ]`, `` `array[0]`. ``),
  // as do two or more different marks (`* - *`); a lone `*` or `-`, and `@`, `<`, `>` alone (`\>\>`) do not.
  const marks = visible.replace(/\\(?=[!-/:-@[-`{-~])/g, '').replace(/\s+/g, '');
  if (/[.,:;!?'"()[\]{}]/.test(marks)) return true;
  // Two or more different marks, not only `<`, `>`, `@` (`* - *`, not ``` `` ``` or `\>\>`).
  return new Set(marks.replace(/[<>@]/g, '')).size > 1;
}

export class BlockExtractor {
  private readonly blocks: Block[] = [];

  /** The last `[!` search: from where, and what it found (blocks come in order: each search resumes). */
  private bang = { from: Infinity, at: -1 };

  constructor(
    private readonly src: string,
    private readonly options: BlockOptions,
  ) {}

  /** Where the next `[!` is at or after `from` (-1: none); searching the rest of the text for each block was quadratic. */
  private nextToken(from: number): number {
    const last = this.bang;
    if (last.from <= from && (last.at < 0 || last.at >= from)) return last.at;
    this.bang = { from, at: this.src.indexOf('[!', from) };
    return this.bang.at;
  }

  extract(root: Root): Block[] {
    for (const child of root.children) this.visit(child, 'paragraph');
    return this.blocks;
  }

  private visit(node: RootContent, ctx: Context): void {
    switch (node.type) {
      case 'heading':
        this.heading(node);
        return;
      case 'paragraph':
        this.paragraph(node, ctx);
        return;
      case 'list':
        for (const item of node.children) this.visit(item, 'listItem');
        return;
      case 'listItem':
        for (const child of node.children) this.visit(child, 'listItem');
        return;
      case 'blockquote':
        for (const child of node.children) this.visit(child, 'quote');
        return;
      case 'table':
        for (const row of node.children) for (const cell of row.children) this.cell(cell);
        return;
      case 'footnoteDefinition':
        for (const child of node.children) this.visit(child, ctx);
        return;
      case 'html':
        this.html(node);
        return;
      case 'definition':
        this.definition(node);
        return;
      case 'code':
      case 'thematicBreak':
        return;
      default:
        throw new UnknownNodeError(node.type, offsetOf(node));
    }
  }

  private push(kind: BlockKind, start: number, end: number, pieces: Piece[], extra: Partial<Block> = {}): Block {
    const segments = this.options.segmenter.split(this.src, pieces, start, end);
    const sentences = segments.filter((r) => isTranslatable(this.src, pieces, r, kind === 'heading'));
    const block: Block = { kind, start, end, pieces, sentences, ...extra };
    // Left out after a sentence that ends with its own mark (`rule.` then a line of code), not inside
    // emphasis (`**name?**` then `` `value` `` reads as one segment).
    let left = 0;
    if (segments.length > sentences.length) {
      const kept = new Set(sentences);
      for (let i = 1; i < segments.length; i++) {
        if (!kept.has(segments[i]!) && /[.!?]$/.test(this.src.slice(segments[i - 1]!.start, segments[i - 1]!.end).trimEnd())) left++;
      }
    }
    if (left > 0) block.untranslated = left;
    this.blocks.push(block);
    return block;
  }

  /**
   * Pushes inline content as one unit per stretch between unit breaks (block-level HTML tags,
   * comments, include tokens): a table cell `A<br>B` is two units, each numbered on its own.
   */
  private pushUnits(kind: BlockKind, start: number, end: number, pieces: Piece[], extra: Partial<Block> = {}): void {
    const withTokens = this.tokensAsBreaks(start, end, pieces);
    if (!withTokens.some((p) => p.kind === 'break' && p.unit)) {
      this.push(kind, start, end, withTokens, extra);
      return;
    }
    let from = start;
    // The units are consecutive and the pieces in source order: one pass over the pieces for all of
    // them (slicePieces for each was quadratic in a paragraph of many hard breaks).
    let lo = 0;
    const flush = (to: number) => {
      if (to <= from) return;
      while (lo < withTokens.length && withTokens[lo]!.end <= from) lo++;
      const unit: Piece[] = [];
      for (let i = lo; i < withTokens.length && withTokens[i]!.start < to; i++) {
        const p = withTokens[i]!;
        if (p.end > from) unit.push(clipPiece(p, from, to));
      }
      this.push(kind, from, to, unit, extra);
    };
    for (const p of withTokens) {
      if (p.kind !== 'break' || !p.unit) continue;
      flush(p.start);
      from = p.end;
    }
    flush(end);
  }

  /**
   * The pieces with each include/code/video token in [start, end) as one opaque atom: never text
   * to translate, and written outside the pair when it stands at a sentence's edge in both the
   * English and the translation (render/spans.ts `peelTokens`).
   */
  private tokensAsBreaks(start: number, end: number, pieces: Piece[]): Piece[] {
    const at = this.nextToken(start);
    if (at < 0 || at >= end) return pieces;
    const text = this.src.slice(start, end);
    const tokens: Range[] = [];
    for (const m of text.matchAll(INLINE_TOKEN)) tokens.push({ start: start + m.index!, end: start + m.index! + m[0].length });
    if (tokens.length === 0) return pieces;
    // The pieces minus the tokens (both are in source order), then the tokens as unit breaks.
    const out: Piece[] = [];
    let t = 0;
    for (const p of pieces) {
      while (t < tokens.length && tokens[t]!.end <= p.start) t++;
      let from = p.start;
      for (let u = t; u < tokens.length && tokens[u]!.start < p.end; u++) {
        if (tokens[u]!.start > from) out.push({ ...p, start: from, end: tokens[u]!.start });
        from = Math.max(from, tokens[u]!.end);
      }
      if (from < p.end) out.push({ ...p, start: from, end: p.end });
    }
    for (const tok of tokens) out.push({ kind: 'atom', start: tok.start, end: tok.end, depth: 0 });
    return out.sort((a, b) => a.start - b.start);
  }

  private heading(node: Heading): void {
    if (node.children.length === 0) return;
    const start = offsetOf(node.children[0]!);
    const end = endOffsetOf(node.children[node.children.length - 1]!);
    const pieces = flattenInline(this.src, node.children);
    const hasAnchor = node.children.some((c) => c.type === 'html' && /^<a\s+name\s*=/i.test(c.value));
    const count = this.blocks.length;
    this.pushUnits('heading', start, end, pieces, { depth: node.depth });
    // The anchor goes before the heading's first unit with text.
    const block = this.blocks.slice(count).find((b) => b.sentences.length > 0);
    if (block && !hasAnchor) {
      block.anchor = headingSlug(this.src, node.children);
      if (block.start !== start) block.anchorAt = start;
    }
  }

  private html(node: Html): void {
    for (const unit of htmlUnits(this.src, offsetOf(node), endOffsetOf(node))) {
      this.push('html', unit.range.start, unit.range.end, unit.pieces);
    }
  }

  private cell(node: TableCell): void {
    if (node.children.length === 0) return;
    const start = offsetOf(node.children[0]!);
    const end = endOffsetOf(node.children[node.children.length - 1]!);
    if (this.images(node.children, 'cell')) return;
    this.pushUnits('cell', start, end, flattenInline(this.src, node.children));
  }

  private paragraph(node: Paragraph, ctx: Context): void {
    const kids = node.children;
    if (kids.length === 0) return;
    if (this.images(kids, ctx)) return;
    const pieces = flattenInline(this.src, kids);
    const start = offsetOf(kids[0]!);
    const end = endOffsetOf(kids[kids.length - 1]!);
    for (const r of this.untouchedLinesRemoved(start, end)) {
      if (r.directive) this.directiveAlt(r.start, r.directive);
      else this.pushUnits(ctx, r.start, r.end, slicePieces(pieces, r.start, r.end));
    }
  }

  /**
   * Content that is only images (and spaces between them): each image's alt text is translated in
   * place, without a span. An image with a title, or one inside a link, is not: it is a sentence
   * of its own, written whole inside a span (as is an image next to text).
   */
  private images(kids: readonly PhrasingContent[], kind: BlockKind = 'paragraph'): boolean {
    const real = kids.filter((k) => !(k.type === 'text' && k.value.trim() === ''));
    if (real.length === 0) return false;
    if (real.every((k) => k.type === 'image' && !k.title)) {
      for (const image of real) this.imageAlt(image);
      return true;
    }
    // Several images, some titled or linked (`[![alt](src)](href)`): each one is a unit of its own.
    const linked = (k: PhrasingContent) => (k.type === 'link' || k.type === 'linkReference') && k.children.length === 1 && k.children[0]!.type === 'image';
    if (real.length < 2 || !real.every((k) => k.type === 'image' || linked(k))) return false;
    for (const k of real) this.push(kind, offsetOf(k), endOffsetOf(k), flattenInline(this.src, [k]));
    return true;
  }

  /** A link reference definition (`[label]: url`): its label is translated in place, as published files show. */
  private definition(node: Definition): void {
    const s = offsetOf(node);
    const e = endOffsetOf(node);
    const m = /^\[((?:[^\]\\\n]|\\.)+)\]:/.exec(this.src.slice(s, e));
    if (!m) return;
    const start = s + 1;
    const end = start + m[1]!.length;
    const pieces: Piece[] = [{ kind: 'text', start, end, depth: 0 }];
    this.push('label', start, end, pieces, { altBefore: '[', altAfter: this.src.slice(end, e) });
  }

  /** A `:::image` line: its alt-text attribute is translated in place. */
  private directiveAlt(lineStart: number, m: RegExpExecArray): void {
    const start = lineStart + m[1]!.length;
    const end = start + m[2]!.length;
    if (end <= start) return;
    const pieces: Piece[] = [{ kind: 'text', start, end, depth: 0, verbatim: true }];
    this.push('imageAlt', start, end, pieces, { altBefore: 'alt-text="', altAfter: m[3]! });
  }

  /**
   * The parts of a paragraph that are not untouched marker/directive lines, in order, with the
   * `:::image` lines among them (whose alt text is translated in place).
   */
  private untouchedLinesRemoved(start: number, end: number): Array<Range & { directive?: RegExpExecArray }> {
    const text = this.src.slice(start, end);
    if (!text.includes('[!') && !text.includes(':::')) return [{ start, end }];
    const out: Array<Range & { directive?: RegExpExecArray }> = [];
    let runStart = -1;
    let runEnd = -1;
    let lineStart = start;
    while (lineStart <= end) {
      let nl = this.src.indexOf('\n', lineStart);
      if (nl < 0 || nl > end) nl = end;
      // Content of the line without the container prefix.
      let cs = lineStart;
      while (cs < nl && (this.src[cs] === ' ' || this.src[cs] === '>')) cs++;
      if (lineStart === start) cs = start;
      const line = this.src.slice(cs, nl);
      if (UNTOUCHED_LINE.test(line)) {
        if (runStart >= 0) out.push({ start: runStart, end: runEnd });
        runStart = -1;
        // A `:::image` directive's alt text is translated in place; the rest of the line is untouched.
        const directive = IMAGE_DIRECTIVE.exec(line);
        if (directive) out.push({ start: cs, end: nl, directive });
      } else {
        const marker = LEADING_MARKER.exec(line);
        if (runStart < 0) runStart = marker ? cs + marker[0].length : cs;
        runEnd = nl;
      }
      if (nl >= end) break;
      lineStart = nl + 1;
    }
    if (runStart >= 0) out.push({ start: runStart, end: runEnd });
    return out;
  }

  /** A block image: the alt text is translated in place, without a span. */
  private imageAlt(image: PhrasingContent): void {
    const s = offsetOf(image);
    const e = endOffsetOf(image);
    // `![` … matching `]`
    let depth = 0;
    let close = -1;
    for (let i = s + 1; i < e; i++) {
      const c = this.src[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '[') depth++;
      else if (c === ']') {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      }
    }
    if (close < 0) return;
    const start = s + 2;
    if (close <= start) return;
    const pieces: Piece[] = [{ kind: 'text', start, end: close, depth: 0 }];
    this.push('imageAlt', start, close, pieces, { altBefore: '![', altAfter: this.src.slice(close, e) });
  }
}

export function extractBlocks(src: string, root: Root, options: BlockOptions): Block[] {
  return new BlockExtractor(src, options).extract(root);
}
