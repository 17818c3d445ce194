// The peer md2xliff (the fastest extract in issue 17's table) over the same files, one process.
// extract: every .md under <source> → <out>/<path>.xlf + .skl.md; compose: back to Markdown from the
// <source> units (USE_SOURCE, as its own tests do), which is what a merge of an untranslated handoff does.
// Usage: node bench/peer/md2xliff.mjs extract|compose <source> <out>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { markdownFiles } from './files.mjs';

const require = createRequire(import.meta.url);
const { extract, xliffReconstruct } = require('md2xliff');

const [mode, source, out] = process.argv.slice(2);
const files = markdownFiles(source);
let failed = 0;
if (mode === 'compose') process.env.USE_SOURCE = '1';
for (const f of files) {
  const target = join(out, f);
  try {
    if (mode === 'extract') {
      const r = extract(readFileSync(join(source, f), 'utf8'), f, `${f}.skl.md`, 'en-US', 'de-DE');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(`${target}.xlf`, r.xliff);
      writeFileSync(`${target}.skl.md`, r.skeleton);
    } else {
      const md = await new Promise((resolve, reject) =>
        xliffReconstruct(readFileSync(`${target}.xlf`, 'utf8'), readFileSync(`${target}.skl.md`, 'utf8'), (err, text) => (err ? reject(err) : resolve(text))),
      );
      writeFileSync(`${target}.out.md`, md);
    }
  } catch {
    failed++;
  }
}
console.log(`${mode}: ${files.length} files, ${failed} failed`);
