/**
 * The linear emphasis resolver (markdown/attention.ts) makes exactly micromark's matches: the mdast
 * of every generated and listed input is the same as with micromark's own resolver.
 */
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown, useFrontEnd } from '../pipeline/markdown/parse.js';

// What is tested here is the remark front end (markdown-it's is held to it in fast-parse.test.ts).
let before: ReturnType<typeof useFrontEnd>;
beforeAll(() => {
  before = useFrontEnd('remark');
});
afterAll(() => {
  useFrontEnd(before);
});

const reference = unified().use(remarkParse).use(remarkGfm).freeze();
const ours = (md: string) => parseMarkdown(md);
const theirs = (md: string) => reference.parse(md);

const CASES = [
  '*a* **b** ***c*** _d_ __e__ ___f___',
  '*a **b** c*',
  '**a *b* c**',
  '*a **b* c**',
  '***a** b*',
  '***a* b**',
  '*a*b* c',
  'a*_*',
  '*foo**bar**baz*',
  '**foo*bar*baz**',
  '*(*foo*)*',
  '__foo, __bar__, baz__',
  'foo***bar***baz',
  '*foo [*bar*](/url) baz*',
  '*[a*](b)',
  '~~a *b* c~~ and *~~d~~*',
  '**a\nb**\n\n*c*',
  '* not emphasis *',
  '****a****',
  '*a ** b*',
  '_a_b_ c_',
  '`*a*` *b*',
  '[~~*~~*](u)',
  '[*a* ~~b~~ **c**](u) *d*',
];

describe('emphasis resolved in linear time, exactly as micromark resolves it', () => {
  for (const md of CASES) it(JSON.stringify(md), () => expect(ours(md)).toEqual(theirs(md)));

  it('generated inputs (stars, underscores, tildes, brackets, code, words)', () => {
    const piece = fc.constantFrom('*', '**', '***', '_', '__', '~~', ' ', 'a', 'b ', '[', '](u)', '`', '\n', '!', '(', ')', 'x_y', '\\*');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const md = parts.join('');
        expect(ours(md)).toEqual(theirs(md));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 2000) },
    );
  });
});
