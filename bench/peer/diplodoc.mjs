// The peer: @diplodoc/translation over the same files, one process, as its users run it.
// extract: every .md under <source> → <out>/<path>.xlf + .skl.md; compose: back to Markdown (the
// source text as the translation, which is what a merge of an untranslated handoff produces).
// Usage: node bench/peer/diplodoc.mjs extract|compose <source> <out>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { markdownFiles } from './files.mjs';
import { compose, extract } from '@diplodoc/translation';

const [mode, source, out] = process.argv.slice(2);
const files = markdownFiles(source);
let failed = 0;
for (const f of files) {
  const target = join(out, f);
  try {
    if (mode === 'extract') {
      const r = extract(readFileSync(join(source, f), 'utf8'), { source: { language: 'en', locale: 'US' }, target: { language: 'de', locale: 'DE' } });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(`${target}.xlf`, r.xliff);
      writeFileSync(`${target}.skl.md`, r.skeleton);
    } else {
      const md = compose(readFileSync(`${target}.skl.md`, 'utf8'), readFileSync(`${target}.xlf`, 'utf8'), { useSource: true });
      writeFileSync(`${target}.out.md`, md);
    }
  } catch {
    failed++;
  }
}
console.log(`${mode}: ${files.length} files, ${failed} failed`);
