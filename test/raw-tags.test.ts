/**
 * html/raw-tags.ts against rehype-raw (parse5, the HTML parser of the spec): the same page HTML and
 * search text on every page of the fixtures and on generated tag soup, and the fast path taken on
 * the pages that are made of plain tags.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { hastOf, markdownToHtml } from '../pipeline/html/markdown-html.js';
import { withRawTags } from '../pipeline/html/raw-tags.js';
import { splitFrontMatter } from '../pipeline/markdown/front-matter.js';
import { parseMarkdown } from '../pipeline/markdown/parse.js';
import { MSDOCS, walk } from './support/fixtures.js';

const toHast = unified().use(remarkRehype, { allowDangerousHtml: true });
const fastPath = (markdown: string) => withRawTags(toHast.runSync(parseMarkdown(markdown) as MdastRoot) as HastRoot) !== undefined;

/**
 * The one difference, deliberate: parse5 as rehype-raw drives it drops a line feed that starts a
 * code block (`<pre><code>` then LF: the spec drops an LF right after `<pre>` only), so a fenced
 * block whose first line is blank lost it. The fast path keeps what the author wrote.
 */
const sameModuloPreLf = (fast: string) => fast.replace(/(<pre><code[^>]*>)\n/g, '$1');

function expectSame(markdown: string): void {
  const fast = markdownToHtml(markdown, { sourceLocale: 'en-US', untranslated: new Set(['ab-102']) });
  const html = markdownToHtml(markdown, { sourceLocale: 'en-US', untranslated: new Set(['ab-102']), parser: 'html' });
  if (fast.html !== html.html) expect(sameModuloPreLf(fast.html)).toBe(html.html);
  expect(fast.search).toEqual(html.search);
  expect(fast.heading).toBe(html.heading);
}

const bodyOf = (text: string) => {
  try {
    return splitFrontMatter(text).body;
  } catch {
    return text;
  }
};

describe('raw HTML made elements without re-parsing the page', () => {
  it('the same HTML as rehype-raw on every page of the fixtures (English and bilingual), most without parse5', () => {
    const pages = walk(MSDOCS).filter((f) => f.endsWith('.md'));
    let fast = 0;
    for (const file of pages) {
      const body = bodyOf(readFileSync(file, 'utf8'));
      expectSame(body);
      if (fastPath(body)) fast++;
    }
    expect(pages.length).toBeGreaterThan(50);
    // The bilingual pages are span pairs, anchors and comments: all of them take the fast path.
    expect(fast / pages.length).toBeGreaterThan(0.8);
  });

  it('takes the plain tags of a bilingual page, and leaves anything else to the HTML parser', () => {
    const pair = '<span data-ttu-id="ab-101">Hallo</span><span class="sxs-lookup"><span data-stu-id="ab-101">Hello</span></span>';
    for (const md of [pair, `a[^1] ${pair}\n\n[^1]: A note.`, `# <a name="x"></a>${pair}`, `a<br>b<br/>c <kbd>Ctrl</kbd>`, `<!-- note -->\n\n${pair}`, `- ${pair} **b** [l](u.md)`])
      expect(fastPath(md), md).toBe(true);
    // Attribute names Object.prototype has are dropped, as hast-util-from-parse5 drops them.
    // Footnotes: remark-rehype's \`data-footnote-ref\` (true) is "" after the HTML parser.
    expectSame(`a[^1] ${pair}\n\n[^1]: A note.`);
    const odd = '<span constructor="x" title="t">a</span>';
    expect(fastPath(odd)).toBe(true);
    const bare = (tree: HastRoot) => JSON.stringify(tree, (k, v: unknown) => (k === 'position' || k === 'data' ? undefined : v));
    const mdast = parseMarkdown(odd) as MdastRoot;
    expect(bare(hastOf(mdast, 'fast'))).toBe(bare(hastOf(mdast, 'html')));
    for (const md of [
      '<div>x</div>',
      'a </span> b',
      '<span>a',
      '<span title="a&amp;b">x</span>',
      '<span title=x>y</span>',
      '<span/>x',
      '<SPAN>x</SPAN>',
      '<span id="a" id="b">x</span>',
      '<a href="u"><a name="n"></a></a>',
      '[link <a name="n"></a>](u)',
      '<a href="u">[l](v)</a>',
      '<!-->',
      '<!-- a --!> b -->',
      '<b><i>x</b></i>',
    ])
      expect(fastPath(md), md).toBe(false);
  });

  it('keeps a blank first line of a code block (parse5 as rehype-raw drives it dropped it)', () => {
    const md = '```c\n\nint x;\n```\n';
    expect(markdownToHtml(md, { sourceLocale: 'en-US' }).html).toContain('<pre><code class="language-c">\nint x;\n</code></pre>');
  });

  it('the same HTML as rehype-raw on generated tag soup (fast-check)', () => {
    const piece = fc.constantFrom(
      'text',
      ' ',
      '<span>',
      '</span>',
      '<span class="sxs-lookup">',
      '<span data-ttu-id="ab-102">',
      '<span data-stu-id="ab-101" title=\'t\'>',
      '<a name="n">',
      '<a href="x.md">',
      '</a>',
      '<b>',
      '</b>',
      '<kbd>',
      '</kbd>',
      '<code>',
      '</code>',
      '<br>',
      '<br />',
      '<img src="a.png" alt="">',
      '<!-- c -->',
      '<!--',
      '-->',
      '<div>',
      '</div>',
      '<span/>',
      '<p>',
      '</p>',
      '<td>',
      '**em**',
      '`c`',
      '[l](u.md)',
      '&amp;',
      '\n',
      '\n\n',
      '- ',
      '> ',
      '| a | b |\n| - | - |\n| ',
      '```\n',
      '[^1]',
      '\n\n[^1]: note',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (parts) => expectSame(parts.join(''))),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });

  it('the same HTML as rehype-raw on generated pages of properly nested tags, which take the fast path (fast-check)', () => {
    const open = fc.constantFrom(
      '<span>',
      '<span class="sxs-lookup">',
      '<span data-ttu-id="ab-102">',
      '<span data-stu-id="ab-101" title=\'t\'>',
      '<b>',
      '<kbd>',
      '<code>',
      '<sup>',
      '<a name="n">',
      '<a href="x.md">',
    );
    const leaf = fc.constantFrom('text', ' ', 'Ünïcode 日本', '<br>', '<br />', '<img src="a.png" alt="">', '<!-- c -->', '**em**', '`c`', '*i*', '~~s~~', '&amp;', '\\*', '\n');
    const { inline } = fc.letrec((tie) => ({
      inline: fc.array(fc.oneof({ depthSize: 'small' }, leaf, tie('element')), { maxLength: 5 }).map((xs) => xs.join('')),
      element: fc.tuple(open, tie('inline')).map(([tag, inner]) => `${tag}${inner}</${/^<([a-z]+)/.exec(tag)![1]}>`),
    }));
    const block = fc.tuple(fc.constantFrom('', '# ', '- ', '> ', '1. ', '| a |\n| - |\n| '), inline as fc.Arbitrary<string>).map(([prefix, text]) => prefix + text);
    let fast = 0;
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), (blocks) => {
        const md = blocks.join('\n\n');
        expectSame(md);
        if (fastPath(md)) fast++;
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
    // Not vacuous: most generated pages are made of plain tags (an `a` in an `a` is not).
    expect(fast).toBeGreaterThan(Number(process.env.FC_RUNS ?? 500) / 2);
  });
});
