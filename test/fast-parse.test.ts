/**
 * The fast front end (markdown/fast-parse.ts) gives remark's tree wherever it answers: on listed
 * cases, generated inputs and every Markdown file of the fixtures, the two trees agree on every node
 * later steps read (types, nesting, offsets of inline nodes, code, HTML and definitions, values and
 * URLs); and so do the units, sentences and codes made from them. Where markdown-it would read a
 * text differently the fast front end says so (null) and remark parses it. The slow test runs the
 * same comparison over the shared corpus and bench pages.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { fastBail, parseFast } from '../pipeline/markdown/fast-parse.js';
import { parseMarkdown, tablesWithWideDelimiters, useFrontEnd } from '../pipeline/markdown/parse.js';
import { FIXTURES, walk } from './support/fixtures.js';
import { comparable } from './support/mdast-compare.js';
import { anyMarkdown } from './support/markdown-gen.js';

function remarkTree(md: string): Root {
  const before = useFrontEnd('remark');
  try {
    return parseMarkdown(md);
  } finally {
    useFrontEnd(before);
  }
}

const remark = (md: string): string[] => comparable(remarkTree(md));

/** The fast tree (remark reading the inline contents it must), or null when the front end gives the whole text to remark. */
function fast(md: string): string[] | null {
  const tree = parseFast(tablesWithWideDelimiters(md), remarkTree);
  return tree && comparable(tree);
}

const agree = (md: string): void => {
  const mine = fast(md);
  if (mine) expect(mine.join('\n'), JSON.stringify(md)).toBe(remark(md).join('\n'));
};

const CASES = [
  'Hello *world*.',
  'a  \nb\\\nc \nd',
  'a\n  `b\nc` d',
  '` a `  `  ` ``a`b``',
  '*a* **b** ***c*** _d_ __e__ ___f___',
  '*foo [*bar*](/url) baz* [a][b] [b]\n\n[b]: /u "t"\n[B]:   <x y>   \n',
  '![alt *x*](i.png "t") ![r][b] [![i](j)](k)\n\n[b]: /u',
  '<https://x.y> <a@b.c> <xref:A.B> <span a="1">x</span> <!-- c -->',
  '&amp; &copy; &#123; \\* \\_ \\` \\\\',
  '~a~ ~~b~~ ~~~c~~~ x~y~ ~~d~ ~e~~ \\~f~',
  '# Head *x* #\n\nSetext\n===\n\n> quote\n> *more*\n>\n> - item\n>   more\n',
  '- a\n- b\n\n  c\n\n1. x\n2. y\n\n3) z',
  '    code\n\n    more\n\n```js title\nx\n```  \n\n~~~\ny',
  '<div>\n*x*\n</div>\n\n  <p>\n\n- <img src="a">\n\n  <b>c</b>',
  '| a | b |\n| - | :-: |\n| 1 \\| 2 | `x|y` |\n| only |\n|  | e |\n',
  '> | a |\n> | - |\n> | 1 |',
  'a | b\n--|--\n1 | 2 | 3',
  '| a |\n| - | - |\n| 1 |',
  'p\n| a |\n| - |\n',
  '- item\n\n  | a | b |\n  | --- | ---: |\n  | 1 | 2 |',
  // Loose and tight lists (spread): blank lines between items, inside items, inside a quote in an item.
  '1. a\n   - b\n   - c\n\n1. d\n   e\n1. f\n',
  '- > a\n  >\n- b',
  '- > a\n  >\n\n- b',
  '> - a\n>\n> - b',
  '- a\n  - b\n\n\n  c',
  '> - a\n>   - b\n>\n> - c',
  '> - a\n>   - b\n>\n>\n> - c',
  // Indented code in a quote does not go on over the white-space lines after the quote.
  '>     - \n\n    \n\n',
  // Found by CI's random generator: micromark keeps the backslash of `\|` in a literal autolink.
  '[ref]: https://r.example\\| a | b |\n| :- | -: |\n| c | d |\n',
  '| www.x.y\\| a | b |\n| - | - |\n| a@b.co\\| | d |\n',
  // A fence left open whose last line is its marker indented as code: open to the end of the text.
  '```\n\n\t```\n',
  '```\nx\n    ```\n',
  'word<div>\nhtml\n</div>word\\| a | b |\n| :- | -: |\n| c | d |\n',
  '<div>word \\| a | b |\n| :- | -: |\n',
  '1. x\n\t| a |\n\t| - |',
  '\\| a | b |\n| :- | -: |\n| c | d |\n',
  '&amp;[[ref]: https://r.example\n',
  '][`](u)``\n\n[r]: /r',
  '[__<u> _</b>__\n\n[r]: /r',
  '**b**\\| a | b |\n| :- | -: |\n| c | d |\n',
  '| x \\| y | `a\\|b` |\n| - | - |\n| \\|c | d |\n',
  '-\ttab\n\n>\tquote\n\n  \tcode',
  '\u00a0lead\u00a0\n\n| \u00a0a | b |\n| - | - |',
  'a\n\n4.  \n\n    code\n',
  'See https://x.y and www.a.b or me@x.y.',
  '# See www.a.b\n\n| a | b |\n| - | - |\n| <https://x.y> and https://x.y/a_b | me@x.y. `a\\|b` |\n\n> [r] at http://x.y *and* [link](https://z) **b**\n\n[r]: /u',
  '***a*** ~*b*~ [r][ x\n\n[r]: /r',
  'Note[^1].\n\n[^1]: Text.',
  '- [ ] task\n- [x] done',
  '**a\nb**\n\n*c*',
  '[a\nb](c\n"d")',
  '[x]: <y>\n\n[x]',
];

describe('the fast front end gives remark’s tree', () => {
  for (const md of CASES) it(JSON.stringify(md), () => agree(md));

  it('a paragraph of 100,000 emphasised words is one tree (pushing its children as call arguments overflowed the stack)', () => {
    const tree = parseFast('*a* '.repeat(100_000))!;
    const paragraph = tree.children[0] as { children: unknown[] };
    expect(paragraph.children).toHaveLength(199_999);
  });

  it('says where it gives the text to remark', () => {
    expect(fastBail('See https://x.y.')).toBe('autolink literal');
    expect(fastBail('See https://x.y.', remarkTree)).toBeNull();
    expect(fastBail('Note[^1].\n\n[^1]: Text.')).toBe('footnote');
    expect(fastBail('- [ ] task')).toBeNull();
    expect(fastBail('a\n\n4.  \n\n    code\n')).toBe('an empty list item');
    expect(fastBail('| \u00a0a | b |\n| - | - |')).toBe('inline content that is not a slice of the source');
    expect(fastBail('a\r\nb')).toBe('carriage return');
    expect(fastBail('Plain *text* and [a link](https://x.y).')).toBeNull();
  });

  it('generated inline markup (stars, underscores, tildes, brackets, code, HTML, escapes)', () => {
    const piece = fc.constantFrom(
      '*',
      '**',
      '***',
      '_',
      '__',
      '~',
      '~~',
      ' ',
      'a',
      'b ',
      '[',
      ']',
      '](u)',
      '[r]',
      '`',
      '``',
      '\n',
      '  \n',
      '!',
      '(',
      ')',
      'x_y',
      '\\*',
      '\\',
      '<b>',
      '</b>',
      '&amp;',
      '<u>',
      '>',
      '|',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => agree(`${parts.join('')}\n\n[r]: /r`)),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });

  it('generated blocks (lists, quotes, code, tables, HTML) and indentation', () => {
    const piece = fc.constantFrom('- ', '1. ', '> ', '  ', '    ', '\t', '\n', '\n\n', 'a', '*b*', '| x |', '| - |', '```', '<div>', '</div>', '# ', 'c\n===', '---', '[d]: /u');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => agree(parts.join(''))),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });

  it('generated documents', () => {
    fc.assert(
      fc.property(anyMarkdown, (md) => agree(md)),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('every Markdown file of the fixtures, most of them without remark', () => {
    let answered = 0;
    let files = 0;
    for (const f of walk(FIXTURES).filter((p) => p.endsWith('.md'))) {
      const md = readFileSync(f, 'utf8').replace(/\r\n?/g, '\n');
      files++;
      if (fast(md)) answered++;
      agree(md);
    }
    expect(files).toBeGreaterThan(50);
    expect(answered / files).toBeGreaterThan(0.9);
  });
});
