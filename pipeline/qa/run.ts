/**
 * The quality rules of one project, as `check` and `import` run them: each segment's English and
 * translation (as qa/text.ts reads them) through every rule that is not `off`, each issue with its
 * configured level. The per-segment rules are pure functions (numbers.ts, identical.ts,
 * whitespace.ts, punctuation.ts, length.ts); the project-wide ones (consistency.ts) run in `check`
 * over all documents of a locale.
 *
 * Extra per-segment rules (the terminology's `termIssues`) are `hooks`: `qaRunner` is the one place
 * that makes them from the configuration, in the main thread and in check's worker threads alike.
 * `qaFingerprint` is what check's cache keys must change with.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../core/config.js';
import type { Problem, Severity } from '../core/problems.js';
import { doNotTranslateTerms, termIssues } from '../terms/match.js';
import { loadGlossary } from '../terms/tbx.js';
import { INCONSISTENT_SOURCE_RULE, INCONSISTENT_TARGET_RULE } from './consistency.js';
import { IDENTICAL_RULE, identicalIssues } from './identical.js';
import { LENGTH_RULE, lengthIssues } from './length.js';
import { NUMBERS_RULE, numberIssues } from './numbers.js';
import { END_PUNCTUATION_RULE, endPunctuationIssues } from './punctuation.js';
import { lengthBand, type QaSettings, type RuleLevel } from '../core/qa-settings.js';
import { normalized } from './plain.js';
import type { QaIssue } from '../core/qa-issue.js';
import { DOUBLE_SPACE_RULE, doubleSpaceIssues, EDGE_WHITESPACE_RULE, edgeWhitespaceIssues } from './whitespace.js';

/** A per-segment rule besides the built-in ones: plain English and target in, issues out. */
export type SegmentHook = (source: string, target: string, locale: string) => QaIssue[];

export interface LeveledIssue extends QaIssue {
  level: Severity;
}

export interface QaOptions {
  settings: QaSettings;
  sourceLocale: string;
  /** Terms kept in English (the glossary's do-not-translate list); empty without a glossary. */
  doNotTranslate: readonly string[];
  hooks?: readonly SegmentHook[];
  /** What is wrong with the configuration's inputs (an unreadable glossary): the caller reports it. */
  problems?: readonly Problem[];
}

/** Pseudo-locales (`qps-ploc`, …): bracketed, padded, accented by design, so no quality rule applies. */
export const isPseudoLocale = (locale: string): boolean => /^qps-/i.test(locale);

export class QaRunner {
  constructor(private readonly options: QaOptions) {}

  /** The glossary's problems (file, position, terms/* rule): check and import report them as errors. */
  get problems(): readonly Problem[] {
    return this.options.problems ?? [];
  }

  level(rule: string): RuleLevel {
    return this.options.settings.rules[rule] ?? 'warning';
  }

  on(rule: string): boolean {
    return this.level(rule) !== 'off';
  }

  /** Whether either consistency rule runs (check then keeps each file's pairs for the project pass). */
  get consistency(): { target: boolean; source: boolean } {
    return { target: this.on(INCONSISTENT_TARGET_RULE), source: this.on(INCONSISTENT_SOURCE_RULE) };
  }

  /** A translated segment's issues, from every per-segment rule that is on. */
  segment(locale: string, source: string, target: string): LeveledIssue[] {
    if (normalized(target) === '' || isPseudoLocale(locale)) return [];
    const issues: QaIssue[] = [];
    const run = (rule: string, f: () => QaIssue[]) => {
      if (this.on(rule)) for (const issue of f()) issues.push(issue);
    };
    const { sourceLocale, doNotTranslate } = this.options;
    run(IDENTICAL_RULE, () => identicalIssues(source, target, { sourceLocale, locale, doNotTranslate }));
    run(NUMBERS_RULE, () => numberIssues(source, target, locale));
    run(EDGE_WHITESPACE_RULE, () => edgeWhitespaceIssues(source, target));
    run(DOUBLE_SPACE_RULE, () => doubleSpaceIssues(source, target));
    run(END_PUNCTUATION_RULE, () => endPunctuationIssues(source, target, locale));
    run(LENGTH_RULE, () => lengthIssues(source, target, lengthBand(this.options.settings, locale)));
    for (const hook of this.options.hooks ?? []) for (const issue of hook(source, target, locale)) issues.push(issue);
    const out: LeveledIssue[] = [];
    for (const issue of issues) {
      const level = this.level(issue.rule);
      if (level !== 'off') out.push({ ...issue, level });
    }
    return out;
  }

  /** Whether a translated segment takes part in the consistency rules: English with letters, translated (not identical). */
  consistent(source: string, target: string): boolean {
    const s = normalized(source);
    return /\p{L}/u.test(s) && s !== normalized(target);
  }
}

/**
 * The quality rules of a project: its `qa` levels and, when it has a glossary, the terminology (its
 * do-not-translate terms for qa/identical, and `termIssues` as a hook for the qa/term-* rules). The
 * one place check (main thread and workers) and import get them from. An unreadable glossary leaves
 * the terminology out and is in `problems` (reported as errors: a gate never passes on a glossary it
 * could not read).
 */
export function qaRunner(config: Config): QaRunner {
  const options: QaOptions = { settings: config.qa, sourceLocale: config.sourceLocale, doNotTranslate: [] };
  if (config.glossary !== undefined) {
    const loaded = loadGlossary(config.glossary, config.sourceLocale);
    options.problems = loaded.problems;
    if (loaded.ok) {
      const glossary = loaded.glossary;
      options.doNotTranslate = doNotTranslateTerms(glossary);
      options.hooks = [(source, target, locale) => termIssues(glossary, source, target, locale)];
    }
  }
  return new QaRunner(options);
}

/** What check's results depend on besides the documents: the levels, the bands and the glossary's bytes. */
export function qaFingerprint(config: Config): string {
  const hash = createHash('sha1').update(JSON.stringify({ qa: config.qa, sourceLocale: config.sourceLocale }));
  if (config.glossary !== undefined) hash.update('\0').update(existsSync(config.glossary) ? readFileSync(config.glossary) : 'missing');
  return hash.digest('hex');
}
