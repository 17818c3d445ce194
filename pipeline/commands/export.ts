/**
 * `sxs export [--locale <L>]… [--format xliff12|xliff21] [--out <dir>] [--all] [--dry-run] [--date <d>]`:
 * one handoff file per source document and locale with what needs translation (or, with --all,
 * everything), pre-filled from the locale's translation memory, and the analysis vendors quote on.
 *
 * Each document is parsed once whatever the number of locales. A real export (not --dry-run) holds
 * the store's lock and records the handoff in the store of every document it wrote: a stable prefix,
 * ms.openlocfilehash of the English handed off, ms.sourcegitcommit (when the source is in git),
 * ms.lasthandoff (today, or --date) and a new ms.locfileid — all in one atomic change.
 *
 * With a glossary configured, it is read once per run and each unit carries the entries its English
 * uses (xliff/export.ts); a glossary that cannot be read is an error and nothing is exported.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { inScope, type Config } from '../core/config.js';
import type { SourceDoc } from '../core/doc.js';
import type { Segmenter } from '../markdown/segment.js';
import type { HandoffKey } from '../markdown/front-matter.js';
import type { Problem } from '../core/problems.js';
import { mergeEntries } from '../store/store.js';
import { StoreChange, underLock, underLockAsync, type StoreLockedError } from '../store/transaction.js';
import { loadMemory } from '../tm/load.js';
import { loadGlossary, type Glossary } from '../terms/tbx.js';
import type { TranslationMemory } from '../tm/memory.js';
import { listFiles, UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { defaultJobs, runTasks } from '../util/pool.js';
import { inShard, type Shard } from '../util/shard.js';
import { CLASSES, emptyAnalysis, ExportError, planExport, writeXliff12, writeXliff21, type Analysis, type WordCounts } from '../xliff/export.js';
import { defaultPrefix, docFor, isProblem, loadStoredOrReport, problem, readSourceDoc, segmenterFor, sourceDocuments, storeWrite } from './common.js';
import { TASKS } from './tasks.js';

export type XliffFormat = 'xliff12' | 'xliff21';

export interface ExportOptions {
  config: Config;
  /** Configured locale spellings; every configured locale when empty. */
  locales: string[];
  format: XliffFormat;
  /** The output folder of a locale (absolute). */
  out: (locale: string) => string;
  all: boolean;
  toolVersion: string;
  /** Analyse only: write no handoff file and record nothing. */
  dryRun?: boolean;
  /** ms.lasthandoff as MM/DD/YYYY (default: today, UTC). */
  date?: string;
  /** Leverage from the translation memory (default true). */
  leverage?: boolean;
  /** Only the documents of this shard. */
  shard?: Shard;
  onProgress?: (done: number, total: number) => void;
}

export interface LocaleExport {
  locale: string;
  documents: number;
  files: string[];
  segments: number;
  words: WordCounts;
  analysis: Analysis;
  notPrefilled: number;
  leveraged: number;
  /** Translation-memory entries available for leverage. */
  memory: number;
  /** Glossary entries written into the files' units (0 without a glossary). */
  terms: number;
}

export interface ExportReport {
  locales: LocaleExport[];
  /** Store files whose handoff was recorded. */
  recorded: number;
  problems: Problem[];
}

/** Today as ms.lasthandoff writes it (MM/DD/YYYY, UTC). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getUTCMonth() + 1)}/${pad(now.getUTCDate())}/${now.getUTCFullYear()}`;
}

/** The commit the source folder is at, when it is inside a git work tree with git installed. */
function gitCommit(dir: string): string | undefined {
  const r = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', timeout: 10_000 });
  const out = r.status === 0 ? r.stdout.trim() : '';
  return /^[0-9a-f]{40}$/.test(out) ? out : undefined;
}

/** A new ms.locfileid: 8 digits, the same for the same handoff (document, locale, date, commit). */
export function locFileId(path: string, locale: string, date: string, commit: string | undefined): string {
  const h = createHash('sha1')
    .update(`${locale}\0${path}\0${date}\0${commit ?? ''}`)
    .digest();
  return String(10_000_000 + (h.readUInt32BE(0) % 90_000_000));
}

export function exportLocales(options: ExportOptions): ExportReport {
  return locked(options, (report, locales) => {
    const run = new ExportRun(options, locales, report);
    const segmenter = segmenterFor(options.config);
    return run.change.guard(() => {
      run.paths.forEach((path, i) => run.add(i, readSourceDoc(options.config, path, segmenter)));
      return run.finish();
    });
  });
}

/**
 * The same export with the documents parsed by worker threads (`jobs`, default one per core), for
 * the CLI. Documents are parsed in any order but planned in path order in this thread (repetitions
 * and the memory's in-context matches depend on it), so the output is the same byte for byte.
 */
export async function exportLocalesParallel(options: ExportOptions & { jobs?: number }): Promise<ExportReport> {
  return lockedAsync(options, async (report, locales) => {
    const run = new ExportRun(options, locales, report);
    const pending = new Map<number, SourceDoc | Problem>();
    let next = 0;
    return run.change.guardAsync(async () => {
      await runTasks(TASKS, 'source', { config: options.config }, run.paths, options.jobs ?? defaultJobs(), (doc, index) => {
        pending.set(index, doc);
        for (let d = pending.get(next); d !== undefined; d = pending.get(next)) {
          pending.delete(next);
          run.add(next++, d);
        }
      });
      return run.finish();
    });
  });
}

type Locales = readonly string[];

/** A real export holds the store's lock; a dry run only reads. */
function locked(options: ExportOptions, fn: (report: ExportReport, locales: Locales) => ExportReport): ExportReport {
  const { locales, report, lockFailed } = start(options);
  return underLock(options.config.translations, 'export', options.dryRun === true, () => fn(report, locales), lockFailed);
}

async function lockedAsync(options: ExportOptions, fn: (report: ExportReport, locales: Locales) => Promise<ExportReport>): Promise<ExportReport> {
  const { locales, report, lockFailed } = start(options);
  return underLockAsync(options.config.translations, 'export', options.dryRun === true, () => fn(report, locales), lockFailed);
}

/** The locales of an export, its empty report, and the report when the store is locked. */
function start(options: ExportOptions) {
  const locales: Locales = options.locales.length > 0 ? options.locales : options.config.locales;
  const report: ExportReport = { locales: [], recorded: 0, problems: [] };
  const lockFailed = (e: StoreLockedError): ExportReport => {
    report.problems.push(problem(e.file, 1, 1, 'store/locked', e.message));
    return report;
  };
  return { locales, report, lockFailed };
}

/**
 * One export: `add` each document in path order, then `finish`. What the store must record is
 * staged as each document goes, so no document or store text is held to the end; it is swapped in
 * at the end as one change, or dropped if anything failed.
 */
class ExportRun {
  readonly paths: string[];
  private readonly stamp: { date: string; commit: string | undefined };
  private readonly memories = new Map<string, TranslationMemory | undefined>();
  private readonly seen = new Map<string, Set<string>>();
  private readonly glossary: Glossary | undefined;
  /** The store files this export records its handoff in. */
  readonly change: StoreChange;
  /** For documents a locale reads otherwise (commands/common.ts `docFor`). */
  private readonly segmenter: Segmenter;

  constructor(
    private readonly options: ExportOptions,
    private readonly locales: Locales,
    private readonly report: ExportReport,
  ) {
    const { config } = options;
    this.stamp = { date: options.date ?? today(), commit: options.dryRun ? undefined : gitCommit(config.source) };
    for (const locale of locales) {
      const memory = options.leverage === false ? undefined : loadMemory(config, locale);
      this.memories.set(locale, memory);
      this.seen.set(locale, new Set());
      report.locales.push(emptyLocaleExport(locale, memory?.size ?? 0));
    }
    this.change = new StoreChange(config.translations);
    this.segmenter = segmenterFor(config);
    let usable = true;
    if (config.glossary) {
      const loaded = loadGlossary(config.glossary, config.sourceLocale);
      report.problems.push(...loaded.problems);
      if (loaded.ok) this.glossary = loaded.glossary;
      usable = loaded.ok;
    }
    // An unreadable glossary stops the export before any document: no file goes out without its terms.
    this.paths = usable ? sourceDocuments(config).filter((p) => inShard(p, options.shard) && locales.some((l) => inScope(config, l, p))) : [];
  }

  /** The document `paths[index]`, parsed (or the problem that prevents it). */
  add(index: number, english: SourceDoc | Problem): void {
    const { options, report } = this;
    const { config } = options;
    const { date, commit } = this.stamp;
    const path = this.paths[index]!;
    options.onProgress?.(index, this.paths.length);
    if (isProblem(english)) {
      report.problems.push(english);
      return;
    }
    for (const locale of this.locales.filter((l) => inScope(config, l, path))) {
      const r = report.locales.find((x) => x.locale === locale)!;
      r.documents++;
      const stored = loadStoredOrReport(config, locale, path, report.problems);
      if (stored === undefined) continue;
      const doc = docFor(config, english, stored, this.segmenter);
      if (isProblem(doc)) {
        report.problems.push(doc);
        continue;
      }
      const prefix = stored?.prefix ?? defaultPrefix(locale, path);
      const memory = this.memories.get(locale);
      const plan = planExport(doc, stored, {
        locale,
        sourceLocale: config.sourceLocale,
        prefix,
        all: options.all,
        ...(memory ? { memory } : {}),
        threshold: config.fuzzyThreshold,
        seen: this.seen.get(locale)!,
        ...(this.glossary ? { glossary: this.glossary } : {}),
      });
      for (const k of ['new', 'changed', 'translated'] as const) r.words[k] += plan.words[k];
      for (const c of CLASSES) {
        r.analysis[c].segments += plan.analysis[c].segments;
        r.analysis[c].words += plan.analysis[c].words;
      }
      r.notPrefilled += plan.notPrefilled;
      r.leveraged += plan.leveraged;
      if (plan.units.length === 0) continue;
      r.terms += plan.terms;
      r.segments += plan.segments;
      if (options.dryRun) continue;
      const keys = new Map<HandoffKey, string>([['ms.openlocfilehash', config.hashLineEndings === 'crlf' ? doc.hashCrlf : doc.hashRaw]]);
      if (commit) keys.set('ms.sourcegitcommit', commit);
      keys.set('ms.lasthandoff', date);
      keys.set('ms.locfileid', locFileId(path, locale, date, commit));
      plan.handoff = new Map([['prefix', prefix], ...keys]);
      let xml: string;
      try {
        xml = options.format === 'xliff12' ? writeXliff12(plan, options.toolVersion) : writeXliff21(plan);
      } catch (e) {
        if (!(e instanceof ExportError)) throw e;
        report.problems.push(problem(join(config.source, path), 1, 1, 'export/character', e.message));
        continue;
      }
      const out = options.out(locale);
      const file = join(out, `${path}.xlf`);
      try {
        // Atomic (a reader sees the old file or the new one), not flushed one by one: a handoff file is
        // output, made again by the same export, and a flush per file was a tenth of a cold export.
        writeFileAtomic(file, xml, { root: out, durable: false });
      } catch (e) {
        if (!(e instanceof UnsafePathError)) throw e;
        report.problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
        continue;
      }
      r.files.push(file);
      // What the store records of this handoff, written in one change at the end.
      const merged = mergeEntries(stored, doc, locale, config.sourceLocale, { entries: [], prefix, handoff: keys, state: 'translated' });
      const write = storeWrite(config, merged, report.problems);
      if (write) this.change.stage(write.path, write.data);
    }
  }

  finish(): ExportReport {
    const { options, report, change } = this;
    options.onProgress?.(this.paths.length, this.paths.length);
    if (report.problems.some((p) => p.severity === 'error')) change.abort();
    // Record the handoffs: one atomic change to the store.
    report.recorded = change.size;
    change.commit();
    return report;
  }
}

function emptyLocaleExport(locale: string, memory: number): LocaleExport {
  return { locale, documents: 0, files: [], segments: 0, words: { new: 0, changed: 0, translated: 0 }, analysis: emptyAnalysis(), notPrefilled: 0, leveraged: 0, memory, terms: 0 };
}

/** One locale, into one folder: what the tests and scripts use. */
export function exportHandoff(options: Omit<ExportOptions, 'locales' | 'out'> & { locale: string; out: string }): LocaleExport & { problems: Problem[]; recorded: number } {
  const report = exportLocales({ ...options, locales: [options.locale], out: () => options.out });
  const r = report.locales[0] ?? emptyLocaleExport(options.locale, 0);
  return { ...r, problems: report.problems, recorded: report.recorded };
}
