/**
 * The parser leaves out each GFM part a text cannot use (markdown/parse.ts): the trees must be the
 * ones the parser gives with every part, on inputs built around each part's trigger, on generated
 * ones and on every Markdown file of the fixtures (parse.slow.test.ts: on the shared corpus).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown, parseMarkdownAllParts, useFrontEnd } from '../pipeline/markdown/parse.js';

// What is tested here is the remark front end (markdown-it's is held to it in fast-parse.test.ts).
let before: ReturnType<typeof useFrontEnd>;
beforeAll(() => {
  before = useFrontEnd('remark');
});
afterAll(() => {
  useFrontEnd(before);
});
import { FIXTURES, walk } from './support/fixtures.js';
import { anyMarkdown } from './support/markdown-gen.js';

const same = (md: string): void => {
  expect(parseMarkdown(md)).toEqual(parseMarkdownAllParts(md));
};

const CASES = [
  // Tables: delimiter rows of every shape, in containers, and lines that only look like one.
  '| a | b |\n| - | - |\n| 1 | 2 |',
  'a | b\n--|--\n1 | 2',
  '| a\n| -',
  'a |\n- |',
  '> | a |\n> |:-:|\n> | 1 |',
  '- item\n\n  | a | b |\n  | --- | ---: |\n  | 1 | 2 |',
  '1. x\n\t| a |\n\t| - |',
  '| a | b |\n|---|---|---|\n| 1 | 2 | 3 |',
  'a | b\n\n---',
  'a|b\n- c',
  '| a |\n|  |',
  'x\r\n|a|\r\n|-|\r\n',
  // Autolink literals: every trigger, any case, and near misses.
  'see www.example.com and WWW.EXAMPLE.COM.',
  'HTTP://x.y and https://x.y/z?q=1#f and http:/x.y',
  'mail a@b.co or mailto:a@b.co or xmpp:a@b.c/d',
  '[a](https://x y) and [www.x.com](https://u) and <https://x.y>',
  '`https://x.y` and ![i](https://x.y/i.png "www.t")',
  'a@ and @b and www and wwwx.y and http:',
  // Footnotes, strikethrough, task items.
  'text[^1] more\n\n[^1]: note www.x.y',
  '[^] and [ ^1] and ^1]',
  '~a~ and ~~b~~ and ~~~c~~~ and ~',
  '- [ ] a\n- [x] b\n- [X] c\n- [\t] d\n* [y] e',
  '[ ] not a list\n\n1. [x] done',
  '*\n[x]  |',
];

describe('the parser leaves out GFM parts a text cannot use, and nothing changes', () => {
  for (const md of CASES) it(JSON.stringify(md), () => same(md));

  it('generated inputs around every trigger', () => {
    const piece = fc.constantFrom(
      ...['|', '-', ':', ' ', '\t', '\n', '> ', '- ', '1. ', '  ', '~', '~~', '@', 'a', 'b ', 'www.', 'W', 'x.co', 'http', 'S', '://', '[', ']', '^', '[^1]', '[x]', '[ ]'],
      ...['(', ')', '`', '*', '_', '\\', '&amp;', '<', '>', '\n| a | b |\n', '\n|-|-|\n', '\n--|:-:\n', '\n| -\n', '\n\n', 'WWW.', 'HTTPS://'],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (parts) => {
        same(parts.join(''));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 3000) },
    );
  });

  it('generated documents', () => {
    fc.assert(
      fc.property(anyMarkdown, (md) => {
        same(md);
      }),
      { numRuns: 300 },
    );
  });

  it('every Markdown file of the fixtures', () => {
    const files = walk(FIXTURES).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(70);
    for (const f of files) same(readFileSync(f, 'utf8'));
  });
});
