/**
 * Which stored translation a sentence (or a `pN` unit) uses. One rule for every command, so that
 * what `check` calls translated is exactly what `build` renders:
 *
 *   1. the entry with the same id whose stored English is the current English (ids unchanged);
 *   2. otherwise an entry anywhere in the document with the same English (the sentence moved, or
 *      ids shifted after an insertion or deletion, or it repeats a translated sentence);
 *   3. otherwise none. An unused entry stored between the old ids of the translated sentences
 *      around it is stale for it (an edited sentence, whose id may have shifted); failing that, the
 *      unit's unused `pN` entry, or an unused entry with the same id.
 *
 * A unit of several sentences uses its `pN` translation when that matches by id; when every
 * sentence matches by id, those; only otherwise a `pN` translation found by text (so the same
 * paragraph translated merged elsewhere never overrides sentences translated here).
 */
import { similarity } from './similarity.js';
import { tmTokens } from './tokens.js';
import type { StoredDoc, StoredTranslation } from './xliff-store.js';

/** A stored range id `N-M`: sentences N to M of one unit translated as one (a published file's segmentation). */
export const RANGE_ID = /^([0-9]+)-([0-9]+)$/;

/** What a range translation is matched by: its English without whitespace (joined sentences differ only there). */
const rangeKey = (text: string): string => text.replace(/\s+/g, '');

export class StoreIndex {
  private readonly byId = new Map<string, StoredTranslation>();
  private readonly byText = new Map<string, StoredTranslation[]>();
  /** Range translations by their key; empty for nearly every document. */
  readonly ranges = new Map<string, StoredTranslation[]>();
  /** The longest range, in sentences. */
  maxRange = 0;

  constructor(readonly stored: StoredDoc | null) {
    for (const t of stored?.translations ?? []) {
      this.byId.set(t.id, t);
      const range = RANGE_ID.exec(t.id);
      if (range) {
        const key = rangeKey(t.source);
        const same = this.ranges.get(key);
        if (same) same.push(t);
        else this.ranges.set(key, [t]);
        this.maxRange = Math.max(this.maxRange, Number(range[2]) - Number(range[1]) + 1);
        continue;
      }
      const same = this.byText.get(t.source);
      if (same) same.push(t);
      else this.byText.set(t.source, [t]);
    }
  }

  /**
   * The range translation that covers sentences[from..from + k) (k ≥ 2) of a unit: by the ids of the
   * first and last, else by the English; the longest match first. Undefined when none. (An offset, not
   * a slice: a unit of n sentences asks n times.)
   */
  range(sentences: readonly Keyed[], from = 0): { t: StoredTranslation; count: number } | undefined {
    if (this.ranges.size === 0 || sentences.length - from < 2) return undefined;
    const max = Math.min(sentences.length - from, this.maxRange);
    let key = rangeKey(sentences[from]!.source);
    const found: Array<{ t: StoredTranslation; count: number }> = [];
    for (let k = 2; k <= max; k++) {
      key += rangeKey(sentences[from + k - 1]!.source);
      const same = this.ranges.get(key);
      if (!same) continue;
      const id = `${sentences[from]!.id}-${sentences[from + k - 1]!.id}`;
      found.push({ t: same.find((t) => t.id === id) ?? same[0]!, count: k });
    }
    return found[found.length - 1];
  }

  /**
   * Of the translations of the same English (a sentence that repeats may be translated differently
   * in each place), the one stored nearest to `id`: after an insertion shifts ids, each repeat keeps
   * its own. Ties go to the first in document order, so the choice is deterministic.
   */
  private nearest(id: string, source: string): StoredTranslation | undefined {
    const same = this.byText.get(source);
    if (!same || same.length === 1) return same?.[0];
    const n = Number(id.replace(/^[pr]/, ''));
    let best = same[0]!;
    let bestDistance = Infinity;
    for (const t of same) {
      const d = Math.abs(Number(t.id.replace(/^[pr]/, '')) - n);
      if (d < bestDistance) [best, bestDistance] = [t, d];
    }
    return best;
  }

  /** The translation stored under `id` for exactly this English. */
  exact(id: string, source: string): StoredTranslation | undefined {
    const t = this.byId.get(id);
    return t !== undefined && t.source === source ? t : undefined;
  }

  /** The translation for the sentence or unit `id` whose English is `source`: by id, else by text. */
  find(id: string, source: string): StoredTranslation | undefined {
    return this.exact(id, source) ?? this.nearest(id, source);
  }

  /** The entry stored under `id`, whatever its English. */
  get(id: string): StoredTranslation | undefined {
    return this.byId.get(id);
  }

  get entries(): readonly StoredTranslation[] {
    return this.stored?.translations ?? [];
  }
}

export interface Keyed {
  id: string;
  source: string;
}

/** The matching rule for a unit's `pN` translation (see above), over any lookup. */
export function chooseMerged<T>(exact: (id: string, source: string) => T | undefined, find: (id: string, source: string) => T | undefined, merged: Keyed, parts: readonly Keyed[]): T | undefined {
  const hit = exact(merged.id, merged.source);
  if (hit !== undefined) return hit;
  if (parts.every((p) => exact(p.id, p.source) !== undefined)) return undefined;
  return find(merged.id, merged.source);
}

export interface KeyedUnit<S extends Keyed = Keyed> {
  segments: readonly S[];
  /** The whole unit as one `pN` segment, when it has two or more sentences. */
  merged?: S;
}

export interface Resolution<S extends Keyed> {
  /** Per unit, in order: the `pN` translation it uses, if any (then every segment is covered). */
  merged: Array<StoredTranslation | undefined>;
  /** Range translations in use: the first and last segment each covers (those are in `translated` too). */
  ranges: Array<{ first: S; last: S; t: StoredTranslation }>;
  /** Segments with their own translation (by id, or by text). */
  translated: Map<S, StoredTranslation>;
  /** Untranslated segments whose id (or unit's `pN`) holds a translation of other English, not used elsewhere. */
  stale: Map<S, StoredTranslation>;
  /** Stored translations neither used nor stale for any segment, in store order. */
  unused: StoredTranslation[];
}

/**
 * Resolves every segment of a document against its stored translations with the rule above; a
 * stored translation used anywhere (by id or by text) is not stale for another segment, so an
 * inserted sentence is missing, not stale, and the sentences after it keep their translations.
 */
export function resolveUnits<S extends Keyed>(stored: StoredDoc | null, units: ReadonlyArray<KeyedUnit<S>>): Resolution<S> {
  const index = new StoreIndex(stored);
  const used = new Set<StoredTranslation>();
  const result: Resolution<S> = { merged: [], ranges: [], translated: new Map(), stale: new Map(), unused: [] };
  const pending: Array<{ unit: KeyedUnit<S>; seg: S }> = [];
  for (const unit of units) {
    const merged = unit.merged
      ? chooseMerged(
          (id, s) => index.exact(id, s),
          (id, s) => index.find(id, s),
          unit.merged,
          unit.segments,
        )
      : undefined;
    result.merged.push(merged);
    if (merged) used.add(merged);
    const segs = unit.segments;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      // Sentences a published file had as one: a range translation, unless each has its own by id.
      const range = merged || index.exact(seg.id, seg.source) ? undefined : index.range(segs, i);
      if (range) {
        used.add(range.t);
        for (let j = i; j < i + range.count; j++) result.translated.set(segs[j]!, range.t);
        result.ranges.push({ first: seg, last: segs[i + range.count - 1]!, t: range.t });
        i += range.count - 1;
        continue;
      }
      const t = index.find(seg.id, seg.source);
      if (t) {
        used.add(t);
        result.translated.set(seg, t);
      } else if (!merged) pending.push({ unit, seg });
    }
  }
  const claimed = new Set<StoredTranslation>();
  if (pending.length > 0) alignGaps(units, index.entries, result, used, claimed, new Set(pending.map((p) => p.seg)));
  const free = (t: StoredTranslation | undefined) => (t && !used.has(t) && !claimed.has(t) ? t : undefined);
  for (const { unit, seg } of pending) {
    if (result.stale.has(seg)) continue;
    const old = free(unit.merged ? index.get(unit.merged.id) : undefined) ?? free(index.get(seg.id));
    if (old) {
      claimed.add(old);
      result.stale.set(seg, old);
    }
  }
  // A translation of English that is still in the document is not unused (a repeat translated twice).
  const current = new Set(units.flatMap((u) => [...u.segments.map((s) => s.source), ...(u.merged ? [u.merged.source] : [])]));
  result.unused = index.entries.filter((t) => !used.has(t) && !claimed.has(t) && !current.has(t.source));
  return result;
}

const sentenceId = (t: StoredTranslation): number | undefined => (/^[0-9]+$/.test(t.id) ? Number(t.id) : undefined);

/**
 * Edited sentences whose ids shifted (a sentence inserted or deleted before them): between two
 * sentences that kept their translations (anchors), the untranslated sentences and the unused
 * translations stored between the anchors' old ids are the same places, edited. As many as there
 * are of each: paired in order; otherwise paired in order by similarity (at least half the tokens),
 * so that an inserted sentence next to an edited one is new, not stale.
 */
function alignGaps<S extends Keyed>(
  units: ReadonlyArray<KeyedUnit<S>>,
  entries: readonly StoredTranslation[],
  result: Resolution<S>,
  used: ReadonlySet<StoredTranslation>,
  claimed: Set<StoredTranslation>,
  unpaired: ReadonlySet<S>,
): void {
  // Unused sentence translations with their old ids, in id order.
  const free = entries
    .flatMap((t) => {
      const n = sentenceId(t);
      return n !== undefined && !used.has(t) && !claimed.has(t) ? [{ t, n }] : [];
    })
    .sort((a, b) => a.n - b.n);
  if (free.length === 0) return;
  let lo = 0;
  let gap: S[] = [];
  const close = (hi: number) => {
    if (gap.length === 0) return;
    const olds = free.filter((f) => f.n > lo && f.n < hi && !claimed.has(f.t)).map((f) => f.t);
    for (const [seg, old] of pairInOrder(gap, olds)) {
      claimed.add(old);
      result.stale.set(seg, old);
    }
    gap = [];
  };
  for (const seg of units.flatMap((u) => u.segments)) {
    const t = result.translated.get(seg);
    const anchor = t ? sentenceId(t) : undefined;
    if (anchor !== undefined) {
      close(anchor);
      lo = anchor;
    } else if (unpaired.has(seg)) gap.push(seg);
  }
  close(Infinity);
}

/** Order-preserving pairs of current segments and old translations (see alignGaps). */
function pairInOrder<S extends Keyed>(segs: readonly S[], olds: readonly StoredTranslation[]): Array<[S, StoredTranslation]> {
  if (olds.length === 0) return [];
  if (segs.length === olds.length) return segs.map((s, i) => [s, olds[i]!]);
  // Small gaps only (a rewritten document is new text, not edits): best total similarity, in order.
  if (segs.length * olds.length > 2500) return [];
  const oldTokens = olds.map((o) => tmTokens(o.source));
  const sim = segs.map((s) => {
    const tokens = tmTokens(s.source);
    return oldTokens.map((o) => similarity(tokens, o));
  });
  const n = segs.length;
  const m = olds.length;
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const pair = sim[i]![j]! >= 50 ? sim[i]![j]! + best[i + 1]![j + 1]! : -1;
      best[i]![j] = Math.max(pair, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  const pairs: Array<[S, StoredTranslation]> = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (sim[i]![j]! >= 50 && best[i]![j] === sim[i]![j]! + best[i + 1]![j + 1]!) pairs.push([segs[i++]!, olds[j++]!]);
    else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  return pairs;
}

/** Is a stored id one of a retired translation (kept as leverage after its sentence went away)? */
export const isRetired = (id: string): boolean => id.startsWith('r');

/**
 * The stored translations re-keyed to the document's current ids: each translation a segment uses
 * is stored under that segment's id (so ids shifted by an inserted or deleted sentence follow the
 * text), a stale one moves to the id of the sentence it is stale for, and every other one is
 * kept as retired (`rN`) — still found by its English if that sentence comes back, and offered as
 * leverage. Nothing is lost.
 */
export function rebaseTranslations<S extends Keyed>(stored: StoredDoc | null, units: ReadonlyArray<KeyedUnit<S>>): StoredTranslation[] {
  if (!stored) return [];
  const res = resolveUnits(stored, units);
  const out = new Map<string, StoredTranslation>();
  const put = (id: string, t: StoredTranslation) => {
    if (!out.has(id)) out.set(id, { ...t, id });
  };
  for (const r of res.ranges) put(`${r.first.id}-${r.last.id}`, r.t);
  units.forEach((unit, i) => {
    const merged = res.merged[i];
    if (merged && unit.merged) put(unit.merged.id, merged);
    for (const seg of unit.segments) {
      const t = res.translated.get(seg);
      if (t && !RANGE_ID.test(t.id)) put(seg.id, t);
      const stale = res.stale.get(seg);
      // A stale `pN` translation stays a unit's translation.
      if (stale) put(stale.id.startsWith('p') && unit.merged ? unit.merged.id : seg.id, stale);
    }
  });
  const retiredSources = new Set<string>();
  let r = 0;
  for (const t of res.unused) {
    if (retiredSources.has(t.source)) continue;
    retiredSources.add(t.source);
    put(`r${++r}`, t);
  }
  return [...out.values()];
}
