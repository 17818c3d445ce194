/**
 * mdast → translatable blocks (spec §3). One handler per block node type; an unknown node type is
 * an error, never silently skipped.
 *
 * A block is a range of the (normalized) source whose sentences are replaced by span pairs; what is
 * not inside a sentence range is copied from the English unchanged. Untouched content: code, HTML
 * without text, thematic breaks, definitions, include/alert/directive lines, code-only sentences.
 */
import type { Heading, Html, Paragraph, PhrasingContent, Root, RootContent, TableCell } from 'mdast';
import { htmlUnits } from './html-units.js';
import { flattenInline, slicePieces, UnknownNodeError, type Piece } from './inline.js';
import type { Range, Segmenter } from './segment.js';
import { headingSlug } from './slug.js';

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'quote' | 'cell' | 'imageAlt' | 'html';

export interface Block {
  kind: BlockKind;
  /** Content range in the source. */
  start: number;
  end: number;
  pieces: Piece[];
  /** Translatable sentences, in order. */
  sentences: Range[];
  /** Heading slug: an `<a name>` anchor goes right before `start`. */
  anchor?: string;
  /** Heading depth, for context notes. */
  depth?: number;
  /** Block image: the `](src "title")` that follows the alt text. */
  imageTail?: string;
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
/** Anything but whitespace and ASCII punctuation. */
const WORDLIKE = /[^\s!-/:-@[-`{-~]/u;

/** Whether the sentence has content worth translating (spec §3 working rule). */
export function isTranslatable(src: string, pieces: readonly Piece[], range: Range): boolean {
  let visible = '';
  for (const p of slicePieces(pieces, range.start, range.end)) {
    if (p.kind !== 'text') continue;
    // Entities (`&nbsp;`) do not count as letters.
    visible += src.slice(p.start, p.end).replace(/&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g, ' ');
  }
  // A lone `@name` (a property or parameter reference) is left as is.
  if (/^\s*@[\w.-]+\s*$/.test(visible)) return false;
  // Letters, digits and symbols beyond ASCII punctuation (box-drawing characters, arrows) count.
  if (WORDLIKE.test(visible)) return true;
  // Punctuation-only text counts when there is more than one mark of it (`* - *`), not a lone `*`/`-`.
  const marks = visible.replace(/\\(?=[!-/:-@[-`{-~])/g, '').replace(/\s+/g, '');
  return marks.length > 1;
}

export class BlockExtractor {
  private readonly blocks: Block[] = [];

  constructor(
    private readonly src: string,
    private readonly options: BlockOptions,
  ) {}

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
      case 'code':
      case 'thematicBreak':
      case 'definition':
        return;
      default:
        throw new UnknownNodeError(node.type, offsetOf(node));
    }
  }

  private push(kind: BlockKind, start: number, end: number, pieces: Piece[], extra: Partial<Block> = {}): Block {
    const sentences = this.options.segmenter
      .split(this.src, pieces, start, end)
      .filter((r) => isTranslatable(this.src, pieces, r));
    const block: Block = { kind, start, end, pieces, sentences, ...extra };
    this.blocks.push(block);
    return block;
  }

  private heading(node: Heading): void {
    if (node.children.length === 0) return;
    const start = offsetOf(node.children[0]!);
    const end = endOffsetOf(node.children[node.children.length - 1]!);
    const pieces = flattenInline(this.src, node.children);
    const hasAnchor = node.children.some((c) => c.type === 'html' && /^<a\s+name\s*=/i.test(c.value));
    const block = this.push('heading', start, end, pieces, { depth: node.depth });
    if (block.sentences.length > 0 && !hasAnchor) block.anchor = headingSlug(this.src, node.children);
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
    this.push('cell', start, end, flattenInline(this.src, node.children));
  }

  private paragraph(node: Paragraph, ctx: Context): void {
    const kids = node.children;
    if (kids.length === 0) return;
    const image = blockImage(kids);
    if (image) {
      this.imageAlt(image);
      return;
    }
    const pieces = flattenInline(this.src, kids);
    const start = offsetOf(kids[0]!);
    const end = endOffsetOf(kids[kids.length - 1]!);
    for (const r of this.untouchedLinesRemoved(start, end)) {
      this.push(ctx, r.start, r.end, slicePieces(pieces, r.start, r.end));
    }
  }

  /** The parts of a paragraph that are not untouched marker/directive lines. */
  private untouchedLinesRemoved(start: number, end: number): Range[] {
    const text = this.src.slice(start, end);
    if (!text.includes('[!') && !text.includes(':::')) return [{ start, end }];
    const out: Range[] = [];
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
    this.push('imageAlt', start, close, pieces, { imageTail: this.src.slice(close, e) });
  }
}

/** The image of a paragraph that holds nothing but one image (possibly wrapped in a link). */
function blockImage(kids: readonly PhrasingContent[]): PhrasingContent | undefined {
  const real = kids.filter((k) => !(k.type === 'text' && k.value.trim() === ''));
  if (real.length !== 1) return undefined;
  const only = real[0]!;
  if (only.type === 'image') return only;
  if ((only.type === 'link' || only.type === 'linkReference') && only.children.length === 1) {
    const inner = only.children[0]!;
    if (inner.type === 'image') return inner;
  }
  return undefined;
}

export function extractBlocks(src: string, root: Root, options: BlockOptions): Block[] {
  return new BlockExtractor(src, options).extract(root);
}

