/**
 * Hostile and broken input: every attack and fault of SECURITY.md, each through the command line
 * as users (and attackers) reach it, asserting the rule id, the position, the exit code, that
 * nothing outside the project was read or written, that the store is exactly as before, and that
 * no stack trace is printed. Commands run in this process (`main`, as bin/sxs.js calls it); as a
 * child process only where the process boundary is the point (each such place says why).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, JOURNAL_FILE } from '../pipeline/store/transaction.js';
import { sxsIn, sxsProcess } from './support/cli.js';
import { REPO, tempDir, walk } from './support/fixtures.js';
import { translate } from './support/vendor.js';

/** Whatever happens, no stack trace reaches the user. */
function noStackTrace<T extends { stdout: string; stderr: string }>(r: T): T {
  expect(r.stdout + r.stderr, 'stack trace printed').not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|\n\s+at .+:\d+:\d+\n/);
  return r;
}

/** `sxs <args>` in this process (test/support/cli.ts). */
const sxs = async (cwd: string, args: string[]) => noStackTrace(await sxsIn(cwd, args));

/** A project with one English document, translated into de-DE by an untouched export/import round trip. */
async function project(): Promise<string> {
  const dir = tempDir('sxs-hostile-');
  writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify({ locales: ['de-DE'] }));
  mkdirSync(join(dir, 'source'), { recursive: true });
  writeFileSync(
    join(dir, 'source', 'guide.md'),
    '---\ntitle: Guide\n---\n# Install\n\nRun the installer.\n\nDownload the [installer](https://example.com/x). Then restart.\n\n| a | b |\n| - | - |\n| `x` | Some text. |\n',
  );
  writeFileSync(join(dir, 'source', 'other.md'), '# Other\n\nA second page.\n');
  expect((await sxs(dir, ['export', '--locale', 'de-DE', '--format', 'xliff21'])).code).toBe(0);
  for (const f of walk(join(dir, 'handoff'))) translate(f, (s) => s.toUpperCase());
  expect((await sxs(dir, ['import', 'handoff'])).code).toBe(0);
  rmSync(join(dir, 'handoff'), { recursive: true });
  return dir;
}

/** Every file under a folder with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const f of walk(dir)) out[f.slice(dir.length)] = readFileSync(f).toString('base64');
  return out;
}

const XLIFF_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const xliff = (body: string, doctype = '') =>
  `${XLIFF_HEAD}${doctype}<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en-US" trgLang="de-DE"><file id="f1" original="guide.md"><unit id="u102"><segment id="s102" state="translated"><source>Install</source><target>${body}</target></segment></unit></file></xliff>\n`;

// A local server that records every request: nothing may ever reach it.
let requests: string[] = [];
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('<!ENTITY leak "LEAKED">');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('XML attacks are refused without expansion, file or network access', () => {
  const cases: Array<[string, () => string, RegExp | null]> = [
    [
      'XXE: an external entity naming a local file',
      () => xliff('&xxe;', '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'),
      /import\/xml: a DOCTYPE with an internal subset is not allowed/,
    ],
    ['XXE over the network', () => xliff('&xxe;', `<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "${origin}/xxe">]>\n`), /import\/xml: a DOCTYPE with an internal subset/],
    ['a parameter entity fetching a remote DTD', () => xliff('x', `<!DOCTYPE xliff [<!ENTITY % p SYSTEM "${origin}/p.dtd"> %p;]>\n`), /import\/xml: a DOCTYPE with an internal subset/],
    [
      'billion laughs',
      () => xliff('&lol9;', `<!DOCTYPE xliff [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n`),
      /import\/xml: a DOCTYPE with an internal subset/,
    ],
    ['an external DTD used for an entity', () => xliff('&leak;', `<!DOCTYPE xliff SYSTEM "${origin}/x.dtd">\n`), /import\/xml: .*undefined entity|import\/xml: .*leak/i],
    ['an external DTD that is only named (ignored, never fetched)', () => xliff('INSTALLIEREN', `<!DOCTYPE xliff SYSTEM "${origin}/named.dtd">\n`), null],
    [
      'a schemaLocation (never fetched)',
      () => xliff('INSTALLIEREN').replace('<xliff ', `<xliff xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:tc:xliff:document:2.0 ${origin}/x.xsd" `),
      null,
    ],
    ['an XInclude (never processed)', () => xliff(`<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${origin}/inc.xml"/>`), /import\/code-added|import\/xml|import\//],
  ];
  for (const [name, make, error] of cases) {
    it(name, async () => {
      const dir = await project();
      const before = snapshot(join(dir, 'translations'));
      requests = [];
      writeFileSync(join(dir, 'attack.xlf'), make());
      const r = await sxs(dir, ['import', 'attack.xlf']);
      expect(requests).toEqual([]);
      expect(r.stdout + r.stderr).not.toMatch(/root:|LEAKED|lollollol/);
      if (error) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`attack\\.xlf:\\d+:\\d+: error ${error.source}`));
        expect(snapshot(join(dir, 'translations'))).toEqual(before);
      } else expect(r.code).toBe(0);
      const v = await sxs(dir, ['validate', 'attack.xlf']);
      expect(requests).toEqual([]);
      expect(v.code === 0 || v.code === 1).toBe(true);
    });
  }

  it('oversized XLIFF (200 MB) is refused before it is read', async () => {
    const dir = await project();
    const before = snapshot(join(dir, 'translations'));
    const big = join(dir, 'big.xlf');
    writeFileSync(big, xliff('x'));
    truncateSync(big, 200 * 1024 * 1024); // sparse: no disk, no memory
    const r = await sxs(dir, ['import', 'big.xlf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/big\.xlf:1:1: error import\/too-large: the file is 200 MiB, more than the 64 MiB sxs accepts/);
    expect((await sxs(dir, ['validate', 'big.xlf'])).stdout).toMatch(/big\.xlf:1:1: error xml\/too-large/);
    expect(snapshot(join(dir, 'translations'))).toEqual(before);
  });

  it('elements nested 100,000 deep are refused', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'deep.xlf'), xliff(`${'<pc id="a">'.repeat(100_000)}x${'</pc>'.repeat(100_000)}`));
    const r = await sxs(dir, ['import', 'deep.xlf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/deep\.xlf:\d+:\d+: error import\/xml: elements nested more than 256 deep/);
  });
});

describe('path safety: nothing is read or written outside the project', () => {
  it('an original attribute pointing outside the source folder matches nothing', async () => {
    const dir = await project();
    const before = snapshot(join(dir, 'translations'));
    for (const original of ['../../outside.md', '/etc/passwd', '..\\..\\x.md', 'source/../../../x.md']) {
      writeFileSync(join(dir, 'evil.xlf'), xliff('X').replace('original="guide.md"', `original="${original}"`));
      const r = await sxs(dir, ['import', 'evil.xlf']);
      expect(r.code, original).toBe(1);
      expect(r.stderr).toMatch(/error import\/unknown-file: no source document matches original=/);
    }
    expect(snapshot(join(dir, 'translations'))).toEqual(before);
    expect(existsSync(join(dir, '..', 'outside.md.xlf'))).toBe(false);
  });

  it('a symbolic link in translations/ is never followed, for reading or writing', async () => {
    const dir = await project();
    const outside = tempDir('sxs-outside-');
    writeFileSync(join(outside, 'secret.md.xlf'), 'SECRET');
    // The whole locale folder is a link to somewhere else.
    rmSync(join(dir, 'translations', 'de-DE'), { recursive: true });
    symlinkSync(outside, join(dir, 'translations', 'de-DE'));
    const check = await sxs(dir, ['check', '--no-cache']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/: error path\/unsafe: .*de-DE is a symbolic link: sxs does not follow links/);
    const build = await sxs(dir, ['build']);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/guide\.md\.xlf:1:1: error path\/unsafe: .*is a symbolic link/);
    writeFileSync(join(dir, 'in.xlf'), xliff('INSTALLIEREN'));
    const imp = await sxs(dir, ['import', 'in.xlf']);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toMatch(/error path\/unsafe/);
    expect(readdirSync(outside)).toEqual(['secret.md.xlf']);
    expect(readFileSync(join(outside, 'secret.md.xlf'), 'utf8')).toBe('SECRET');
  });

  it('a store file that is a link to a file outside is not read', async () => {
    const dir = await project();
    const outside = join(tempDir('sxs-outside-'), 'passwd.xlf');
    writeFileSync(outside, xliff('SECRET'));
    const store = join(dir, 'translations', 'de-DE', 'other.md.xlf');
    rmSync(store, { force: true });
    symlinkSync(outside, store);
    const r = await sxs(dir, ['build', '--locale', 'de-DE']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/other\.md\.xlf:1:1: error path\/unsafe/);
    expect(readFileSync(join(dir, 'dist', 'de-DE', 'guide.md'), 'utf8')).toContain('INSTALL');
    expect(existsSync(join(dir, 'dist', 'de-DE', 'other.md'))).toBe(false);
  });

  it('a link inside dist/ is not written through', async () => {
    const dir = await project();
    const outside = tempDir('sxs-outside-');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    symlinkSync(outside, join(dir, 'dist', 'de-DE'));
    const r = await sxs(dir, ['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error path\/unsafe: .*de-DE is a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('sxs serve answers only with files inside dist/', async () => {
    const dir = await project();
    expect((await sxs(dir, ['build'])).code).toBe(0);
    const outside = tempDir('sxs-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'SECRET');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'dist', 'link.txt'));
    let log = '';
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = sxsIn(dir, ['serve', '--port', '0'], { untilStopped: () => stopped, onStdout: (text) => (log += text) });
    run.catch(() => {}); // awaited below; a crash is reported there
    try {
      await expect.poll(() => log, { timeout: 20_000 }).toMatch(/ at http:\/\/127\.0\.0\.1:\d+\//);
      const base = / at (http:\/\/127\.0\.0\.1:\d+)\//.exec(log)![1]!;
      for (const path of ['/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/link.txt', '/de-DE/..%5c..%5c..%5cetc%5cpasswd']) {
        const res = await fetch(base + path);
        const body = await res.text();
        expect([403, 404], path).toContain(res.status);
        expect(body).not.toMatch(/SECRET|root:/);
      }
      expect((await fetch(`${base}/de-DE/guide.html`)).status).toBe(200);
      expect((await fetch(`${base}/de-DE/guide.html`, { method: 'POST' })).status).toBe(405);
    } finally {
      stop();
    }
    expect(noStackTrace(await run).code).toBe(0);
  });

  it('links and dot files in source/ are not documents', async () => {
    const dir = await project();
    const outside = tempDir('sxs-outside-');
    writeFileSync(join(outside, 'secret.md'), '# Secret\n\nDo not publish.\n');
    symlinkSync(join(outside, 'secret.md'), join(dir, 'source', 'linked.md'));
    symlinkSync(outside, join(dir, 'source', 'linked-dir'));
    writeFileSync(join(dir, 'source', '.hidden.md'), '# Hidden\n');
    const r = await sxs(dir, ['build']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/from 2 documents/);
    expect(JSON.stringify(snapshot(join(dir, 'dist')))).not.toContain(Buffer.from('Do not publish').toString('base64').slice(0, 12));
    expect(existsSync(join(dir, 'dist', 'de-DE', 'linked.md'))).toBe(false);
  });
});

describe('markup injection in translations is neutralized and reported', () => {
  const payloads: Array<[string, string, RegExp]> = [
    ['a script', 'Hallo <script>alert(1)</script>', /check\/unsafe-markup: de-DE sentence 103: the translation adds <script>/],
    ['an event handler', '<img src=x onerror=alert(1)> Hallo', /check\/unsafe-markup: de-DE sentence 103: the translation adds <img>, an event handler attribute/],
    ['a javascript: link', '[Hallo](javascript:alert(1))', /check\/unsafe-markup: de-DE sentence 103: the translation adds a script URL/],
    ['an unclosed comment that would hide the page', 'Hallo <!-- ', /check\/broken-structure: de-DE sentence 103: the translation adds an HTML comment that is never closed/],
    ['a blank line that breaks the block', 'Hallo\n\nWelt', /check\/broken-structure: de-DE sentence 103: the translation contains a blank line/],
    ['a heading marker at a line start', '# Hallo', /check\/broken-structure: de-DE sentence 103: the translation starts with "#"/],
  ];
  for (const [name, target, reported] of payloads) {
    it(name, async () => {
      const dir = await project();
      const store = join(dir, 'translations', 'de-DE', 'guide.md.xlf');
      const escaped = target.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const xml = readFileSync(store, 'utf8');
      const edited = xml.replace(/(<segment id="s103"[^>]*>\s*<source>[^<]*<\/source>\s*<target>)[^<]*(<\/target>)/, `$1${escaped}$2`);
      expect(edited).not.toBe(xml);
      writeFileSync(store, edited);
      const check = await sxs(dir, ['check', '--no-cache']);
      expect(check.code).toBe(1);
      expect(check.stdout).toMatch(new RegExp(`^source/guide\\.md:6:1: error ${reported.source}`, 'm'));
      const build = await sxs(dir, ['build', '--locale', 'de-DE']);
      const html = readFileSync(join(dir, 'dist', 'de-DE', 'guide.html'), 'utf8');
      expect(html).not.toMatch(/<script>alert|onerror=|javascript:|<!-- /);
      if (/unsafe-markup|comment|blank line/.test(reported.source)) {
        expect(build.stderr).toMatch(/guide\.md\.xlf:\d+:\d+: warning build\/unsafe-target: 103: .*; the English is published instead/);
        expect(readFileSync(join(dir, 'dist', 'de-DE', 'guide.md'), 'utf8')).toContain('<span data-ttu-id="');
        expect(html).toMatch(/class="sxs-untranslated">Run the installer\.<\/span>/);
      }
    });
  }

  it('harvest refuses such translations from published files', async () => {
    const dir = await project();
    mkdirSync(join(dir, 'published'));
    writeFileSync(
      join(dir, 'published', 'other.md'),
      '# <a name="other"></a><span data-ttu-id="abcde-101">Andere<script>alert(1)</script></span><span class="sxs-lookup"><span data-stu-id="abcde-101">Other</span></span>\n\n<span data-ttu-id="abcde-102">Eine zweite Seite.</span><span class="sxs-lookup"><span data-stu-id="abcde-102">A second page.</span></span>\n',
    );
    const r = await sxs(dir, ['harvest', 'published', '--locale', 'de-DE']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/published\/other\.md:1:23: error harvest\/unsafe-target: 101: the translation adds <script>.* \(not recorded\)/);
    const stored = readFileSync(join(dir, 'translations', 'de-DE', 'other.md.xlf'), 'utf8');
    expect(stored).toContain('Eine zweite Seite.');
    expect(stored).not.toContain('script');
  });

  it('markup a translator types into XLIFF stays text', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'in.xlf'), xliff('&lt;script&gt;alert(1)&lt;/script&gt; # [x](javascript:y)'));
    expect((await sxs(dir, ['import', 'in.xlf'])).code).toBe(0);
    expect((await sxs(dir, ['check', '--no-cache'])).code).toBe(0);
    await sxs(dir, ['build']);
    expect(readFileSync(join(dir, 'dist', 'de-DE', 'guide.html'), 'utf8')).toContain('&#x3C;script>alert(1)&#x3C;/script> # [x](javascript:y)');
  });
});

describe('counts that come from the input never overflow the stack', () => {
  it('validate: an element with 200,000 attributes gets a finding per attribute, not "too deep"', async () => {
    const dir = tempDir('sxs-attrs-');
    const attrs = Array.from({ length: 200_000 }, (_, i) => `a${i}="x"`).join(' ');
    writeFileSync(join(dir, 'a.xlf'), `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" ${attrs}/>`);
    const r = await sxs(dir, ['validate', 'a.xlf']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/too-deep/);
    expect(r.stdout.match(/error xliff\/attribute: <xliff> has no attribute a\d+/g)).toHaveLength(200_000);
  });
});

describe('inputs that could stall a run', () => {
  it('a named pipe given to validate or import is refused at once (exit 2), never read', async () => {
    const dir = await project();
    const fifo = join(dir, 'pipe.xlf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const args of [
      ['validate', 'pipe.xlf'],
      ['import', 'pipe.xlf'],
    ]) {
      // A child process: a run that would wait on the pipe is killed by the timeout (and fails on
      // its signal), where in this process it would block the test runner for good.
      const r = sxsProcess(dir, args, { timeout: 20_000 });
      expect(r.signal, args[0]).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/pipe\.xlf: not a regular file or folder/);
    }
  });
});

describe('a file-system failure is a message with its path and a rule id, never an internal error', () => {
  it('build into a dist that is a file: io/enotdir at the path, exit 1', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'dist'), 'in the way\n');
    const r = await sxs(dir, ['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dist\/[^:]+:1:1: error io\/enotdir: a part of the path is a file, not a folder \(mkdir\); the command stopped there/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe('a store write that XML cannot carry is a content problem, in every command', () => {
  it('sxs pseudo on a sentence with a control character: store/character at the document, exit 1, nothing written', async () => {
    const dir = tempDir('sxs-pseudo-');
    writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify({ locales: ['qps-ploc'] }));
    mkdirSync(join(dir, 'source'), { recursive: true });
    writeFileSync(join(dir, 'source', 'bell.md'), '# Title\n\nA bell \u0007 rings.\n');
    writeFileSync(join(dir, 'source', 'fine.md'), '# Fine\n');
    const r = await sxs(dir, ['pseudo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bell\.md:1:1: error store\/character: .*U\+0007/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(existsSync(join(dir, 'translations', 'qps-ploc'))).toBe(false);
  });
});

describe('a planted store journal never reaches outside the project', () => {
  it('build, check and import refuse a journal naming paths outside the store, and touch nothing', async () => {
    const dir = await project();
    const outside = tempDir('sxs-victim-');
    const victim = join(outside, 'victim.txt');
    const decoy = join(outside, 'decoy.txt');
    writeFileSync(victim, 'precious\n');
    writeFileSync(decoy, 'decoy\n');
    const journal = join(dir, 'translations', '.sxs-journal.json');
    const store = join(dir, 'translations', 'de-DE', 'guide.md.xlf');
    const stored = readFileSync(store, 'utf8');
    expect((await sxs(dir, ['export', '--locale', 'de-DE', '--all'])).code).toBe(0);
    for (const planted of [
      { state: 'swapping', entries: [{ path: victim, tmp: decoy, backup: decoy }] },
      { state: 'swapping', entries: [{ path: victim, tmp: join(dir, 'translations', 'x.tmp') }] },
      { state: 'committed', entries: [{ path: store, tmp: join(dir, 'translations', 'x.tmp'), backup: victim }] },
      { state: 'swapping', entries: [{ path: '../../../../../../../../tmp/../etc/passwd', tmp: 'x' }] },
      { state: 'swapping', entries: 'all' },
    ]) {
      writeFileSync(journal, JSON.stringify(planted));
      for (const args of [['build'], ['check', '--no-cache'], ['import', 'handoff']]) {
        const r = await sxs(dir, args);
        expect(r.code, `${args[0]} ${JSON.stringify(planted)}`).toBe(1);
        expect(r.stderr).toMatch(/\.sxs-journal\.json:1:1: error store\/journal: (it names .* outside the store|not a journal written by sxs)/);
        expect(r.stderr).not.toMatch(/internal error/);
      }
      expect(readFileSync(victim, 'utf8')).toBe('precious\n');
      expect(readFileSync(decoy, 'utf8')).toBe('decoy\n');
      expect(readFileSync(store, 'utf8')).toBe(stored);
      expect(existsSync(journal)).toBe(true);
    }
  });
});

describe('broken input: a positioned message with a rule id, never a crash', () => {
  const sources: Array<[string, string | Buffer, RegExp | null]> = [
    ['malformed YAML front matter', '---\ntitle: [unclosed\n---\n# T\n', /bad\.md:\d+:\d+: error source\/front-matter: invalid YAML in front matter/],
    // A few hundred bytes that re-emitting would expand to about 10^9 values.
    [
      'a YAML alias bomb in front matter',
      `---\na: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefghi'
        .split('')
        .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)
        .join('\n')}\n---\n# T\n`,
      /bad\.md:3:8: error source\/front-matter: invalid YAML in front matter: an alias \(\*name\) of a mapping or sequence/,
    ],
    ['a scalar alias is a plain value', '---\ntitle: &t Title\ndescription: *t\n---\n# T\n', null],
    ['invalid UTF-8', Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x0a]), /bad\.md:1:1: error source\/encoding: the file is not valid UTF-8 \(save it as UTF-8\)/],
    ['quotes nested 10,000 deep', `${'>'.repeat(10_000)} deep\n`, /bad\.md:1:1: error source\/too-deep: nesting too deep: about 10000 levels/],
    ['lists nested 1,000 deep', `${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`, /bad\.md:\d+:1: error source\/too-deep: nesting too deep/],
    ['emphasis nested 10,000 deep', `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}\n`, /bad\.md:1:1: error source\/too-deep: a run of 10000 "\*" characters/],
    ['links nested 10,000 deep', `${'['.repeat(10_000)}x${'](u)'.repeat(10_000)}\n`, /bad\.md:1:65: error source\/too-deep: nesting too deep: more than 64 open brackets/],
    ['HTML nested 10,000 deep', `${'<div>'.repeat(10_000)}x\n`, /bad\.md:1:\d+: error source\/too-deep: HTML nested more than 256 elements deep/],
    // Formatting elements left open are reopened in every later paragraph by an HTML parser.
    [
      '3,000 paragraphs each leaving a <b class> open',
      Array.from({ length: 3000 }, (_, i) => `para ${i} <b class="c${i}">\n\n`).join(''),
      /bad\.md:\d+:\d+: error source\/too-deep: HTML nested more than 256 elements deep/,
    ],
    // Real API tables: `Type<any>` in 1,000 rows is text in cells that close with their row.
    ['`Type<any>` in 1,000 table rows', `| a | b |\n|---|---|\n${Array.from({ length: 1000 }, (_, i) => `| f(x: Result<any>) | row ${i} |\n`).join('')}`, null],
    ['BOM, CRLF, tabs, NBSP and mixed line endings', '\uFEFF# Title\r\n\r\nOne\u00a0sentence.\tTwo sentences.\nThree.\r\n', null],
    ['an empty file', '', null],
    ['only front matter', '---\ntitle: Only front matter\n---\n', null],
  ];
  for (const [name, content, error] of sources) {
    it(`source: ${name}`, async () => {
      const dir = await project();
      writeFileSync(join(dir, 'source', 'bad.md'), content);
      const r = await sxs(dir, ['build']);
      if (error) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(error);
        expect(r.stdout).toMatch(/from 2 documents/);
      } else {
        expect(r.stderr).not.toMatch(/error/);
        expect(r.code).toBe(0);
      }
      const c = await sxs(dir, ['check', '--no-cache', '--min-coverage', '0']);
      expect(c.code).toBe(error ? 1 : 0);
    });
  }

  it('a 1 GB source file (one line) is refused before it is read', async () => {
    const dir = await project();
    const file = join(dir, 'source', 'huge.md');
    writeFileSync(file, '# x');
    truncateSync(file, 1024 * 1024 * 1024);
    const r = await sxs(dir, ['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.md:1:1: error source\/too-large: the file is 1024 MiB, more than the 8 MiB sxs accepts/);
    // The incremental record does not read it either (it once hashed the whole gigabyte first).
    const { Manifest } = await import('../pipeline/util/manifest.js');
    expect(new Manifest(join(dir, '.sxs-cache'), 'probe', [], dir).inputHash(file)).toMatch(/^\u0000too-large:1073741824:/);
  });

  const returned: Array<[string, string | Buffer, RegExp]> = [
    ['malformed XML', xliff('x').replace('</segment>', '</segmnt>'), /bad\.xlf:2:\d+: error import\/xml: /],
    ['truncated XML', xliff('x').slice(0, 200), /bad\.xlf:\d+:\d+: error import\/xml: /],
    ['invalid UTF-8', Buffer.concat([Buffer.from(xliff('x').slice(0, 300)), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(xliff('x').slice(300))]), /bad\.xlf:\d+:\d+: error import\/xml: /],
    ['not XLIFF', '<?xml version="1.0"?><html><body/></html>', /bad\.xlf:1:\d+: error import\/xml: /],
    ['an empty file', '', /bad\.xlf:1:1: error import\/xml: /],
  ];
  for (const [name, content, error] of returned) {
    it(`returned XLIFF: ${name}`, async () => {
      const dir = await project();
      const before = snapshot(join(dir, 'translations'));
      writeFileSync(join(dir, 'bad.xlf'), content);
      const r = await sxs(dir, ['import', 'bad.xlf']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(error);
      expect(snapshot(join(dir, 'translations'))).toEqual(before);
    });
  }

  it('a corrupt store file is reported with its position and never overwritten by harvest', async () => {
    const dir = await project();
    const store = join(dir, 'translations', 'de-DE', 'guide.md.xlf');
    writeFileSync(
      store,
      '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f1" original="guide.md"><unit id="u1"><segment id="bad"><source>x</source></segment></unit></file></xliff>\n',
    );
    const before = readFileSync(store);
    const b = await sxs(dir, ['build']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/guide\.md\.xlf:1:\d+: error store\/format: segment id must be s<N>, sp<N> or sr<N>/);
    const c = await sxs(dir, ['check', '--no-cache']);
    expect(c.stdout).toMatch(/error +store\/format/);
    mkdirSync(join(dir, 'published'));
    writeFileSync(join(dir, 'published', 'guide.md'), '# <span data-ttu-id="abcde-102">X</span><span class="sxs-lookup"><span data-stu-id="abcde-102">Install</span></span>\n');
    await sxs(dir, ['harvest', 'published', '--locale', 'de-DE']);
    expect(readFileSync(store)).toEqual(before);
  });
});

describe('no data loss', () => {
  async function twoFileImport(dir: string): Promise<void> {
    // Two returned files: the import changes two store files.
    expect((await sxs(dir, ['export', '--locale', 'de-DE', '--format', 'xliff21', '--all'])).code).toBe(0);
    for (const f of walk(join(dir, 'handoff'))) translate(f, (s) => `${s}!`);
  }

  for (const killAt of [0, 1]) {
    it(`an import killed (SIGKILL) before store file ${killAt + 1} of 2 is swapped in leaves the store exactly as before`, async () => {
      const dir = await project();
      await twoFileImport(dir);
      const before = snapshot(join(dir, 'translations'));
      // A child process: the import kills itself (SIGKILL) midway.
      const r = sxsProcess(dir, ['import', 'handoff'], { env: { SXS_TEST_KILL_BEFORE_SWAP: String(killAt) } });
      expect(r.signal).toBe('SIGKILL');
      // The dead import left its lock and journal; the next command recovers.
      expect(existsSync(join(dir, 'translations', JOURNAL_FILE))).toBe(true);
      const check = await sxs(dir, ['check', '--no-cache']);
      expect(check.code).toBe(0);
      expect(snapshot(join(dir, 'translations'))).toEqual(before);
      // And the import, run again, completes.
      expect((await sxs(dir, ['import', 'handoff'])).code).toBe(0);
      expect(readFileSync(join(dir, 'translations', 'de-DE', 'other.md.xlf'), 'utf8')).toContain('A second page.!');
    });
  }

  it('two imports at once do not interleave: the second is refused with a clear message', async () => {
    const dir = await project();
    await twoFileImport(dir);
    // A live process holds the lock (an import in progress).
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    writeFileSync(join(dir, 'translations', LOCK_FILE), JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname(), command: 'import', started: '2026-11-23T10:00:00.000Z' }));
    const before = snapshot(join(dir, 'translations'));
    try {
      const r = await sxs(dir, ['import', 'handoff']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `\\.sxs-lock:1:1: error store/locked: the translations are being changed by sxs import \\(pid ${holder.pid} on .+, since 2026-11-23T10:00:00\\.000Z\\): run this again when it has finished; if that process no longer exists, delete .*\\.sxs-lock`,
        ),
      );
      expect(snapshot(join(dir, 'translations'))).toEqual(before);
    } finally {
      holder.kill();
    }
    await new Promise((r) => holder.once('exit', r));
    // The holder is gone: its lock is stale and taken over.
    expect((await sxs(dir, ['import', 'handoff'])).code).toBe(0);
    expect(existsSync(join(dir, 'translations', LOCK_FILE))).toBe(false);
  });

  it('a stale lock is taken over by one process only, and each releases only its own lock', async () => {
    // Six processes at once find a lock left by a dead process; those that get in log enter/leave.
    const script = `
      const { withStoreLock, StoreLockedError } = await import(${JSON.stringify(join(REPO, 'lib', 'store', 'transaction.js'))});
      const { appendFileSync } = await import('node:fs');
      const [root, log, start] = process.argv.slice(1);
      while (Date.now() < Number(start));
      try {
        withStoreLock(root, 'race', () => {
          appendFileSync(log, 'enter ' + process.pid + '\\n');
          const until = Date.now() + 150;
          while (Date.now() < until);
          appendFileSync(log, 'leave ' + process.pid + '\\n');
        });
      } catch (e) {
        if (!(e instanceof StoreLockedError)) throw e;
      }`;
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid ?? 999999;
    for (let trial = 0; trial < 8; trial++) {
      const root = tempDir('sxs-race-');
      const log = join(root, 'log.txt');
      writeFileSync(log, '');
      writeFileSync(join(root, LOCK_FILE), JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), command: 'import', started: '2026-01-01T00:00:00.000Z' }));
      // All start taking the lock at the same moment.
      const start = String(Date.now() + 1500);
      const runs = Array.from({ length: 6 }, () => spawn(process.execPath, ['--input-type=module', '-e', script, root, log, start], { stdio: 'inherit' }));
      const codes = await Promise.all(runs.map((c) => new Promise<number | null>((r) => c.once('exit', r))));
      expect(codes.every((c) => c === 0)).toBe(true);
      const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      // Never two inside at once: every enter is followed by the same process's leave.
      for (let i = 0; i < lines.length; i += 2) {
        expect(lines[i]!.startsWith('enter ')).toBe(true);
        expect(lines[i + 1]).toBe(lines[i]!.replace('enter', 'leave'));
      }
      expect(existsSync(join(root, LOCK_FILE))).toBe(false);
      expect(readdirSync(root).filter((f) => f.startsWith(LOCK_FILE))).toEqual([]);
    }
  });

  it('build, check, export and a failing import never change a translation', async () => {
    const dir = await project();
    const before = snapshot(join(dir, 'translations'));
    await sxs(dir, ['build']);
    await sxs(dir, ['build', '--plain']);
    await sxs(dir, ['check']);
    await sxs(dir, ['export', '--locale', 'de-DE', '--all']);
    writeFileSync(join(dir, 'bad.xlf'), xliff('x').replace('<source>Install</source>', '<source>Changed</source>'));
    expect((await sxs(dir, ['import', 'bad.xlf'])).code).toBe(1);
    expect(snapshot(join(dir, 'translations'))).toEqual(before);
  });
});

describe('what a killed run or a replaced file leaves behind', () => {
  /** The pid of a process that has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  it("temporary files of a killed run are removed by the next run that holds the store (export, import, harvest) or writes dist/ (build); a live writer's are kept", async () => {
    const dir = await project();
    const store = join(dir, 'translations', 'de-DE');
    const dead = join(store, `guide.md.xlf.${deadPid()}.deadbeef.tmp`);
    const deadBackup = join(store, `guide.md.xlf.${deadPid()}.0badf00d.tmp.bak`);
    // Another process that is alive (this process is the writer itself: sxs runs in it).
    const live = join(store, `guide.md.xlf.${process.ppid}.cafebabe.tmp`);
    const page = join(dir, 'dist', 'de-DE', `guide.md.${deadPid()}.12345678.tmp`);
    mkdirSync(join(dir, 'dist', 'de-DE'), { recursive: true });
    for (const f of [dead, deadBackup, live, page]) writeFileSync(f, 'half a file');
    expect((await sxs(dir, ['export', '--locale', 'de-DE', '--format', 'xliff21', '--all'])).code).toBe(0);
    expect([existsSync(dead), existsSync(deadBackup), existsSync(live)]).toEqual([false, false, true]);
    expect((await sxs(dir, ['build', '--no-html'])).code).toBe(0);
    expect(existsSync(page)).toBe(false);
    expect(readFileSync(join(store, 'guide.md.xlf'), 'utf8')).toContain('RUN THE INSTALLER.');
  });

  it('a file-system error in a worker thread is reported as in the main thread (io/<code>, path), not as an internal error', async () => {
    const dir = tempDir('sxs-workers-');
    mkdirSync(join(dir, 'source'));
    for (let i = 1; i <= 20; i++) writeFileSync(join(dir, 'source', `d${i}.md`), `# Doc ${i}\n\nHello world number ${i}.\n`);
    writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify({ locales: ['de-DE'] }));
    // A folder where a page goes: the rename of the page onto it fails (EISDIR) inside a worker.
    mkdirSync(join(dir, 'dist', 'de-DE', 'd7.md'), { recursive: true });
    // A child process: worker threads run the compiled lib/; from the TypeScript sources a run stays in one thread.
    const r = noStackTrace(sxsProcess(dir, ['build', '--no-html', '--no-cache', '--jobs', '2']));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/d7\.md\.\d+\.[0-9a-f]{8}\.tmp:1:1: error io\/eisdir: a folder is in the way of a file \(rename\)/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('serve rebuilds a page each time an import replaces its store file (rename), not only the first time', async () => {
    const { serve } = await import('../pipeline/commands/serve.js');
    const { loadConfig } = await import('../pipeline/core/config.js');
    const dir = await project();
    const lines: string[] = [];
    const server = await serve({ config: loadConfig(dir), configFile: join(dir, 'sxs.config.json'), port: 0, host: '127.0.0.1', log: (l) => lines.push(l) });
    try {
      const store = join(dir, 'translations', 'de-DE', 'guide.md.xlf');
      for (const round of [1, 2, 3]) {
        const text = readFileSync(store, 'utf8').replace(/RUN THE INSTALLER\.( \(\d\))?/, `RUN THE INSTALLER. (${round})`);
        const tmp = `${store}.${process.pid}.0000000${round}.tmp`;
        writeFileSync(tmp, text);
        renameSync(tmp, store);
        await expect.poll(async () => (await fetch(`${server.url}de-DE/guide.html`)).text(), { timeout: 10_000 }).toContain(`RUN THE INSTALLER. (${round})`);
      }
    } finally {
      await server.close();
    }
  });
});
