/**
 * `sxs check [--locale <L>]… [--format …] [--min-coverage <percent>] [--strict]`: every source
 * document against its stored translations in every locale. Renders nothing.
 *
 * Three cache layers (`.sxs-cache/`): a record of every file result with the identity of the two
 * files it came from (util/manifest.ts: an unchanged project costs a `stat` per file, no read); a
 * document's outline by its bytes; and a file result by the bytes of both the document and its
 * store file. The Markdown parser is loaded only when something changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult, Finding } from '../check/check.js';
import type { DocOutline } from '../check/outline.js';
import { summarize, type CheckOptions, type CheckReport } from '../check/report.js';
import { inScope, type Config } from '../core/config.js';
import type { Problem } from '../core/problems.js';
import { readStoreText, storedDocOf, storeFile, StoreReadError } from '../store/store.js';
import { outlineCache, outlineKey as variantKey, resultCache, resultKey } from '../check/caches.js';
import { keepsNbsp } from '../core/conventions.js';
import type { StoredDoc } from '../core/xliff-store.js';
import type { OutlineArgs } from '../check/outline-task.js';
import { JsonCache } from '../util/cache.js';
import { Manifest } from '../util/manifest.js';
import { defaultJobs, runTasks } from '../util/pool.js';
import { inShard, type Shard } from '../util/shard.js';
import { listFiles } from '../util/fs.js';
import { TASKS } from './tasks.js';
import { readSourceBytes, sourceDocuments } from '../core/sources.js';
import { recoverIfAbandoned } from '../store/transaction.js';
import { qaFingerprint, qaRunner } from '../qa/run.js';
import { projectQa } from '../check/project-qa.js';
import { pushAll } from '../util/arrays.js';

export interface CheckCommandOptions {
  config: Config;
  /** Configured locale spellings; all configured locales when empty. */
  locales: string[];
  check: CheckOptions;
  /** The cache folder; no cache when undefined. */
  cacheDir?: string;
  toolVersion: string;
  /** Only the documents of this shard (and store files of documents that would be in it). */
  shard?: Shard;
  /** Worker threads for parsing changed documents (default: one per core). */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
}

type Engine = typeof import('../check/engine.js');

const asFinding = (p: Problem, locale: string): Finding => ({ locale, file: p.file, line: p.line, column: p.column, rule: p.rule, kind: 'problem', message: p.message });

export async function check(options: CheckCommandOptions): Promise<CheckReport> {
  const { config } = options;
  const locales = options.locales.length > 0 ? options.locales : config.locales;
  recoverIfAbandoned(config.translations);
  const salt = [options.toolVersion, config.abbreviations.join('\n'), config.frontMatterKeys.join('\n'), qaFingerprint(config)];
  const qa = qaRunner(config);
  const outlines = options.cacheDir ? outlineCache(options.cacheDir, salt) : undefined;
  const results = options.cacheDir ? resultCache(options.cacheDir, salt) : undefined;
  let engine: Engine | undefined;
  let outlineOf: ReturnType<Engine['outlineFromBytes']> | undefined;
  const load = async () => {
    engine ??= await import('../check/engine.js');
    outlineOf ??= engine.outlineFromBytes(config);
    return { engine, outlineOf };
  };

  const files: FileResult[] = [];
  const problems: Finding[] = [];
  // The glossary as read: an unreadable one is an error (the gate never passes without its terminology), a skipped entry a warning.
  for (const p of qa.problems) problems.push(p.severity === 'error' ? asFinding(p, '') : { ...asFinding(p, ''), kind: 'qa', level: 'warning' });
  const all = sourceDocuments(config);
  const paths = all.filter((p) => inShard(p, options.shard) && locales.some((l) => inScope(config, l, p)));
  const targetsOf = (path: string) => locales.filter((l) => inScope(config, l, path));
  // First the record: documents whose files are all as recorded cost a `stat` each, not a read.
  const record = options.cacheDir ? new Manifest<FileResult>(options.cacheDir, 'check-record', salt, config.translations) : undefined;
  // Keys are taken before the files are read, so a file changed meanwhile is checked again next time.
  const recordKeys = new Map<string, string>();
  const recorded = new Map<string, FileResult[]>();
  if (record) {
    for (const path of paths) {
      const sourceFile = join(config.source, path);
      const source = record.inputHash(sourceFile);
      const found = targetsOf(path).map((locale) => {
        // The file names are in the results (and the key): a project moved elsewhere is checked again.
        const file = storeFile(config.translations, locale, path);
        const key = record.key([source, record.inputHash(file), locale, sourceFile, file]);
        recordKeys.set(`${locale}\u0000${path}`, key);
        return record.fresh(`${locale}\u0000${path}`, key)?.data;
      });
      if (found.every((r) => r !== undefined)) recorded.set(path, found as FileResult[]);
    }
  }
  const remember = (locale: string, path: string, data: FileResult) => {
    const id = `${locale}\u0000${path}`;
    record?.record(id, { key: recordKeys.get(id)!, outputs: [], data });
  };
  // With the cache: each other document read and hashed once, here; those not in the cache are parsed first, in worker threads.
  const keys = outlines ? new Map(paths.filter((path) => !recorded.has(path)).map((path) => [path, outlineKeyOf(config, outlines, path)])) : undefined;
  if (keys) {
    const cold = paths.filter((path) => {
      const key = keys.get(path);
      return typeof key === 'string' && !outlines!.has(key);
    });
    await parseChanged({ config, cacheDir: options.cacheDir!, salt, locales: [...locales] }, cold, options.jobs ?? defaultJobs(), options.onProgress);
  }
  for (const path of paths) {
    const known = recorded.get(path);
    if (known) {
      files.push(...known);
      continue;
    }
    const targets = targetsOf(path);
    const read = keys?.get(path) ?? readSourceBytes(config, path);
    if (typeof read !== 'string' && !(read instanceof Uint8Array)) {
      problems.push(asFinding(read, ''));
      continue;
    }
    const outlineKey = typeof read === 'string' ? read : undefined;
    // Read here only without the cache, or when the cached outline is gone.
    let bytes = read instanceof Uint8Array ? read : undefined;
    const sourceFile = join(config.source, path);
    let outline: DocOutline | Problem | undefined;
    const getOutline = async (): Promise<DocOutline | Problem> => {
      if (outline) return outline;
      outline = outlineKey ? outlines!.get<DocOutline>(outlineKey) : undefined;
      if (!outline) {
        const source = bytes ?? readSourceBytes(config, path);
        if (!(source instanceof Uint8Array)) return (outline = source);
        bytes = source;
        outline = (await load()).outlineOf(path, source);
        if (outlineKey && !('rule' in outline)) outlines!.set(outlineKey, outline);
      }
      return outline;
    };
    // A locale whose store records the other reading of no-break spaces checks against that reading.
    const variants = new Map<boolean, DocOutline | Problem>();
    const outlineFor = async (stored: StoredDoc | null): Promise<DocOutline | Problem> => {
      const o = await getOutline();
      const keep = keepsNbsp(config.format, stored?.conventions);
      if ('rule' in o || !o.hasNbsp || o.keepNbsp === keep) return o;
      let v = variants.get(keep);
      if (!v) {
        const source = bytes ?? readSourceBytes(config, path);
        if (!(source instanceof Uint8Array)) v = source;
        else {
          const key = outlines ? variantKey(outlines, path, source, keep) : undefined;
          v = key ? outlines!.get<DocOutline>(key) : undefined;
          if (!v) {
            v = (await load()).outlineOf(path, source, keep);
            if (key && !('rule' in v)) outlines!.set(key, v);
          }
        }
        variants.set(keep, v);
      }
      return v;
    };
    for (const locale of targets) {
      const file = storeFile(config.translations, locale, path);
      let text: string | null = null;
      try {
        text = readStoreText(config.translations, file);
      } catch (e) {
        if (e instanceof StoreReadError) problems.push({ locale, file, line: 1, column: 1, rule: e.rule, kind: 'problem', message: e.message });
        else problems.push({ locale, file, line: 1, column: 1, rule: 'store/read', kind: 'problem', message: `cannot read the store file: ${(e as Error).message}` });
        continue;
      }
      const key = results && outlineKey ? resultKey(results, outlineKey, locale, sourceFile, file, text) : undefined;
      const cached = key ? results!.get<FileResult>(key) : undefined;
      if (cached) {
        files.push(cached);
        remember(locale, path, cached);
        continue;
      }
      let stored = null;
      try {
        if (text !== null) stored = storedDocOf(file, path, text);
      } catch (e) {
        if (!(e instanceof StoreReadError)) throw e;
        problems.push({ locale, file: e.file, line: e.line, column: e.column, rule: e.rule, kind: 'problem', message: e.message });
        continue;
      }
      const o = await outlineFor(stored);
      if ('rule' in o) {
        problems.push(asFinding(o, ''));
        break;
      }
      const result = (await load()).engine.checkDoc({ outline: o, stored, locale, sourceFile, storeFile: file, qa });
      if (key) {
        results!.set(key, result);
        remember(locale, path, result);
      }
      files.push(result);
    }
  }

  const known = new Set(all);
  for (const locale of locales) {
    for (const xlf of listFiles(join(config.translations, locale), '.xlf')) {
      const path = xlf.slice(0, -'.xlf'.length);
      if (known.has(path) || !inShard(path, options.shard)) continue;
      problems.push({
        locale,
        file: join(config.translations, locale, xlf),
        line: 1,
        column: 1,
        rule: 'check/orphaned-file',
        kind: 'orphaned',
        message: `translations of ${path}, which is not a source document (deleted or renamed?)`,
      });
    }
  }
  // The quality rules over all documents of each locale (of this shard).
  pushAll(problems, projectQa(files, qa));
  // A full run drops what belongs to deleted documents.
  record?.save(!options.shard && options.locales.length === 0);
  const report = summarize(locales, files, problems, options.check);
  const shard = options.shard ?? { index: 1, count: 1 };
  report.run = { shard: `${shard.index}/${shard.count}`, config: runConfigHash(config, locales, options.toolVersion), documents: paths };
  return report;
}

/** The identity of a run's configuration: shards of one run share it, and merge refuses others. */
function runConfigHash(config: Config, locales: readonly string[], toolVersion: string): string {
  const file = config.file && existsSync(config.file) ? readFileSync(config.file) : Buffer.from(JSON.stringify({ ...config, root: '' }));
  return createHash('sha1')
    .update(file)
    .update(`\0${[...locales].sort().join(',')}\0${toolVersion}`)
    .digest('hex');
}

/** A document's outline cache key (its path and bytes), or the problem reading it. */
function outlineKeyOf(config: Config, cache: JsonCache, path: string): string | Problem {
  const bytes = readSourceBytes(config, path);
  return bytes instanceof Uint8Array ? variantKey(cache, path, bytes) : bytes;
}

/**
 * Cold documents first: documents whose outline is not in the cache are parsed and checked in every
 * locale by worker threads (outlines and file results go to the cache), so that the pass above only
 * reads them. The slow part of a cold check.
 */
async function parseChanged(args: OutlineArgs, cold: readonly string[], jobs: number, onProgress?: (done: number, total: number) => void): Promise<void> {
  if (cold.length === 0) return;
  let done = 0;
  await runTasks(TASKS, 'outline', args, cold, jobs, () => onProgress?.(++done, cold.length));
}
