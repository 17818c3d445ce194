/**
 * The command line, run as users run it: `sxs <command>` in a project folder, in this process
 * (`main`, as bin/sxs.js calls it), and as `node bin/sxs.js` where the process boundary is the point.
 * Exit codes: 0 ok, 1 content errors, 2 usage or configuration errors.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, sxsIn, sxsProcess, type SxsResult } from './support/cli.js';
import { goldenPairs, MSDOCS, REPO, SEED, tempDir, walk } from './support/fixtures.js';
import { makeProject } from './support/project.js';

/** `sxs <args>` in this process. */
const sxs = (cwd: string, ...args: string[]) => sxsIn(cwd, args);

/** A copy of the repository's sample project (config, source/, translations/). */
function sampleCopy(): string {
  const dir = tempDir('sxs-sample-');
  for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  return dir;
}

describe('sxs build on the sample docs', () => {
  const dir = sampleCopy();
  let run: SxsResult;
  beforeAll(async () => {
    run = await sxs(dir, 'build');
  });

  it('exits 0 and reports per locale', () => {
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    // Each locale gets the documents of its scope (sxs.config.json): 6 zh-TW, 4 ja-JP, 5 de-DE.
    expect(run.stdout).toMatch(/built 15 files and 21 HTML pages from 6 documents/);
    expect(run.stdout).toMatch(/zh-TW: 6 documents, \d+ sentences, 0 untranslated/);
  });

  it('reproduces the seed byte for byte', () => {
    expect(readFileSync(join(dir, 'dist', 'zh-TW', 'transfer-licenses-between-tenants.md'))).toEqual(readFileSync(SEED));
  });

  it('reproduces every published bilingual file of the sample', () => {
    const published: Array<[string, string, string]> = [
      ['nuget/what-is-nuget.md', 'docs.microsoft.com-nuget', 'docs/what-is-nuget.md'],
      ['nuget/policies/Ecosystem.md', 'docs.microsoft.com-nuget', 'docs/policies/Ecosystem.md'],
      ['nuget/concepts/Package-Versioning.md', 'docs.microsoft.com-nuget', 'docs/concepts/Package-Versioning.md'],
      ['console/allocconsole.md', 'Console-Docs', 'docs/allocconsole.md'],
      ['console/includes/no-vt-equiv-banner.md', 'Console-Docs', 'docs/includes/no-vt-equiv-banner.md'],
      ['transfer-licenses-between-tenants.md', 'OfficeDocs-AlchemyInsights-pr', 'AlchemyInsights/transfer-licenses-between-tenants.md'],
    ];
    let compared = 0;
    for (const locale of ['zh-TW', 'ja-JP', 'de-DE']) {
      for (const [path, repo, fixture] of published) {
        const expected = join(MSDOCS, locale, repo, 'sxs', fixture);
        if (!existsSync(expected)) continue;
        expect(readFileSync(join(dir, 'dist', locale, path), 'utf8'), `${locale}/${path}`).toBe(readFileSync(expected, 'utf8'));
        compared++;
      }
    }
    expect(compared).toBe(15);
  });

  it('--plain writes the translated text only; --locale limits the locales', async () => {
    const plain = await sxs(dir, 'build', '--plain', '--locale', 'zh-tw');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/built 6 files/);
    const text = readFileSync(join(dir, 'dist', 'zh-TW', 'transfer-licenses-between-tenants.md'), 'utf8');
    expect(text).not.toContain('sxs-lookup');
    expect(text).toContain('# <a name="transfer-licenses-between-tenants"></a>在租用戶之間轉移授權\n');
  });
});

describe('sxs check on the sample docs', () => {
  it('passes: every locale complete within its scope, nothing broken', async () => {
    const dir = sampleCopy();
    const run = await sxs(dir, 'check');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^zh-TW +6 +418 +418 +0 +0 +0 +100\.00%/m);
    expect(run.stdout).toMatch(/check passed: 3 locales, 15 files/);
    // The seed's English was rebuilt from its bilingual file, so its hash is not the recorded one.
    expect(run.stdout).toMatch(/: warning check\/stale-file: /);
    const warm = await sxs(dir, 'check');
    expect(warm.stdout).toBe(run.stdout);
  });
});

describe('sxs harvest', () => {
  it('records translations, reports problems with file:line:column and a rule id, and never stops on one bad file', async () => {
    const project = makeProject(['zh-TW']);
    project.write('source/a.md', '# Title\n\nFirst sentence. Second sentence.\n');
    project.write('source/b.md', '# Other\n');
    project.write(
      'published/a.md',
      '---\nms.contentlocale: zh-TW\n---\n# <a name="title"></a><span data-ttu-id="12345-101">標題</span><span class="sxs-lookup"><span data-stu-id="12345-101">Title</span></span>\n\n' +
        '<span data-ttu-id="12345-102">第一。</span><span class="sxs-lookup"><span data-stu-id="12345-102">First sentence changed.</span></span> ' +
        '<span data-ttu-id="12345-109">不存在</span><span class="sxs-lookup"><span data-stu-id="12345-109">Nothing.</span></span>\n',
    );
    project.write('published/b.md', '# <a name="other"></a><span data-ttu-id="12345-101">其他</span><span class="sxs-lookup"><span data-stu-id="12345-101">Other</span></span>\n');
    project.write('published/missing.md', 'x\n');
    const r = await sxs(project.root, 'harvest', 'published', '--locale', 'zh-TW');
    expect(r.code).toBe(1);
    const published = join(project.root, 'published');
    // An edited sentence's translation is kept as its stale translation; one whose English is gone, as retired leverage.
    expect(r.stderr).toContain(
      `${join(published, 'a.md')}:6:1: warning harvest/stale: span 12345-102: SOURCE "First sentence changed." is an earlier version of the English "First sentence.": kept as its stale translation`,
    );
    expect(r.stderr).toContain(
      `${join(published, 'a.md')}:6:134: warning harvest/retired: span 12345-109: SOURCE "Nothing." is not a sentence of the English: kept as a retired translation (leverage)`,
    );
    expect(r.stderr).toContain(`${join(published, 'missing.md')}:1:1: error harvest/no-source: no source document missing.md`);
    expect(r.stdout).toContain('a.md: 1 recorded, 1 stale, 1 retired, 2 untranslated, 2 problems');
    expect(r.stdout).toMatch(/harvested 2 of 3 files into zh-TW: 2 translations, 1 stale \(of an earlier English\), 1 retired/);
    const stored = project.read('translations/zh-TW/a.md.xlf');
    expect(stored).toContain('<target>不存在</target>');
    expect(stored).toContain('<source>First sentence changed.</source>');
    // check reports the stale one, with its old translation kept.
    const checked = await sxs(project.root, 'check', '--format', 'json');
    expect(checked.stdout).toContain('"rule": "check/stale"');
    const built = await sxs(project.root, 'build');
    expect(built.code).toBe(0);
    expect(project.read('dist/zh-TW/b.md')).toContain('<span data-ttu-id="12345-101">其他</span>');
    // The sentence whose SOURCE did not match is built from the English and counted.
    expect(project.read('dist/zh-TW/a.md')).toContain('<span data-ttu-id="12345-102">First sentence.</span>');
    expect(built.stderr).toMatch(/zh-TW: 2 sentences in 1 document \(a\.md\)/);
  });

  it('on worker threads: the same store files and the same report, in path order, as in one thread', async () => {
    // The golden pairs of the locale with the most, each under a few paths: enough files for two workers.
    const all = goldenPairs();
    const locale = [...new Set(all.map((p) => p.locale))].sort((a, b) => all.filter((p) => p.locale === b).length - all.filter((p) => p.locale === a).length)[0]!;
    const pairs = all.filter((p) => p.locale === locale);
    const runs = [];
    for (const jobs of ['1', '2']) {
      const project = makeProject([locale]);
      for (let copy = 0; copy < Math.ceil(24 / pairs.length); copy++) {
        for (const pair of pairs) {
          project.write(join('source', `${copy}`, pair.path), readFileSync(pair.english));
          project.write(join('published', `${copy}`, pair.path), readFileSync(pair.bilingual));
        }
      }
      project.write('published/zz-missing.md', 'x\n');
      const args = ['harvest', 'published', '--locale', locale, '--jobs', jobs];
      // Two jobs in a child process: worker threads run the compiled lib/ (from the TypeScript sources a run stays in one thread).
      const r = jobs === '1' ? await sxsIn(project.root, args) : sxsProcess(project.root, args);
      const stored = walk(join(project.root, 'translations')).map((f) => [f.slice(project.root.length), readFileSync(f, 'utf8')]);
      runs.push({ r, stored, root: project.root });
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(two.r.code).toBe(1);
    const [, done, files] = /harvested (\d+) of (\d+) files/.exec(two.r.stdout)!;
    expect(Number(done)).toBeGreaterThanOrEqual(24);
    expect(Number(files)).toBe(Number(done) + 1);
    expect(two.stored.length).toBeGreaterThanOrEqual(24);
    expect(two.stored).toEqual(one.stored);
    expect(two.r.stdout.replaceAll(two.root, '')).toBe(one.r.stdout.replaceAll(one.root, ''));
    expect(two.r.stderr.replaceAll(two.root, '')).toBe(one.r.stderr.replaceAll(one.root, ''));
  });
});

describe('import on worker threads', () => {
  it('the same store files and the same report, in path order, as in one thread; a document in two handoff files builds on the first', async () => {
    const english = walk(join(MSDOCS, 'en-us')).filter((f) => f.endsWith('.md'));
    const runs = [];
    for (const jobs of ['1', '2']) {
      const project = makeProject(['de-DE']);
      for (let copy = 0; copy < 2; copy++) for (const f of english) project.write(join('source', `${copy}`, f.slice(join(MSDOCS, 'en-us').length + 1)), readFileSync(f));
      expect((await sxs(project.root, 'export', '--locale', 'de-DE', '--all', '--format', 'xliff21', '--date', '01/01/2026')).code).toBe(0);
      const handoffs = walk(join(project.root, 'handoff')).filter((f) => f.endsWith('.xlf'));
      expect(handoffs.length).toBeGreaterThanOrEqual(24);
      // Translated: each segment's target is its English with a marker; the first file is returned twice, the second time with one target changed.
      for (const file of handoffs) {
        const xml = readFileSync(file, 'utf8').replace(
          /<segment id="([^"]*)"[^>]*>(\s*)<source>([\s\S]*?)<\/source>(?:\s*<target>[\s\S]*?<\/target>)?/g,
          '<segment id="$1" state="translated">$2<source>$3</source><target>DE $3</target>',
        );
        writeFileSync(file, xml);
      }
      writeFileSync(`${handoffs[0]!}.again.xlf`, readFileSync(handoffs[0]!, 'utf8').replace('<target>DE ', '<target>DE2 '));
      writeFileSync(join(project.root, 'handoff', 'de-DE', 'zz-broken.xlf'), '<xliff');
      const args = ['import', 'handoff/de-DE', '--locale', 'de-DE', '--jobs', jobs];
      // Two jobs in a child process: worker threads run the compiled lib/ (from the TypeScript sources a run stays in one thread).
      const r = jobs === '1' ? await sxsIn(project.root, args) : sxsProcess(project.root, args);
      // The broken file fails the import (nothing written): a second import without it writes.
      rmSync(join(project.root, 'handoff', 'de-DE', 'zz-broken.xlf'));
      const ok = jobs === '1' ? await sxsIn(project.root, args) : sxsProcess(project.root, args);
      const stored = walk(join(project.root, 'translations')).map((f) => [f.slice(project.root.length), readFileSync(f, 'utf8')]);
      runs.push({ r, ok, stored, root: project.root });
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(two.r.code).toBe(1);
    expect(two.r.stderr).toMatch(/zz-broken\.xlf:1:\d+: error import\/xml/);
    expect(two.ok.code).toBe(0);
    expect(two.stored.length).toBe(english.length * 2);
    // The document of the file returned twice has the second file's target, and its other segments
    // count as unchanged: compared with what the first file staged, not with the store on disk.
    expect(two.stored.some(([, text]) => text?.includes('DE2 '))).toBe(true);
    expect(two.ok.stdout).toMatch(/, [1-9]\d* unchanged,/);
    expect(two.stored).toEqual(one.stored);
    for (const k of ['r', 'ok'] as const) {
      expect(two[k].stdout.replaceAll(two.root, '')).toBe(one[k].stdout.replaceAll(one.root, ''));
      expect(two[k].stderr.replaceAll(two.root, '')).toBe(one[k].stderr.replaceAll(one.root, ''));
    }
  });
});

describe('the worker pool', () => {
  it("a failure of the caller while it takes a worker's result ends the run with that error; no result is taken after it", async () => {
    // The compiled modules: worker threads run lib/ (from the TypeScript sources a run stays in one thread).
    const lib = (rel: string) => pathToFileURL(join(REPO, 'lib', rel)).href;
    const { runTasks } = (await import(lib('util/pool.js'))) as typeof import('../pipeline/util/pool.js');
    const { TASKS } = (await import(lib('commands/tasks.js'))) as typeof import('../pipeline/commands/tasks.js');
    const project = makeProject(['de-DE']);
    const english = walk(join(MSDOCS, 'en-us')).filter((f) => f.endsWith('.md'));
    const paths = english.map((f, i) => {
      project.write(join('source', `${i}.md`), readFileSync(f));
      return `${i}.md`;
    });
    expect(paths.length).toBeGreaterThanOrEqual(16);
    let taken = 0;
    const run = runTasks(TASKS, 'source', { config: project.config }, paths, 2, () => {
      if (++taken === 3) throw new Error('disk full while staging');
    });
    await expect(run).rejects.toThrow('disk full while staging');
    expect(taken).toBe(3);
  });
});

describe('a reader that closes the output early', () => {
  // Child processes: the point is a real pipe that closes (EPIPE) and the process's exit code.
  it("`sxs validate … | head` ends quietly with the command's own exit code, every time", () => {
    const dir = tempDir('sxs-pipe-');
    const store = readFileSync(join(REPO, 'translations', 'de-DE', 'transfer-licenses-between-tenants.md.xlf'));
    for (let i = 0; i < 1500; i++) writeFileSync(join(dir, `file-with-a-rather-long-name-${String(i).padStart(4, '0')}.xlf`), store);
    for (let run = 0; run < 4; run++) {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" validate . | head -c 100 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('exit 0\n');
    }
    // An invalid file among them: still 1, the code for "invalid", and still no stack trace.
    writeFileSync(join(dir, 'broken.xlf'), '<xliff');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" validate . | head -c 100 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('exit 1\n');
  });
});

describe('usage and configuration errors exit 2 and name the problem', () => {
  it('unknown command, missing arguments, unknown locale', async () => {
    const project = makeProject(['zh-TW']);
    project.write('source/a.md', '# A\n');
    expect((await sxs(project.root, 'frobnicate')).code).toBe(2);
    expect((await sxs(project.root, 'harvest')).stderr).toMatch(/exactly one folder/);
    const r = await sxs(project.root, 'build', '--locale', 'fr-FR');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--locale fr-FR: not one of the configured locales \(zh-TW\)/);
    expect((await sxs(project.root, 'build', '--nope')).code).toBe(2);
  });

  it('a missing config', async () => {
    const r = await sxs(tempDir(), 'build');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sxs\.config\.json: not found/);
  });

  it('a missing or empty source folder, or no locales: a gate over nothing is a configuration error, never a pass', async () => {
    const project = makeProject(['zh-TW']);
    const config = (extra: object) =>
      project.write('sxs.config.json', JSON.stringify({ sourceLocale: 'en-US', locales: ['zh-TW'], source: 'source', translations: 'translations', dist: 'dist', ...extra }));
    config({ source: 'does-not-exist' });
    for (const command of ['check', 'build', 'export']) {
      const r = await sxs(project.root, command);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/sxs\.config\.json: source: .*does-not-exist is not a folder/);
      expect(r.stdout).not.toMatch(/passed/);
    }
    config({});
    project.write('source/notes.txt', 'not a document\n');
    for (const command of ['check', 'build', 'export']) {
      const r = await sxs(project.root, command);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/sxs\.config\.json: source: no \.md documents under /);
    }
    project.write('source/a.md', '# Title\n');
    config({ locales: [] });
    const r = await sxs(project.root, 'check');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('locales: empty (expected at least one target locale');
  });

  it('unknown keys and bad values, each with its key path', async () => {
    const project = makeProject(['zh-TW']);
    project.write(
      'sxs.config.json',
      JSON.stringify({
        locales: ['zh-TW', 42, 'zh-tw'],
        source: '',
        colour: true,
        segmentation: { abbreviations: ['eg'] },
        handoff: { hashLineEndings: 'cr', extra: 1 },
        format: { anchors: 'no', peel: true },
      }),
    );
    const r = await sxs(project.root, 'build');
    expect(r.code).toBe(2);
    for (const expected of [
      'colour: unknown key',
      'locales[1]: expected a locale tag, found 42',
      'locales[2]: "zh-tw" is listed twice',
      'source: expected a non-empty string, found ""',
      'segmentation.abbreviations[0]: expected a word ending with "."',
      'handoff.hashLineEndings: expected "lf" or "crlf", found "cr"',
      'handoff.extra: unknown key',
      'format.anchors: expected true or false, found "no"',
      'format.peel: unknown key (expected anchors, peelMarkup, keepNbsp)',
    ]) {
      expect(r.stderr).toContain(expected);
    }
    project.write('sxs.config.json', '{ "locales": [');
    expect((await sxs(project.root, 'build')).stderr).toMatch(/not valid JSON/);
  });

  it('a broken source document is a content error with its position, and the rest still builds', async () => {
    const project = makeProject(['zh-TW']);
    project.write('source/bad.md', '---\ntitle: [unclosed\n---\nText.\n');
    project.write('source/good.md', 'Text.\n');
    project.write('source/latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const r = await sxs(project.root, 'build');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.md:3:1: error source\/front-matter: invalid YAML in front matter/);
    expect(r.stderr).toMatch(/latin1\.md:1:1: error source\/encoding: the file is not valid UTF-8/);
    expect(existsSync(join(project.root, 'dist', 'zh-TW', 'good.md'))).toBe(true);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

it('--version and help', async () => {
  const dir = tempDir();
  expect((await sxs(dir, '--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  const help = await sxs(dir, 'help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/harvest <dir> --locale <L>/);
});

describe('a CLI that explains itself', () => {
  const run = async (...args: string[]) => sxsIn(REPO, args);

  it("`sxs <command> --help` and `sxs help <command>` print the command's usage, an example and the common options", async () => {
    for (const args of [
      ['export', '--help'],
      ['help', 'export'],
      ['export', '-h'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: sxs export \[options\]\n\n {2}export \[--locale <L>\]\.\.\. \[--format xliff12\|xliff21\]/);
      expect(r.stdout).toContain('pre-filled from the translation memory');
      expect(r.stdout).toContain('Example:\n  sxs export --locale de-DE --format xliff21');
      expect(r.stdout).toContain('--config <file>');
      expect(r.stdout).not.toContain('harvest <dir>');
    }
    const check = await run('check', '--help');
    expect(check.stdout).toContain('check --merge <report.json>');
    expect((await run('build', '--help')).stdout).not.toMatch(/parseArgs|TypeError/);
  });

  it('`serve` on a busy port says so at once, with exit 2, before building anything', async () => {
    const { createServer } = await import('node:http');
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await run('serve', '--port', String(port));
      expect(r).toMatchObject({ code: 2, stdout: '', stderr: `sxs serve: port ${port} is in use: pass --port <n> (0 picks a free one)\n` });
    } finally {
      busy.close();
    }
  });

  it('suggests the command or option that was meant, with exit 2', async () => {
    expect(await run('biuld')).toMatchObject({ code: 2, stderr: 'sxs: unknown command "biuld" (did you mean build?) (see sxs help)\n' });
    expect(await run('help', 'chek')).toMatchObject({ code: 2, stderr: 'sxs help: unknown command "chek" (did you mean check?)\n' });
    expect(await run('build', '--locle', 'de-DE')).toMatchObject({ code: 2, stderr: 'sxs build: unknown option --locle (did you mean --locale?)\n' });
    expect(await run('frobnicate')).toMatchObject({ code: 2, stderr: 'sxs: unknown command "frobnicate" (see sxs help)\n' });
  });

  it('`sxs init` writes a commented configuration, the source folder and the .gitignore lines; never overwrites', async () => {
    const dir = tempDir('sxs-init-');
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\ndist\n');
    const r = await sxsIn(dir, ['init', '--source', 'docs', '--locale', 'de-DE', '--locale', 'ja-JP']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      'wrote docs/, sxs.config.json, .gitignore (.gitignore: .sxs-cache/ handoff/)\nnext: put your English Markdown in docs/, then run sxs export (handoff files for translators) and sxs build\n',
    );
    const config = readFileSync(join(dir, 'sxs.config.json'), 'utf8');
    expect(config).toMatch(/^\/\/ sxs configuration/);
    expect(config).toContain('"locales": ["de-DE", "ja-JP"]');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\ndist\n# sxs: generated\n.sxs-cache/\nhandoff/\n');
    // The commented file is a working configuration.
    writeFileSync(join(dir, 'docs', 'a.md'), '# Title\n\nOne sentence.\n');
    expect(await sxsIn(dir, ['build', '--no-html'])).toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'dist', 'de-DE', 'a.md'), 'utf8')).toContain('One sentence.');
    // Run again: refused, nothing touched.
    const again = await sxsIn(dir, ['init', '--locale', 'fr-FR']);
    expect(again).toMatchObject({ code: 2, stderr: 'sxs init: sxs.config.json already exists here: edit it, or remove it to start again\n' });
    expect(readFileSync(join(dir, 'sxs.config.json'), 'utf8')).toBe(config);
    // Without flags and without a terminal: says what to pass.
    expect((await sxsIn(tempDir('sxs-init-'), ['init'])).stderr).toMatch(/sxs init --locale de-DE/);
    expect((await sxsIn(tempDir('sxs-init-'), ['init', '--locale', 'german'])).stderr).toMatch(/not a locale tag: german/);
  });

  it('`sxs init` in a terminal asks for the source folder and the locales', async () => {
    const dir = tempDir('sxs-init-');
    const answers = ['content', '', 'fr-FR, ko-KR'];
    const asked: string[] = [];
    const r = await sxsIn(dir, ['init'], { ask: async (q) => (asked.push(q), answers.shift() ?? '') });
    expect(asked).toEqual(['Folder of the English Markdown [source] ', 'Language the documents are written in [en-US] ', 'Languages to translate into, separated by commas [de-DE] ']);
    expect(r.code).toBe(0);
    const config = readFileSync(join(dir, 'sxs.config.json'), 'utf8');
    expect(config).toContain('"source": "content"');
    expect(config).toContain('"sourceLocale": "en-US"');
    expect(config).toContain('"locales": ["fr-FR", "ko-KR"]');
  });

  it('a configuration with a JSON error says where', async () => {
    const dir = tempDir('sxs-config-');
    mkdirSync(join(dir, 'source'));
    writeFileSync(join(dir, 'sxs.config.json'), '{\n  // comments are fine\n  "sourceLocale": "en-US",\n  "locales": ["de-DE"] oops\n}\n');
    const r = await sxsIn(dir, ['build']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sxs\.config\.json: not valid JSON at line 4, column 24: /);
  });

  it('counts read in the right number: 1 sentence in 1 document', async () => {
    const { count } = await import('../pipeline/util/plural.js');
    expect([count(1, 'document'), count(0, 'document'), count(2, 'entry'), count(1, 'entry'), count(3, 'key')]).toEqual(['1 document', '0 documents', '2 entries', '1 entry', '3 keys']);
  });

  it('--quiet prints only errors, and a machine format whole', async () => {
    const dir = tempDir('sxs-quiet-');
    await sxsIn(dir, ['init', '--locale', 'de-DE']);
    writeFileSync(join(dir, 'source', 'a.md'), 'One sentence.\n');
    expect(await sxsIn(dir, ['build', '--quiet'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const check = await sxsIn(dir, ['check', '-q']);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe('source/a.md:1:1: error check/missing-file: de-DE no translations for this document: 1 segment (2 words) missing\ncheck failed: de-DE coverage 0.00% < 100%\n');
    const json = await sxsIn(dir, ['check', '--quiet', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
    expect((await sxsIn(dir, ['biuld', '-q'])).stderr).toMatch(/did you mean build/);
  });

  it("`sxs completion` prints a bash/zsh script that completes commands and each command's options", async () => {
    const bash = await run('completion', 'bash');
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -o filenames -F _sxs sxs');
    expect((await run('completion', 'zsh')).stdout).toContain('bashcompinit');
    expect((await run('completion', 'fish')).code).toBe(2);
    // The process boundary is the point: bash itself runs the script.
    const complete = (words: string[]) =>
      spawnSync('bash', ['-c', `${bash.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _sxs; echo "\${COMPREPLY[*]}"`], {
        encoding: 'utf8',
      }).stdout.trim();
    expect(complete(['sxs', 'bu'])).toBe('build');
    expect(complete(['sxs', 'export', '--f'])).toBe('--format');
    expect(complete(['sxs', 'check', '--min'])).toBe('--min-coverage');
    expect(complete(['sxs', 'init', '--source-'])).toBe('--source-locale');
  });
});
