/**
 * `npm run test:slow`: the parser's GFM gating (parse.test.ts) on every Markdown file of the shared
 * corpus and bench pages, when `../shared` is there (`SXS_SHARED_CORPUS` names another place).
 * The gating is remark's (the fast front end gives remark only what it cannot read itself, and is held
 * to remark's trees by fast-parse.slow.test.ts), so this pins the remark front end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FrontEnd, parseMarkdown, parseMarkdownAllParts, useFrontEnd } from '../pipeline/markdown/parse.js';
import { REPO, walk } from './support/fixtures.js';

describe('the parser leaves out GFM parts a text cannot use, on real pages', () => {
  const shared = process.env.SXS_SHARED_CORPUS ?? join(REPO, '..', 'shared', 'fixtures');
  let before: FrontEnd;
  beforeAll(() => {
    before = useFrontEnd('remark');
  });
  afterAll(() => {
    useFrontEnd(before);
  });
  it.skipIf(!existsSync(join(shared, 'msdocs-corpus')))(
    'every file of the shared corpus and bench pages',
    () => {
      let n = 0;
      for (const dir of ['msdocs-corpus', 'bench']) {
        if (!existsSync(join(shared, dir))) continue;
        for (const f of walk(join(shared, dir)).filter((p) => p.endsWith('.md'))) {
          const md = readFileSync(f, 'utf8');
          expect(parseMarkdown(md), f).toEqual(parseMarkdownAllParts(md));
          n++;
        }
      }
      expect(n).toBeGreaterThan(4000);
    },
    600_000,
  );
});
