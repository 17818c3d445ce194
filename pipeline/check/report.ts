/**
 * The result of `sxs check`: per-file results rolled up per locale, the pass/fail decision, and each
 * finding's severity. Pure; formats.ts turns a report into text, JSON, JUnit or GitHub annotations.
 *
 * Coverage is by segments (words are reported alongside): translated segments / all segments, which
 * is exactly what the built page shows translated: a stale translation is not covered (build
 * publishes the English there), it is reported as stale with its old translation. One rule decides
 * everything a format shows: a locale passes when its coverage reaches `minCoverage` and none of its
 * findings is an error (a missing or stale sentence is an error when the locale misses its coverage,
 * a stale one also with `strict`; broken translations and unreadable files always are; a quality
 * finding is what its rule is configured at, with or without `strict`, which is about staleness); the run
 * passes when every locale does and no finding is an error. Severity, verdict, `ok` and exit code
 * are derived from that one rule, never computed apart.
 */
import type { Severity } from '../core/problems.js';
import type { Counts, FileResult, Finding } from './check.js';

export interface CheckOptions {
  minCoverage: number;
  strict: boolean;
}

export interface LocaleSummary {
  locale: string;
  files: number;
  segments: Counts;
  words: Counts;
  broken: number;
  /** Percentages, 0–100, as the gate computes them. */
  coverage: { segments: number; words: number };
  ok: boolean;
}

export interface ReportedFinding extends Finding {
  severity: Severity;
}

/** What one check run covered, so that shard reports can be merged only when they make a whole. */
export interface RunRecord {
  /** `i/n` (`1/1` without --shard). */
  shard: string;
  /** SHA-1 of what decides the result besides the documents: config file, locales checked, sxs version. */
  config: string;
  /** The source paths this run checked. */
  documents: string[];
}

export interface CheckReport {
  ok: boolean;
  run?: RunRecord;
  options: CheckOptions;
  locales: LocaleSummary[];
  files: FileResult[];
  /** Every finding with its severity, in file, locale, position order. */
  findings: ReportedFinding[];
}

const add = (into: Counts, from: Counts) => {
  for (const k of ['total', 'translated', 'stale', 'missing'] as const) into[k] += from[k];
};

function percent(c: Counts): number {
  if (c.total === 0) return 100;
  return (100 * c.translated) / c.total;
}

/**
 * Rolls per-file results up. `problems` are findings that belong to no file result (an unreadable
 * source or store file); their locale is '' when they concern every locale.
 */
export function summarize(locales: readonly string[], files: readonly FileResult[], problems: readonly Finding[], options: CheckOptions): CheckReport {
  const summaries = new Map<string, LocaleSummary>();
  for (const locale of locales) {
    const zero = () => ({ total: 0, translated: 0, stale: 0, missing: 0 });
    summaries.set(locale, { locale, files: 0, segments: zero(), words: zero(), broken: 0, coverage: { segments: 100, words: 100 }, ok: true });
  }
  const sorted = [...files].sort((a, b) => a.locale.localeCompare(b.locale) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    const s = summaries.get(f.locale);
    if (!s) continue;
    s.files++;
    add(s.segments, f.segments);
    add(s.words, f.words);
    s.broken += f.broken;
  }
  for (const s of summaries.values()) s.coverage = { segments: percent(s.segments), words: percent(s.words) };
  const covered = (locale: string) => {
    const s = summaries.get(locale);
    return s === undefined || meetsCoverage(s, options);
  };
  const severity = (f: Finding): Severity => {
    switch (f.kind) {
      case 'missing':
        return covered(f.locale) ? 'warning' : 'error';
      case 'stale':
        return options.strict || !covered(f.locale) ? 'error' : 'warning';
      case 'orphaned':
        return 'warning';
      case 'qa':
        return f.level ?? 'warning';
      default:
        return 'error';
    }
  };
  const order = (a: Finding, b: Finding) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.locale.localeCompare(b.locale) || a.line - b.line || a.column - b.column;
  const findings: ReportedFinding[] = [...problems, ...sorted.flatMap((f) => f.findings)].sort(order).map((f) => ({ ...f, severity: severity(f) }));
  for (const s of summaries.values()) {
    s.ok = meetsCoverage(s, options) && !findings.some((f) => f.severity === 'error' && (f.locale === s.locale || f.locale === ''));
  }
  const ok = [...summaries.values()].every((s) => s.ok) && !findings.some((f) => f.severity === 'error');
  return { ok, options, locales: [...summaries.values()], files: sorted, findings };
}

/** Integer arithmetic where it matters: 99.995% is not 100%. */
export function meetsCoverage(s: LocaleSummary, options: CheckOptions): boolean {
  return s.segments.translated * 100 >= options.minCoverage * s.segments.total;
}
