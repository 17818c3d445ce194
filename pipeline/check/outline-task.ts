/**
 * The cold part of `sxs check`, as a task for worker threads: parse a document and put its outline
 * in the cache, so that the check itself then runs as a warm one. Returns the problem when the
 * document cannot be read or parsed (the check reports it again in its own pass).
 */
import { readSourceBytes } from '../commands/sources.js';
import type { Config } from '../config.js';
import type { Problem } from '../problems.js';
import { JsonCache } from '../util/cache.js';
import { outlineFromBytes } from './engine.js';

export interface OutlineArgs {
  config: Config;
  cacheDir: string;
  salt: string[];
}

/** null: the outline is in the cache. */
export type OutlineResult = Problem | null;

export const outlineCache = (cacheDir: string, salt: readonly string[]) => new JsonCache(cacheDir, 'outline', salt);

export function outlineTask(args: OutlineArgs): (path: string) => OutlineResult {
  const cache = outlineCache(args.cacheDir, args.salt);
  const outlineOf = outlineFromBytes(args.config);
  return (path) => {
    const bytes = readSourceBytes(args.config, path);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const key = cache.key([path, bytes]);
    if (cache.has(key)) return null;
    const outline = outlineOf(path, bytes);
    if ('rule' in outline) return outline;
    cache.set(key, outline);
    return null;
  };
}
