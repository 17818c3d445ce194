/**
 * Heading anchors (spec §6): the slug of the English heading.
 *   1. the heading's inline content (closing `#`s are not part of it), trimmed;
 *   2. links and images → their text, inline code → its text; raw HTML and entities as typed;
 *   3. lowercase; delete every character not in [a-z0-9 _-] (this drops `*` and escape backslashes);
 *   4. each space → `-` (no collapsing, no trimming, no suffix for duplicates).
 */
import type { PhrasingContent } from 'mdast';
import { nbspAsSpace } from '../text/normalize.js';

function raw(src: string, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
  return src.slice(node.position!.start.offset!, node.position!.end.offset!);
}

function textOf(src: string, nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'link':
      case 'linkReference':
        out += textOf(src, node.children);
        break;
      case 'image':
      case 'imageReference':
        out += node.alt ?? '';
        break;
      case 'inlineCode':
        out += node.value;
        break;
      case 'emphasis':
      case 'strong':
      case 'delete': {
        // Markers as typed (`*` is dropped by the character filter, `_` is kept).
        const whole = raw(src, node);
        const kids = node.children;
        if (kids.length === 0) {
          out += whole;
          break;
        }
        const s = node.position!.start.offset!;
        out += whole.slice(0, kids[0]!.position!.start.offset! - s);
        out += textOf(src, kids);
        out += whole.slice(kids[kids.length - 1]!.position!.end.offset! - s);
        break;
      }
      case 'break':
        out += ' ';
        break;
      default:
        out += raw(src, node);
    }
  }
  return out;
}

/** Slug of a heading from its inline content (mdast children, positions into `src`). */
export function headingSlug(src: string, children: readonly PhrasingContent[]): string {
  return slugify(textOf(src, children));
}

export function slugify(text: string): string {
  return nbspAsSpace(text)
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}
