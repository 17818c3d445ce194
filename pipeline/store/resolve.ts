/**
 * Which stored translation a sentence (or a `pN` unit) uses. One rule for every command, so that
 * what `check` calls translated is exactly what `build` renders:
 *
 *   1. the entry with the same id whose stored English is the current English (ids unchanged);
 *   2. otherwise an entry anywhere in the document with the same English (the sentence moved, or
 *      ids shifted after an insertion or deletion, or it repeats a translated sentence);
 *   3. otherwise none: an entry with the same id but other English is stale, not used.
 *
 * A unit of several sentences uses its `pN` translation when that matches by id; when every
 * sentence matches by id, those; only otherwise a `pN` translation found by text (so the same
 * paragraph translated merged elsewhere never overrides sentences translated here).
 */
import type { StoredDoc, StoredTranslation } from './xliff-store.js';

export class StoreIndex {
  private readonly byId = new Map<string, StoredTranslation>();
  private readonly byText = new Map<string, StoredTranslation>();

  constructor(readonly stored: StoredDoc | null) {
    for (const t of stored?.translations ?? []) {
      this.byId.set(t.id, t);
      // The first in document order wins, so the choice is deterministic.
      if (!this.byText.has(t.source)) this.byText.set(t.source, t);
    }
  }

  /** The translation stored under `id` for exactly this English. */
  exact(id: string, source: string): StoredTranslation | undefined {
    const t = this.byId.get(id);
    return t !== undefined && t.source === source ? t : undefined;
  }

  /** The translation for the sentence or unit `id` whose English is `source`: by id, else by text. */
  find(id: string, source: string): StoredTranslation | undefined {
    return this.exact(id, source) ?? this.byText.get(source);
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
