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
  run?: { shard: string; config: string; documents: string[] };
  locales: Array<{ locale: string }>;
  files: Array<{ locale: string; path: string; source: string; store: string | null; segments: Counts; words: Counts; broken: number }>;
  findings: Array<{ locale: string; file: string; line: number; column: number; rule: string; severity?: string; message: string; id: string | null; kind?: FindingKind }>;
}

export class MergeError extends Error {}

/** The kind of a finding written without one (reports from before `kind` was written). */
function kindOf(rule: string): FindingKind {
  if (rule.startsWith('check/missing')) return 'missing';
  if (rule.startsWith('check/stale')) return 'stale';
  if (rule.startsWith('check/orphaned')) return 'orphaned';
  if (rule.startsWith('qa/')) return 'qa';
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
  const run = json.run;
  if (typeof run?.shard !== 'string' || !/^\d+\/\d+$/.test(run.shard) || typeof run.config !== 'string' || !Array.isArray(run.documents)) {
    throw new MergeError(`${name}: the report does not say which shard of which run it is (made by an older sxs?): run sxs check --shard <i>/<n> --format json again`);
  }
  return json;
}

/**
 * The reports must be the n shards of one run, each once: same configuration, same n, every index
 * from 1 to n, no document in two of them. Anything else would be a verdict over part of the
 * documents, or over some twice.
 */
function checkShards(reports: readonly JsonReport[], names: readonly string[]): void {
  if (reports.length === 0) throw new MergeError('no reports to merge');
  const first = reports[0]!.run!;
  const count = Number(first.shard.split('/')[1]);
  const seen = new Map<number, string>();
  const owner = new Map<string, string>();
  reports.forEach((r, i) => {
    const run = r.run!;
    const name = names[i]!;
    if (run.config !== first.config) throw new MergeError(`${name} comes from another run than ${names[0]} (another configuration, locale selection or sxs version)`);
    const [index, n] = run.shard.split('/').map(Number) as [number, number];
    if (n !== count) throw new MergeError(`${name} is shard ${run.shard}, but ${names[0]} is shard ${first.shard}: the reports must come from one run split into the same number of shards`);
    const twice = seen.get(index);
    if (twice !== undefined) throw new MergeError(`${name} is shard ${run.shard} again (already given as ${twice})`);
    seen.set(index, name);
    for (const doc of run.documents) {
      const other = owner.get(doc);
      if (other !== undefined) throw new MergeError(`${doc} was checked by ${other} and by ${name}: the reports overlap`);
      owner.set(doc, name);
    }
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge needs the reports of all ${count} shards`);
}

export function mergeReports(reports: readonly JsonReport[], cwd: string, options?: CheckOptions, names: readonly string[] = reports.map((_, i) => `report ${i + 1}`)): CheckReport {
  checkShards(reports, names);
  const locales = [...new Set(reports.flatMap((r) => r.locales.map((l) => l.locale)))];
  const files: FileResult[] = reports.flatMap((r) => r.files.map((f) => ({ ...f, source: resolve(cwd, f.source), store: f.store === null ? null : resolve(cwd, f.store), findings: [] })));
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
      // A quality finding keeps the level it was reported at (the run's configuration, which every shard shares).
      ...((f.kind ?? kindOf(f.rule)) === 'qa' ? { level: f.severity === 'error' ? ('error' as const) : ('warning' as const) } : {}),
    })),
  );
  const report = summarize(locales, files, findings, options ?? reports[0]?.options ?? { minCoverage: 100, strict: false });
  report.run = { shard: '1/1', config: reports[0]!.run!.config, documents: reports.flatMap((r) => r.run!.documents).sort() };
  return report;
}
