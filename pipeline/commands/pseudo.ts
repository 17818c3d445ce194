/**
 * `sxs pseudo [--locale qps-ploc]`: writes a pseudo-translation of every sentence of every source
 * document into the store of a (configured) pseudo-locale, so that `build` and `check` run on it.
 * One atomic change under the store's lock; the locale's previous translations are replaced.
 */
import { inScope, type Config } from '../core/config.js';
import { pseudoMarkdown } from '../pseudo/pseudo.js';
import type { Problem } from '../core/problems.js';
import { mergeEntries } from '../store/store.js';
import { commitFiles, underLock, type StoreLockedError } from '../store/transaction.js';
import { listFiles } from '../util/fs.js';
import { exchangeUnits } from '../core/exchange.js';
import { defaultPrefix, isProblem, loadStoredOrReport, problem, readSourceDoc, segmenterFor, storeWrite } from './common.js';

export interface PseudoReport {
  documents: number;
  segments: number;
  problems: Problem[];
}

export function pseudo(config: Config, locale: string): PseudoReport {
  const locked = (e: StoreLockedError): PseudoReport => ({ documents: 0, segments: 0, problems: [problem(e.file, 1, 1, 'store/locked', e.message)] });
  return underLock(config.translations, 'pseudo', false, () => pseudoUnlocked(config, locale), locked);
}

function pseudoUnlocked(config: Config, locale: string): PseudoReport {
  const report: PseudoReport = { documents: 0, segments: 0, problems: [] };
  const segmenter = segmenterFor(config);
  const writes: Array<{ path: string; data: string }> = [];
  for (const path of listFiles(config.source, '.md')) {
    if (!inScope(config, locale, path)) continue;
    const doc = readSourceDoc(config, path, segmenter);
    if (isProblem(doc)) {
      report.problems.push(doc);
      continue;
    }
    const existing = loadStoredOrReport(config, locale, path, report.problems);
    if (existing === undefined) continue;
    const entries = exchangeUnits(doc).flatMap((unit) => unit.segments.map((seg) => ({ id: seg.id, source: seg.source, target: pseudoMarkdown(seg.content, unit.plain, seg.source) })));
    report.documents++;
    report.segments += entries.length;
    const merged = mergeEntries(null, doc, locale, config.sourceLocale, {
      entries,
      prefix: existing?.prefix ?? defaultPrefix(locale, path),
      handoff: new Map([['ms.translationtype', 'MT']]),
      state: 'translated',
    });
    const write = storeWrite(config, merged, report.problems);
    if (write) writes.push(write);
  }
  if (!report.problems.some((p) => p.severity === 'error')) commitFiles(config.translations, writes);
  return report;
}
