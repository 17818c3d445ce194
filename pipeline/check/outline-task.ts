/**
 * The cold part of `sxs check`, as a task for worker threads: parse a document, put its outline in
 * the cache, and check it against its store file in each locale, putting each file result in the
 * cache too, so that the check itself then runs as a warm one. Anything that cannot be read or
 * parsed is left out of the cache: the check meets it again in its own pass and reports it there.
 */
import { join } from 'node:path';
import { readSourceBytes } from '../core/sources.js';
import { inScope, type Config } from '../core/config.js';
import type { Problem } from '../core/problems.js';
import { readStoreText, storedDocOf, storeFile } from '../store/store.js';
import { outlineCache, outlineKey, resultCache, resultKey } from './caches.js';
import { keepsNbsp } from '../core/conventions.js';
import { checkDoc, outlineFromBytes } from './engine.js';
import type { DocOutline } from './outline.js';
import { qaRunner } from '../qa/run.js';

export interface OutlineArgs {
  config: Config;
  cacheDir: string;
  salt: string[];
  /** The locales checked; empty: outlines only. */
  locales: string[];
}

/** null: the outline (and the file results that could be computed) are in the cache. */
export type OutlineResult = Problem | null;

export function outlineTask(args: OutlineArgs): (path: string) => OutlineResult {
  const { config } = args;
  const outlines = outlineCache(args.cacheDir, args.salt);
  const results = resultCache(args.cacheDir, args.salt);
  const outlineOf = outlineFromBytes(config);
  const qa = qaRunner(config);
  return (path) => {
    const bytes = readSourceBytes(config, path);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const key = outlineKey(outlines, path, bytes);
    let outline = outlines.get<DocOutline>(key);
    if (!outline) {
      const made = outlineOf(path, bytes);
      if ('rule' in made) return made;
      outlines.set(key, (outline = made));
    }
    const sourceFile = join(config.source, path);
    const base = outline;
    for (const locale of args.locales) {
      if (!inScope(config, locale, path)) continue;
      const file = storeFile(config.translations, locale, path);
      try {
        const text = readStoreText(config.translations, file);
        const rk = resultKey(results, key, locale, sourceFile, file, text);
        if (results.has(rk)) continue;
        const stored = text === null ? null : storedDocOf(file, path, text);
        // A locale that reads no-break spaces the other way is checked against that reading.
        let o: DocOutline = base;
        const keep = keepsNbsp(config.format, stored?.conventions);
        if (base.hasNbsp && base.keepNbsp !== keep) {
          const vk = outlineKey(outlines, path, bytes, keep);
          let v = outlines.get<DocOutline>(vk);
          if (!v) {
            const made = outlineOf(path, bytes, keep);
            if ('rule' in made) continue;
            outlines.set(vk, (v = made));
          }
          o = v;
        }
        results.set(rk, checkDoc({ outline: o, stored, locale, sourceFile, storeFile: file, qa }));
      } catch {
        // Reported by the check's own pass.
      }
    }
    return null;
  };
}
