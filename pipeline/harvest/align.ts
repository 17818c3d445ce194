/**
 * Aligns two segmentations of the same English: ours (the document's sentences, in order) and
 * theirs (the span pairs of a published file, in order), by text, never by id number. Both sides are
 * given as comparison keys (`compareKey`), so whitespace and escapes around markup do not matter.
 *
 * A diff (Myers, jsdiff) pairs equal keys as sequences; what it leaves between two pairs (a hunk) is
 * matched by concatenation: one of theirs that covers several consecutive ones of ours is `merged`,
 * several of theirs that cover one of ours are `split`; one of theirs whose text is not ours but
 * stands in the place of one of ours (as many unlinked on both sides) is `changed` (an edited
 * sentence); any other is `none` (its English is no longer in the document). Linear in the input when the two
 * sides mostly agree; a bounded look-ahead keeps a hunk linear too.
 */
import { diffArrays } from 'diff';

export type Link =
  | { kind: 'same'; ours: number; theirs: number }
  /** Theirs covers ours[first..last] (inclusive), two or more. */
  | { kind: 'merged'; ours: [number, number]; theirs: number }
  /** Theirs[first..last] (inclusive), two or more, cover ours. */
  | { kind: 'split'; ours: number; theirs: [number, number] }
  /** Theirs is not ours, but stands where ours stands: as many unlinked on each side between two links. */
  | { kind: 'changed'; ours: number; theirs: number }
  | { kind: 'none'; theirs: number };

/** Beyond this many differences the diff gives up and the whole input is one hunk. */
const MAX_EDITS = 4000;
/** How far a hunk looks ahead, on either side, for the next place the two sides agree again. */
const LOOKAHEAD = 48;

/**
 * The key two texts are compared by: backslash escapes of ASCII punctuation removed, every kind of
 * whitespace (including no-break and zero-width spaces) removed, emphasis markers (`*`, `_`) removed
 * (a publisher re-serializes `***x***` as `**_x_**`), and the few character references a vendor's
 * memory writes for spaces and markup characters decoded.
 */
export function compareKey(text: string): string {
  let t = text;
  if (!/[\s\u00a0\u200b\u2060\ufeff*_&\\]/.test(t)) return t;
  if (t.includes('&'))
    t = t
      .replace(/&(?:nbsp|#160|#xa0|#x00a0);/gi, ' ')
      .replace(/&(?:#42|#x2a|ast);/gi, '*')
      .replace(/&(?:#95|#x5f|lowbar);/gi, '_');
  if (t.includes('\\')) t = t.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return t.replace(/[\s\u00a0\u200b\u2060\ufeff*_]+/g, '');
}

/**
 * `ours` and `theirs` are the keys the sequences are aligned by; `oursWhole` and `theirsWhole`, when
 * given, are the keys that merges and splits are found by (concatenations of whole sentences).
 */
export function align(ours: readonly string[], theirs: readonly string[], oursWhole: readonly string[] = ours, theirsWhole: readonly string[] = theirs): Link[] {
  const links: Link[] = [];
  const hunk = (a: number, b: number, c: number, d: number) => resolveHunk(ours, theirs, oursWhole, theirsWhole, a, b, c, d, links);
  const changes = diffArrays(ours as string[], theirs as string[], { maxEditLength: MAX_EDITS });
  if (!changes) {
    hunk(0, ours.length, 0, theirs.length);
    return links;
  }
  let i = 0;
  let k = 0;
  let hunkI = 0;
  let hunkK = 0;
  const flush = () => {
    if (i > hunkI || k > hunkK) hunk(hunkI, i, hunkK, k);
  };
  for (const c of changes) {
    if (c.added) k += c.count;
    else if (c.removed) i += c.count;
    else {
      flush();
      for (let n = 0; n < c.count; n++) links.push({ kind: 'same', ours: i + n, theirs: k + n });
      i += c.count;
      k += c.count;
      hunkI = i;
      hunkK = k;
    }
  }
  flush();
  return links;
}

/** Whether ours[i] and theirs[k] can start a link: equal, or one a prefix of the other. */
function related(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/** Links for ours[a..b) and theirs[c..d): equal keys, merges and splits by concatenation. */
function resolveHunk(oursKey: readonly string[], theirsKey: readonly string[], ours: readonly string[], theirs: readonly string[], a: number, b: number, c: number, d: number, links: Link[]): void {
  let i = a;
  let k = c;
  while (k < d) {
    if (i < b) {
      const o = ours[i]!;
      const t = theirs[k]!;
      if ((oursKey[i] === theirsKey[k] && oursKey[i] !== '') || (o === t && o !== '')) {
        links.push({ kind: 'same', ours: i++, theirs: k++ });
        continue;
      }
      if (o !== '' && t.length > o.length && t.startsWith(o)) {
        let acc = o;
        let j = i;
        while (acc.length < t.length && j + 1 < b && ours[j + 1] !== '' && t.startsWith(acc + ours[j + 1]!)) acc += ours[++j]!;
        if (acc === t) {
          links.push({ kind: 'merged', ours: [i, j], theirs: k });
          i = j + 1;
          k++;
          continue;
        }
      }
      if (t !== '' && o.length > t.length && o.startsWith(t)) {
        let acc = t;
        let l = k;
        while (acc.length < o.length && l + 1 < d && theirs[l + 1] !== '' && o.startsWith(acc + theirs[l + 1]!)) acc += theirs[++l]!;
        if (acc === o) {
          links.push({ kind: 'split', ours: i, theirs: [k, l] });
          i++;
          k = l + 1;
          continue;
        }
      }
      // No link here: find the nearest place where the two sides are related again. What lies
      // between on both sides, when as many on each, stands in the same places: changed.
      const next = resync(ours, theirs, i, b, k, d);
      if (next) {
        const pairable = next.i - i === next.k - k;
        for (; k < next.k; k++, i++) links.push(pairable ? { kind: 'changed', ours: i, theirs: k } : { kind: 'none', theirs: k });
        i = next.i;
        continue;
      }
      if (b - i === d - k) {
        for (; k < d; k++, i++) links.push({ kind: 'changed', ours: i, theirs: k });
        return;
      }
    }
    links.push({ kind: 'none', theirs: k++ });
  }
}

/** The related pair (i', k') nearest to (i, k), other than (i, k) itself, within the look-ahead. */
function resync(ours: readonly string[], theirs: readonly string[], i: number, b: number, k: number, d: number): { i: number; k: number } | undefined {
  for (let dist = 1; dist <= 2 * LOOKAHEAD; dist++) {
    for (let x = Math.max(0, dist - LOOKAHEAD); x <= Math.min(dist, LOOKAHEAD); x++) {
      const ii = i + x;
      const kk = k + (dist - x);
      if (ii >= b || kk >= d) continue;
      if (related(ours[ii]!, theirs[kk]!)) return { i: ii, k: kk };
    }
  }
  return undefined;
}
