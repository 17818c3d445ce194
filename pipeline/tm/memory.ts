/**
 * A translation memory: every stored translation of a locale (and imported TMX), looked up by exact
 * English and by similarity. Indexed, never scanned.
 *
 * Fuzzy lookup uses prefix filtering under a global token order (as in the AllPairs/PPJoin
 * similarity joins). A match at threshold t has an edit distance d ≤ (1 − t)·max(n, m), and every
 * distinct (lower-cased) token that one side has and the other lacks costs at least one edit; with
 * lengths within a factor t of each other, each side misses at most D = ⌊(1 − t)·len/t⌋ of the
 * other's distinct tokens. Ordering every token set rarest first, two sets that share all but D of
 * their tokens must share one of their first D + 1 tokens. So each entry is indexed under its D + 1
 * rarest tokens only, and a query reads only the lists of its own D + 1 rarest tokens: common words
 * ("the", ".") are almost never read. Candidates are then filtered by length and token overlap and
 * scored with a banded edit distance. The prefix index is built on the first fuzzy lookup at a given
 * threshold after entries were added (one per threshold in use; export uses one).
 */
import { idDistance, maxDistance } from '../core/similarity.js';
import { tmTokens } from '../core/tokens.js';

export interface TmEntry {
  /** English Markdown (SOURCE). */
  source: string;
  /** Translation Markdown. */
  target: string;
  /** Where it comes from: a store document and id, or an imported memory. */
  origin: { path: string; id: string } | { tmx: string };
  state?: string;
}

export interface TmMatch {
  entry: TmEntry;
  /** 0–100; 100 only for identical English. */
  score: number;
}

interface Indexed {
  entry: TmEntry;
  tokens: string[];
  /** Its tokens as ids of their lower-cased form. */
  sequence: Int32Array;
}

/** The prefix index for one threshold: each entry's distinct token ranks (rarest first) and the lists. */
interface PrefixIndex {
  /** Token id → rank in the global order (rarest first). */
  rank: Int32Array;
  /** Every entry's distinct token ranks, ascending, one after the other: entry i's are ranks[starts[i]..starts[i + 1]). */
  ranks: Int32Array;
  starts: Int32Array;
  /** Rank → entries indexed under it (entries whose prefix contains it), by length then order added. */
  lists: Int32Array[];
  /** Parallel to lists: the rank's position in the entry's ranks (for the positional filter). */
  positions: Int32Array[];
}

export class TranslationMemory {
  private readonly entries: Indexed[] = [];
  private readonly bySource = new Map<string, number[]>();
  /** Token (lower-cased) → id; frequency[id] = number of entries that contain it. */
  private readonly dictionary = new Map<string, number>();
  private frequency: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private lengths: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly prefixes = new Map<number, PrefixIndex>();
  /** Per entry, the serial of the last query that reached it (candidate de-duplication without a Set). */
  private stamps: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private serial = 0;

  get size(): number {
    return this.entries.length;
  }

  private idOf(token: string): number {
    let id = this.dictionary.get(token);
    if (id === undefined) {
      id = this.dictionary.size;
      this.dictionary.set(token, id);
      if (id >= this.frequency.length) this.frequency = grow(this.frequency);
    }
    return id;
  }

  add(entry: TmEntry): void {
    const index = this.entries.length;
    const tokens = tmTokens(entry.source);
    const sequence = Int32Array.from(tokens, (x) => this.idOf(x.toLowerCase()));
    for (const id of new Set(sequence)) this.frequency[id]!++;
    this.entries.push({ entry, tokens, sequence });
    const same = this.bySource.get(entry.source);
    if (same) same.push(index);
    else this.bySource.set(entry.source, [index]);
    if (index >= this.lengths.length) {
      this.lengths = grow(this.lengths);
      this.stamps = grow(this.stamps);
    }
    this.lengths[index] = tokens.length;
    this.prefixes.clear();
  }

  /** Entries whose English is exactly `source`, in the order they were added. */
  exact(source: string): TmEntry[] {
    return (this.bySource.get(source) ?? []).map((i) => this.entries[i]!.entry);
  }

  /**
   * The best matches of at least `threshold` (0–100), best first (ties: the order added), at most
   * `limit`. Identical English scores 100; an entry identical in tokens but not in Markdown (say, a
   * different emphasis) scores 99.
   */
  fuzzy(source: string, threshold: number, limit = 3): TmMatch[] {
    const exact = this.bySource.get(source) ?? [];
    const found: [number, number][] = exact.map((i) => [i, 100]);
    // An empty memory (a first export) has nothing to compare with: the query is not even tokenized.
    const query = exact.length < limit && this.entries.length > 0 ? tmTokens(source) : [];
    const n = query.length;
    if (n > 0) {
      const t = Math.max(threshold, 1) / 100;
      const index = this.prefixIndex(t);
      // The query's distinct tokens in the global order; unknown ones (in no entry) rank first.
      const unknown = new Map<string, number>();
      const sequence = Int32Array.from(query, (x) => {
        const key = x.toLowerCase();
        const id = this.dictionary.get(key) ?? unknown.get(key);
        if (id !== undefined) return id;
        unknown.set(key, -1 - unknown.size);
        return -unknown.size;
      });
      const ranks = Int32Array.from(new Set(sequence), (id) => (id < 0 ? id : index.rank[id]!)).sort();
      const prefix = Math.min(ranks.length, slack(n, t) + 1);
      const minLength = Math.ceil(t * n - 1e-9);
      const maxLength = Math.floor(n / t + 1e-9);
      const stamp = ++this.serial;
      const { stamps, lengths } = this;
      for (const i of exact) stamps[i] = stamp;
      for (let k = 0; k < prefix; k++) {
        const r = ranks[k]!;
        if (r < 0) continue;
        const list = index.lists[r]!;
        const positions = index.positions[r]!;
        // Only the entries of a possible length (lists are sorted by length).
        for (let p = firstOfLength(list, lengths, minLength); p < list.length; p++) {
          const i = list[p]!;
          const m = lengths[i]!;
          if (m > maxLength) break;
          if (stamps[i] === stamp) continue;
          stamps[i] = stamp;
          const longest = Math.max(n, m);
          const limitDistance = maxDistance(longest, threshold);
          // A query token the candidate lacks costs at least one edit, and so does one it adds: the
          // sets must share `need` tokens. First seen here, they share none of the rarer ones, so at
          // most what remains after this position on both sides (positional filter), then count.
          const from = index.starts[i]!;
          const to = index.starts[i + 1]!;
          const need = Math.max(ranks.length, to - from) - Math.floor(limitDistance);
          const j = positions[p]!;
          if (1 + Math.min(ranks.length - k - 1, to - from - j - 1) < need) continue;
          if (!overlapsAtLeast(ranks, index.ranks, from, to, need)) continue;
          const cand = this.entries[i]!;
          const d = idDistance(sequence, query, cand.sequence, cand.tokens, limitDistance);
          if (!Number.isFinite(d)) continue;
          const score = Math.min(99, Math.floor(100 * (1 - d / longest) + 1e-9));
          if (score >= threshold) found.push([i, score]);
        }
      }
    }
    return found
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([i, score]) => ({ entry: this.entries[i]!.entry, score }));
  }

  private prefixIndex(t: number): PrefixIndex {
    const cached = this.prefixes.get(t);
    if (cached) return cached;
    const tokens = this.dictionary.size;
    const order = Array.from({ length: tokens }, (_, id) => id).sort((a, b) => this.frequency[a]! - this.frequency[b]! || a - b);
    const rank = new Int32Array(tokens);
    order.forEach((id, r) => (rank[id] = r));
    const sets = this.entries.map((e) => Int32Array.from(new Set(e.sequence), (id) => rank[id]!).sort());
    const starts = new Int32Array(sets.length + 1);
    sets.forEach((r, i) => (starts[i + 1] = starts[i]! + r.length));
    const ranks = new Int32Array(starts[sets.length]!);
    sets.forEach((r, i) => ranks.set(r, starts[i]!));
    const counts = new Int32Array(tokens);
    const prefixOf = (i: number) => Math.min(sets[i]!.length, slack(this.lengths[i]!, t) + 1);
    sets.forEach((r, i) => {
      for (let k = 0; k < prefixOf(i); k++) counts[r[k]!]!++;
    });
    // Entries by length, then order added; filled in that order, every list is sorted the same way.
    const byLength = Array.from(sets.keys()).sort((a, b) => this.lengths[a]! - this.lengths[b]! || a - b);
    const lists = Array.from(counts, (c) => new Int32Array(c));
    const positions = Array.from(counts, (c) => new Int32Array(c));
    const filled = new Int32Array(tokens);
    for (const i of byLength) {
      const r = sets[i]!;
      for (let k = 0; k < prefixOf(i); k++) {
        const at = filled[r[k]!]!++;
        lists[r[k]!]![at] = i;
        positions[r[k]!]![at] = k;
      }
    }
    const index = { rank, ranks, starts, lists, positions };
    this.prefixes.set(t, index);
    return index;
  }
}

/** How many distinct tokens a segment of `length` tokens may lack (or add) and still reach `t`. */
function slack(length: number, t: number): number {
  return Math.floor(((1 - t) * length) / t + 1e-9);
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** The first position in `list` (sorted by length) of an entry at least `length` long. */
function firstOfLength(list: Int32Array, lengths: Int32Array, length: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lengths[list[mid]!]! < length) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether ascending `a` and ascending b[from..to) share at least `need` values (stops as soon as they cannot). */
function overlapsAtLeast(a: Int32Array, b: Int32Array, from: number, to: number, need: number): boolean {
  let i = 0;
  let j = from;
  let shared = 0;
  while (i < a.length && j < to) {
    if (shared + Math.min(a.length - i, to - j) < need) return false;
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared >= need;
}
