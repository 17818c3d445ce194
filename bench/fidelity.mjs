#!/usr/bin/env node
/**
 * npm run fidelity — lossless migration on real published files (issue 13).
 *
 * For every <family>/<locale> of the corpus (default ../shared/fixtures/msdocs-corpus) that has its
 * English in <family>/<locale>.en: copy the English into a fresh workspace as source/, run
 * `sxs harvest` on the published bilingual files and `sxs build --no-html`, each as a whole process
 * (as a user runs them), then count per family and locale:
 *   identical  rebuilt files byte-identical to the published ones;
 *   lost       published translations (span pairs whose TARGET differs from SOURCE) that the rebuilt
 *              file does not carry as the same TARGET and SOURCE (ids may differ);
 *   retired    of those, the ones whose English is no longer in the document as it was (harvest reports
 *              them and keeps them, as retired leverage or as the stale translation of the edited
 *              sentence): reported apart, not counted as lost;
 *   withheld   of those, the ones harvest kept but build does not publish because they would break
 *              the page (a blank line inside an HTML table cell): reported apart.
 * Prints the table, the totals per family and overall, and the harvest and build times.
 *
 * Options: --corpus <dir>, --family <name> (repeatable), --limit <n> (first n files per locale),
 * --keep <dir> (keep each workspace there, with misses.txt and lost.tsv), --jobs <n>, --sxs <bin/sxs.js>
 * (another sxs to measure, say an earlier checkout).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { markdownFiles } from './peer/files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
let sxs = join(repo, 'bin', 'sxs.js');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    family: { type: 'string', multiple: true },
    limit: { type: 'string' },
    keep: { type: 'string' },
    jobs: { type: 'string' },
    sxs: { type: 'string' },
  },
});
if (values.sxs) sxs = values.sxs;
const corpus = values.corpus ?? join(repo, '..', 'shared', 'fixtures', 'msdocs-corpus');
const limit = values.limit ? Number(values.limit) : Infinity;
if (!existsSync(corpus)) {
  console.error(`fidelity: no corpus at ${corpus}`);
  process.exit(2);
}

const PAIR = /<span data-ttu-id="[^"]*">([\s\S]*?)<\/span><span class="sxs-lookup"><span data-stu-id="[^"]*">([\s\S]*?)<\/span><\/span>/g;
const pairsOf = (text) => [...text.matchAll(PAIR)].map((m) => [m[1], m[2]]);

function run(args, cwd) {
  const t0 = process.hrtime.bigint();
  const env = { ...process.env };
  if (values.jobs) env.SXS_JOBS = values.jobs;
  const r = spawnSync(process.execPath, [sxs, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const rows = [];
const families = readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
for (const family of families) {
  if (values.family && !values.family.includes(family)) continue;
  const locales = readdirSync(join(corpus, family))
    .filter((l) => !l.endsWith('.en') && existsSync(join(corpus, family, `${l}.en`)))
    .sort();
  for (const locale of locales) {
    const published = join(corpus, family, locale);
    const english = join(corpus, family, `${locale}.en`);
    const ws = values.keep ? join(values.keep, family, locale) : mkdtempSync(join(tmpdir(), 'sxs-fidelity-'));
    rmSync(ws, { recursive: true, force: true });
    mkdirSync(join(ws, 'source'), { recursive: true });
    const files = markdownFiles(published).slice(0, limit);
    let input = published;
    if (limit !== Infinity) {
      input = join(ws, 'published');
      for (const f of files) {
        mkdirSync(dirname(join(input, f)), { recursive: true });
        cpSync(join(published, f), join(input, f));
      }
    }
    for (const f of markdownFiles(english)) {
      if (limit !== Infinity && !files.includes(f)) continue;
      mkdirSync(dirname(join(ws, 'source', f)), { recursive: true });
      cpSync(join(english, f), join(ws, 'source', f));
    }
    writeFileSync(join(ws, 'sxs.config.json'), JSON.stringify({ sourceLocale: 'en-US', locales: [locale], source: 'source', translations: 'translations', dist: 'dist' }) + '\n');
    const h = run(['harvest', input, '--locale', locale, ...(process.env.FIDELITY_NO_JSON ? [] : ['--json'])], ws);
    const b = run(['build', '--no-html', '--no-cache', '--locale', locale], ws);
    writeFileSync(join(ws, 'harvest.json'), h.stdout);
    writeFileSync(join(ws, 'harvest.log'), h.stderr);
    writeFileSync(join(ws, 'build.log'), b.stdout + b.stderr);
    // What harvest reported as kept but not published (retired, or stale for an edited sentence), by file.
    const reported = new Map();
    const withheld = new Map();
    try {
      const report = JSON.parse(h.stdout);
      for (const f of report.documents ?? []) {
        reported.set(
          f.path,
          [...(f.retired ?? []), ...(f.stale ?? [])].map((r) => r.source),
        );
        withheld.set(
          f.path,
          (f.withheld ?? []).map((r) => r.source),
        );
      }
    } catch {
      // An older sxs without --json: nothing is known as retired.
    }
    const isReported = (f, s) => (reported.get(f) ?? []).some((r) => r === s || r.includes(s));
    const row = { family, locale, files: files.length, same: 0, spans: 0, lost: 0, retired: 0, withheld: 0, harvest: h.seconds, build: b.seconds };
    const misses = [];
    const lostLines = [];
    for (const f of files) {
      const a = readFileSync(join(published, f), 'utf8');
      const out = join(ws, 'dist', locale, f);
      const bText = existsSync(out) ? readFileSync(out, 'utf8') : '';
      const pubPairs = pairsOf(a).filter(([t, s]) => t !== s);
      row.spans += pubPairs.length;
      if (a === bText) {
        row.same++;
        continue;
      }
      misses.push(f);
      const have = new Set(pairsOf(bText).map(([t, s]) => `${t}\u0000${s}`));
      for (const [t, s] of pubPairs) {
        if (have.has(`${t}\u0000${s}`)) continue;
        if (isReported(f, s)) {
          row.retired++;
          continue;
        }
        if ((withheld.get(f) ?? []).some((w) => w === s || s.includes(w) || w.includes(s))) {
          row.withheld++;
          continue;
        }
        row.lost++;
        lostLines.push(`${f}\t${s.slice(0, 200)}`);
      }
    }
    if (values.keep) {
      writeFileSync(join(ws, 'misses.txt'), misses.map((m) => `${m}\n`).join(''));
      writeFileSync(join(ws, 'lost.tsv'), lostLines.map((m) => `${m}\n`).join(''));
    } else rmSync(ws, { recursive: true, force: true });
    rows.push(row);
    console.log(line(`${family} ${locale}`, row));
  }
}

function pct(a, b, digits = 1) {
  return b === 0 ? '—' : `${((100 * a) / b).toFixed(digits)}%`;
}
function line(label, r) {
  return `| ${label} | ${r.same} / ${r.files} (${pct(r.same, r.files)}) | ${r.lost} / ${r.spans} (${pct(r.lost, r.spans, 2)}) | ${r.retired} | ${r.withheld} | ${r.harvest.toFixed(1)} s | ${r.build.toFixed(1)} s |`;
}
function sum(rs) {
  return rs.reduce(
    (a, r) => ({
      same: a.same + r.same,
      files: a.files + r.files,
      spans: a.spans + r.spans,
      lost: a.lost + r.lost,
      retired: a.retired + r.retired,
      withheld: a.withheld + r.withheld,
      harvest: a.harvest + r.harvest,
      build: a.build + r.build,
    }),
    { same: 0, files: 0, spans: 0, lost: 0, retired: 0, withheld: 0, harvest: 0, build: 0 },
  );
}
console.log('');
console.log('| family / locale | rebuilt byte-identical | published translations lost | retired or stale (English gone or edited) | withheld (kept, would break the page) | harvest | build |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(line(`${r.family} ${r.locale}`, r));
for (const fam of [...new Set(rows.map((r) => r.family))]) console.log(line(`**${fam}**`, sum(rows.filter((r) => r.family === fam))));
console.log(line('**all**', sum(rows)));
if (values.keep) appendFileSync(join(values.keep, 'table.md'), rows.map((r) => line(`${r.family} ${r.locale}`, r)).join('\n') + '\n');
