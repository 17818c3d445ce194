/**
 * The command table: parses arguments, runs a command, prints its report. The only module that
 * prints; it returns the exit code (0 ok, 1 content errors, 2 usage or configuration errors) and
 * bin/sxs.js sets it.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE, ConfigError, findLocale, loadConfig, type Config } from './config.js';
import { formatProblem, type Problem } from './problems.js';

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
}

class UsageError extends Error {}

const HELP = `sxs — localization pipeline for Markdown documentation

Usage: sxs <command> [options]

Commands:
  build [--locale <L>]... [--plain] [--no-html]
                                      write <dist>/<locale>/<path> for every source document:
                                      the bilingual Markdown, or with --plain the translated text;
                                      and the bilingual HTML pages with an index per locale
  harvest <dir> --locale <L>          record the translations of published bilingual files in <dir>
                                      (paths relative to <dir> name the source documents)
  export --locale <L> [--format xliff12|xliff21] [--out <dir>] [--all]
                                      write handoff/<L>/<path>.xlf for vendors: what needs translation
                                      (--all: everything, translations pre-filled)
  import <file or dir>... [--locale <L>] [--dry-run] [--accept-stale]
                                      check returned XLIFF and update the store (all or nothing)
  validate <file or dir>... [--json]  check XLIFF files: structure and the XLIFF 2 processing requirements
  check [--locale <L>]... [--format text|json|junit|github] [--min-coverage <percent>] [--strict] [--no-cache]
                                      per locale and file: missing, stale, broken and orphaned
                                      translations; fails below the coverage (default 100) or when
                                      anything is broken (--strict: or stale)
  serve [--port <n>] [--host <h>]     build, then preview <dist>/ at http://127.0.0.1:4000/, rebuilding
                                      and reloading when source/, translations/ or the config change
  help                                this text

Options:
  --config <file>   the configuration file (default: ./sxs.config.json)
  --version         print the version

Exit codes: 0 ok, 1 content errors, 2 usage or configuration errors.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

interface Parsed {
  values: {
    config?: string;
    locale?: string | string[];
    plain?: boolean;
    format?: string;
    out?: string;
    all?: boolean;
    json?: boolean;
    strict?: boolean;
    'min-coverage'?: string;
    'no-cache'?: boolean;
    'no-html'?: boolean;
    port?: string;
    host?: string;
  };
  positionals: string[];
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed {
  try {
    const parsed = parseArgs({ args, options: { ...options, config: { type: 'string' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
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

async function runBuild(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { locale: { type: 'string', multiple: true }, plain: { type: 'boolean' }, 'no-html': { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`build takes no arguments, found ${positionals.join(' ')}`);
  const config = loadConfig(io.cwd, values.config);
  const { build } = await import('./commands/build.js');
  const started = performance.now();
  const requested = values.locale === undefined ? undefined : ([] as string[]).concat(values.locale);
  const report = build({ config, locales: locales(config, requested), mode: values.plain ? 'plain' : 'bilingual', html: values['no-html'] !== true });
  printProblems(io, report.problems);
  const ms = Math.round(performance.now() - started);
  const pages = report.htmlPages > 0 ? ` and ${report.htmlPages} HTML pages` : '';
  io.stdout(`built ${report.written} files${pages} from ${report.documents} documents in ${ms} ms\n`);
  for (const s of report.locales) {
    io.stdout(`  ${s.locale}: ${s.documents} documents, ${s.sentences} sentences, ${s.missing} untranslated\n`);
  }
  const missing = report.locales.filter((s) => s.missing > 0);
  if (missing.length > 0) {
    io.stderr(`warning: sentences without a translation were written in English:\n`);
    for (const s of missing) io.stderr(`  ${s.locale}: ${s.missing} sentences in ${s.incomplete.length} documents (${s.incomplete.slice(0, 5).join(', ')}${s.incomplete.length > 5 ? ', …' : ''})\n`);
  }
  return errorsIn(report.problems) > 0 ? 1 : 0;
}

async function runHarvest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { locale: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('harvest needs exactly one folder: sxs harvest <dir> --locale <L>');
  if (typeof values.locale !== 'string') throw new UsageError('harvest needs --locale <L>');
  const config = loadConfig(io.cwd, values.config);
  const [locale] = locales(config, [values.locale]);
  const dir = resolve(io.cwd, positionals[0]!);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${positionals[0]}: not a folder`);
  const { harvest } = await import('./commands/harvest.js');
  const report = harvest({ config, dir, locale: locale! });
  printProblems(io, report.problems);
  const errors = errorsIn(report.problems);
  io.stdout(
    `harvested ${report.harvested} of ${report.files} files into ${locale}: ${report.entries} translations, ${report.untranslated} sentences not translated in the files, ${errors} errors, ${report.problems.length - errors} warnings\n`,
  );
  return errors > 0 ? 1 : 0;
}

async function runExport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    locale: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    all: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`export takes no arguments, found ${positionals.join(' ')}`);
  if (typeof values.locale !== 'string') throw new UsageError('export needs --locale <L>');
  const format = values.format ?? 'xliff12';
  if (format !== 'xliff12' && format !== 'xliff21') throw new UsageError(`--format ${format}: expected xliff12 or xliff21`);
  const config = loadConfig(io.cwd, values.config);
  const [locale] = locales(config, [values.locale]);
  const out = values.out ? resolve(io.cwd, values.out) : resolve(config.root, 'handoff', locale!);
  const { exportHandoff } = await import('./commands/export.js');
  const report = exportHandoff({ config, locale: locale!, format, out, all: values.all === true, toolVersion: version() });
  printProblems(io, report.problems);
  const w = report.words;
  io.stdout(`exported ${report.files.length} files (${format}) of ${report.documents} documents to ${out}: ${report.segments} segments
`);
  io.stdout(`  words: ${w.new} new, ${w.changed} changed, ${w.translated} already translated
`);
  if (report.notPrefilled > 0) io.stdout(`  ${report.notPrefilled} translations were not pre-filled: their inline codes do not map onto the English
`);
  return errorsIn(report.problems) > 0 ? 1 : 0;
}

async function runImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    locale: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'accept-stale': { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder: sxs import <file or dir>...');
  const config = loadConfig(io.cwd, values.config);
  const requested = typeof values.locale === 'string' ? locales(config, [values.locale])[0] : undefined;
  const inputs = positionals.map((p) => {
    const full = resolve(io.cwd, p);
    if (!existsSync(full)) throw new UsageError(`${p}: no such file or folder`);
    return full;
  });
  const { importHandoff } = await import('./commands/import.js');
  const v = values as Record<string, unknown>;
  // Test-only fault injection (test/hostile.test.ts): the process kills itself before the N-th store file is swapped in.
  const killAt = io.env?.SXS_TEST_KILL_BEFORE_SWAP;
  const beforeSwap = killAt === undefined ? undefined : (i: number) => void (i === Number(killAt) && process.kill(process.pid, 'SIGKILL'));
  const report = importHandoff({
    config,
    inputs,
    ...(requested ? { locale: requested } : {}),
    dryRun: v['dry-run'] === true,
    acceptStale: v['accept-stale'] === true,
    ...(beforeSwap ? { beforeSwap } : {}),
  });
  printProblems(io, report.problems);
  const errors = errorsIn(report.problems);
  const verb = v['dry-run'] === true ? 'would import' : errors > 0 ? 'rejected' : 'imported';
  io.stdout(
    `${verb} ${report.files} files: ${report.segments} segments, ${report.changed} translations changed, ${report.unchanged} unchanged, ${report.untranslated} untranslated, ${report.stale} stale
`,
  );
  if (errors > 0) io.stdout(`  ${errors} errors: nothing was written to ${config.translations}
`);
  else if (report.written.length > 0) io.stdout(`  updated ${report.written.length} store files
`);
  return errors > 0 ? 1 : 0;
}

async function runValidate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('validate needs at least one file or folder: sxs validate <file>... [--json]');
  const inputs = positionals.map((p) => {
    const full = resolve(io.cwd, p);
    if (!existsSync(full)) throw new UsageError(`${p}: no such file or folder`);
    return full;
  });
  const { validateFiles } = await import('./commands/validate.js');
  const results = validateFiles(inputs);
  const failed = results.filter((r) => r.findings.length > 0).length;
  if ((values as Record<string, unknown>).json === true) {
    const report = results.map((r) => ({ file: r.file, version: r.version ?? null, valid: r.findings.length === 0, findings: r.findings }));
    io.stdout(`${JSON.stringify({ files: report, valid: results.length - failed, invalid: failed }, null, 2)}\n`);
  } else {
    for (const r of results) {
      if (r.findings.length === 0) io.stdout(`OK ${r.file}${r.version ? ` (XLIFF ${r.version})` : ''}\n`);
      else for (const f of r.findings) io.stdout(`${r.file}:${f.line}:${f.column}: error ${f.rule}: ${f.message}\n`);
    }
    io.stdout(`${results.length - failed} valid, ${failed} invalid\n`);
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
  });
  if (positionals.length > 0) throw new UsageError(`check takes no arguments, found ${positionals.join(' ')}`);
  const { CHECK_FORMATS, formatReport, markdownSummary } = await import('./check/formats.js');
  const format = values.format ?? 'text';
  if (!(CHECK_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: expected one of ${CHECK_FORMATS.join(', ')}`);
  const raw = values['min-coverage'] ?? '100';
  const minCoverage = Number(raw.replace(/%$/, ''));
  if (!/^\d+(?:\.\d+)?%?$/.test(raw) || minCoverage > 100) throw new UsageError(`--min-coverage ${raw}: expected a percentage from 0 to 100`);
  const config = loadConfig(io.cwd, values.config);
  const requested = values.locale === undefined ? undefined : ([] as string[]).concat(values.locale);
  const { check } = await import('./commands/check.js');
  const report = await check({
    config,
    locales: locales(config, requested),
    check: { minCoverage, strict: values.strict === true },
    ...(values['no-cache'] ? {} : { cacheDir: resolve(config.root, '.sxs-cache') }),
    toolVersion: version(),
  });
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

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  validate: runValidate,
  build: runBuild,
  harvest: runHarvest,
  export: runExport,
  import: runImport,
  check: runCheck,
  serve: runServe,
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`sxs: unknown command "${command}" (see sxs help)\n`);
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
    io.stderr(`sxs ${command}: internal error: ${(e as Error).message}\n`);
    if (process.env.SXS_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 1;
  }
}
