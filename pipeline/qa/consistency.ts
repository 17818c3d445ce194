/**
 * Consistency across a project (all documents of one locale), in one pass over hash maps:
 *
 * - qa/inconsistent-target: the same English translated differently. Each occurrence whose
 *   translation is not the most frequent one (on a tie, the first met) is reported.
 * - qa/inconsistent-source: different English sharing one translation. Each occurrence whose
 *   English is not the most frequent English of that translation is reported. English that differs
 *   only in letter case, white space or end punctuation counts as the same.
 *
 * Texts are compared with white space collapsed (qa/text.ts `normalized`). The caller passes only
 * translated segments with words (not a target identical to its English: qa/identical's).
 */
import { normalized } from './plain.js';
import type { QaIssue } from '../core/qa-issue.js';

export const INCONSISTENT_TARGET_RULE = 'qa/inconsistent-target';
export const INCONSISTENT_SOURCE_RULE = 'qa/inconsistent-source';

export interface ConsistencyEntry {
  source: string;
  target: string;
}

export interface ConsistencyIssue extends QaIssue {
  /** The entry the issue is about. */
  index: number;
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** English compared loosely: letter case, white space and end punctuation aside. */
const looseSource = (s: string) =>
  normalized(s)
    .toLowerCase()
    .replace(/[\s.。:：!！?？;；…]+$/u, '');

interface Group {
  /** Variant key → how often, and where first. */
  variants: Map<string, { count: number; first: number; text: string }>;
  /** Its most frequent variant, once asked for (every entry of the group asks). */
  best?: { key: string; count: number; first: number; text: string };
}

/** Groups entries by `key` and counts their `variant`s; returns the groups with two or more variants. */
function groups(entries: readonly ConsistencyEntry[], key: (e: ConsistencyEntry) => string, variant: (e: ConsistencyEntry) => string, shown: (e: ConsistencyEntry) => string): Map<string, Group> {
  const out = new Map<string, Group>();
  entries.forEach((e, i) => {
    const k = key(e);
    let g = out.get(k);
    if (!g) out.set(k, (g = { variants: new Map() }));
    const v = variant(e);
    const known = g.variants.get(v);
    if (known) known.count++;
    else g.variants.set(v, { count: 1, first: i, text: shown(e) });
  });
  for (const [k, g] of out) if (g.variants.size < 2) out.delete(k);
  return out;
}

/** The most frequent variant (the first met on a tie), found once per group: linear however many variants it has. */
function majority(g: Group): { key: string; count: number; first: number; text: string } {
  if (g.best) return g.best;
  let best: { key: string; count: number; first: number; text: string } | undefined;
  for (const [key, v] of g.variants) if (!best || v.count > best.count || (v.count === best.count && v.first < best.first)) best = { key, ...v };
  return (g.best = best!);
}

/**
 * The issues of both rules over one locale's entries (`on` says which rules are computed); `where`
 * names an entry's place for the messages (file:line).
 */
export function consistencyIssues(entries: readonly ConsistencyEntry[], on: { target: boolean; source: boolean }, where: (index: number) => string): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
  if (on.target) {
    const bySource = groups(
      entries,
      (e) => normalized(e.source),
      (e) => normalized(e.target),
      (e) => normalized(e.target),
    );
    entries.forEach((e, index) => {
      const g = bySource.get(normalized(e.source));
      if (!g) return;
      const best = majority(g);
      if (normalized(e.target) === best.key) return;
      issues.push({
        rule: INCONSISTENT_TARGET_RULE,
        index,
        message: `the same English ("${clip(normalized(e.source))}") is translated "${clip(best.text)}" ${times(best.count)} elsewhere (first at ${where(best.first)}); here "${clip(normalized(e.target))}"`,
      });
    });
  }
  if (on.source) {
    const byTarget = groups(
      entries,
      (e) => normalized(e.target),
      (e) => looseSource(e.source),
      (e) => normalized(e.source),
    );
    entries.forEach((e, index) => {
      const g = byTarget.get(normalized(e.target));
      if (!g) return;
      const best = majority(g);
      if (looseSource(e.source) === best.key) return;
      issues.push({
        rule: INCONSISTENT_SOURCE_RULE,
        index,
        message: `the translation "${clip(normalized(e.target))}" also translates other English: "${clip(best.text)}" (${times(best.count)}, first at ${where(best.first)}); here "${clip(normalized(e.source))}"`,
      });
    });
  }
  return issues;
}
