/**
 * The content-addressed caches of `check` (`.sxs-cache/outline`, `.sxs-cache/check`), apart from the
 * code that fills them, so that a warm check loads no parser.
 */
import { JsonCache } from '../util/cache.js';

/** A document's outline, by its path and bytes. */
export const outlineCache = (cacheDir: string, salt: readonly string[]) => new JsonCache(cacheDir, 'outline', salt);
/** A file result, by the key below. */
export const resultCache = (cacheDir: string, salt: readonly string[]) => new JsonCache(cacheDir, 'check', salt);

/** The cache key of a file result: the document's outline key, the locale, both file names and the store file's text. */
export function resultKey(cache: JsonCache, outlineKey: string, locale: string, sourceFile: string, file: string, text: string | null): string {
  return cache.key([outlineKey, locale, sourceFile, file, text ?? '\u0000none']);
}

/** The cache key of a document's outline: its path and bytes, and how no-break spaces are read when not as the profile says. */
export function outlineKey(cache: JsonCache, path: string, bytes: Uint8Array, keepNbsp?: boolean): string {
  return keepNbsp === undefined ? cache.key([path, bytes]) : cache.key([path, bytes, keepNbsp ? 'keep-nbsp' : 'nbsp-as-space']);
}
