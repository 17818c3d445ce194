#!/usr/bin/env node
// Translation-memory lookup speed on a memory of at least 100,000 segments: every sentence of the
// 772 real pages in ../shared/fixtures/bench, plus edited copies, as English; lookups of exact
// sentences, edited sentences (1–3 word changes) and unrelated ones. Run: node bench/tm.mjs
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateConfig } from '../lib/core/config.js';
import { outlineFromBytes } from '../lib/check/engine.js';
import { TranslationMemory } from '../lib/tm/memory.js';
import { JsonCache } from '../lib/util/cache.js';
import { listFiles } from '../lib/util/fs.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '..', 'shared', 'fixtures', 'bench');
const { config } = validateConfig({ locales: ['de-DE'], source: corpus }, here);
const cache = new JsonCache(join(here, '..', '.sxs-cache'), 'bench-outline', ['bench']);
const outline = outlineFromBytes(config);

let t0 = performance.now();
const sentences = [];
for (const path of listFiles(corpus, '.md')) {
  const bytes = readFileSync(join(corpus, path));
  const key = cache.key([path, bytes]);
  let o = cache.get(key);
  if (!o) {
    o = outline(path, bytes);
    if (!('rule' in o)) cache.set(key, o);
  }
  if ('rule' in o) continue;
  for (const u of o.units) for (const s of u.segments) sentences.push(s.source);
}
const unique = [...new Set(sentences)];
console.log(`${sentences.length} sentences (${unique.length} distinct) from ${corpus} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// A deterministic pseudo-random generator, so every run measures the same thing.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const words = ['package', 'version', 'project', 'module', 'command', 'server', 'file', 'value', 'user', 'the'];
const editOf = (s, edits) => {
  const parts = s.split(' ');
  for (let i = 0; i < edits && parts.length > 1; i++) parts[Math.floor(random() * parts.length)] = words[Math.floor(random() * words.length)];
  return parts.join(' ');
};

const entries = [...unique];
const size = Number(process.argv[2] ?? 150_000);
for (let i = 0; entries.length < size; i++) entries.push(editOf(unique[i % unique.length], 1 + (i % 3)));
t0 = performance.now();
const tm = new TranslationMemory();
entries.forEach((source, i) => tm.add({ source, target: `T${i}`, origin: { path: 'bench.md', id: String(i) } }));
const indexSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
tm.fuzzy('warm up', 75, 3); // builds the prefix index for 75%
const prefixSeconds = (performance.now() - t0) / 1000;
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(`memory: ${tm.size} segments added in ${indexSeconds.toFixed(2)} s, prefix index for 75% built in ${prefixSeconds.toFixed(2)} s (RSS ${rss.toFixed(0)} MB)`);

const runs = [
  ['exact (a stored sentence)', () => unique[Math.floor(random() * unique.length)]],
  ['edited (1–3 words changed)', () => editOf(unique[Math.floor(random() * unique.length)], 1 + Math.floor(random() * 3))],
  ['unrelated (no match)', () => Array.from({ length: 12 }, () => `w${Math.floor(random() * 1e6)}`).join(' ')],
];
console.log('\nBest three matches ≥ 75% per lookup (export asks for the best one: an exact match is then a hash lookup).');
console.log('\n| queries | lookups | matches ≥ 75% | time | lookups/s |\n| --- | ---: | ---: | ---: | ---: |');
for (const [name, make] of runs) {
  const queries = Array.from({ length: 3000 }, make);
  let found = 0;
  t0 = performance.now();
  for (const q of queries) if (tm.fuzzy(q, 75, 3).length > 0) found++;
  const s = (performance.now() - t0) / 1000;
  console.log(`| ${name} | ${queries.length} | ${found} | ${s.toFixed(2)} s | ${Math.round(queries.length / s)} |`);
}
