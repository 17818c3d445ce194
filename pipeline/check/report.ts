/**
 * The result of `sxs check`: per-file results rolled up per locale, the pass/fail decision, and each
 * finding's severity. Pure; formats.ts turns a report into text, JSON, JUnit or GitHub annotations.
 *
 * Coverage is by segments (words are reported alongside): translated segments / all segments, where a
 * stale translation counts as covered unless `strict`. A locale passes when its coverage reaches
 * `minCoverage`, nothing is broken and (with `strict`) nothing is stale.
 */
import type { Severity } from '../problems.js';
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

export interface CheckReport {
  ok: boolean;
  options: CheckOptions;
  locales: LocaleSummary[];
  files: FileResult[];
  /** Every finding with its severity, in file, locale, position order. */
  findings: ReportedFinding[];
}

const add = (into: Counts, from: Counts) => {
  for (const k of ['total', 'translated', 'stale', 'missing'] as const) into[k] += from[k];
};

function percent(c: Counts, strict: boolean): number {
  if (c.total === 0) return 100;
  return (100 * (c.translated + (strict ? 0 : c.stale))) / c.total;
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
  const failingProblem = (locale: string) => problems.some((p) => p.kind === 'problem' && (p.locale === '' || p.locale === locale));
  for (const s of summaries.values()) {
    s.coverage = { segments: percent(s.segments, options.strict), words: percent(s.words, options.strict) };
    s.ok = meetsCoverage(s, options) && s.broken === 0 && !(options.strict && s.segments.stale > 0) && !failingProblem(s.locale);
  }
  const severity = (f: Finding): Severity => {
    switch (f.kind) {
      case 'missing':
        return meetsCoverage(summaries.get(f.locale)!, options) ? 'warning' : 'error';
      case 'stale':
        return options.strict ? 'error' : 'warning';
      case 'orphaned':
        return 'warning';
      default:
        return 'error';
    }
  };
  const order = (a: Finding, b: Finding) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.locale.localeCompare(b.locale) || a.line - b.line || a.column - b.column;
  const findings: ReportedFinding[] = [...problems, ...sorted.flatMap((f) => f.findings)]
    .sort(order)
    .map((f) => ({ ...f, severity: severity(f) }));
  const ok = [...summaries.values()].every((s) => s.ok) && !findings.some((f) => f.kind === 'problem');
  return { ok, options, locales: [...summaries.values()], files: sorted, findings };
}

/** Integer arithmetic where it matters: 99.995% is not 100%. */
export function meetsCoverage(s: LocaleSummary, options: CheckOptions): boolean {
  const covered = s.segments.translated + (options.strict ? 0 : s.segments.stale);
  return covered * 100 >= options.minCoverage * s.segments.total;
}
