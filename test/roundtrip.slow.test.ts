/**
 * `npm run test:slow`: the localization filter's round trip (bench/roundtrip.mjs: export --all,
 * target = source, import, build --faithful) on every page of the shared bench and every English
 * file of the shared corpus, when `../shared` is there (`SXS_SHARED_CORPUS` names another place):
 * all byte-identical. A process per command, as a user runs them (and as the bench measures).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/fixtures.js';

const shared = process.env.SXS_SHARED_CORPUS ?? join(REPO, '..', 'shared', 'fixtures');
const dirs = existsSync(shared)
  ? [
      join(shared, 'bench'),
      ...(existsSync(join(shared, 'msdocs-corpus'))
        ? readdirSync(join(shared, 'msdocs-corpus')).flatMap((family) =>
            existsSync(join(shared, 'msdocs-corpus', family)) && !family.includes('.')
              ? readdirSync(join(shared, 'msdocs-corpus', family))
                  .filter((d) => d.endsWith('.en'))
                  .map((d) => join(shared, 'msdocs-corpus', family, d))
              : [],
          )
        : []),
    ].filter((d) => existsSync(d))
  : [];

describe('round trip on real files: export → target = source → import → build --faithful', () => {
  it.skipIf(dirs.length === 0)(
    `gives back every file of ${dirs.length} folders byte for byte`,
    () => {
      const r = spawnSync(process.execPath, [join(REPO, 'bench', 'roundtrip.mjs'), ...dirs.flatMap((d) => ['--dir', d])], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const summary = /(\d+) \/ (\d+) byte-identical/.exec(r.stdout);
      expect(summary, r.stdout + r.stderr).not.toBeNull();
      expect(Number(summary![2])).toBeGreaterThan(700);
      expect(r.stdout).toMatch(/: (\d+) \/ \1 byte-identical/);
      expect(r.status).toBe(0);
    },
    900_000,
  );
});
