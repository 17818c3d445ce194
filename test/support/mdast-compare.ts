/** Two Markdown front ends' trees, compared on what later steps read (fast-parse tests). */
import type { Nodes } from 'mdast';

/** Nodes whose offsets later steps read; container blocks are compared by type and children only. */
const EXACT = new Set(['text', 'inlineCode', 'break', 'html', 'image', 'imageReference', 'link', 'linkReference', 'emphasis', 'strong', 'delete', 'code', 'definition']);

/** A tree as lines: type, offsets where they matter, and every other field (as the round-trip tests compare). */
export function comparable(node: Nodes, out: string[] = [], depth = 0): string[] {
  let line = `${' '.repeat(depth)}${node.type}`;
  const p = node.position;
  if (EXACT.has(node.type)) line += ` ${p?.start.offset}-${p?.end.offset}`;
  for (const [k, v] of Object.entries(node).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (k === 'type' || k === 'position' || k === 'children') continue;
    line += ` ${k}=${JSON.stringify(v ?? null)}`;
  }
  out.push(line);
  if ('children' in node) for (const c of node.children as Nodes[]) comparable(c, out, depth + 1);
  return out;
}
