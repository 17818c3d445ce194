/**
 * The project-wide quality rules of `check` (qa/consistency.ts): the published translations of all
 * documents of each locale, from the file results (fresh or cached, each carries its pairs), in one
 * linear pass per locale. Documents are taken in path order, so "the first" is the same every run.
 * With `--shard`, a shard's documents are the project (check --merge does not recompute them).
 */
import type { FileResult, Finding, QaPair } from './check.js';
import { consistencyIssues, type ConsistencyEntry } from '../qa/consistency.js';
import type { QaRunner } from '../qa/run.js';

export function projectQa(files: readonly FileResult[], qa: QaRunner): Finding[] {
  const on = qa.consistency;
  if (!on.target && !on.source) return [];
  const byLocale = new Map<string, FileResult[]>();
  for (const f of files) {
    if (!f.pairs) continue;
    if (!byLocale.has(f.locale)) byLocale.set(f.locale, []);
    byLocale.get(f.locale)!.push(f);
  }
  const findings: Finding[] = [];
  for (const [locale, list] of [...byLocale].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const entries: ConsistencyEntry[] = [];
    const owners: Array<{ file: FileResult; pair: QaPair }> = [];
    for (const file of list) {
      for (const pair of file.pairs!) {
        entries.push({ source: pair[3], target: pair[4] });
        owners.push({ file, pair });
      }
    }
    const where = (i: number) => `${owners[i]!.file.path}:${owners[i]!.pair[1]}`;
    for (const issue of consistencyIssues(entries, on, where)) {
      const { file, pair } = owners[issue.index]!;
      const level = qa.level(issue.rule);
      if (level === 'off') continue;
      const [id, line, column] = pair;
      findings.push({
        locale,
        file: file.source,
        line,
        column,
        rule: issue.rule,
        kind: 'qa',
        level,
        id,
        message: `${id.startsWith('p') ? `unit ${id}` : `sentence ${id}`}: ${issue.message}`,
      });
    }
  }
  return findings;
}
