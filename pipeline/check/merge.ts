/**
 * `sxs check --merge <report.json>…`: one verdict from the JSON reports of several shards (each
 * checked a disjoint part of the documents). Files and findings are concatenated and rolled up
 * again, so coverage, severities and the verdict are those of one check over every document.
 */
import { resolve } from 'node:path';
import type { Counts, FileResult, Finding, FindingKind } from './check.js';
import { JSON_SCHEMA } from './formats.js';
import { summarize, type CheckOptions, type CheckReport } from './report.js';

interface JsonReport {
  schema: string;
  options: CheckOptions;
  locales: Array<{ locale: string }>;
  files: Array<{ locale: string; path: string; source: string; store: string | null; segments: Counts; words: Counts; broken: number }>;
  findings: Array<{ locale: string; file: string; line: number; column: number; rule: string; message: string; id: string | null; kind?: FindingKind }>;
}

export class MergeError extends Error {}

/** The kind of a finding written without one (reports from before `kind` was written). */
function kindOf(rule: string): FindingKind {
  if (rule.startsWith('check/missing')) return 'missing';
  if (rule.startsWith('check/stale')) return 'stale';
  if (rule.startsWith('check/orphaned')) return 'orphaned';
  if (rule.startsWith('check/')) return 'broken';
  return 'problem';
}

/** Reads one report (paths in it are relative to `cwd`, as written). */
export function readJsonReport(text: string, name: string): JsonReport {
  let json: JsonReport;
  try {
    json = JSON.parse(text) as JsonReport;
  } catch (e) {
    throw new MergeError(`${name}: not JSON (${(e as Error).message})`);
  }
  if (json?.schema !== JSON_SCHEMA || !Array.isArray(json.files) || !Array.isArray(json.findings) || !Array.isArray(json.locales)) {
    throw new MergeError(`${name}: not a report of sxs check --format json (schema ${JSON_SCHEMA})`);
  }
  return json;
}

export function mergeReports(reports: readonly JsonReport[], cwd: string, options?: CheckOptions): CheckReport {
  const locales = [...new Set(reports.flatMap((r) => r.locales.map((l) => l.locale)))];
  const files: FileResult[] = reports.flatMap((r) =>
    r.files.map((f) => ({ ...f, source: resolve(cwd, f.source), store: f.store === null ? null : resolve(cwd, f.store), findings: [] })),
  );
  const findings: Finding[] = reports.flatMap((r) =>
    r.findings.map((f) => ({
      locale: f.locale,
      file: resolve(cwd, f.file),
      line: f.line,
      column: f.column,
      rule: f.rule,
      kind: f.kind ?? kindOf(f.rule),
      message: f.message,
      ...(f.id === null ? {} : { id: f.id }),
    })),
  );
  return summarize(locales, files, findings, options ?? reports[0]?.options ?? { minCoverage: 100, strict: false });
}
