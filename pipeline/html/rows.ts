/**
 * `:::row:::` … `:::row-end:::` holding `:::column:::` (or `:::column span="2":::`) …
 * `:::column-end:::` blocks (DocFX, Microsoft Learn) → a grid of columns on the HTML page, which
 * stack on a narrow screen (assets/sxs.css).
 *
 * Authors indent the columns and their content (Learn's pages: 4 and 8 spaces, no blank lines), which
 * CommonMark reads as one paragraph holding the markers, or as code after a blank line. So, before a
 * page is parsed, each well-formed row is written again (`rowsAsBlocks`): its markers on lines of
 * their own between blank lines, its columns' content out-dented. The content keeps its bytes
 * otherwise, so the span pairs of a bilingual page are there as in any paragraph. In the HTML tree
 * the markers are then paragraphs of their own, and `groupRows` turns them into the grid's elements
 * (as alerts are made in html/markdown-html.ts). A row that is not well formed (text outside its
 * columns, a column not closed, a missing end) is left as written: its markers show as text.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fenceTracker } from '../markdown/fences.js';

const ROW = /^ {0,3}:::row:::[ \t]*$/i;
const ROW_END = /^[ \t]*:::row-end:::[ \t]*$/i;
const COLUMN = /^[ \t]*:::column(?:[ \t]+span="([^"]*)")?[ \t]*:::[ \t]*$/i;
const COLUMN_END = /^[ \t]*:::column-end:::[ \t]*$/i;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const TOP_FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Columns a column may span (`span="2"`); other values are one. */
export const MAX_SPAN = 6;

interface Column {
  span: number;
  lines: string[];
}

/** Leading whitespace as columns (a tab to the next multiple of 4). */
function indentOf(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

/** `line` without its first `n` columns of indentation. */
function outdent(line: string, n: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < n && (line[i] === ' ' || line[i] === '\t')) {
    col += line[i] === '\t' ? 4 - (col % 4) : 1;
    i++;
  }
  // A tab cut in the middle leaves its remaining columns as spaces.
  return ' '.repeat(Math.max(0, col - n)) + line.slice(i);
}

const toSpan = (value: string | undefined): number => {
  const n = /^\s*[1-9]\s*$/.test(value ?? '') ? Number(value) : 1;
  return Math.min(n, MAX_SPAN);
};

/** The row opening at `lines[start]`, or undefined when it is not well formed. */
function readRow(lines: readonly string[], start: number): { columns: Column[]; end: number } | undefined {
  const columns: Column[] = [];
  let column: Column | undefined;
  const fenced = fenceTracker(FENCE);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (column) {
      if (fenced(line)) column.lines.push(line);
      else if (COLUMN_END.test(line)) {
        columns.push(column);
        column = undefined;
      } else if (ROW.test(line.trimStart()) || ROW_END.test(line) || COLUMN.test(line)) return undefined;
      else column.lines.push(line);
      continue;
    }
    const c = COLUMN.exec(line);
    if (c) column = { span: toSpan(c[1]), lines: [] };
    else if (ROW_END.test(line)) return columns.length > 0 ? { columns, end: i } : undefined;
    else if (line.trim() !== '') return undefined;
  }
  return undefined;
}

/** `markdown` with each well-formed row written as blocks: markers alone between blank lines, content out-dented. */
export function rowsAsBlocks(markdown: string): string {
  if (!/:::row:::/i.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  const out: string[] = [];
  const fenced = fenceTracker(TOP_FENCE);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const row = !fenced(line) && ROW.test(line) ? readRow(lines, i) : undefined;
    if (!row) {
      out.push(line);
      continue;
    }
    out.push('', ':::row:::', '');
    for (const column of row.columns) {
      const content = column.lines.filter((l) => l.trim() !== '');
      const indent = content.length === 0 ? 0 : Math.min(...content.map(indentOf));
      out.push(column.span > 1 ? `:::column span="${column.span}":::` : ':::column:::', '', ...column.lines.map((l) => (l.trim() === '' ? '' : outdent(l, indent))), '', ':::column-end:::', '');
    }
    out.push(':::row-end:::', '');
    i = row.end;
  }
  return out.join('\n');
}

type Marker = { kind: 'row' | 'row-end' | 'column-end' } | { kind: 'column'; span: number };

/** The marker a paragraph is, when it holds nothing but one (as `rowsAsBlocks` writes them). */
function markerOf(node: RootContent | ElementContent): Marker | undefined {
  if (node.type !== 'element' || node.tagName !== 'p' || node.children.length !== 1) return undefined;
  const text = node.children[0]!;
  if (text.type !== 'text') return undefined;
  const m = /^:::(row|row-end|column-end|column)(?: span="([1-9])")?:::$/.exec(text.value);
  if (!m) return undefined;
  if (m[1] === 'column') return { kind: 'column', span: toSpan(m[2]) };
  if (m[2] !== undefined) return undefined;
  return { kind: m[1] as 'row' | 'row-end' | 'column-end' };
}

const isBlank = (node: RootContent | ElementContent) => node.type === 'text' && node.value.trim() === '';

/** The row starting at `children[start]` as a grid element, and the index of its end marker; undefined when not well formed. */
function rowAt(children: readonly RootContent[], start: number): { row: Element; end: number } | undefined {
  const row: Element = { type: 'element', tagName: 'div', properties: { className: ['row'] }, children: [{ type: 'text', value: '\n' }] };
  let column: Element | undefined;
  for (let i = start + 1; i < children.length; i++) {
    const node = children[i]!;
    const marker = markerOf(node);
    if (column) {
      if (marker?.kind === 'column-end') {
        row.children.push(column, { type: 'text', value: '\n' });
        column = undefined;
      } else if (marker) return undefined;
      else column.children.push(node as ElementContent);
      continue;
    }
    if (marker?.kind === 'column') {
      const className = marker.span > 1 ? ['column', `span-${marker.span}`] : ['column'];
      column = { type: 'element', tagName: 'div', properties: { className }, children: [] };
    } else if (marker?.kind === 'row-end') return row.children.length > 1 ? { row, end: i } : undefined;
    else if (marker || !isBlank(node)) return undefined;
  }
  return undefined;
}

/** Each row of the page's top level (its markers are paragraphs of their own) → `<div class="row">` of `<div class="column">`. */
export function groupRows(tree: Root): void {
  if (!tree.children.some((c) => markerOf(c)?.kind === 'row')) return;
  const out: RootContent[] = [];
  for (let i = 0; i < tree.children.length; i++) {
    const child = tree.children[i]!;
    const found = markerOf(child)?.kind === 'row' ? rowAt(tree.children, i) : undefined;
    if (!found) {
      out.push(child);
      continue;
    }
    out.push(found.row);
    i = found.end;
  }
  tree.children = out;
}
