/**
 * Where the store keeps a document's translations in a locale: `<translations>/<locale>/<path>.xlf`.
 * A module of its own: a warm build plans with it and loads no XLIFF reader.
 */
import { join } from 'node:path';

export function storeFile(translationsRoot: string, locale: string, path: string): string {
  return join(translationsRoot, locale, `${path}.xlf`);
}
