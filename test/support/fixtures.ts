/**
 * Access to the real-data fixtures the repository carries (test/fixtures, see its README.md) and temp projects.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileHashes } from '../../pipeline/core/doc.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(REPO, 'test', 'fixtures');
/** Real bilingual files with the English they were made from (test/fixtures/msdocs/SOURCES.md). */
export const MSDOCS = join(FIXTURES, 'msdocs');
/** The real zh-TW bilingual page the project started from. */
export const SEED = join(FIXTURES, 'seed', '000_221a714a5994a5f5.txt');
/** A selection of real XLIFF files: the OASIS 2.1/2.2 test suites and CAT-tool exports. */
export const XLIFF_CORPUS = join(FIXTURES, 'xliff', 'corpus');
/** The official XLIFF schemas, kept apart from the copies sxs ships. */
export const XLIFF_SCHEMAS = join(FIXTURES, 'xliff', 'schemas');

export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export interface Pair {
  /** e.g. `zh-TW/Console-Docs/sxs/docs/allocconsole.md` */
  name: string;
  locale: string;
  /** Path of the document in its repository, e.g. `docs/allocconsole.md`. */
  path: string;
  bilingual: string;
  english: string;
}

/**
 * Every bilingual file of test/fixtures/msdocs whose English source is the one it was made
 * from: the SHA-1 of the English (raw, or with CRLF line endings) is its ms.openlocfilehash.
 * TOC.md files carry no front matter; they are paired with the English TOC of the same repository.
 */
export function goldenPairs(): Pair[] {
  const out: Pair[] = [];
  // `<locale>/<repo>/sxs/<path>`: judged on the path inside the fixtures (a clone may be in a folder named sxs).
  for (const file of walk(MSDOCS)
    .filter((p) => relative(MSDOCS, p).split(/[\\/]/)[2] === 'sxs')
    .sort()) {
    const name = relative(MSDOCS, file);
    const [locale, repo, , ...rest] = name.split('/');
    const path = rest.join('/');
    const english = join(MSDOCS, 'en-us', repo!, path);
    if (!existsSync(english)) continue;
    const text = readFileSync(file, 'utf8');
    const recorded = /^ms\.openlocfilehash: ([0-9a-f]{40})$/m.exec(text)?.[1];
    const hashes = fileHashes(readFileSync(english));
    const isToc = path.toLowerCase().endsWith('toc.md');
    if (!isToc && recorded !== hashes.raw && recorded !== hashes.crlf) continue;
    out.push({ name, locale: locale!, path, bilingual: file, english });
  }
  return out;
}

export function tempDir(prefix = 'sxs-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
