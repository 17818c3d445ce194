/**
 * The translation store on disk: `<translations>/<locale>/<source path>.xlf`, one XLIFF 2.1 file per
 * source document and locale. Loading, saving (atomic), merging harvested entries, and the lookup
 * that rendering uses (by id, only when the stored English text is the current one).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceDoc } from '../core/doc.js';
import type { HandoffKey } from '../markdown/front-matter.js';
import type { Conventions } from '../core/conventions.js';
import type { TranslationLookup } from '../render/render.js';
import { toLf } from '../text/normalize.js';
import { assertInside, readBounded, TooLargeError, UnsafePathError, writeFileAtomic } from '../util/fs.js';
import { LIMITS } from '../util/limits.js';
import { storeFile } from './paths.js';
import { RANGE_ID, rebaseTranslations, StoreIndex, type KeyedUnit } from '../core/resolve.js';
import { readStoredDoc, StoreFormatError, writeStoredDoc, type SegmentState, type SplitPart, type StoredDoc, type StoredTranslation } from '../core/xliff-store.js';

export class StoreReadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
    /** `store/format`, `store/too-large` or `path/unsafe`. */
    readonly rule = 'store/format',
  ) {
    super(message);
  }
}

export { storeFile } from './paths.js';

/** Loads the stored translations of one document, or null when there are none. */
export function loadStoredDoc(translationsRoot: string, locale: string, path: string): StoredDoc | null {
  const file = storeFile(translationsRoot, locale, path);
  const text = readStoreText(translationsRoot, file);
  return text === null ? null : storedDocOf(file, path, text);
}

/** The text of a store file (null when there is none), within the size limit, never through a link. */
export function readStoreText(translationsRoot: string, file: string): string | null {
  try {
    assertInside(translationsRoot, file);
    if (!existsSync(file)) return null;
    return readBounded(file, LIMITS.xliffBytes).toString('utf8');
  } catch (e) {
    if (e instanceof TooLargeError) throw new StoreReadError(file, 1, 1, e.message, 'store/too-large');
    if (e instanceof UnsafePathError) throw new StoreReadError(file, 1, 1, e.message, 'path/unsafe');
    throw e;
  }
}

/** Reads the text of the store file `file` of the source document `path`. */
export function storedDocOf(file: string, path: string, text: string): StoredDoc {
  try {
    const doc = readStoredDoc(toLf(text));
    if (doc.path !== path) throw new StoreFormatError(`<file original> is ${JSON.stringify(doc.path)}, expected ${JSON.stringify(path)}`, 1, 1);
    return doc;
  } catch (e) {
    if (e instanceof StoreFormatError) throw new StoreReadError(file, e.line, e.column, e.message);
    throw e;
  }
}

export function saveStoredDoc(translationsRoot: string, doc: StoredDoc): string {
  const file = storeFile(translationsRoot, doc.locale, doc.path);
  writeFileAtomic(file, writeStoredDoc(doc), { root: translationsRoot });
  return file;
}

/** Render-time lookup over one stored document (the matching rule of resolve.ts). */
export function lookupIn(stored: StoredDoc | null): TranslationLookup {
  const index = new StoreIndex(stored);
  const lookup: TranslationLookup = {
    lookup: (id, source) => index.find(id, source),
    exact: (id, source) => index.exact(id, source),
  };
  if (index.ranges.size > 0) {
    lookup.range = (sentences, from) => {
      const r = index.range(sentences, from);
      // A range is written with the English it was recorded for (or as the published file wrote it).
      return r ? { found: { ...r.t, published: r.t.published ?? r.t.source }, count: r.count } : undefined;
    };
  }
  return lookup;
}

/** Sort key that puts stored translations in document order (a `pN` unit before its sentences, retired ones last). */
function orderKey(doc: SourceDoc): (id: string) => number {
  const firstOfPid = new Map<string, number>();
  for (const unit of [...doc.fields, ...doc.blocks]) if (unit.pid) firstOfPid.set(unit.pid, unit.sentences[0]!.n);
  return (id) => {
    if (id.startsWith('r')) return 2e9 + Number(id.slice(1));
    const range = RANGE_ID.exec(id);
    if (range) return Number(range[1]) * 2;
    if (id.startsWith('p')) {
      const first = firstOfPid.get(id);
      return first !== undefined ? first * 2 - 1 : 1e9 + Number(id.slice(1));
    }
    return Number(id) * 2;
  };
}

/** A document's units as the resolution sees them: sentence ids and English, and the `pN` unit. */
export function keyedUnits(doc: SourceDoc): KeyedUnit[] {
  return [...doc.fields, ...doc.blocks].map((unit) => {
    const out: KeyedUnit = { segments: unit.sentences.map((s) => ({ id: String(s.n), source: s.source })) };
    if (unit.pid) out.merged = { id: unit.pid, source: unit.source };
    return out;
  });
}

export interface MergeInput {
  entries: ReadonlyArray<{ id: string; source: string; target: string; state?: SegmentState; published?: string; review?: string; asPublished?: string; parts?: SplitPart[] }>;
  /** Translations whose English is no longer in the document: kept as retired (`rN`) leverage. */
  retired?: ReadonlyArray<{ source: string; target: string }>;
  prefix?: string;
  handoff: ReadonlyMap<HandoffKey, string>;
  /** Conventions a harvested file showed: replace the recorded ones they name. */
  conventions?: Partial<Conventions>;
  state: SegmentState;
}

/**
 * Merges new entries into a stored document: the stored translations are first re-keyed to the
 * document's current ids (resolve.ts `rebaseTranslations`: shifted ids follow the text, nothing is
 * lost), then an entry replaces the stored one with the same id; handoff values replace recorded
 * ones; everything else is kept. Output is in document order.
 */
export function mergeEntries(existing: StoredDoc | null, doc: SourceDoc, locale: string, sourceLocale: string, input: MergeInput): StoredDoc {
  const byId = new Map<string, StoredTranslation>();
  for (const t of rebaseTranslations(existing, keyedUnits(doc))) byId.set(t.id, t);
  for (const e of input.entries) {
    const t: StoredTranslation = { id: e.id, source: e.source, target: e.target, state: e.state ?? input.state };
    if (e.published !== undefined && e.published !== e.source) t.published = e.published;
    if (e.review !== undefined) t.review = e.review;
    if (e.asPublished !== undefined) t.asPublished = e.asPublished;
    if (e.parts && e.parts.length > 1) t.parts = e.parts;
    byId.set(e.id, t);
  }
  if (input.retired && input.retired.length > 0) {
    // A retired translation is kept once per English; a newer one of the same English replaces it.
    const inUse = new Set([...byId.values()].map((t) => `${t.source}\u0000${t.target}`));
    let r = 0;
    for (const t of byId.values()) if (t.id.startsWith('r')) r = Math.max(r, Number(t.id.slice(1)));
    const retiredBySource = new Map([...byId.values()].filter((t) => t.id.startsWith('r')).map((t) => [t.source, t]));
    for (const e of input.retired) {
      if (inUse.has(`${e.source}\u0000${e.target}`)) continue;
      const old = retiredBySource.get(e.source);
      const id = old ? old.id : `r${++r}`;
      const t: StoredTranslation = { id, source: e.source, target: e.target, state: input.state };
      byId.set(id, t);
      retiredBySource.set(e.source, t);
      inUse.add(`${e.source}\u0000${e.target}`);
    }
  }
  const key = orderKey(doc);
  const translations = [...byId.values()].sort((a, b) => key(a.id) - key(b.id) || a.id.localeCompare(b.id));
  const handoff = new Map(existing?.handoff ?? []);
  for (const [k, v] of input.handoff) handoff.set(k, v);
  const merged: StoredDoc = { path: doc.path, sourceLocale, locale, handoff, translations };
  const prefix = input.prefix ?? existing?.prefix;
  if (prefix !== undefined) merged.prefix = prefix;
  const conventions = { ...existing?.conventions, ...input.conventions };
  if (Object.keys(conventions).length > 0) merged.conventions = conventions;
  return merged;
}
