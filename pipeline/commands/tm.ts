/**
 * `sxs tm export --locale <L> <file.tmx>` and `sxs tm import <file.tmx>...`: taking a locale's
 * translations out as TMX 1.4b, and bringing other memories in (kept as files under `<tm>/`, used as
 * leverage by `export`, never published by `build`).
 */
import { basename, join } from 'node:path';
import type { Config } from '../core/config.js';
import { problem, type Problem } from '../core/problems.js';
import { isRetired } from '../core/resolve.js';
import { readBounded, TooLargeError, UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { LIMITS } from '../util/limits.js';
import { storeEntries } from '../tm/load.js';
import { readTmx, sameLanguage, TmxError, writeTmx, type TmxEntry } from '../tm/tmx.js';

export interface TmExportReport {
  entries: number;
  problems: Problem[];
}

export function tmExport(config: Config, locale: string, out: string, toolVersion: string): TmExportReport {
  const entries: TmxEntry[] = storeEntries(config, locale).map((e) => {
    const origin = e.origin as { path: string; id: string };
    const props: Array<[string, string]> = [
      ['x-sxs-path', origin.path],
      ['x-sxs-id', origin.id],
    ];
    if (e.state) props.push(['x-sxs-state', e.state]);
    if (isRetired(origin.id)) props.push(['x-sxs-retired', 'yes']);
    return { tuid: `${origin.path}#${origin.id}`, source: e.source, target: e.target, props };
  });
  writeFileAtomic(out, writeTmx(entries, config.sourceLocale, locale, toolVersion));
  return { entries: entries.length, problems: [] };
}

export interface TmImportReport {
  files: Array<{ file: string; stored: string; units: number; perLocale: Record<string, number> }>;
  problems: Problem[];
}

/** Checks each TMX file and copies the usable ones to `<tm>/<name>` (all or nothing). */
export function tmImport(config: Config, inputs: readonly string[]): TmImportReport {
  const report: TmImportReport = { files: [], problems: [] };
  const writes: Array<{ path: string; data: Buffer }> = [];
  for (const file of inputs) {
    let bytes: Buffer;
    let tmx;
    try {
      bytes = readBounded(file, LIMITS.xliffBytes);
      tmx = readTmx(bytes);
    } catch (e) {
      if (e instanceof TmxError) report.problems.push(problem(file, e.line, e.column, 'tm/format', e.message));
      else if (e instanceof TooLargeError) report.problems.push(problem(file, 1, 1, 'tm/too-large', e.message));
      else throw e;
      continue;
    }
    const perLocale: Record<string, number> = {};
    for (const locale of config.locales) {
      perLocale[locale] = tmx.units.filter((u) => {
        const langs = [...u.variants.keys()];
        return langs.some((l) => sameLanguage(l, config.sourceLocale)) && langs.some((l) => !sameLanguage(l, config.sourceLocale) && sameLanguage(l, locale));
      }).length;
    }
    if (Object.values(perLocale).every((n) => n === 0)) {
      report.problems.push(problem(file, 1, 1, 'tm/no-pairs', `no translation unit pairs ${config.sourceLocale} with a configured locale (${config.locales.join(', ')})`));
      continue;
    }
    const stored = join(config.tm, basename(file).replace(/\.tmx$/i, '') + '.tmx');
    writes.push({ path: stored, data: bytes });
    report.files.push({ file, stored, units: tmx.units.length, perLocale });
  }
  if (report.problems.length > 0) return report;
  for (const w of writes) {
    try {
      writeFileAtomic(w.path, w.data, { root: config.tm });
    } catch (e) {
      if (!(e instanceof UnsafePathError)) throw e;
      report.problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
    }
  }
  return report;
}
