/**
 * `sxs export --locale <L> [--format xliff12|xliff21] [--out <dir>] [--all]`: one handoff file per
 * source document with what needs translation (or, with --all, everything, translations pre-filled).
 */
import { join } from 'node:path';
import { inScope, type Config } from '../config.js';
import type { Problem } from '../problems.js';
import { loadStoredDoc, StoreReadError } from '../store/store.js';
import { listFiles, UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { ExportError, planExport, writeXliff12, writeXliff21, type WordCounts } from '../xliff/export.js';
import { defaultPrefix, isProblem, problem, readSourceDoc, segmenterFor } from './common.js';
import { recoverIfAbandoned } from '../store/transaction.js';

export type XliffFormat = 'xliff12' | 'xliff21';

export interface ExportOptions {
  config: Config;
  locale: string;
  format: XliffFormat;
  /** Output folder (absolute). */
  out: string;
  all: boolean;
  toolVersion: string;
}

export interface ExportReport {
  documents: number;
  files: string[];
  segments: number;
  words: WordCounts;
  notPrefilled: number;
  problems: Problem[];
}

export function exportHandoff(options: ExportOptions): ExportReport {
  const { config, locale } = options;
  recoverIfAbandoned(config.translations);
  const segmenter = segmenterFor(config);
  const report: ExportReport = { documents: 0, files: [], segments: 0, words: { new: 0, changed: 0, translated: 0 }, notPrefilled: 0, problems: [] };
  for (const path of listFiles(config.source, '.md')) {
    if (!inScope(config, locale, path)) continue;
    const doc = readSourceDoc(config, path, segmenter);
    if (isProblem(doc)) {
      report.problems.push(doc);
      continue;
    }
    report.documents++;
    let stored;
    try {
      stored = loadStoredDoc(config.translations, locale, path);
    } catch (e) {
      if (!(e instanceof StoreReadError)) throw e;
      report.problems.push(problem(e.file, e.line, e.column, e.rule, e.message));
      continue;
    }
    const plan = planExport(doc, stored, {
      locale,
      sourceLocale: config.sourceLocale,
      prefix: stored?.prefix ?? defaultPrefix(locale, path),
      all: options.all,
    });
    for (const k of ['new', 'changed', 'translated'] as const) report.words[k] += plan.words[k];
    report.notPrefilled += plan.notPrefilled;
    if (plan.units.length === 0) continue;
    let xml: string;
    try {
      xml = options.format === 'xliff12' ? writeXliff12(plan, options.toolVersion) : writeXliff21(plan);
    } catch (e) {
      if (!(e instanceof ExportError)) throw e;
      report.problems.push(problem(join(config.source, path), 1, 1, 'export/character', e.message));
      continue;
    }
    const file = join(options.out, `${path}.xlf`);
    try {
      writeFileAtomic(file, xml, { root: options.out });
    } catch (e) {
      if (!(e instanceof UnsafePathError)) throw e;
      report.problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
      continue;
    }
    report.files.push(file);
    report.segments += plan.segments;
  }
  return report;
}
