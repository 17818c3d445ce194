#!/usr/bin/env node
/**
 * npm run bench:growth — does any command grow faster than its input?
 *
 * For each input shape (below) and each size (10 KB, 100 KB, 1 MB by default), a fresh project with one
 * English document of that size runs every command as a whole process, as a user would:
 *   export (XLIFF 2.1), validate (the handoff), import (the handoff returned translated), build (bilingual
 *   Markdown and HTML, cold), check, and harvest (of the built bilingual file, into a fresh store).
 * Printed: seconds per command and size, and the growth ratio from one size to the next. Linear work grows
 * about 10× for 10× the input; the target is at most 15×. Shapes are the ones that once made a step
 * quadratic: a single long paragraph with emphasis markers, brackets, code spans, `<`, or sentence ends
 * repeated, and many short paragraphs of plain prose.
 *
 * Options: --sizes 10,100,1000 (KB), --shapes prose,stars,… , --commands export,validate,…, --timeout <s>
 * (per command, default 300: a step that takes longer is printed as > timeout).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'bin', 'sxs.js');
const { values } = parseArgs({ options: { sizes: { type: 'string' }, shapes: { type: 'string' }, commands: { type: 'string' }, timeout: { type: 'string' } } });
const sizes = (values.sizes ?? '10,100,1000').split(',').map((s) => Number(s) * 1024);
const timeout = Number(values.timeout ?? 300) * 1000;

/** Repeats `unit` (numbered so no two sentences are the same) until `bytes`. */
const fill = (bytes, unit) => {
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += unit(i);
  return out;
};
const SHAPES = {
  prose: (n) => `# Growth\n\n${fill(n, (i) => `${i % 8 === 7 ? '\n\n' : ''}Sentence number ${i} says something about the product, with a [link](https://example.com/${i}) and \`code${i}\`. `)}\n`,
  stars: (n) => `# Stars\n\n${fill(n, (i) => `*word${i}* **bold${i}** `)}\n`,
  brackets: (n) => `# Brackets\n\n${fill(n, (i) => `[item ${i}] (note) [ref${i}][] `)}\n`,
  code: (n) => `# Code\n\n${fill(n, (i) => `\`a${i}\` `)}\n`,
  lt: (n) => `# Less than\n\n${fill(n, (i) => `a${i} < b${i} <c${i} `)}\n`,
  ends: (n) => `# Ends\n\n${fill(n, (i) => `Step ${i}. `)}\n`,
  breaks: (n) => `# Breaks\n\n${fill(n, (i) => `Line ${i} of the address.  \n`)}\n`,
  table: (n) => `# Table\n\n| Name | Description |\n|---|---|\n${fill(n, (i) => `| **item${i}** | Row ${i} describes the item. It has two sentences. |\n`)}\n`,
  list: (n) => `# List\n\n${fill(n, (i) => `- Item ${i} says something. [More](https://example.com/${i}).\n`)}\n`,
  lazy: (n) => `# Lazy\n\n${fill(n, (i) => `> Quoted line ${i} of the note.\nLazy continuation ${i} of the same paragraph.\n`)}\n`,
};
const shapes = (values.shapes ?? Object.keys(SHAPES).join(',')).split(',');
const COMMANDS = ['export', 'validate', 'import', 'build', 'check', 'harvest'];
const commands = (values.commands ?? COMMANDS.join(',')).split(',');

function sxs(cwd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 1 << 30 });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.error?.code === 'ETIMEDOUT' || r.signal) return { s: Infinity, ok: false, out: `timed out after ${timeout / 1000} s` };
  // Exit 1 is a content finding (check's gate, a refused file): timed, and shown, since it may mean the step did no work.
  return {
    s,
    ok: r.status === 0,
    out: `exit ${r.status}: ${
      `${r.stdout}${r.stderr}`
        .trim()
        .split('\n')
        .find((l) => / error /.test(l)) ?? `${r.stdout}${r.stderr}`.slice(-200)
    }`,
    status: r.status,
  };
}

const files = (dir, ext) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []));

/** What a translator returns: every segment translated (the English upper-cased), confirmed. */
function translate(file) {
  let xml = readFileSync(file, 'utf8');
  xml = xml.replace(/<segment id="([^"]+)"([^>]*)>\s*<source>([\s\S]*?)<\/source>(\s*<target>[\s\S]*?<\/target>)?/g, (_m, id, _a, src) => {
    // Upper-cased text, but not the character references (&lt; stays &lt;).
    const upper = src.replace(/(^|>)([^<]*)/g, (_x, p, text) => p + text.replace(/&[^;]*;|[^&]+/g, (t) => (t.startsWith('&') ? t : t.toUpperCase())));
    return `<segment id="${id}" state="translated"><source>${src}</source><target>${upper}</target>`;
  });
  writeFileSync(file, xml);
}

function run(shape, bytes) {
  const root = mkdtempSync(join(tmpdir(), 'sxs-growth-'));
  try {
    mkdirSync(join(root, 'source'));
    writeFileSync(join(root, 'source', 'doc.md'), SHAPES[shape](bytes));
    writeFileSync(join(root, 'sxs.config.json'), JSON.stringify({ sourceLocale: 'en-US', locales: ['de-DE'], source: 'source', translations: 'translations', dist: 'dist' }));
    const times = {};
    const step = (name, args) => {
      const r = sxs(root, args);
      if (commands.includes(name)) times[name] = r;
      return r;
    };
    const exported = step('export', ['export', '--locale', 'de-DE', '--format', 'xliff21']);
    let handoff = [];
    try {
      handoff = files(join(root, 'handoff'), '.xlf');
    } catch {
      exported.ok = false;
    }
    step('validate', ['validate', 'handoff']);
    for (const f of handoff) translate(f);
    step('import', ['import', 'handoff']);
    step('build', ['build', '--no-cache']);
    step('check', ['check', '--min-coverage', '0', '--no-cache']);
    const published = join(root, 'dist', 'de-DE');
    const fresh = join(root, 'fresh');
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'sxs.config.json'), readFileSync(join(root, 'sxs.config.json')));
    mkdirSync(join(fresh, 'source'));
    writeFileSync(join(fresh, 'source', 'doc.md'), readFileSync(join(root, 'source', 'doc.md')));
    if (commands.includes('harvest')) {
      try {
        statSync(join(published, 'doc.md'));
        times.harvest = sxs(fresh, ['harvest', published, '--locale', 'de-DE']);
      } catch {
        times.harvest = { s: NaN, ok: false, out: 'build wrote no page' };
      }
    }
    return times;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const fmt = (s) => (s === Infinity ? `>${timeout / 1000}` : Number.isNaN(s) ? '–' : s.toFixed(2));
console.log(`sxs growth: ${shapes.join(', ')} at ${sizes.map((b) => `${b / 1024} KB`).join(', ')}; seconds per command (whole process), growth ratio per 10× input`);
let worst = 0;
for (const shape of shapes) {
  const rows = sizes.map((b) => run(shape, b));
  for (const c of commands) {
    const secs = rows.map((r) => r[c]?.s ?? NaN);
    // Whole-process times: Node's start-up is in every one, as a user sees it.
    const ratios = secs.slice(1).map((s, i) => s / secs[i]);
    for (const r of ratios) if (Number.isFinite(r)) worst = Math.max(worst, r);
    const failed = rows.map((r) => r[c]).filter((x) => x && !x.ok);
    console.log(
      `${shape.padEnd(9)} ${c.padEnd(9)} ${secs
        .map(fmt)
        .map((x) => x.padStart(8))
        .join(' ')}   ×${ratios.map((r) => (Number.isFinite(r) ? r.toFixed(1) : '∞')).join(' ×')}${failed.length ? `   (${failed[0].out.replace(/\s+/g, ' ').slice(0, 160)})` : ''}`,
    );
  }
}
console.log(`worst growth per 10× input: ×${worst.toFixed(1)} (target ≤ ×15)`);
