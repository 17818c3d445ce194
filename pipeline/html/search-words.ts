/**
 * The words of a run's pages for the search index (html/search.ts), without holding them all.
 *
 * A page's words (its title, its text, the English of its sentences) are as large as the page: they
 * were kept in the build record, which made it 435 MB at 5,000 documents × 6 locales, read whole by
 * every warm build, and past V8's largest string (so unreadable: every build cold) a little beyond.
 * Now the record keeps a hash of each page's words, the index's stamp is made of those hashes, and
 * the words themselves are in a store read only when a locale's index is written again:
 * `.sxs-cache/<record>-words/<locale>/<bucket>.json`, 256 buckets per locale by the path's hash,
 * so a page built again rewrites one bucket.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertInside, writeFileAtomic } from '../util/fs.js';
import type { SearchPage, SearchPages } from './search.js';

/** The hash of a page's words: what the index's stamp and the record hold. */
export function pageHash(page: SearchPage): string {
  return createHash('sha1').update(`${page.title}\u0000${page.text}\u0000${page.english}`).digest('hex');
}

/** The pages of a run as the search index takes them: every page's hash, the words on demand. */
export class SearchWords {
  /** Per locale, per source path, the hash of the page's words. */
  readonly hashes = new Map<string, Map<string, string>>();
  /** Words held here when there is no store (with one, the store's buckets hold them: one copy, not two). */
  private readonly fresh = new Map<string, Map<string, SearchPage>>();

  constructor(private readonly store?: WordStore) {}

  /** Every page of `pages` (words in memory). */
  static of(pages: SearchPages): SearchWords {
    const words = new SearchWords();
    for (const [locale, docs] of pages) for (const [path, page] of docs) words.add(locale, path, page);
    return words;
  }

  /** A page whose words are known (built in this run); returns their hash. */
  add(locale: string, path: string, page: SearchPage): string {
    const hash = pageHash(page);
    mapOf(this.hashes, locale).set(path, hash);
    if (this.store) this.store.put(locale, path, hash, page);
    else mapOf(this.fresh, locale).set(path, page);
    return hash;
  }

  /** A page not built in this run: its words are in the store under `hash`. */
  addRecorded(locale: string, path: string, hash: string): void {
    mapOf(this.hashes, locale).set(path, hash);
  }

  /** A copy that later `add`, `merge` and `delete` calls on this one leave as it is (serve writes an index from it meanwhile). */
  snapshot(): SearchWords {
    const copy = new SearchWords(this.store);
    for (const [locale, docs] of this.hashes) copy.hashes.set(locale, new Map(docs));
    for (const [locale, docs] of this.fresh) copy.fresh.set(locale, new Map(docs));
    return copy;
  }

  /** Forgets a page (a deleted document). */
  delete(path: string): void {
    for (const m of [...this.hashes.values(), ...this.fresh.values()]) m.delete(path);
  }

  /** Takes in the pages of `other` (a later run over some documents). */
  merge(other: SearchWords): void {
    for (const [locale, docs] of other.hashes) for (const [path, hash] of docs) mapOf(this.hashes, locale).set(path, hash);
    for (const [locale, docs] of other.fresh) for (const [path, page] of docs) mapOf(this.fresh, locale).set(path, page);
  }

  /** A locale's pages with their words, and the paths whose words are nowhere (a store deleted by hand). */
  words(locale: string): { pages: Map<string, SearchPage>; missing: string[] } {
    const hashes = this.hashes.get(locale) ?? new Map<string, string>();
    const fresh = this.fresh.get(locale);
    const pages = new Map<string, SearchPage>();
    const wanted: string[] = [];
    for (const path of hashes.keys()) {
      const page = fresh?.get(path);
      if (page) pages.set(path, page);
      else wanted.push(path);
    }
    const stored = this.store?.get(locale, wanted) ?? new Map<string, [string, SearchPage]>();
    const missing: string[] = [];
    for (const path of wanted) {
      const found = stored.get(path);
      if (found && found[0] === hashes.get(path)) pages.set(path, found[1]);
      else missing.push(path);
    }
    return { pages, missing };
  }
}

/** The problem with a locale's pages whose words are in no store (html/search.ts, a shard's page list). */
export function missingWords(locale: string, missing: readonly string[], where: string): string {
  return `${locale}: ${missing.length} pages are not in ${where}: their words are not in the build record (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); build --no-cache indexes them`;
}

function mapOf<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  return inner;
}

type Bucket = Record<string, [hash: string, title: string, text: string, english: string]>;

/** Pages' words on disk, in buckets read and written whole; a bucket that cannot be read is empty. */
export class WordStore {
  private readonly buckets = new Map<string, { locale: string; pages: Bucket; dirty: boolean }>();

  constructor(
    private readonly dir: string,
    private readonly salt: string,
  ) {}

  private file(locale: string, path: string): string {
    const bucket = createHash('sha1').update(path).digest('hex').slice(0, 2);
    return join(this.dir, locale, `${bucket}.json`);
  }

  private bucket(locale: string, path: string): { locale: string; pages: Bucket; dirty: boolean } {
    const file = this.file(locale, path);
    let b = this.buckets.get(file);
    if (!b) {
      let pages: Bucket = Object.create(null) as Bucket;
      try {
        assertInside(this.dir, file);
        const json = JSON.parse(readFileSync(file, 'utf8')) as { salt?: string; pages?: Bucket };
        if (json.salt === this.salt && typeof json.pages === 'object' && json.pages !== null) pages = Object.assign(Object.create(null) as Bucket, json.pages);
      } catch {
        // No bucket yet, or one that cannot be read: its pages' words are missing (reported when needed).
      }
      this.buckets.set(file, (b = { locale, pages, dirty: false }));
    }
    return b;
  }

  put(locale: string, path: string, hash: string, page: SearchPage): void {
    const b = this.bucket(locale, path);
    const old = b.pages[path];
    if (old && old[0] === hash) return;
    b.pages[path] = [hash, page.title, page.text, page.english];
    b.dirty = true;
  }

  get(locale: string, paths: readonly string[]): Map<string, [string, SearchPage]> {
    const out = new Map<string, [string, SearchPage]>();
    for (const path of paths) {
      const e = this.bucket(locale, path).pages[path];
      if (e) out.set(path, [e[0], { title: e[1], text: e[2], english: e[3] }]);
    }
    return out;
  }

  /**
   * Writes the buckets that changed. With `keep` (a full run), a bucket written drops the pages
   * that are no longer in the run. Never fails a run: words that cannot be written are missing later.
   */
  save(keep?: ReadonlyMap<string, ReadonlyMap<string, string>>): void {
    for (const [file, b] of this.buckets) {
      if (!b.dirty) continue;
      const { locale } = b;
      const kept = keep?.get(locale);
      if (kept) for (const path of Object.keys(b.pages)) if (!kept.has(path)) delete b.pages[path];
      try {
        mkdirSync(join(this.dir, locale), { recursive: true });
        writeFileAtomic(file, JSON.stringify({ salt: this.salt, pages: b.pages }), { durable: false, root: this.dir });
        b.dirty = false;
      } catch {
        // A read-only or full disk: the index is written from what the store has.
      }
    }
  }
}
