#!/usr/bin/env node
/**
 * The linguistic QA rules (issue 20) on real published translations: how many findings each rule
 * makes per locale, and a reproducible random sample of them to review by hand (docs/qa-review.md).
 *
 *   node bench/qa-corpus.mjs harvest   every <family>/<locale> of the corpus (default
 *                                      ../shared/fixtures/msdocs-corpus) harvested once into
 *                                      <dir>/<family>/<locale> (default /tmp/qa-corpus); kept, reused
 *   node bench/qa-corpus.mjs check     `sxs check --format json` on each, with every QA rule on (as
 *                                      warnings); the reports go to <dir>/<family>/<locale>/qa.json;
 *                                      prints the findings per rule per locale (Markdown table)
 *   node bench/qa-corpus.mjs sample [--rule <id>]... [--size 30] [--seed 20]
 *                                      a seeded random sample of each rule's findings over all
 *                                      locales, each with its English and translation from the store
 *
 * Options: --corpus <dir>, --dir <dir>, --family <name> (repeatable), --sxs <bin/sxs.js>.
 * Run `npm run build` first: the CLI runs from lib/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { markdownFiles } from './peer/files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: 'string' },
    dir: { type: 'string' },
    family: { type: 'string', multiple: true },
    sxs: { type: 'string' },
    rule: { type: 'string', multiple: true },
    size: { type: 'string' },
    seed: { type: 'string' },
  },
});
const sxs = values.sxs ?? join(repo, 'bin', 'sxs.js');
const corpus = values.corpus ?? join(repo, '..', 'shared', 'fixtures', 'msdocs-corpus');
const dir = values.dir ?? '/tmp/qa-corpus';
const step = positionals[0];

function run(args, cwd) {
  const r = spawnSync(process.execPath, [sxs, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Every family/locale of the corpus with its English. */
function pairs() {
  const out = [];
  const families = readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const family of families.map((e) => e.name).sort()) {
    if (values.family && !values.family.includes(family)) continue;
    const locales = readdirSync(join(corpus, family), { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const locale of locales.map((e) => e.name).sort()) {
      if (!locale.endsWith('.en') && existsSync(join(corpus, family, `${locale}.en`))) out.push({ family, locale, ws: join(dir, family, locale) });
    }
  }
  return out;
}

function harvest() {
  for (const { family, locale, ws } of pairs()) {
    if (existsSync(join(ws, 'harvested'))) {
      console.log(`${family} ${locale}: already harvested (${ws})`);
      continue;
    }
    rmSync(ws, { recursive: true, force: true });
    mkdirSync(join(ws, 'source'), { recursive: true });
    const english = join(corpus, family, `${locale}.en`);
    for (const f of markdownFiles(english)) {
      mkdirSync(dirname(join(ws, 'source', f)), { recursive: true });
      cpSync(join(english, f), join(ws, 'source', f));
    }
    writeFileSync(join(ws, 'sxs.config.json'), JSON.stringify({ sourceLocale: 'en-US', locales: [locale], source: 'source', translations: 'translations', dist: 'dist' }) + '\n');
    const t0 = Date.now();
    const h = run(['harvest', join(corpus, family, locale), '--locale', locale], ws);
    writeFileSync(join(ws, 'harvest.log'), h.stdout + h.stderr);
    writeFileSync(join(ws, 'harvested'), `${h.status}\n`);
    console.log(`${family} ${locale}: harvested in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit ${h.status})`);
  }
}

/** Every QA rule the build knows (lib/core/qa-settings.js), on as a warning. */
async function allRules() {
  const { QA_DEFAULTS } = await import('../lib/core/qa-settings.js');
  return Object.fromEntries(Object.keys(QA_DEFAULTS).map((id) => [id, 'warning']));
}

async function check() {
  const rules = await allRules();
  const table = new Map();
  const locales = [];
  for (const { family, locale, ws } of pairs()) {
    if (!existsSync(join(ws, 'harvested'))) {
      console.error(`${family} ${locale}: not harvested (run the harvest step first)`);
      process.exit(2);
    }
    const config = JSON.parse(readFileSync(join(ws, 'sxs.config.json'), 'utf8'));
    writeFileSync(join(ws, 'qa-all.json'), JSON.stringify({ ...config, qa: { rules } }) + '\n');
    const t0 = Date.now();
    const r = run(['check', '--config', 'qa-all.json', '--format', 'json', '--no-cache', '--min-coverage', '0', '--jobs', '1'], ws);
    writeFileSync(join(ws, 'qa.json'), r.stdout);
    const report = JSON.parse(r.stdout);
    const label = `${family} ${locale}`;
    locales.push(label);
    const segments = report.locales.reduce((n, l) => n + l.segments.translated, 0);
    table.set(`segments\u0000${label}`, segments);
    for (const f of report.findings) {
      if (!f.rule.startsWith('qa/')) continue;
      const key = `${f.rule}\u0000${label}`;
      table.set(key, (table.get(key) ?? 0) + 1);
    }
    console.error(`${label}: checked in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${segments} translated segments`);
  }
  const ids = Object.keys(rules);
  console.log(`| rule | ${locales.join(' | ')} | all |`);
  console.log(`| --- |${locales.map(() => ' ---: |').join('')} ---: |`);
  for (const id of ['segments', ...ids]) {
    const cells = locales.map((l) => table.get(`${id}\u0000${l}`) ?? 0);
    const name = id === 'segments' ? 'translated segments' : `\`${id}\``;
    console.log(`| ${name} | ${cells.join(' | ')} | ${cells.reduce((a, b) => a + b, 0)} |`);
  }
}

/** mulberry32: a small seeded generator, so that a sample is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded sample of each rule's findings over every locale (the reports of the check step), with their texts. */
async function sample() {
  const { loadStoredDoc } = await import('../lib/store/store.js');
  const size = Number(values.size ?? 30);
  const seed = Number(values.seed ?? 20);
  const byRule = new Map();
  for (const { family, locale, ws } of pairs()) {
    const report = JSON.parse(readFileSync(join(ws, 'qa.json'), 'utf8'));
    for (const f of report.findings) {
      if (!f.rule.startsWith('qa/') || (values.rule && !values.rule.includes(f.rule))) continue;
      if (!byRule.has(f.rule)) byRule.set(f.rule, []);
      byRule.get(f.rule).push({ family, locale, ws, ...f });
    }
  }
  for (const [rule, all] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Fisher–Yates over the findings in report order (family, locale, file, position), the first `size` kept.
    const next = random(seed);
    const list = [...all];
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    console.log(`## ${rule}: ${Math.min(size, list.length)} of ${all.length}\n`);
    list.slice(0, size).forEach((f, n) => {
      const path = relative(join(f.ws, 'source'), join(f.ws, f.file)).split('\\').join('/');
      const stored = loadStoredDoc(join(f.ws, 'translations'), f.locale, path);
      const t = stored?.translations.find((x) => x.id === f.id);
      console.log(`${n + 1}. ${f.family} ${f.locale} ${path}:${f.line} (${f.id}) — ${f.message}`);
      if (t) console.log(`   EN: ${JSON.stringify(t.source)}\n   ${f.locale}: ${JSON.stringify(t.target)}`);
      console.log('');
    });
  }
}

const STEPS = { harvest, check, sample };
if (!STEPS[step]) {
  console.error(`usage: node bench/qa-corpus.mjs ${Object.keys(STEPS).join('|')} [options]`);
  process.exit(2);
}
await STEPS[step]();
