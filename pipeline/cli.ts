/**
 * The command table: parses arguments, runs a command, prints its report. The only module that
 * prints; it returns the exit code (0 ok, 1 content errors, 2 usage or configuration errors) and
 * bin/sxs.js sets it.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, findLocale, loadConfig, type Config } from './config.js';
import { formatProblem, type Problem } from './problems.js';

export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
}

class UsageError extends Error {}

const HELP = `sxs — localization pipeline for Markdown documentation

Usage: sxs <command> [options]

Commands:
  build [--locale <L>]... [--plain]   write <dist>/<locale>/<path> for every source document:
                                      the bilingual Markdown, or with --plain the translated text
  harvest <dir> --locale <L>          record the translations of published bilingual files in <dir>
                                      (paths relative to <dir> name the source documents)
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
  values: { config?: string; locale?: string | string[]; plain?: boolean };
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
  const { values, positionals } = parse(args, { locale: { type: 'string', multiple: true }, plain: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`build takes no arguments, found ${positionals.join(' ')}`);
  const config = loadConfig(io.cwd, values.config);
  const { build } = await import('./commands/build.js');
  const started = performance.now();
  const requested = values.locale === undefined ? undefined : ([] as string[]).concat(values.locale);
  const report = build({ config, locales: locales(config, requested), mode: values.plain ? 'plain' : 'bilingual' });
  printProblems(io, report.problems);
  const ms = Math.round(performance.now() - started);
  io.stdout(`built ${report.written} files from ${report.documents} documents in ${ms} ms\n`);
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

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  build: runBuild,
  harvest: runHarvest,
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
