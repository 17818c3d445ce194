/**
 * `sxs init`: a starting project in a folder — a commented `sxs.config.json` (JSON with comments),
 * the source folder, and the `.gitignore` lines for what sxs generates. Never overwrites a config.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, isLocaleTag } from '../core/config.js';
import { writeFileAtomic } from '../util/fs.js';

export interface InitOptions {
  root: string;
  sourceLocale: string;
  locales: string[];
  source: string;
}

export interface InitReport {
  /** Files and folders written or created, relative to the root. */
  written: string[];
  /** `.gitignore` lines added. */
  ignored: string[];
}

export class InitError extends Error {}

/** The configuration `sxs init` writes: every key the project needs, each explained. */
export function configText(o: Omit<InitOptions, 'root'>): string {
  const list = (xs: string[]) => xs.map((x) => JSON.stringify(x)).join(', ');
  return `// sxs configuration (JSON with comments). Every key: README "Configuration".
{
  // The language of the documents you write (a BCP 47 tag).
  "sourceLocale": ${JSON.stringify(o.sourceLocale)},
  // The languages you ship: each gets <dist>/<locale>/ and a store folder <translations>/<locale>/.
  "locales": [${list(o.locales)}],
  // Your English Markdown (with its YAML front matter), relative to this file.
  "source": ${JSON.stringify(o.source)},
  // The translation store: one XLIFF file per document and locale. Commit it.
  "translations": "translations",
  // What \`sxs build\` writes: bilingual Markdown and HTML pages. Generated: not committed.
  "dist": "dist"
  // More: "output" (the author's file with only the text translated, placed for Docusaurus, MkDocs,
  // Hugo or VitePress: docs/output.md), "scope" (which documents each locale gets), "leverage",
  // "segmentation", "format".
}
`;
}

const GITIGNORE = ['dist/', '.sxs-cache/', 'handoff/'];

export function init(o: InitOptions): InitReport {
  const problems = [o.sourceLocale, ...o.locales].filter((l) => !isLocaleTag(l));
  if (problems.length > 0) throw new InitError(`not a locale tag: ${problems.join(', ')} (for example de-DE, ja-JP, zh-TW)`);
  if (o.locales.length === 0) throw new InitError('name at least one locale to translate into (--locale de-DE)');
  if (/^(?:\/|[a-z]:|\.\.(?:\/|$))/i.test(o.source)) throw new InitError(`--source ${o.source}: a folder inside the project`);
  const config = join(o.root, CONFIG_FILE);
  if (existsSync(config)) throw new InitError(`${CONFIG_FILE} already exists here: edit it, or remove it to start again`);
  const report: InitReport = { written: [], ignored: [] };
  const source = join(o.root, o.source);
  if (!existsSync(source)) {
    mkdirSync(source, { recursive: true });
    report.written.push(`${o.source}/`);
  }
  writeFileAtomic(config, configText(o));
  report.written.push(CONFIG_FILE);
  const gitignore = join(o.root, '.gitignore');
  const before = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  const present = new Set(before.split(/\r?\n/).map((l) => l.trim()));
  report.ignored = GITIGNORE.filter((l) => !present.has(l) && !present.has(l.slice(0, -1)) && !present.has(`/${l}`));
  if (report.ignored.length > 0) {
    writeFileAtomic(gitignore, `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}# sxs: generated\n${report.ignored.join('\n')}\n`);
    report.written.push('.gitignore');
  }
  return report;
}
