/**
 * The raw HTML of a page turned into elements without re-parsing the page, when every piece of it is
 * a plain tag of a phrasing element: what a bilingual page is made of (`<span data-ttu-id="…">`,
 * `<span class="sxs-lookup">`, `<a name="…"></a>`, `<br>`). rehype-raw serializes the whole tree
 * and parses it again with parse5 (the HTML parser of the spec) for any raw node at all; that was a
 * fifth of building an HTML page.
 *
 * The rule is narrow on purpose, so that the result is the tree parse5 builds: each raw node is one
 * start tag (lower-case name of the list below, attributes quoted or bare, no character reference, no
 * repeated attribute), one end tag or one comment; within each parent the tags nest properly; between a start tag
 * and its end only text and phrasing elements; no `a` inside an `a`; no tag in a table's rows. For
 * these, the HTML parser's "in body" rules insert an element and close it, nothing more. Anything
 * else (a `<div>`, an unclosed comment, a stray `</span>`, an entity in an attribute) leaves the tree to
 * rehype-raw, unchanged. Adjacent texts are joined, as the parser joins them.
 * test/html.test.ts compares both on every page of the fixtures.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';

/** Phrasing elements the parser inserts with no other effect ("any other start tag" or a formatting element). */
const PHRASING_TAGS: ReadonlySet<string> = new Set([
  'span',
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);
const VOID_TAGS: ReadonlySet<string> = new Set(['br', 'img', 'wbr']);
/** Elements remark-rehype makes inside a paragraph (what may stand between a start tag and its end). */
const PHRASING_ELEMENTS: ReadonlySet<string> = new Set([...PHRASING_TAGS, ...VOID_TAGS, 'input']);
/** Parents whose raw tags the parser would move (foster parenting) or treat apart. */
const NOT_IN: ReadonlySet<string> = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'select', 'template', 'pre', 'svg', 'math', 'textarea', 'script', 'style']);

const START = /^<([a-z][a-z0-9]*)((?:[\t\n\f ]+[a-z][a-z0-9_.:-]*(?:[\t\n\f ]*=[\t\n\f ]*(?:"[^"&\r\0]*"|'[^'&\r\0]*'))?)*)[\t\n\f ]*(\/?)>$/;
/** One whole comment (none of the forms the parser ends early or reads otherwise: `<!-->`, `--!>`, a `-` before the end, NUL, CR). */
const COMMENT = /^<!--(?!-?>)((?:(?!--!?>)[^\0\r])*?)(?<!-)-->$/;
const END = /^<\/([a-z][a-z0-9]*)[\t\n\f ]*>$/;
const ATTRIBUTE = /([a-z][a-z0-9_.:-]*)(?:[\t\n\f ]*=[\t\n\f ]*(?:"([^"]*)"|'([^']*)'))?/g;

type Tag = { kind: 'start'; name: string; attributes: Record<string, string>; void: boolean } | { kind: 'end'; name: string };

function tagOf(raw: string): Tag | undefined {
  const start = START.exec(raw);
  if (start) {
    const name = start[1]!;
    const isVoid = VOID_TAGS.has(name);
    // `<span/>` opens a span in HTML: not a plain tag.
    if ((!isVoid && !PHRASING_TAGS.has(name)) || (start[3] === '/' && !isVoid)) return undefined;
    const attributes: Record<string, string> = {};
    const seen = new Set<string>();
    for (const m of start[2]!.matchAll(ATTRIBUTE)) {
      const key = m[1]!;
      if (seen.has(key)) return undefined;
      seen.add(key);
      // Dropped as hast-util-from-parse5 drops them: a name Object.prototype has (`constructor`, `__proto__`…).
      if (!Object.hasOwn(Object.prototype, key)) attributes[key] = m[2] ?? m[3] ?? '';
    }
    return { kind: 'start', name, attributes, void: isVoid };
  }
  const end = END.exec(raw);
  if (end && PHRASING_TAGS.has(end[1]!)) return { kind: 'end', name: end[1]! };
  return undefined;
}

const hasA = (nodes: readonly ElementContent[]): boolean => nodes.some((n) => n.type === 'element' && (n.tagName === 'a' || hasA(n.children)));

type Parent = Root | Element;
type Child = RootContent | ElementContent;

/**
 * The children of `parent` with its raw tags made elements, or undefined when one of them is not a
 * plain tag. `inA`: an ancestor is an `a`.
 */
function rebuilt(parent: Parent, inA: boolean): Child[] | undefined {
  const { children } = parent;
  if (!children.some((c) => c.type === 'raw')) return children;
  if (parent.type === 'element' && NOT_IN.has(parent.tagName)) return undefined;
  const stack: { name: string; attributes: Record<string, string>; children: Child[] }[] = [];
  const top: Child[] = [];
  const into = () => (stack.length > 0 ? stack[stack.length - 1]!.children : top);
  for (const child of children) {
    if (child.type !== 'raw') {
      // Between a start tag and its end: phrasing only.
      if (stack.length > 0 && child.type === 'element' && !PHRASING_ELEMENTS.has(child.tagName)) return undefined;
      if (stack.length > 0 && child.type !== 'element' && child.type !== 'text') return undefined;
      into().push(child);
      continue;
    }
    const comment = COMMENT.exec(child.value);
    if (comment) {
      into().push({ type: 'comment', value: comment[1]! });
      continue;
    }
    const tag = tagOf(child.value);
    if (!tag) return undefined;
    if (tag.kind === 'start') {
      if (tag.void) {
        into().push(h(tag.name, tag.attributes));
        continue;
      }
      if (tag.name === 'a' && (inA || stack.some((s) => s.name === 'a'))) return undefined;
      stack.push({ name: tag.name, attributes: tag.attributes, children: [] });
      continue;
    }
    const open = stack.pop();
    if (!open || open.name !== tag.name) return undefined;
    const content = open.children as ElementContent[];
    if (open.name === 'a' && hasA(content)) return undefined;
    into().push(h(open.name, open.attributes, content));
  }
  return stack.length === 0 ? top : undefined;
}

/**
 * A `data-*` property remark-rehype sets to `true` (the footnotes' `data-footnote-ref`) is the
 * empty string after the HTML parser (an attribute without a value): `data-footnote-ref=""`.
 */
function withDataValues(e: Element): Element {
  let props: Element['properties'] | undefined;
  for (const [key, value] of Object.entries(e.properties)) {
    if (value === true && /^data[A-Z0-9]/.test(key)) (props ??= { ...e.properties })[key] = '';
  }
  return props ? { ...e, properties: props } : e;
}

/** Joins adjacent texts (the parser makes one text of consecutive characters). */
function joinTexts(nodes: Child[]): Child[] {
  if (!nodes.some((n, i) => n.type === 'text' && nodes[i - 1]?.type === 'text')) return nodes;
  const out: Child[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + n.value };
    else out.push(n);
  }
  return out;
}

/**
 * The tree with its raw tags made elements (a new tree; `tree` is not changed), or undefined when
 * rehype-raw must parse it.
 */
export function withRawTags(tree: Root): Root | undefined {
  // Undefined as soon as one raw node is not a plain tag, all the way up.
  const walk = <P extends Parent>(parent: P, inA: boolean): P | undefined => {
    const children = rebuilt(parent, inA);
    if (children === undefined) return undefined;
    const out: Child[] = [];
    for (const c of children) {
      if (c.type === 'element') {
        const e = walk(c, inA || c.tagName === 'a');
        if (e === undefined) return undefined;
        out.push(withDataValues(e));
      } else if (c.type === 'raw' || c.type === 'doctype') {
        return undefined;
      } else out.push(c);
    }
    return { ...parent, children: joinTexts(out) } as P;
  };
  return walk(tree, false);
}
