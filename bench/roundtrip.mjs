#!/usr/bin/env node
/**
 * npm run roundtrip — the localization filter's standard test (issue 18), as a user runs it: for
 * every English Markdown file of a folder (default ../shared/fixtures/bench), `sxs export --all`,
 * target = source in every handoff segment, `sxs import`, `sxs build --faithful`, and count the
 * localized files byte-identical to their English. Prints the count and the first differences.
 *
 * Options: --dir <folder> (repeatable), --limit <n>, --keep <dir> (keep the workspace there),
 * --format xliff12|xliff21 (default xliff21), --sxs <bin/sxs.js>.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', multiple: true },
    limit: { type: 'string' },
    keep: { type: 'string' },
    format: { type: 'string' },
    sxs: { type: 'string' },
  },
});
const sxs = values.sxs ?? join(repo, 'bin', 'sxs.js');
const dirs = values.dir ?? [join(repo, '..', 'shared', 'fixtures', 'bench')];
const limit = values.limit ? Number(values.limit) : Infinity;
const format = values.format ?? 'xliff21';

/** Files under `root` whose name matches `name`, relative to `root` with `/`, sorted. */
function walk(root, name = /\.md$/i, dir = root, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(root, name, p, out);
    else if (name.test(e.name)) out.push(relative(root, p).split('\\').join('/'));
  }
  return out.sort();
}

function run(args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [sxs, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, out: r.stdout + r.stderr, status: r.status };
}

/** Every segment's target = its source, confirmed (XLIFF 2: <segment state="translated">; 1.2: <target state="translated">). */
function targetIsSource(xml) {
  const v2 = /urn:oasis:names:tc:xliff:document:2/.test(xml);
  if (v2) xml = xml.replace(/<segment\b(?![^>]*\bstate=)/g, '<segment state="translated"');
  return xml.replace(/<source([^>]*)>([\s\S]*?)<\/source>(\s*<target[^>]*>[\s\S]*?<\/target>|\s*<target[^>]*\/>)?/g, (_m, attrs, inner) => {
    return `<source${attrs}>${inner}</source><target${v2 ? '' : ' state="translated"'}>${inner}</target>`;
  });
}

let total = 0;
let same = 0;
const misses = [];
const times = { export: 0, import: 0, build: 0 };
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.error(`roundtrip: no folder ${dir}`);
    process.exit(2);
  }
  const files = walk(dir).slice(0, limit);
  const ws = values.keep ? join(values.keep, dir.split('/').filter(Boolean).pop()) : mkdtempSync(join(tmpdir(), 'sxs-roundtrip-'));
  rmSync(ws, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(ws, 'source', f)), { recursive: true });
    cpSync(join(dir, f), join(ws, 'source', f));
  }
  writeFileSync(join(ws, 'sxs.config.json'), JSON.stringify({ sourceLocale: 'en-US', locales: ['fr-FR'], output: { profile: 'faithful' } }) + '\n');
  const e = run(['export', '--all', '--locale', 'fr-FR', '--format', format, '-q'], ws);
  times.export += e.seconds;
  if (e.status !== 0 && e.status !== 1) console.error(e.out.slice(0, 2000));
  const handoff = join(ws, 'handoff');
  for (const x of existsSync(handoff) ? walk(handoff, /\.xlf$/) : []) writeFileSync(join(handoff, x), targetIsSource(readFileSync(join(handoff, x), 'utf8')));
  const i = run(['import', join(ws, 'handoff'), '-q'], ws);
  times.import += i.seconds;
  if (i.status !== 0) {
    // Nothing imported would leave every sentence English: a round trip that proves nothing.
    console.error(`roundtrip: import failed (exit ${i.status}):\n${i.out.slice(0, 2000)}`);
    process.exit(2);
  }
  const b = run(['build', '--no-html', '--no-cache', '-q'], ws);
  times.build += b.seconds;
  if (b.status !== 0 && b.status !== 1) console.error(b.out.slice(0, 2000));
  for (const f of files) {
    total++;
    const out = join(ws, 'dist', 'fr-FR', f);
    const a = readFileSync(join(dir, f));
    const got = existsSync(out) ? readFileSync(out) : Buffer.alloc(0);
    if (a.equals(got)) same++;
    else misses.push(join(dir, f));
  }
  if (!values.keep) rmSync(ws, { recursive: true, force: true });
}

console.log(`round trip (export --all, target = source, import, build --faithful): ${same} / ${total} byte-identical`);
console.log(`export ${times.export.toFixed(1)} s, import ${times.import.toFixed(1)} s, build ${times.build.toFixed(1)} s`);
if (misses.length) console.log(`differ:\n${misses.slice(0, 20).join('\n')}${misses.length > 20 ? `\n… ${misses.length - 20} more` : ''}`);
process.exit(same === total ? 0 : 1);
