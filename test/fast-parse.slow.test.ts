/**
 * `npm run test:slow`: the two Markdown front ends over every Markdown file of the shared corpus and
 * bench pages (when `../shared` is there; `SXS_SHARED_CORPUS` names another place). The fast one
 * (markdown/fast-parse.ts) must give remark's tree wherever it answers, and every English document
 * must come out of either with the same units, sentences and inline codes. Also counts how many
 * files the fast front end reads without giving the whole text to remark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildSourceDoc, type SourceDoc } from '../pipeline/core/doc.js';
import { parseFast } from '../pipeline/markdown/fast-parse.js';
import { parseMarkdown, tablesWithWideDelimiters, useFrontEnd } from '../pipeline/markdown/parse.js';
import { Segmenter } from '../pipeline/markdown/segment.js';
import { CodeIds, contentOf } from '../pipeline/core/codes.js';
import { comparable } from './support/mdast-compare.js';
import { REPO, walk } from './support/fixtures.js';

const shared = process.env.SXS_SHARED_CORPUS ?? join(REPO, '..', 'shared', 'fixtures');
const segmenter = new Segmenter();

function withFrontEnd<T>(kind: 'fast' | 'remark', f: () => T): T {
  const before = useFrontEnd(kind);
  try {
    return f();
  } finally {
    useFrontEnd(before);
  }
}

const remarkTree = (md: string): Root => withFrontEnd('remark', () => parseMarkdown(md));

/** A document's units as the exchange sees them: kind, range, sentences, source text and inline codes. */
function units(doc: SourceDoc): unknown[] {
  return doc.blocks.map((u) => ({
    kind: u.block.kind,
    range: [u.block.start, u.block.end],
    anchor: u.block.anchor,
    source: u.source,
    sentences: u.sentences.map((s) => ({ n: s.n, start: s.start, end: s.end, source: s.source, codes: contentOf(doc.body, u.block.pieces, s.start, s.end, new CodeIds()) })),
  }));
}

describe('the fast front end on real pages', () => {
  it.skipIf(!existsSync(join(shared, 'msdocs-corpus')))(
    'gives remark’s tree, and the same units, sentences and codes, on every file of the corpus and bench',
    () => {
      let files = 0;
      let answered = 0;
      let english = 0;
      for (const dir of ['msdocs-corpus', 'bench']) {
        if (!existsSync(join(shared, dir))) continue;
        for (const f of walk(join(shared, dir)).filter((p) => p.endsWith('.md'))) {
          const bytes = readFileSync(f);
          const md = tablesWithWideDelimiters(bytes.toString('utf8').replace(/\r\n?/g, '\n'));
          files++;
          const tree = parseFast(md, remarkTree);
          if (tree) {
            answered++;
            expect(comparable(tree).join('\n'), f).toBe(comparable(remarkTree(md)).join('\n'));
          }
          // English: the corpus's `<locale>.en` folders and the bench pages.
          if (dir === 'bench' || /\/[a-z]{2}-[A-Z]{2}\.en\//.test(f)) {
            english++;
            const fast = withFrontEnd('fast', () => units(buildSourceDoc('doc.md', bytes, { segmenter })));
            const slow = withFrontEnd('remark', () => units(buildSourceDoc('doc.md', bytes, { segmenter })));
            expect(fast, f).toEqual(slow);
          }
        }
      }
      expect(files).toBeGreaterThan(9000);
      expect(english).toBeGreaterThan(4000);
      // Measured 2026-12-03: 9,222 of 9,268 files read without giving the whole text to remark.
      expect(answered / files).toBeGreaterThan(0.99);
    },
    1_800_000,
  );
});
