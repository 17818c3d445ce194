/**
 * Golden test on real published files: for every bilingual file in test/fixtures/msdocs made
 * from the English file next to it, harvest it into a store (XLIFF on disk) and build: the output
 * must be the published file, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/commands/build.js';
import { harvest } from '../pipeline/commands/harvest.js';
import { goldenPairs } from './support/fixtures.js';
import { makeProject } from './support/project.js';

const pairs = goldenPairs();

describe('real bilingual files rebuild byte for byte', () => {
  it('finds the fixture pairs', () => {
    // 35 pairs whose English hash matches ms.openlocfilehash, plus the TOC.md pair.
    expect(pairs.length).toBe(36);
  });

  for (const pair of pairs) {
    it(pair.name, async () => {
      const project = makeProject([pair.locale]);
      project.write(join('source', pair.path), readFileSync(pair.english));
      const staged = project.write(join('published', pair.path), readFileSync(pair.bilingual));
      const harvested = await harvest({ config: project.config, dir: join(project.root, 'published'), locale: pair.locale });
      expect(harvested.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(harvested.harvested).toBe(1);
      const built = build({ config: project.config, locales: [pair.locale], mode: 'bilingual' });
      // One document of its repository, built alone: its links to the others and its images point at nothing.
      expect(built.problems.filter((p) => p.rule !== 'build/broken-link' && p.rule !== 'build/broken-image')).toEqual([]);
      const output = project.read(join('dist', pair.locale, pair.path));
      expect(output).toBe(readFileSync(staged, 'utf8'));
    });
  }
});
