/**
 * `sxs import <file or dir>... [--locale <L>] [--dry-run] [--accept-stale] [--accept-qa]`: reads
 * returned XLIFF (1.2 incl. Trados/memoQ/Phrase flavours, 2.0–2.2, any encoding), checks every
 * segment (codes, and the quality rules at their configured levels), and updates the store in one
 * atomic change — or, if anything is rejected, changes nothing.
 */
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findLocale, type Config } from '../core/config.js';
import type { SourceDoc } from '../core/doc.js';
import type { Problem } from '../core/problems.js';
import { loadStoredDoc, mergeEntries, storedDocOf, storeFile, StoreReadError } from '../store/store.js';
import type { StoredDoc } from '../core/xliff-store.js';
import { listFiles, readBounded, TooLargeError } from '../util/fs.js';
import { StoreChange, underLock, underLockAsync, type StoreLockedError } from '../store/transaction.js';
import { defaultJobs, runTasks } from '../util/pool.js';
import { TASKS } from './tasks.js';
import { LIMITS } from '../util/limits.js';
import { importXliff, type ImportedEntry } from '../xliff/import.js';
import { readXliff, XliffReadError } from '../xliff/read.js';
import { XmlError } from '../core/xml.js';
import type { Segmenter } from '../markdown/segment.js';
import { docFor, isProblem, problem, readSourceDoc, segmenterFor, storeWrite } from './common.js';
import { pushAll } from '../util/arrays.js';
import { qaRunner, type QaRunner } from '../qa/run.js';

export const XLIFF_EXTENSIONS = ['.xlf', '.xliff', '.sdlxliff', '.mqxliff', '.mxliff'];

export interface ImportOptions {
  config: Config;
  /** Files or folders (absolute paths). */
  inputs: string[];
  /** Configured locale spelling, when given on the command line. */
  locale?: string;
  dryRun: boolean;
  acceptStale: boolean;
  /** Apply translations whose quality issues are errors (core/qa-settings.ts), reporting them as warnings. */
  acceptQa?: boolean;
  /** Test hook: called before each store file is swapped in. */
  beforeSwap?: (index: number) => void;
}

export interface ImportReport {
  files: number;
  segments: number;
  /** Translations that differ from what the store held. */
  changed: number;
  unchanged: number;
  untranslated: number;
  /** Targets not confirmed by their tool (initial state): left out. */
  unconfirmed: number;
  stale: number;
  written: string[];
  problems: Problem[];
}

function expand(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (statSync(input).isDirectory()) {
      for (const rel of XLIFF_EXTENSIONS.flatMap((ext) => listFiles(input, ext))) out.push(join(input, rel));
    } else out.push(input);
  }
  return [...new Set(out)].sort();
}

const sameLocale = (a: string, b: string) => a.toLowerCase().replace(/_/g, '-') === b.toLowerCase().replace(/_/g, '-');

/**
 * Imports holding the store's lock (a dry run only recovers an interrupted change): two imports
 * never interleave, and one that cannot take the lock reports `store/locked` and changes nothing.
 */
export function importHandoff(options: ImportOptions): ImportReport {
  return underLock(options.config.translations, 'import', options.dryRun, () => importUnlocked(options), lockedReport);
}

function importUnlocked(options: ImportOptions): ImportReport {
  const { report, change, local } = startImport(options);
  change.guard(() => {
    for (const file of expand(options.inputs)) applyFile(report, change, local, file, local.run(file), options.dryRun);
  });
  return finishImport(options, report, change);
}

/**
 * The same import with the handoff files read by worker threads (`jobs`, default one per core), for
 * the CLI. Files are read in any order but applied in path order in this thread, so the store and
 * the report are the same byte for byte.
 */
export async function importHandoffParallel(options: ImportOptions & { jobs?: number }): Promise<ImportReport> {
  return underLockAsync(
    options.config.translations,
    'import',
    options.dryRun,
    async () => {
      const { report, change, local, settings } = startImport(options);
      const files = expand(options.inputs);
      const pending = new Map<number, FileImport>();
      let next = 0;
      await change.guardAsync(() =>
        runTasks(TASKS, 'import', settings, files, options.jobs ?? defaultJobs(), (result, index) => {
          pending.set(index, result);
          for (let r = pending.get(next); r !== undefined; r = pending.get(next)) {
            pending.delete(next);
            applyFile(report, change, local, files[next]!, r, options.dryRun);
            next++;
          }
        }),
      );
      return finishImport(options, report, change);
    },
    lockedReport,
  );
}

function lockedReport(e: StoreLockedError): ImportReport {
  return { ...emptyReport(), problems: [problem(e.file, 1, 1, 'store/locked', e.message)] };
}

const emptyReport = (): ImportReport => ({ files: 0, segments: 0, changed: 0, unchanged: 0, untranslated: 0, unconfirmed: 0, stale: 0, written: [], problems: [] });

function startImport(options: ImportOptions) {
  const { config } = options;
  const report = emptyReport();
  const settings: FileImportSettings = {
    config,
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    acceptStale: options.acceptStale,
    acceptQa: options.acceptQa === true,
    sources: listFiles(config.source, '.md'),
  };
  // Documents and store files are read per handoff file and merged right after it, and the new
  // store files are staged on disk as they are made: memory stays flat however large the handoff.
  const change = new StoreChange(config.translations);
  // The quality rules, the glossary read once (per thread): an unreadable one is an error, nothing is written.
  const local = fileImporter(settings);
  pushAll(report.problems, local.problems);
  return { report, change, local, settings };
}

function finishImport(options: ImportOptions, report: ImportReport, change: StoreChange): ImportReport {
  if (options.dryRun || report.problems.some((p) => p.severity === 'error')) {
    change.abort();
    return report;
  }
  change.commit(options.beforeSwap);
  report.written = change.paths;
  return report;
}

/**
 * Adds what a handoff file gave to the report and stages its store files. A document an earlier
 * file of this import already staged is merged again here, onto what that file staged.
 */
function applyFile(report: ImportReport, change: StoreChange, local: FileImporter, file: string, read: FileImport, dryRun: boolean): void {
  const result = read.writes.some((w) => change.isStaged(w.path)) ? local.run(file, (path) => change.stagedText(path)) : read;
  report.files++;
  report.segments += result.segments;
  report.untranslated += result.untranslated;
  report.unconfirmed += result.unconfirmed;
  report.stale += result.stale;
  report.changed += result.changed;
  report.unchanged += result.unchanged;
  pushAll(report.problems, result.problems);
  if (!dryRun) for (const w of result.writes) change.stage(w.path, w.data);
}

/** What an import's per-file work needs (plain data: worker threads get it). */
export interface FileImportSettings {
  config: Config;
  /** Configured locale spelling, when given on the command line. */
  locale?: string;
  acceptStale: boolean;
  acceptQa: boolean;
  /** Every source document (paths a file's `original` may name). */
  sources: string[];
}

/** What one handoff file gives: its problems and counts, and the store files it makes. */
export interface FileImport {
  problems: Problem[];
  segments: number;
  untranslated: number;
  unconfirmed: number;
  stale: number;
  changed: number;
  unchanged: number;
  /** Store files with the file's translations merged in, in document order. */
  writes: { path: string; data: string }[];
}

export interface FileImporter {
  /** The glossary's problems (reported once per import). */
  problems: readonly Problem[];
  /** Reads one handoff file; `staged`: a store file's text as this import staged it (else the store's). */
  run(file: string, staged?: (storePath: string) => string | undefined): FileImport;
}

export function fileImporter(settings: FileImportSettings): FileImporter {
  const segmenter = segmenterFor(settings.config);
  const qa = qaRunner(settings.config);
  return { problems: qa.problems, run: (file, staged = () => undefined) => importFile(settings, file, segmenter, qa, staged) };
}

function importFile(settings: FileImportSettings, file: string, segmenter: Segmenter, qa: QaRunner, staged: (storePath: string) => string | undefined): FileImport {
  const { config, sources } = settings;
  const out: FileImport = { problems: [], segments: 0, untranslated: 0, unconfirmed: 0, stale: 0, changed: 0, unchanged: 0, writes: [] };
  let xliff;
  try {
    xliff = readXliff(readBounded(file, LIMITS.xliffBytes));
  } catch (e) {
    if (e instanceof TooLargeError) return refused(out, problem(file, 1, 1, 'import/too-large', `${e.message} (split the handoff)`));
    if (e instanceof RangeError) return refused(out, problem(file, 1, 1, 'import/xml', `the file is nested too deeply to process (${e.message})`));
    if (e instanceof XmlError || e instanceof XliffReadError) return refused(out, problem(file, e.line, e.column, 'import/xml', e.message));
    throw e;
  }
  const declared = xliff.targetLang ?? xliff.files.find((f) => f.targetLang)?.targetLang;
  let locale = settings.locale;
  if (locale && declared && !sameLocale(locale, declared)) {
    return refused(out, problem(file, xliff.root.line, xliff.root.column, 'import/locale', `the file's target language is ${declared}, not ${locale}`));
  }
  if (!locale) {
    locale = declared ? (config.locales.find((l) => sameLocale(l, declared)) ?? findLocale(config, declared)) : undefined;
    if (!locale) {
      const message = declared ? `target language ${declared} is not a configured locale (${config.locales.join(', ')})` : 'the file names no target language: pass --locale';
      return refused(out, problem(file, xliff.root.line, xliff.root.column, 'import/locale', message));
    }
  }
  const loc = locale;
  const docs = new Map<string, SourceDoc | Problem>();
  // The document as this locale reads it (commands/common.ts docFor).
  const docOf = (path: string) => {
    if (!docs.has(path)) {
      const english = readSourceDoc(config, path, segmenter);
      docs.set(path, isProblem(english) ? english : docFor(config, english, stored(path), segmenter));
    }
    return docs.get(path)!;
  };
  const storedDocs = new Map<string, StoredDoc | null>();
  const stored = (path: string) => {
    if (!storedDocs.has(path)) {
      try {
        storedDocs.set(path, loadStoredDoc(config.translations, loc, path));
      } catch (e) {
        if (!(e instanceof StoreReadError)) throw e;
        out.problems.push(problem(e.file, e.line, e.column, e.rule, e.message));
        storedDocs.set(path, null);
      }
    }
    return storedDocs.get(path)!;
  };
  const result = importXliff(xliff, {
    file,
    acceptStale: settings.acceptStale,
    qa: (source, target) => qa.segment(loc, source, target),
    acceptQa: settings.acceptQa,
    stored,
    resolve: (original) => {
      if (!original) return 'the <file> element has no original attribute naming the source document';
      const path = resolveSource(original, sources);
      if (!path) return `no source document matches original=${JSON.stringify(original)}`;
      const doc = docOf(path);
      return isProblem(doc) ? `the source document ${path} cannot be read: ${doc.message}` : doc;
    },
  });
  pushAll(out.problems, result.problems);
  out.segments += result.segments;
  out.untranslated += result.untranslated;
  out.unconfirmed += result.unconfirmed;
  out.stale += result.stale;
  const groups = new Map<string, ImportedEntry[]>();
  for (const e of result.entries) {
    if (!groups.has(e.path)) groups.set(e.path, []);
    groups.get(e.path)!.push(e);
  }
  for (const [path, entries] of groups) {
    // A document met in an earlier handoff file of this import builds on what that one staged.
    const target = storeFile(config.translations, loc, path);
    const earlier = staged(target);
    const existing = earlier === undefined ? stored(path) : storedDocOf(target, path, earlier);
    const current = new Map((existing?.translations ?? []).map((t) => [t.id, t]));
    for (const e of entries) {
      const t = current.get(e.id);
      if (t && t.source === e.source && t.target === e.target && t.state === e.state && t.review === e.review) out.unchanged++;
      else out.changed++;
    }
    const merged = mergeEntries(existing, docOf(path) as SourceDoc, loc, config.sourceLocale, { entries, handoff: new Map(), state: 'translated' });
    // An unsafe store path is reported (a dry run too) and not written.
    const write = storeWrite(config, merged, out.problems);
    if (write) out.writes.push(write);
  }
  return out;
}

function refused(out: FileImport, p: Problem): FileImport {
  out.problems.push(p);
  return out;
}

/** The source document an `original` attribute names: exact path, or a unique path it ends with. */
export function resolveSource(original: string, sources: readonly string[]): string | undefined {
  const norm = original
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .replace(/\.(xlf|xliff|sdlxliff|mqxliff|mxliff)$/i, '');
  if (sources.includes(norm)) return norm;
  const candidates = sources.filter((p) => norm.endsWith(`/${p}`));
  if (candidates.length === 1) return candidates[0];
  const byName = sources.filter((p) => basename(p) === basename(norm));
  return byName.length === 1 ? byName[0] : undefined;
}
