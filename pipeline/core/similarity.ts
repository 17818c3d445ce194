/**
 * How similar two segments are, 0–100: one minus the token edit distance (insertions, deletions,
 * substitutions of words, punctuation and whole inline codes) over the longer length, floored. A
 * difference only in letter case costs a fifth of an edit. Identical token lists score 100.
 */

/** Edit distance between token lists, or Infinity when it exceeds `limit` (banded: O(n · limit)). */
export function tokenDistance(a: readonly string[], b: readonly string[], limit = Infinity): number {
  const ids = new Map<string, number>();
  const idsOf = (tokens: readonly string[]) =>
    Int32Array.from(tokens, (x) => {
      const key = x.toLowerCase();
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    });
  return idDistance(idsOf(a), a, idsOf(b), b, limit);
}

/**
 * The same on tokens already mapped to ids of their lower-cased form (equal ids: equal but for
 * case): only tokens with equal ids are compared as strings.
 */
export function idDistance(a: Int32Array, aTokens: readonly string[], b: Int32Array, bTokens: readonly string[], limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return Infinity;
  if (n === 0 || m === 0) return Math.max(n, m);
  const band = Number.isFinite(limit) ? Math.ceil(limit) : Math.max(n, m);
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur.fill(Infinity);
    cur[0] = i;
    let rowMin = i;
    const ai = a[i - 1]!;
    for (let j = lo; j <= hi; j++) {
      const cost = ai !== b[j - 1]! ? 1 : aTokens[i - 1] === bTokens[j - 1] ? 0 : 0.2;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return Infinity;
    [prev, cur] = [cur, prev];
  }
  const d = prev[m]!;
  return d > limit ? Infinity : d;
}

/** Similarity 0–100 of two token lists (100 only when they are identical). */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 100;
  const d = tokenDistance(a, b);
  const score = Math.floor(100 * (1 - d / longest) + 1e-9);
  return d > 0 ? Math.min(score, 99) : 100;
}

/** The largest edit distance a pair may have and still reach `threshold` (0–100). */
export function maxDistance(longest: number, threshold: number): number {
  return (1 - threshold / 100) * longest + 1e-9;
}
