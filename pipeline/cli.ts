/**
 * The command table: parses arguments, runs a command, prints its report. The only module that
 * prints; it returns the exit code (0 ok, 1 content errors, 2 usage or configuration errors) and
 * bin/sxs.js sets it.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE, ConfigError, findLocale, loadConfig, type Config } from './core/config.js';
import type { SearchWords } from './html/search-words.js';
import { JournalError } from './store/transaction.js';
import { formatProblem, type Problem } from './core/problems.js';
import { tokenDistance } from './core/similarity.js';
import { count } from './util/plural.js';

export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  /** Environment variables (`NO_COLOR`, `GITHUB_STEP_SUMMARY`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Appends to a file (the GitHub step summary). */
  appendFile?(path: string, text: string): void;
  /** Resolves when a long-running command should stop (SIGINT/SIGTERM). */
  untilStopped?(): Promise<void>;
  /** Asks a question on the terminal (only when both ends are one); resolves to the answer. */
  ask?(question: string): Promise<string>;
}

class UsageError extends Error {}

const HELP = `sxs — localization pipeline for Markdown documentation

Usage: sxs <command> [options]

Commands:
  build [--locale <L>]... [--plain | --faithful] [--no-html] [--no-cache]
                                      write <dist>/<locale>/<path> for every source document:
                                      the bilingual Markdown, or with --plain the translated text,
                                      or with --faithful (config "output") the author's file with
                                      only the text translated, where "output.layout" puts it;
                                      and the bilingual HTML pages with an index per locale;
                                      unchanged documents are not rebuilt (.sxs-cache/)
  index                               write the index pages after combining shards' <dist> folders
  harvest <dir> --locale <L> [--json] record the translations of published bilingual files in <dir>
                                      (paths relative to <dir> name the source documents); per file:
                                      recorded, merged/split, retired, and each span not recorded
  export [--locale <L>]... [--format xliff12|xliff21] [--out <dir>] [--all] [--dry-run] [--date <d>]
                                      write handoff/<L>/<path>.xlf for vendors: what needs translation,
                                      pre-filled from the translation memory (--all: everything);
                                      prints the word analysis; --dry-run only analyses
  import <file or dir>... [--locale <L>] [--dry-run] [--accept-stale] [--accept-qa]
                                      check returned XLIFF and update the store (all or nothing);
                                      --accept-qa applies translations whose quality findings are errors
  validate <file or dir>... [--json]  check XLIFF files: the official schemas and the XLIFF 2 processing requirements
  check [--locale <L>]... [--format text|json|junit|github] [--min-coverage <percent>] [--strict] [--no-cache]
                                      per locale and file: missing, stale, broken and orphaned
                                      translations, and the quality rules (config "qa"); fails below
                                      the coverage (default 100), when anything is broken (--strict:
                                      or stale) or a quality rule set to "error" finds something
  check --merge <report.json>...      one verdict from the JSON reports of several shards
  tm export --locale <L> <file.tmx>   the locale's translations as TMX 1.4b (codes as bpt/ept/ph)
  tm import <file.tmx>...             bring in translation memories (kept in tm/, used as leverage)
  pseudo [--locale qps-ploc]          pseudo-translate every sentence into a configured pseudo-locale
  serve [--port <n>] [--host <h>]     build, then preview <dist>/ at http://127.0.0.1:4000/, rebuilding
                                      and reloading when source/, translations/ or the config change
  init [--source <dir>] [--source-locale <L>] [--locale <L>]...
                                      start a project here: a commented sxs.config.json, the source
                                      folder and the .gitignore lines (asks in a terminal)
  completion [bash|zsh]               print the shell completion script (eval "$(sxs completion)")
  help [<command>]                    this text, or one command's (also: sxs <command> --help)

Options:
  --config <file>   the configuration file (default: ./sxs.config.json)
  --shard <i>/<n>   build, export, check: only the i-th of n parts of the documents (by path hash)
  --jobs <n>        build, check, export, import: worker threads for changed documents or handoff files
                    (default: one per core, ≤ 8);
                    harvest: worker threads (default: one)
  --progress        build, export, check: a progress line even when not on a terminal (or in CI)
  -q, --quiet       print only errors (machine formats, --json and --format, are printed whole)
  --version         print the version

Exit codes: 0 ok, 1 content errors, 2 usage or configuration errors.
`;

const EXAMPLES: Record<string, string> = {
  build: 'sxs build --locale de-DE --no-html',
  index: 'sxs index',
  harvest: 'sxs harvest ../published/de-de --locale de-DE',
  export: 'sxs export --locale de-DE --format xliff21',
  import: 'sxs import handoff/de-DE',
  validate: 'sxs validate handoff/de-DE --json',
  check: 'sxs check --format junit --min-coverage 90 > check.xml',
  tm: 'sxs tm export --locale de-DE de-DE.tmx',
  pseudo: 'sxs pseudo --locale qps-ploc',
  serve: 'sxs serve --port 4000',
  init: 'sxs init --source docs --locale de-DE --locale ja-JP',
  completion: 'echo \'eval "$(sxs completion bash)"\' >> ~/.bashrc',
};

/** A command's lines of the general help, its example, and the options every command takes. */
function commandHelp(name: string): string {
  const lines = HELP.split('\n');
  const own: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (/^  \S/.test(line)) inside = line.startsWith(`  ${name} `) || line === `  ${name}`;
    else if (!/^ {3,}\S/.test(line)) inside = false;
    if (inside) own.push(line);
  }
  const options = HELP.slice(HELP.indexOf('Options:'));
  return `Usage: sxs ${name} [options]\n\n${own.join('\n')}\n\nExample:\n  ${EXAMPLES[name] ?? `sxs ${name}`}\n\n${options}`;
}

/** The candidate nearest to a mistyped word (at most two edits, and fewer than half its letters), if any. */
function suggestion(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let distance = Infinity;
  for (const c of candidates) {
    const d = tokenDistance([...word], [...c], 2);
    if (d < distance && d * 2 < Math.max(word.length, 2)) [best, distance] = [c, d];
  }
  return best;
}

const didYouMean = (word: string, candidates: readonly string[]) => {
  const s = suggestion(word, candidates);
  return s ? ` (did you mean ${s}?)` : '';
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

interface Parsed {
  values: {
    config?: string;
    locale?: string | string[];
    plain?: boolean;
    faithful?: boolean;
    format?: string;
    out?: string;
    all?: boolean;
    json?: boolean;
    strict?: boolean;
    'min-coverage'?: string;
    'no-cache'?: boolean;
    'no-html'?: boolean;
    date?: string;
    port?: string;
    host?: string;
    shard?: string;
    jobs?: string;
    progress?: boolean;
    merge?: boolean;
    source?: string;
    'source-locale'?: string;
  };
  positionals: string[];
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed {
  try {
    const parsed = parseArgs({ args, options: { ...options, config: { type: 'string' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const unknown = /^Unknown option '(--?[^']+)'/.exec(err.message);
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
      const known = [...Object.keys(options), 'config'].map((o) => `--${o}`);
      throw new UsageError(`unknown option ${unknown[1]}${didYouMean(unknown[1]!, known)}`);
    }
    throw new UsageError(err.message);
  }
}

function locales(config: Config, requested: string[] | undefined): string[] {
  return (requested ?? []).map((l) => {
    const found = findLocale(config, l);
    if (!found) throw new UsageError(`--locale ${l}: not one of the configured locales (${config.locales.join(', ')})`);
    return found;
  });
}

function printProblems(io: Io, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
}

const errorsIn = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error').length;

/** Options of the commands that run over every document. */
const SCALE_OPTIONS = { shard: { type: 'string' }, jobs: { type: 'string' }, progress: { type: 'boolean' } } as const;

async function shardOption(value: string | undefined) {
  if (value === undefined) return undefined;
  const { parseShard } = await import('./util/shard.js');
  const shard = parseShard(value);
  if (!shard) throw new UsageError(`--shard ${value}: expected <i>/<n> with 1 ≤ i ≤ n (for example 2/8)`);
  return shard;
}

async function jobsOption(value: string | undefined): Promise<number> {
  if (value === undefined) return (await import('./util/pool.js')).defaultJobs();
  if (!/^[1-9][0-9]{0,2}$/.test(value)) throw new UsageError(`--jobs ${value}: expected a number of threads (1 runs in one thread)`);
  return Number(value);
}

/**
 * A progress line on standard error (documents done / total, rate), on a terminal outside CI or
 * with --progress; redrawn at most ten times a second, finished with a newline.
 */
function progress(io: Io, label: string, forced: boolean | undefined): ((done: number, total: number) => void) | undefined {
  if (!forced && (!io.isTTY || io.env?.CI)) return undefined;
  const started = performance.now();
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < 100) return;
    last = now;
    const rate = done / Math.max((now - started) / 1000, 1e-3);
    const width = 24;
    const filled = total === 0 ? width : Math.round((width * done) / total);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} documents, ${rate.toFixed(0)}/s`;
    io.stderr(io.isTTY ? `\r${line}${done >= total ? '\n' : ''}` : done >= total || done % 500 === 0 ? `${line}\n` : '');
  };
}

async function runBuild(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    locale: { type: 'string', multiple: true },
    plain: { type: 'boolean' },
    faithful: { type: 'boolean' },
    'no-html': { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    ...SCALE_OPTIONS,
  });
  if (positionals.length > 0) throw new UsageError(`build takes no arguments, found ${positionals.join(' ')}`);
  if (values.plain && values.faithful) throw new UsageError('build takes --plain or --faithful, not both');
  const shard = await shardOption(values.shard);
  const jobs = await jobsOption(values.jobs);
  const config = loadConfig(io.cwd, values.config);
  const { buildParallel } = await import('./commands/build-run.js');
  const started = performance.now();
  const requested = values.locale === undefined ? undefined : ([] as string[]).concat(values.locale);
  const onProgress = progress(io, 'build', values.progress);
  const report = await buildParallel({
    config,
    locales: locales(config, requested),
    mode: values.plain ? 'plain' : values.faithful || config.output.profile === 'faithful' ? 'faithful' : 'bilingual',
    html: values['no-html'] !== true,
    jobs,
    ...(shard ? { shard } : {}),
    ...(values['no-cache'] ? {} : { cacheDir: resolve(config.root, '.sxs-cache') }),
    ...(onProgress ? { onProgress } : {}),
  });
  const searched = values['no-html'] !== true && !shard ? await searchIndexes(io, config, report.search) : '';
  printProblems(io, report.problems);
  const ms = Math.round(performance.now() - started);
  const pages = report.htmlPages > 0 ? ` and ${report.htmlPages} HTML pages` : '';
  const unchanged = report.documents - report.rebuilt;
  io.stdout(
    `built ${count(report.written, 'file')}${pages} from ${count(report.documents, 'document')}${shard ? ` (shard ${shard.index}/${shard.count})` : ''} in ${ms} ms${unchanged > 0 ? ` (${unchanged} unchanged, not rebuilt)` : ''}\n`,
  );
  if (shard && values['no-html'] !== true) io.stdout(`  index pages: run sxs index once the shards' ${config.dist} folders are combined\n`);
  for (const s of report.locales) {
    io.stdout(`  ${s.locale}: ${count(s.documents, 'document')}, ${count(s.sentences, 'sentence')}, ${s.missing} untranslated\n`);
  }
  if (searched) io.stdout(searched);
  const missing = report.locales.filter((s) => s.missing > 0);
  if (missing.length > 0) {
    io.stderr(`warning: sentences without a translation were written in English:\n`);
    for (const s of missing)
      io.stderr(`  ${s.locale}: ${count(s.missing, 'sentence')} in ${count(s.incomplete.length, 'document')} (${s.incomplete.slice(0, 5).join(', ')}${s.incomplete.length > 5 ? ', …' : ''})\n`);
  }
  return errorsIn(report.problems) > 0 ? 1 : 0;
}

/** Writes the search index of each locale whose pages' words changed (html/search.ts); returns the line to print. */
async function searchIndexes(io: Io, config: Config, pages: SearchWords): Promise<string> {
  if (pages.hashes.size === 0) return '';
  const { writeSearchIndexes } = await import('./html/search.js');
  try {
    const search = await writeSearchIndexes(config.dist, config.sourceLocale, pages);
    for (const p of search.problems) io.stderr(`warning: search: ${p}\n`);
    return search.written.length > 0 ? `  search index: ${search.written.join(', ')}\n` : '';
  } catch (e) {
    // The pages are written; only their search is missing (Pagefind's indexer could not run here).
    io.stderr(`warning: search: no search index was written: ${(e as Error).message}\n`);
    return '';
  }
}

async function runIndex(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {});
  if (positionals.length > 0) throw new UsageError(`index takes no arguments, found ${positionals.join(' ')}`);
  const config = loadConfig(io.cwd, values.config);
  const { writeIndexesFromShards } = await import('./commands/build-run.js');
  const result = writeIndexesFromShards(config);
  printProblems(io, result.problems);
  // Warnings (a TOC entry that points at nothing) are reported; only errors stop the index pages.
  if (errorsIn(result.problems) > 0) return 1;
  const searched = await searchIndexes(io, config, result.search);
  io.stdout(`wrote the index pages of ${count(result.documents, 'document')} from ${count(result.parts, 'shard page list')}\n${searched}`);
  return 0;
}

async function runHarvest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { locale: { type: 'string' }, json: { type: 'boolean' }, jobs: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('harvest needs exactly one folder: sxs harvest <dir> --locale <L> [--json] [--jobs <n>]');
  if (typeof values.locale !== 'string') throw new UsageError('harvest needs --locale <L>');
  const config = loadConfig(io.cwd, values.config);
  const [locale] = locales(config, [values.locale]);
  const dir = resolve(io.cwd, positionals[0]!);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${positionals[0]}: not a folder`);
  const { harvest } = await import('./commands/harvest.js');
  // One thread unless asked: a harvest is bound by the durable write of every store file, and
  // measured on the corpus two threads were slower than one on a two-core machine.
  const report = await harvest({ config, dir, locale: locale!, jobs: values.jobs === undefined ? 1 : await jobsOption(values.jobs) });
  const errors = errorsIn(report.problems);
  const summary = `harvested ${report.harvested} of ${count(report.files, 'file')} into ${locale}: ${count(report.entries, 'translation')}, ${report.stale} stale (of an earlier English), ${report.retired} retired (English no longer in the document), ${count(report.untranslated, 'sentence')} not translated in the files, ${count(errors, 'error')}, ${count(report.problems.length - errors, 'warning')}`;
  if ((values as Record<string, unknown>).json === true) {
    io.stdout(`${JSON.stringify({ locale, ...report, errors, warnings: report.problems.length - errors, summary }, null, 2)}\n`);
    return errors > 0 ? 1 : 0;
  }
  printProblems(io, report.problems);
  for (const d of report.documents) {
    const shapes = [d.merged ? `${d.merged} merged` : '', d.split ? `${d.split} split` : '', d.rewritten ? `${d.rewritten} with the published SOURCE` : ''].filter(Boolean);
    const stale = d.stale.length ? `, ${d.stale.length} stale` : '';
    io.stdout(
      `${d.path}: ${d.recorded} recorded${shapes.length ? ` (${shapes.join(', ')})` : ''}${stale}, ${d.retired.length} retired, ${d.untranslated} untranslated${d.problems ? `, ${count(d.problems, 'problem')}` : ''}\n`,
    );
  }
  io.stdout(`${summary}\n`);
  return errors > 0 ? 1 : 0;
}

/** `MM/DD/YYYY` from `YYYY-MM-DD` or `MM/DD/YYYY`. */
function handoffDate(value: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : us ? [us[3]!, us[1]!, us[2]!] : [];
  const date = y ? new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))) : undefined;
  if (!date || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) throw new UsageError(`--date ${value}: expected a date like 2026-11-23`);
  return `${m}/${d}/${y}`;
}

const CLASS_LABELS: Array<[string, string]> = [
  ['new', 'new'],
  ['fuzzy75', '75–84%'],
  ['fuzzy85', '85–94%'],
  ['fuzzy95', '95–99%'],
  ['exact', 'exact'],
  ['inContext', 'in-context'],
  ['repetitions', 'repetitions'],
];

async function runExport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    locale: { type: 'string', multiple: true },
    format: { type: 'string' },
    out: { type: 'string' },
    all: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    date: { type: 'string' },
    ...SCALE_OPTIONS,
  });
  if (positionals.length > 0) throw new UsageError(`export takes no arguments, found ${positionals.join(' ')}`);
  const shard = await shardOption(values.shard);
  const format = values.format ?? 'xliff12';
  if (format !== 'xliff12' && format !== 'xliff21') throw new UsageError(`--format ${format}: expected xliff12 or xliff21`);
  const v = values as Record<string, unknown>;
  const dryRun = v['dry-run'] === true;
  const date = values.date === undefined ? undefined : handoffDate(values.date);
  const config = loadConfig(io.cwd, values.config);
  const requested = locales(config, values.locale === undefined ? undefined : ([] as string[]).concat(values.locale));
  const targets = requested.length > 0 ? requested : config.locales;
  if (values.out && targets.length > 1) throw new UsageError('--out needs a single --locale (without it, each locale goes to handoff/<locale>/)');
  const outOf = (locale: string) => (values.out ? resolve(io.cwd, values.out) : resolve(config.root, 'handoff', locale));
  const { exportLocalesParallel } = await import('./commands/export.js');
  const onProgress = progress(io, 'export', values.progress);
  const report = await exportLocalesParallel({
    jobs: await jobsOption(values.jobs),
    config,
    locales: targets,
    format,
    out: outOf,
    all: values.all === true,
    toolVersion: version(),
    dryRun,
    ...(date ? { date } : {}),
    ...(shard ? { shard } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  printProblems(io, report.problems);
  for (const r of report.locales) {
    const what = dryRun ? `${count(r.documents, 'document')}` : `exported ${count(r.files.length, 'file')} (${format}) to ${outOf(r.locale)}`;
    const terms = config.glossary ? `, ${count(r.terms, 'glossary entry')} in the units` : '';
    io.stdout(`${r.locale}: ${what}: ${count(r.segments, 'segment')} to translate, ${r.leveraged} pre-filled from the memory (${count(r.memory, 'entry')})${terms}\n`);
    if (r.notPrefilled > 0) io.stdout(`  ${count(r.notPrefilled, 'translation')} were not pre-filled: their inline codes do not map onto the English\n`);
  }
  // The analysis vendors quote on: words (and segments) of every sentence by match class.
  const rows = [['words', ...CLASS_LABELS.map(([, l]) => l), 'total']];
  for (const r of report.locales) {
    const total = CLASS_LABELS.reduce((n, [k]) => n + r.analysis[k as keyof typeof r.analysis].words, 0);
    rows.push([r.locale, ...CLASS_LABELS.map(([k]) => String(r.analysis[k as keyof typeof r.analysis].words)), String(total)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  io.stdout(`\n${rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n')}\n`);
  if (!dryRun && report.recorded > 0) io.stdout(`\nrecorded the handoff (ms.lasthandoff ${date ?? 'today'}) in ${count(report.recorded, 'store file')}\n`);
  return errorsIn(report.problems) > 0 ? 1 : 0;
}

async function runImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    locale: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'accept-stale': { type: 'boolean' },
    'accept-qa': { type: 'boolean' },
    jobs: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder: sxs import <file or dir>...');
  const config = loadConfig(io.cwd, values.config);
  const requested = typeof values.locale === 'string' ? locales(config, [values.locale])[0] : undefined;
  const inputs = positionals.map((p) => inputPath(io.cwd, p));
  const { importHandoffParallel } = await import('./commands/import.js');
  const v = values as Record<string, unknown>;
  // Test-only fault injection (test/hostile.test.ts): the process kills itself before the N-th store file is swapped in.
  const killAt = io.env?.SXS_TEST_KILL_BEFORE_SWAP;
  const beforeSwap = killAt === undefined ? undefined : (i: number) => void (i === Number(killAt) && process.kill(process.pid, 'SIGKILL'));
  const report = await importHandoffParallel({
    jobs: await jobsOption(values.jobs),
    config,
    inputs,
    ...(requested ? { locale: requested } : {}),
    dryRun: v['dry-run'] === true,
    acceptStale: v['accept-stale'] === true,
    acceptQa: v['accept-qa'] === true,
    ...(beforeSwap ? { beforeSwap } : {}),
  });
  printProblems(io, report.problems);
  const errors = errorsIn(report.problems);
  const verb = v['dry-run'] === true ? 'would import' : errors > 0 ? 'rejected' : 'imported';
  io.stdout(
    `${verb} ${count(report.files, 'file')}: ${count(report.segments, 'segment')}, ${count(report.changed, 'translation')} changed, ${report.unchanged} unchanged, ${report.untranslated} untranslated, ${report.unconfirmed} not confirmed (left out), ${report.stale} stale
`,
  );
  if (errors > 0)
    io.stdout(`  ${count(errors, 'error')}: nothing was written to ${config.translations}
`);
  else if (report.written.length > 0)
    io.stdout(`  updated ${count(report.written.length, 'store file')}
`);
  return errors > 0 ? 1 : 0;
}

/**
 * A file or folder named on the command line. Anything else (a named pipe, a socket, a device) is
 * refused: reading one could wait forever.
 */
function inputPath(cwd: string, p: string): string {
  const full = resolve(cwd, p);
  const st = statSync(full, { throwIfNoEntry: false });
  if (!st) throw new UsageError(`${p}: no such file or folder`);
  if (!st.isFile() && !st.isDirectory()) throw new UsageError(`${p}: not a regular file or folder (a pipe, socket or device is not read)`);
  return full;
}

async function runValidate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('validate needs at least one file or folder: sxs validate <file>... [--json]');
  const inputs = positionals.map((p) => inputPath(io.cwd, p));
  const { validateFiles, isValid } = await import('./commands/validate.js');
  const results = validateFiles(inputs);
  const failed = results.filter((r) => !isValid(r)).length;
  const warned = results.filter((r) => isValid(r) && r.findings.length > 0).length;
  if ((values as Record<string, unknown>).json === true) {
    const report = results.map((r) => ({ file: r.file, version: r.version ?? null, valid: isValid(r), findings: r.findings }));
    io.stdout(`${JSON.stringify({ files: report, valid: results.length - failed, invalid: failed, warnings: warned }, null, 2)}\n`);
  } else {
    for (const r of results) {
      for (const f of r.findings) io.stdout(`${formatProblem({ file: r.file, ...f })}\n`);
      if (isValid(r)) io.stdout(`OK ${r.file}${r.version ? ` (XLIFF ${r.version})` : ''}${r.findings.length > 0 ? `, ${r.findings.length} warning${r.findings.length === 1 ? '' : 's'}` : ''}\n`);
    }
    io.stdout(`${results.length - failed} valid${warned > 0 ? ` (${warned} with warnings)` : ''}, ${failed} invalid\n`);
  }
  return failed > 0 ? 1 : 0;
}

async function runCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    locale: { type: 'string', multiple: true },
    format: { type: 'string' },
    'min-coverage': { type: 'string' },
    strict: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    merge: { type: 'boolean' },
    ...SCALE_OPTIONS,
  });
  if (positionals.length > 0 && !values.merge) throw new UsageError(`check takes no arguments, found ${positionals.join(' ')} (to combine reports: sxs check --merge <report.json>...)`);
  if (values.merge && positionals.length === 0) throw new UsageError('--merge needs the JSON reports to combine: sxs check --merge reports/*.json');
  const { CHECK_FORMATS, formatReport, markdownSummary } = await import('./check/formats.js');
  const format = values.format ?? 'text';
  if (!(CHECK_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: expected one of ${CHECK_FORMATS.join(', ')}`);
  const raw = values['min-coverage'] ?? '100';
  const minCoverage = Number(raw.replace(/%$/, ''));
  if (!/^\d+(?:\.\d+)?%?$/.test(raw) || minCoverage > 100) throw new UsageError(`--min-coverage ${raw}: expected a percentage from 0 to 100`);
  const shard = await shardOption(values.shard);
  const jobs = await jobsOption(values.jobs);
  let report;
  if (values.merge) {
    const { mergeReports, readJsonReport, MergeError } = await import('./check/merge.js');
    try {
      const reports = positionals.map((file) => readJsonReport(readFileSync(resolve(io.cwd, file), 'utf8'), file));
      const options = values['min-coverage'] !== undefined || values.strict ? { minCoverage, strict: values.strict === true } : undefined;
      report = mergeReports(reports, io.cwd, options, positionals);
    } catch (e) {
      if (e instanceof MergeError || (e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError((e as Error).message);
      throw e;
    }
  } else {
    const config = loadConfig(io.cwd, values.config);
    const requested = values.locale === undefined ? undefined : ([] as string[]).concat(values.locale);
    const { check } = await import('./commands/check.js');
    const onProgress = progress(io, 'parse', values.progress);
    report = await check({
      config,
      locales: locales(config, requested),
      check: { minCoverage, strict: values.strict === true },
      ...(values['no-cache'] ? {} : { cacheDir: resolve(config.root, '.sxs-cache') }),
      toolVersion: version(),
      jobs,
      ...(shard ? { shard } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
  }
  const color = format === 'text' && io.isTTY && !io.env?.NO_COLOR;
  io.stdout(formatReport(format as Parameters<typeof formatReport>[0], report, { cwd: io.cwd, color }));
  const summaryFile = io.env?.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile && io.appendFile) io.appendFile(summaryFile, markdownSummary(report));
  return report.ok ? 0 : 1;
}

async function runServe(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, found ${positionals.join(' ')}`);
  const port = Number(values.port ?? '4000');
  if (!/^\d+$/.test(values.port ?? '4000') || port > 65535) throw new UsageError(`--port ${values.port}: expected a port number (0 picks a free one)`);
  const config = loadConfig(io.cwd, values.config);
  const { serve } = await import('./commands/serve.js');
  let server;
  try {
    server = await serve({ config, configFile: resolve(io.cwd, values.config ?? CONFIG_FILE), port, host: values.host ?? '127.0.0.1', log: (line) => io.stdout(`${line}\n`) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use: pass --port <n> (0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new UsageError(`cannot listen on ${values.host ?? '127.0.0.1'}:${port}: ${(e as Error).message}`);
    throw e;
  }
  io.stdout(`serving ${config.dist} at ${server.url} (Ctrl+C to stop)\n`);
  await (io.untilStopped ?? (() => new Promise<void>(() => {})))();
  await server.close();
  return 0;
}

async function runPseudo(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { locale: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`pseudo takes no arguments, found ${positionals.join(' ')}`);
  const config = loadConfig(io.cwd, values.config);
  const wanted = typeof values.locale === 'string' ? values.locale : 'qps-ploc';
  const locale = findLocale(config, wanted);
  if (!locale) throw new UsageError(`--locale ${wanted}: add it to "locales" in the config first, so that build and check include it (configured: ${config.locales.join(', ')})`);
  const { pseudo } = await import('./commands/pseudo.js');
  const report = pseudo(config, locale);
  printProblems(io, report.problems);
  const errors = errorsIn(report.problems);
  io.stdout(errors > 0 ? `nothing written: ${count(errors, 'error')}\n` : `pseudo-translated ${count(report.segments, 'sentence')} of ${count(report.documents, 'document')} into ${locale}\n`);
  return errors > 0 ? 1 : 0;
}

async function runTm(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') {
    const { values, positionals } = parse(rest, { locale: { type: 'string' } });
    if (typeof values.locale !== 'string' || positionals.length !== 1) throw new UsageError('usage: sxs tm export --locale <L> <file.tmx>');
    const config = loadConfig(io.cwd, values.config);
    const [locale] = locales(config, [values.locale]);
    const { tmExport } = await import('./commands/tm.js');
    const out = resolve(io.cwd, positionals[0]!);
    const report = tmExport(config, locale!, out, version());
    io.stdout(`wrote ${count(report.entries, 'translation unit')} (${config.sourceLocale} → ${locale}) to ${out}\n`);
    return 0;
  }
  if (sub === 'import') {
    const { values, positionals } = parse(rest, {});
    if (positionals.length === 0) throw new UsageError('usage: sxs tm import <file.tmx>...');
    const config = loadConfig(io.cwd, values.config);
    const inputs = positionals.map((p) => {
      const full = resolve(io.cwd, p);
      if (!existsSync(full) || !statSync(full).isFile()) throw new UsageError(`${p}: no such file`);
      return full;
    });
    const { tmImport } = await import('./commands/tm.js');
    const report = tmImport(config, inputs);
    printProblems(io, report.problems);
    const errors = errorsIn(report.problems);
    if (errors > 0) {
      io.stdout(`nothing imported: ${count(errors, 'error')}\n`);
      return 1;
    }
    for (const f of report.files) {
      const counts = Object.entries(f.perLocale)
        .map(([l, n]) => `${l} ${n}`)
        .join(', ');
      io.stdout(`imported ${f.file} as ${f.stored}: ${count(f.units, 'unit')} (${counts})\n`);
    }
    return 0;
  }
  throw new UsageError('usage: sxs tm export --locale <L> <file.tmx> | sxs tm import <file.tmx>...');
}

async function runInit(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { source: { type: 'string' }, 'source-locale': { type: 'string' }, locale: { type: 'string', multiple: true } });
  if (positionals.length > 0) throw new UsageError(`init takes no arguments, found ${positionals.join(' ')}`);
  const { init, InitError } = await import('./commands/init.js');
  let source = values.source;
  let sourceLocale = values['source-locale'];
  let requested = values.locale === undefined ? undefined : ([] as string[]).concat(values.locale);
  if (requested === undefined && io.ask) {
    const answer = async (question: string, fallback: string) => (await io.ask!(`${question} [${fallback}] `)).trim() || fallback;
    source ??= await answer('Folder of the English Markdown', existsSync(resolve(io.cwd, 'docs')) ? 'docs' : 'source');
    sourceLocale ??= await answer('Language the documents are written in', 'en-US');
    requested = (await answer('Languages to translate into, separated by commas', 'de-DE')).split(/[\s,]+/).filter(Boolean);
  }
  if (requested === undefined) throw new UsageError('name the locales to translate into: sxs init --locale de-DE [--locale ja-JP]... (in a terminal, sxs init asks)');
  try {
    const report = init({ root: io.cwd, source: source ?? 'source', sourceLocale: sourceLocale ?? 'en-US', locales: requested });
    io.stdout(`wrote ${report.written.join(', ')}${report.ignored.length ? ` (.gitignore: ${report.ignored.join(' ')})` : ''}\n`);
    io.stdout(`next: put your English Markdown in ${source ?? 'source'}/, then run sxs export (handoff files for translators) and sxs build\n`);
    return 0;
  } catch (e) {
    if (e instanceof InitError) throw new UsageError(e.message);
    throw e;
  }
}

/** Every command's options, as the help lists them (the one source of both). */
function optionsOf(name: string): string[] {
  return [...new Set([...commandHelp(name).matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))].sort();
}

async function runCompletion(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args, {});
  const shell = positionals[0] ?? 'bash';
  if (positionals.length > 1 || (shell !== 'bash' && shell !== 'zsh')) throw new UsageError(`expected bash or zsh, found ${positionals.join(' ')}`);
  const names = [...Object.keys(COMMANDS), 'help'].sort();
  const cases = names.map((n) => `    ${n}) opts="${n === 'help' ? names.join(' ') : optionsOf(n).join(' ')}" ;;`).join('\n');
  const script = `# sxs ${shell} completion: eval "$(sxs completion ${shell})"
${shell === 'zsh' ? 'autoload -U +X bashcompinit && bashcompinit\n' : ''}_sxs() {
  local cur=\${COMP_WORDS[COMP_CWORD]} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${names.join(' ')}" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* || "\${COMP_WORDS[1]}" == help ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _sxs sxs
`;
  io.stdout(script);
  return 0;
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  init: runInit,
  completion: runCompletion,
  validate: runValidate,
  build: runBuild,
  index: runIndex,
  harvest: runHarvest,
  export: runExport,
  import: runImport,
  check: runCheck,
  serve: runServe,
  pseudo: runPseudo,
  tm: runTm,
};

const SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way of a file',
  EEXIST: 'something is already in the way',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'an input/output error of the device',
};

/** A failure of the file system on a path, as `path:1:1: error io/<code>: …`; undefined for anything else. */
function systemProblem(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string' || typeof err.path !== 'string' || !/^E[A-Z]+$/.test(err.code)) return undefined;
  const what = SYSTEM_ERRORS[err.code] ?? err.message;
  return `${err.path}:1:1: error io/${err.code.toLowerCase()}: ${what} (${err.syscall ?? 'file system'}); the command stopped there`;
}

/** Lines `--quiet` keeps: errors (with their position, or of the command), and why a command failed. */
const ERROR_LINE = /(?:^|:\d+:\d+: |^\S+: )error\b|^sxs\b|^check failed|^nothing (?:imported|written)/;

/** An Io that prints only errors; a machine format (`--json`, `--format` other than text) whole. */
function quietIo(io: Io, machine: boolean): Io {
  const only = (write: (s: string) => void) => (text: string) => {
    const kept = text.split(/(?<=\n)/).filter((line) => ERROR_LINE.test(line));
    if (kept.length > 0) write(kept.join(''));
  };
  return { ...io, isTTY: false, stdout: machine ? io.stdout : only(io.stdout), stderr: only(io.stderr), env: { ...io.env, CI: io.env?.CI ?? 'quiet' } };
}

export async function main(argv: string[], io: Io): Promise<number> {
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  if (quiet) {
    argv = argv.filter((a) => a !== '--quiet' && a !== '-q');
    const format = argv.indexOf('--format');
    const machine = argv.includes('--json') || (format >= 0 && argv[format + 1] !== 'text') || argv.some((a) => /^--format=(?!text$)/.test(a)) || argv[0] === 'completion';
    io = quietIo(io, machine);
  }
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const names = [...Object.keys(COMMANDS), 'help'];
  if (command === 'help' || rest.includes('--help') || rest.includes('-h')) {
    const topic = command === 'help' ? rest[0] : command;
    if (topic !== undefined && !COMMANDS[topic]) {
      io.stderr(`sxs help: unknown command "${topic}"${didYouMean(topic, names)}\n`);
      return 2;
    }
    io.stdout(topic === undefined ? HELP : commandHelp(topic));
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`sxs: unknown command "${command}"${didYouMean(command, names)} (see sxs help)\n`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`sxs ${command}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.stderr(`${e.file}: ${p}\n`);
      return 2;
    }
    if (e instanceof JournalError) {
      io.stderr(`${e.file}:1:1: error store/journal: ${e.message}\n`);
      return 1;
    }
    const sys = systemProblem(e);
    if (sys) {
      io.stderr(`${sys}\n`);
      return 1;
    }
    io.stderr(`sxs ${command}: internal error: ${(e as Error).message}\n`);
    if (io.env?.SXS_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 1;
  }
}
