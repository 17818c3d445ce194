/**
 * Scale features, through the command line as CI runs them: worker threads give the same bytes as
 * one thread; the incremental record rebuilds exactly what changed; shards partition documents and
 * combine (build + `sxs index`, export, `check --merge`) into what one run gives.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../pipeline/util/shard.js';
import { REPO, tempDir } from './support/fixtures.js';

const BIN = join(REPO, 'bin', 'sxs.js');

function sxs(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The sample project with its documents copied into `copies` folders (translations too): enough documents for workers. */
function bigSample(copies: number): string {
  const dir = tempDir('sxs-scale-');
  cpSync(join(REPO, 'sxs.config.json'), join(dir, 'sxs.config.json'));
  cpSync(join(REPO, 'terms.tbx'), join(dir, 'terms.tbx'));
  for (let i = 0; i < copies; i++) {
    cpSync(join(REPO, 'source'), join(dir, 'source', `c${i}`), { recursive: true });
    for (const locale of readdirSync(join(REPO, 'translations'))) {
      if (!statSync(join(REPO, 'translations', locale)).isDirectory()) continue;
      const to = join(dir, 'translations', locale, `c${i}`);
      cpSync(join(REPO, 'translations', locale), to, { recursive: true });
      // A store file names its source document.
      for (const file of tree(to).keys()) writeFileSync(join(to, file), readFileSync(join(to, file), 'utf8').replace(/ original="/, ` original="c${i}/`));
    }
  }
  // Scope patterns of the sample name top-level folders; the copies live one level down.
  const config = JSON.parse(readFileSync(join(dir, 'sxs.config.json'), 'utf8')) as { scope?: unknown };
  delete config.scope;
  writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify(config));
  return dir;
}

/** Every file under `root` with its bytes, by relative path. */
function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p, 'latin1'));
    }
  };
  walk(root);
  return out;
}

describe('--shard', () => {
  it('parses i/n and puts every path in exactly one shard, the same one every time (fast-check)', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', ' 1/2']) expect(parseShard(bad), bad).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 64 }), (path, n) => {
        const owners = Array.from({ length: n }, (_, i) => i + 1).filter((i) => inShard(path, { index: i, count: n }));
        expect(owners).toEqual([shardOf(path, n)]);
      }),
    );
  });
});

describe('build at scale (18 documents × 3 locales)', () => {
  const dir = bigSample(3);

  it('worker threads write the same bytes as one thread', () => {
    const one = sxs(dir, ['build', '--no-cache', '--jobs', '1']);
    expect(one.code, one.stderr).toBe(0);
    const single = tree(join(dir, 'dist'));
    rmSync(join(dir, 'dist'), { recursive: true });
    const two = sxs(dir, ['build', '--no-cache', '--jobs', '2']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout.replace(/in \d+ ms/, (m) => two.stdout.match(/in \d+ ms/)![0]));
    const parallel = tree(join(dir, 'dist'));
    expect([...parallel.keys()].sort()).toEqual([...single.keys()].sort());
    for (const [path, bytes] of single) expect(parallel.get(path), path).toBe(bytes);
    // English pages, Markdown, pages, 4 locale indexes, the site index, 2 page assets, the TOC of each of the 4 locales, and the 3 images of each of
    // the 3 copies of what-is-nuget in 4 locales; and the search index of each of the 4 locales (Pagefind's files).
    const search = [...single.keys()].filter((p) => p.startsWith('_sxs/search/'));
    expect(new Set(search.map((p) => p.split('/')[2])).size).toBe(4);
    expect(single.size - search.length).toBe(18 + 54 + 54 + 4 + 1 + 2 + 4 + 3 * 3 * 4);
  });

  it('export: worker threads write the same handoff files and record the same store as one thread', () => {
    const store = join(dir, 'translations');
    const pristine = join(dir, 'translations-pristine');
    cpSync(store, pristine, { recursive: true });
    const run = (jobs: string) => {
      rmSync(store, { recursive: true, force: true });
      cpSync(pristine, store, { recursive: true });
      const out = join(dir, `handoff-${jobs}`);
      const r = sxs(dir, ['export', '--locale', 'de-DE', '--all', '--date', '01/02/2026', '--out', out, '--jobs', jobs]);
      expect(r.code, r.stderr).toBe(0);
      return { stdout: r.stdout.replaceAll(out, 'OUT'), handoff: tree(out), store: tree(store) };
    };
    const one = run('1');
    const two = run('2');
    expect(two.stdout).toBe(one.stdout);
    expect(one.handoff.size).toBe(18);
    expect([...two.handoff.keys()].sort()).toEqual([...one.handoff.keys()].sort());
    for (const [path, bytes] of one.handoff) expect(two.handoff.get(path), path).toBe(bytes);
    for (const [path, bytes] of one.store) expect(two.store.get(path), path).toBe(bytes);
    rmSync(store, { recursive: true, force: true });
    cpSync(pristine, store, { recursive: true });
    rmSync(pristine, { recursive: true, force: true });
  });

  it('check: a cold check in worker threads (filling the cache) reports what one thread reports', () => {
    const src = join(dir, 'source', 'c1', 'nuget', 'what-is-nuget.md');
    const before = readFileSync(src, 'utf8');
    writeFileSync(src, before.replace('An essential tool', 'A vital tool'));
    rmSync(join(dir, '.sxs-cache'), { recursive: true, force: true });
    const one = sxs(dir, ['check', '--format', 'json', '--no-cache', '--jobs', '1']);
    const cold = sxs(dir, ['check', '--format', 'json', '--jobs', '2']);
    const warm = sxs(dir, ['check', '--format', 'json', '--jobs', '2']);
    expect(JSON.parse(cold.stdout)).toEqual(JSON.parse(one.stdout));
    expect(JSON.parse(warm.stdout)).toEqual(JSON.parse(one.stdout));
    expect(one.stdout).toContain('"check/stale"');
    expect(existsSync(join(dir, '.sxs-cache', 'check-record.json'))).toBe(true);
    // The record answers only for files as they were: the source restored and a store file removed are seen.
    writeFileSync(src, before);
    const store = join(dir, 'translations', 'ja-JP', 'c0', 'nuget', 'what-is-nuget.md.xlf');
    const kept = readFileSync(store);
    rmSync(store);
    const after = sxs(dir, ['check', '--format', 'json', '--min-coverage', '0']);
    expect(after.stdout).not.toContain('"check/stale"');
    expect(after.stdout).toContain('check/missing-file');
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(sxs(dir, ['check', '--format', 'json', '--min-coverage', '0', '--no-cache']).stdout));
    writeFileSync(store, kept);
  });

  it('rebuilds only what changed, and the result equals a full build', () => {
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    rmSync(join(dir, '.sxs-cache'), { recursive: true, force: true });
    const first = sxs(dir, ['build', '--progress']);
    expect(first.stdout).toMatch(/from 18 documents in \d+ ms\n/);
    // --progress outside a terminal: the finished line (in CI, without --progress: nothing).
    expect(first.stderr).toMatch(/^build \[#{24}\] 18\/18 documents, \d+\/s$/m);
    expect(sxs(dir, ['build']).stdout).toMatch(/\(18 unchanged, not rebuilt\)/);
    // A translation edited: that document is rebuilt (in every locale it has).
    const store = join(dir, 'translations', 'de-DE', 'c2', 'nuget', 'what-is-nuget.md.xlf');
    writeFileSync(store, readFileSync(store, 'utf8').replace(/<target>([^<]*)<\/target>/, '<target>Geändert: $1</target>'));
    expect(sxs(dir, ['build']).stdout).toMatch(/\(17 unchanged, not rebuilt\)/);
    expect(readFileSync(join(dir, 'dist', 'de-DE', 'c2', 'nuget', 'what-is-nuget.md'), 'utf8')).toContain('Geändert: ');
    // An output deleted or edited by hand: rebuilt.
    rmSync(join(dir, 'dist', 'zh-TW', 'c1', 'nuget', 'what-is-nuget.html'));
    writeFileSync(join(dir, 'dist', 'ja-JP', 'c0', 'nuget', 'what-is-nuget.md'), 'edited by hand');
    expect(sxs(dir, ['build']).stdout).toMatch(/\(16 unchanged, not rebuilt\)/);
    const incremental = tree(join(dir, 'dist'));
    rmSync(join(dir, 'dist'), { recursive: true });
    sxs(dir, ['build', '--no-cache']);
    const full = tree(join(dir, 'dist'));
    expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [path, bytes] of full) expect(incremental.get(path), path).toBe(bytes);
    // Another configuration: everything is rebuilt.
    const config = JSON.parse(readFileSync(join(dir, 'sxs.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify({ ...config, handoff: { translationType: 'MT' } }));
    expect(sxs(dir, ['build']).stdout).not.toMatch(/unchanged/);
    writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify(config));
  });

  it('shards built apart and copied together, plus sxs index, give the same dist/ as one build', () => {
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    sxs(dir, ['build', '--no-cache']);
    const whole = tree(join(dir, 'dist'));
    const combined = join(dir, 'combined');
    for (const i of [1, 2, 3]) {
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      const r = sxs(dir, ['build', '--shard', `${i}/3`]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`(shard ${i}/3)`);
      cpSync(join(dir, 'dist'), combined, { recursive: true });
    }
    const config = JSON.parse(readFileSync(join(dir, 'sxs.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'combined.json'), JSON.stringify({ ...config, dist: 'combined' }));
    const index = sxs(dir, ['index', '--config', 'combined.json']);
    expect(index.stdout).toBe('wrote the index pages of 18 documents from 3 shard page lists\n  search index: en-US, zh-TW, ja-JP, de-DE\n');
    const merged = tree(combined);
    // Everything is the one build's, the search index of every locale included.
    for (const [path, bytes] of whole) expect(merged.get(path), path).toBe(bytes);
    expect([...merged.keys()].filter((p) => !whole.has(p)).sort()).toEqual(['_sxs/pages/1-of-3.json', '_sxs/pages/2-of-3.json', '_sxs/pages/3-of-3.json']);
  });

  it('check --shard reports merge (check --merge) into the verdict and numbers of one check', () => {
    // Something to find: a missing document in one locale and a stale sentence in another.
    rmSync(join(dir, 'translations', 'zh-TW', 'c2', 'nuget', 'what-is-nuget.md.xlf'));
    const src = join(dir, 'source', 'c0', 'nuget', 'what-is-nuget.md');
    writeFileSync(src, readFileSync(src, 'utf8').replace('An essential tool', 'A vital tool'));
    const whole = sxs(dir, ['check', '--format', 'json', '--min-coverage', '50']);
    expect(whole.code, JSON.stringify(JSON.parse(whole.stdout).locales)).toBe(0);
    const parts = [1, 2, 3].map((i) => {
      const r = sxs(dir, ['check', '--format', 'json', '--min-coverage', '50', '--shard', `${i}/3`]);
      writeFileSync(join(dir, `report-${i}.json`), r.stdout);
      return `report-${i}.json`;
    });
    const merged = sxs(dir, ['check', '--merge', ...parts, '--format', 'json']);
    expect(merged.code).toBe(whole.code);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    // Thresholds can be set again on the merged numbers.
    expect(sxs(dir, ['check', '--merge', ...parts, '--min-coverage', '100']).code).toBe(1);
    expect(sxs(dir, ['check', '--merge']).code).toBe(2);
    // Only the n shards of one run, each once.
    const refused = (args: string[], message: RegExp) => {
      const r = sxs(dir, ['check', '--merge', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    };
    refused(parts.slice(0, 2), /shard 3\/3 missing: merge needs the reports of all 3 shards/);
    refused([parts[0]!, parts[1]!, parts[1]!], /report-2\.json is shard 2\/3 again \(already given as report-2\.json\)/);
    writeFileSync(join(dir, 'report-de.json'), sxs(dir, ['check', '--format', 'json', '--min-coverage', '50', '--shard', '3/3', '--locale', 'de-DE']).stdout);
    refused([parts[0]!, parts[1]!, 'report-de.json'], /report-de\.json comes from another run than report-1\.json/);
    writeFileSync(join(dir, 'report-half.json'), sxs(dir, ['check', '--format', 'json', '--min-coverage', '50', '--shard', '1/2']).stdout);
    refused([parts[0]!, 'report-half.json'], /report-half\.json is shard 1\/2, but report-1\.json is shard 1\/3/);
    expect(sxs(dir, ['check', '--merge', 'sxs.config.json']).stderr).toMatch(/not a report of sxs check --format json/);
  });

  it('export --shard files together are the files of one export', () => {
    const whole = sxs(dir, ['export', '--locale', 'zh-TW', '--all', '--dry-run']);
    const words = (out: string) => Number(/^zh-TW\s+(?:\d+\s+){7}(\d+)$/m.exec(out)![1]);
    const total = [1, 2].map((i) => words(sxs(dir, ['export', '--locale', 'zh-TW', '--all', '--dry-run', '--shard', `${i}/2`]).stdout)).reduce((a, b) => a + b);
    expect(total).toBe(words(whole.stdout));
  });
});
