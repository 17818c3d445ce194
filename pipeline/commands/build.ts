/**
 * `sxs build [--locale <L>]… [--plain]`: for every source document and locale, writes
 * `<dist>/<locale>/<path>`, the bilingual Markdown (or, with --plain, the plain rendition).
 * Each document is parsed once, whatever the number of locales. A sentence without a matching
 * translation is written with the English and counted.
 */
import { join } from 'node:path';
import { inScope, type Config } from '../config.js';
import type { Problem } from '../problems.js';
import { renderDoc, type RenderMode } from '../render/render.js';
import { loadStoredDoc, lookupIn, StoreReadError } from '../store/store.js';
import { listFiles, writeFileAtomic } from '../util/fs.js';
import { handoffFor, isProblem, problem, readSourceDoc, segmenterFor } from './common.js';

export interface BuildOptions {
  config: Config;
  /** Configured locale spellings; all configured locales when empty. */
  locales: string[];
  mode: RenderMode;
}

export interface LocaleSummary {
  locale: string;
  documents: number;
  sentences: number;
  missing: number;
  /** Documents with at least one untranslated sentence. */
  incomplete: string[];
}

export interface BuildReport {
  documents: number;
  written: number;
  locales: LocaleSummary[];
  problems: Problem[];
}

export function build(options: BuildOptions): BuildReport {
  const { config, mode } = options;
  const locales = options.locales.length > 0 ? options.locales : config.locales;
  const segmenter = segmenterFor(config);
  const summaries = new Map<string, LocaleSummary>(locales.map((l) => [l, { locale: l, documents: 0, sentences: 0, missing: 0, incomplete: [] }]));
  const report: BuildReport = { documents: 0, written: 0, locales: [...summaries.values()], problems: [] };
  for (const path of listFiles(config.source, '.md')) {
    const targets = locales.filter((l) => inScope(config, l, path));
    if (targets.length === 0) continue;
    const doc = readSourceDoc(config, path, segmenter);
    if (isProblem(doc)) {
      report.problems.push(doc);
      continue;
    }
    report.documents++;
    for (const locale of targets) {
      let stored;
      try {
        stored = loadStoredDoc(config.translations, locale, path);
      } catch (e) {
        if (!(e instanceof StoreReadError)) throw e;
        report.problems.push(problem(e.file, e.line, e.column, 'store/format', e.message));
        continue;
      }
      const handoff = handoffFor(config, doc, locale, stored);
      const out = renderDoc(doc, lookupIn(stored), handoff, mode);
      writeFileAtomic(join(config.dist, locale, path), out.text);
      report.written++;
      const s = summaries.get(locale)!;
      s.documents++;
      s.sentences += out.sentences;
      s.missing += out.missing.length;
      if (out.missing.length > 0) s.incomplete.push(path);
    }
  }
  return report;
}
