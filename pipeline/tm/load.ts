/**
 * The translation memory of a locale: every translation in its store files (retired ones too) and
 * every imported TMX under `<tm>/` with a variant in that locale. Store files that cannot be read
 * are skipped (the commands that need them report them).
 */
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import { loadStoredDoc, StoreReadError } from '../store/store.js';
import { listFiles, readBounded, TooLargeError, UnsafePathError, assertInside } from '../util/fs.js';
import { LIMITS } from '../util/limits.js';
import { TranslationMemory, type TmEntry } from './memory.js';
import { readTmx, sameLanguage, TmxError } from './tmx.js';

/** Entries of every store file of a locale. */
export function storeEntries(config: Config, locale: string): TmEntry[] {
  const out: TmEntry[] = [];
  for (const rel of listFiles(join(config.translations, locale), '.xlf')) {
    const path = rel.slice(0, -'.xlf'.length);
    try {
      const stored = loadStoredDoc(config.translations, locale, path);
      for (const t of stored?.translations ?? []) out.push({ source: t.source, target: t.target, origin: { path, id: t.id }, state: t.state });
    } catch (e) {
      if (!(e instanceof StoreReadError)) throw e;
    }
  }
  return out;
}

/** Entries of the imported memories for a locale. */
export function tmxEntries(config: Config, locale: string): TmEntry[] {
  const out: TmEntry[] = [];
  for (const rel of listFiles(config.tm, '.tmx')) {
    const file = join(config.tm, rel);
    let tmx;
    try {
      assertInside(config.tm, file);
      tmx = readTmx(readBounded(file, LIMITS.xliffBytes));
    } catch (e) {
      if (e instanceof TmxError || e instanceof TooLargeError || e instanceof UnsafePathError) continue;
      throw e;
    }
    for (const unit of tmx.units) {
      const langs = [...unit.variants.keys()];
      const src = langs.find((l) => sameLanguage(l, tmx.srcLang === '*all*' ? config.sourceLocale : tmx.srcLang)) ?? langs.find((l) => sameLanguage(l, config.sourceLocale));
      const trg = langs.find((l) => l !== src && sameLanguage(l, locale));
      if (!src || !trg) continue;
      const source = unit.variants.get(src)!;
      const target = unit.variants.get(trg)!;
      if (source.trim() && target.trim()) out.push({ source, target, origin: { tmx: rel }, state: unit.props.get('x-sxs-state') ?? 'translated' });
    }
  }
  return out;
}

export function loadMemory(config: Config, locale: string): TranslationMemory {
  const memory = new TranslationMemory();
  for (const e of storeEntries(config, locale)) memory.add(e);
  for (const e of tmxEntries(config, locale)) memory.add(e);
  return memory;
}
