/**
 * `sxs harvest <dir> --locale <L>`: records the translations of published bilingual files into the
 * store. Each `.md` under `<dir>` is matched with the source document at the same relative path.
 * One bad file never stops the others; every problem is reported with its position and rule.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import { harvestDoc, keepsNbspLines, type Harvested } from '../harvest/harvest.js';
import type { Problem } from '../core/problems.js';
import { isSafetyIssue, unsafeTarget, type SafetyIssue } from '../check/safety.js';
import { outlineOf } from '../check/outline.js';
import { TargetJudge } from '../check/target.js';
import { loadStoredDoc, lookupIn, mergeEntries, saveStoredDoc, StoreReadError } from '../store/store.js';
import { renderDoc } from '../render/render.js';
import { toLf } from '../text/normalize.js';
import type { SourceDoc } from '../core/doc.js';
import { StoreWriteError } from '../core/xliff-store.js';
import { underLockAsync, type StoreLockedError } from '../store/transaction.js';
import { runTasks } from '../util/pool.js';
import { listFiles, readBounded, TooLargeError, UnsafePathError } from '../util/fs.js';
import { checkNesting, LimitError, LIMITS } from '../util/limits.js';
import { handoffFor, isProblem, problem, readSourceBytes, segmenterFor, sourceDocOf } from './common.js';
import { TASKS } from './tasks.js';
import { pushAll } from '../util/arrays.js';

export interface HarvestOptions {
  config: Config;
  /** Folder of bilingual files (absolute). */
  dir: string;
  /** Configured locale spelling. */
  locale: string;
  /** Worker threads (util/pool.ts); one (the default) runs everything in the calling thread. */
  jobs?: number;
}

/** What harvest did with one published file. */
export interface FileReport {
  /** Source document path. */
  path: string;
  /** The published file. */
  file: string;
  /** Span pairs in the file. */
  pairs: number;
  /** Translations recorded (sentences, `pN` units, alt text, front-matter values). */
  recorded: number;
  /** Pairs recorded as a unit's `pN` translation; sentences recorded from several pairs. */
  merged: number;
  split: number;
  /** Pairs whose SOURCE the file wrote differently (whitespace, escapes): recorded as published. */
  rewritten: number;
  /** Translations whose English is not in the document, kept as retired leverage. */
  retired: Array<{ source: string; line: number; column: number }>;
  /** Translations of an earlier version of a sentence, kept as its stale translation. */
  stale: Array<{ id: string; source: string; line: number; column: number }>;
  /** Translations kept that build will not publish until fixed (they would break the page's structure). */
  withheld: Array<{ source: string; line: number; column: number }>;
  /** Sentences of the document the file does not translate. */
  untranslated: number;
  /** Problems (errors and warnings) found in this file. */
  problems: number;
}

export interface HarvestReport {
  files: number;
  harvested: number;
  entries: number;
  stale: number;
  retired: number;
  untranslated: number;
  documents: FileReport[];
  problems: Problem[];
}

/**
 * How well a harvest reproduces its file: pairs that are one sentence each, with SOURCE written as
 * the file wrote it; fewer pairs that cover several sentences or part of one, retired or missing.
 */
function fidelityOf(h: Harvested): number {
  return 2 * h.entries.filter((e) => e.published === undefined).length - h.stats.merged - h.stats.split - h.retired.length - h.untranslated;
}

/** No-break spaces that can change how a document parses: before a line end (a hard break or not), or starting a line. */
const NBSP_SHAPES = /\u00a0[ \t\u00a0]*(?:\r?\n|$)|^[ \t]*\u00a0/m;

/** How many lines of the published file a rebuild from this harvest writes as they are. */
function agreement(config: Config, locale: string, doc: SourceDoc, h: Harvested, published: string): number {
  const stored = mergeEntries(null, doc, locale, config.sourceLocale, {
    entries: h.entries,
    ...(h.prefix !== undefined ? { prefix: h.prefix } : {}),
    handoff: h.keys,
    conventions: h.conventions,
    state: 'final',
  });
  const rebuilt = renderDoc(doc, lookupIn(stored), handoffFor(config, doc, locale, stored), 'bilingual').text.split('\n');
  const lines = new Map<string, number>();
  for (const line of toLf(published).split('\n')) lines.set(line, (lines.get(line) ?? 0) + 1);
  let same = 0;
  for (const line of rebuilt) {
    const n = lines.get(line) ?? 0;
    if (n > 0) {
      same++;
      lines.set(line, n - 1);
    }
  }
  return same;
}

/** What one published file gave: its problems and, unless it was refused, its report (its store file is written). */
export interface FileHarvest {
  problems: Problem[];
  document?: FileReport;
}

/**
 * Harvests holding the store's lock; one that cannot take it reports `store/locked` and changes
 * nothing. Files are read, aligned, merged with their store file and written on worker threads
 * (documents are independent, each store file is its own atomic write); the report lists files in
 * path order whatever the timing.
 */
export async function harvest(options: HarvestOptions): Promise<HarvestReport> {
  const locked = (e: StoreLockedError): HarvestReport => ({
    files: 0,
    harvested: 0,
    entries: 0,
    stale: 0,
    retired: 0,
    untranslated: 0,
    documents: [],
    problems: [problem(e.file, 1, 1, 'store/locked', e.message)],
  });
  return underLockAsync(options.config.translations, 'harvest', false, () => harvestUnlocked(options), locked);
}

async function harvestUnlocked(options: HarvestOptions): Promise<HarvestReport> {
  const { config, dir, locale } = options;
  const paths = listFiles(dir, '.md');
  const outcomes: FileHarvest[] = new Array(paths.length);
  await runTasks(TASKS, 'harvest', { config, dir, locale }, paths, options.jobs ?? 1, (outcome, i) => {
    outcomes[i] = outcome;
  });
  const report: HarvestReport = { files: paths.length, harvested: 0, entries: 0, stale: 0, retired: 0, untranslated: 0, documents: [], problems: [] };
  for (const outcome of outcomes) {
    pushAll(report.problems, outcome.problems);
    const d = outcome.document;
    if (!d) continue;
    report.harvested++;
    report.entries += d.recorded;
    report.retired += d.retired.length;
    report.stale += d.stale.length;
    report.untranslated += d.untranslated;
    report.documents.push(d);
  }
  return report;
}

/**
 * One published file (`path` under `dir`) against its source document and its store file: the
 * merged store file is written (atomically; it is this document's alone, so any thread may write
 * it) and the file's report returned.
 */
export function harvestFile(config: Config, dir: string, locale: string, path: string, segmenter = segmenterFor(config)): FileHarvest {
  const problems: Problem[] = [];
  const refused = (p: Problem): FileHarvest => ({ problems: [...problems, p] });
  const file = join(dir, path);
  if (!existsSync(join(config.source, path))) return refused(problem(file, 1, 1, 'harvest/no-source', `no source document ${path} under ${config.source}`));
  const bytes = readSourceBytes(config, path);
  if (!(bytes instanceof Uint8Array)) return refused(bytes);
  let text: string;
  try {
    text = readBounded(file, LIMITS.markdownBytes).toString('utf8');
    checkNesting(text);
  } catch (e) {
    if (e instanceof TooLargeError) return refused(problem(file, 1, 1, 'harvest/too-large', e.message));
    if (e instanceof LimitError) return refused(problem(file, e.line, e.column, 'harvest/too-deep', e.message));
    throw e;
  }
  // How the file reads the English's no-break spaces (core/conventions.ts keepNbsp). A document
  // with some is read keeping them first, which shows its SOURCE both ways: a line of no-break
  // spaces in the file, or pairs across a no-break line end, tell that the file keeps them; pairs
  // split there, that it reads them as spaces (then it is read again that way); SOURCE texts tell
  // otherwise; and with no evidence at all, the reading whose rebuild matches the file wins.
  const english = bytes.toString('utf8');
  const hasNbsp = english.includes('\u00a0');
  const kept = hasNbsp && keepsNbspLines(text);
  let doc = sourceDocOf(config, path, bytes, segmenter, hasNbsp || undefined);
  if (isProblem(doc)) return refused(doc);
  const options = { profile: config.format };
  let result = harvestDoc(doc, text, file, segmenter, options);
  const { breaks, votes } = { breaks: result.nbspBreaks, votes: result.nbspVotes };
  const spaced = (): SourceDoc | undefined => {
    const other = sourceDocOf(config, path, bytes, segmenter, false);
    return isProblem(other) ? undefined : other;
  };
  let other: SourceDoc | undefined;
  if (!hasNbsp || kept || breaks.joined > breaks.split) {
    // As read.
  } else if (breaks.split > breaks.joined && (other = spaced())) {
    doc = other;
    result = harvestDoc(doc, text, file, segmenter, options);
  } else if (breaks.split === 0 && votes.space > votes.keep && !NBSP_SHAPES.test(english)) {
    result = harvestDoc(doc, text, file, segmenter, { ...options, keepNbsp: false });
  } else if (breaks.split === 0 && votes.keep > votes.space) {
    // As read.
  } else if ((other = spaced())) {
    const alt = harvestDoc(other, text, file, segmenter, options);
    const a = agreement(config, locale, doc, result, text);
    const b = agreement(config, locale, other, alt, text);
    if (b > a || (b === a && fidelityOf(alt) > fidelityOf(result))) [doc, result] = [other, alt];
  }
  pushAll(problems, result.problems);
  // A published file is outside input too: a translation with active content is not recorded; one
  // that would break the page's structure is kept (never lost), and build and check refuse it.
  const withheld: FileReport['withheld'] = [];
  const brokenStructure = new Set<object>();
  const unsafe = (e: { source: string; target: string; line?: number; column?: number }, what: string, issue: SafetyIssue | undefined): boolean => {
    if (!issue) return false;
    if (issue.rule === 'check/broken-structure') {
      brokenStructure.add(e);
      withheld.push({ source: e.source, line: e.line ?? 1, column: e.column ?? 1 });
      problems.push(problem(file, e.line ?? 1, e.column ?? 1, 'harvest/broken-target', `${what}: ${issue.message}; kept in the store, but not published until it is fixed`, 'warning'));
      return false;
    }
    problems.push(problem(file, e.line ?? 1, e.column ?? 1, 'harvest/unsafe-target', `${what}: ${issue.message} (not recorded)`));
    return true;
  };
  // Defects the site published (a link left without text, a dropped code) are kept as published — the
  // rebuild shows what the site showed — and marked, so check reports them for review (never lost, never silent).
  const judge = new TargetJudge(outlineOf(doc));
  // The judge decides safety too, against the document's English (once: what build publishes by).
  const issuesOf = new Map(result.entries.map((e) => [e, judge.issues(e.id, e.target, e.source)]));
  result.entries = result.entries.filter((e) => !unsafe(e, e.id, issuesOf.get(e)!.find(isSafetyIssue)));
  for (const e of result.entries) {
    if (brokenStructure.has(e)) continue;
    const issues = issuesOf.get(e)!;
    if (issues.length === 0) continue;
    e.asPublished = issues.map((i) => i.message).join('; ');
    problems.push(
      problem(file, e.line ?? 1, e.column ?? 1, 'harvest/as-published', `${e.id}: ${e.asPublished}; recorded and published as the site showed it, reported by check for review`, 'warning'),
    );
  }
  // Stale and retired translations have no sentence of the document to be judged against: their own English.
  result.stale = result.stale.filter((e) => !unsafe(e, e.id, unsafeTarget(e.target, e.source)));
  result.retired = result.retired.filter((e) => !unsafe(e, 'a retired translation', unsafeTarget(e.target, e.source)));
  const recorded = result.keys.get('ms.openlocfilehash');
  if (recorded !== undefined && recorded !== doc.hashRaw && recorded !== doc.hashCrlf) {
    problems.push(
      problem(
        file,
        1,
        1,
        'harvest/hash-mismatch',
        `ms.openlocfilehash ${recorded} is not the SHA-1 of the current ${path} (${doc.hashRaw}): the file was made from another version of the English`,
        'warning',
      ),
    );
  }
  const contentLocale = result.keys.get('ms.contentlocale');
  if (contentLocale !== undefined && contentLocale.toLowerCase() !== locale.toLowerCase()) {
    problems.push(problem(file, 1, 1, 'harvest/locale', `ms.contentlocale is ${contentLocale}, but harvesting into ${locale}`, 'warning'));
  }
  let existing;
  try {
    existing = loadStoredDoc(config.translations, locale, path);
  } catch (e) {
    if (!(e instanceof StoreReadError)) throw e;
    return refused(problem(e.file, e.line, e.column, e.rule, `${e.message} (not overwritten: fix or delete it)`));
  }
  const merged = mergeEntries(existing, doc, locale, config.sourceLocale, {
    // A stale translation never replaces one of the current English.
    entries: [...result.stale.filter((e) => !result.entries.some((x) => x.id === e.id)), ...result.entries],
    retired: result.retired,
    ...(result.prefix !== undefined ? { prefix: result.prefix } : {}),
    handoff: result.keys,
    conventions: result.conventions,
    state: 'final',
  });
  try {
    saveStoredDoc(config.translations, merged);
  } catch (e) {
    if (e instanceof StoreWriteError) return refused(problem(file, 1, 1, 'store/character', e.message));
    if (e instanceof UnsafePathError) return refused(problem(e.file, 1, 1, 'path/unsafe', e.message));
    throw e;
  }
  const document: FileReport = {
    path,
    file,
    pairs: result.stats.pairs,
    recorded: result.entries.length,
    merged: result.stats.merged,
    split: result.stats.split,
    rewritten: result.stats.rewritten,
    retired: result.retired.map((r) => ({ source: r.source, line: r.line, column: r.column })),
    stale: result.stale.map((r) => ({ id: r.id, source: r.source, line: r.line, column: r.column })),
    withheld,
    untranslated: result.untranslated,
    problems: problems.length,
  };
  return { problems, document };
}
