/**
 * Inline Markdown → a flat list of pieces over the source text. Each piece is a range of source
 * offsets with a kind:
 *   text   visible characters (escapes and entities as written)
 *   mark   syntax that is not content: `**`, `_`, `[`, `](url "title")`
 *   code   an inline code span (visible, but never split and never counted as words)
 *   html   inline HTML (invisible)
 *   atom   an image, an autolink, a footnote reference: one opaque thing
 *   break  a hard line break: always a sentence boundary; with `unit` set, a boundary between
 *          units too, and never part of one: a hard line break outside emphasis and links, a
 *          block-level HTML tag (`<br>`, `<ul>`, `<li>`, `<p>` … in a table cell or a paragraph) or
 *          an HTML comment
 * `depth` counts the enclosing emphasis/strong/delete/link-text nodes: sentences never split inside.
 * Segmentation, translatability and the unit text all work on these pieces.
 */
import type { PhrasingContent } from 'mdast';

export type PieceKind = 'text' | 'mark' | 'code' | 'html' | 'atom' | 'break';

export interface Piece {
  kind: PieceKind;
  start: number;
  end: number;
  depth: number;
  /** For the marks of emphasis, strong, strikethrough and links: which node, and which side. */
  node?: 'emphasis' | 'strong' | 'delete' | 'link' | 'linkReference';
  side?: 'open' | 'close';
  /** Text that is not Markdown (inside an HTML block): written exactly as it is, no escaping. */
  verbatim?: boolean;
  /** A break that also ends the unit (see above). */
  unit?: boolean;
}

export class UnknownNodeError extends Error {
  constructor(
    readonly nodeType: string,
    readonly offset: number,
  ) {
    super(`unknown inline node type "${nodeType}"`);
  }
}

/** Inline HTML that ends a unit: block-level tags, open or close, and comments. */
const UNIT_BREAK = /^(?:<\/?(?:br|p|ul|ol|li|div|table|thead|tbody|tr|td|th|dl|dt|dd|blockquote|pre|h[1-6]|hr)(?:\s[^>]*)?\/?>|<!--[\s\S]*-->)$/i;

function startOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position!.start.offset!;
}
function endOf(node: { position?: { end: { offset?: number } } }): number {
  return node.position!.end.offset!;
}

/** True when a link node is an autolink (`<https://…>` or a bare URL), not `[text](url)`. */
function isAutolink(src: string, node: PhrasingContent & { children: PhrasingContent[] }): boolean {
  const s = startOf(node);
  if (src.charCodeAt(s) === 60 /* < */) return true;
  if (src.charCodeAt(s) === 91 /* [ */) return false;
  return true;
}

function pushContainer(src: string, node: PhrasingContent & { children: PhrasingContent[] }, depth: number, out: Piece[]): void {
  const s = startOf(node);
  const e = endOf(node);
  const kids = node.children;
  if (kids.length === 0) {
    out.push({ kind: 'atom', start: s, end: e, depth });
    return;
  }
  const first = startOf(kids[0]!);
  const last = endOf(kids[kids.length - 1]!);
  const type = node.type as NonNullable<Piece['node']>;
  if (first > s) out.push({ kind: 'mark', start: s, end: first, depth, node: type, side: 'open' });
  flattenInto(src, kids, depth + 1, out);
  if (e > last) out.push({ kind: 'mark', start: last, end: e, depth, node: type, side: 'close' });
}

function flattenInto(src: string, nodes: readonly PhrasingContent[], depth: number, out: Piece[]): void {
  for (const node of nodes) {
    const s = startOf(node);
    const e = endOf(node);
    switch (node.type) {
      case 'text':
        out.push({ kind: 'text', start: s, end: e, depth });
        break;
      case 'inlineCode':
        out.push({ kind: 'code', start: s, end: e, depth });
        break;
      case 'break':
        // A hard line break ends the unit too: each line is numbered as a unit of its own.
        out.push({ kind: 'break', start: s, end: e, depth, unit: depth === 0 });
        break;
      case 'html':
        if (UNIT_BREAK.test(node.value.trim())) out.push({ kind: 'break', start: s, end: e, depth, unit: true });
        else out.push({ kind: 'html', start: s, end: e, depth });
        break;
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        out.push({ kind: 'atom', start: s, end: e, depth });
        break;
      case 'link':
        if (isAutolink(src, node)) out.push({ kind: 'atom', start: s, end: e, depth });
        else pushContainer(src, node, depth, out);
        break;
      case 'linkReference':
      case 'emphasis':
      case 'strong':
      case 'delete':
        pushContainer(src, node, depth, out);
        break;
      default:
        throw new UnknownNodeError((node as { type: string }).type, s);
    }
  }
}

/** Flattens phrasing content into pieces, in source order. */
export function flattenInline(src: string, nodes: readonly PhrasingContent[]): Piece[] {
  const out: Piece[] = [];
  flattenInto(src, nodes, 0, out);
  return out;
}

/** The pieces that fall inside [start, end), clipped to it. */
export function slicePieces(pieces: readonly Piece[], start: number, end: number): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.end <= start || p.start >= end) continue;
    out.push(clipPiece(p, start, end));
  }
  return out;
}

/** A piece that overlaps [start, end), cut to it (itself when it lies inside). */
export function clipPiece(p: Piece, start: number, end: number): Piece {
  return p.start >= start && p.end <= end ? p : { ...p, start: Math.max(p.start, start), end: Math.min(p.end, end) };
}
