/**
 * Harvest's alignment of published span pairs with the document's sentences, by text (align.ts):
 * properties over generated segmentations of the same text, and the comparison key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align, compareKey, type Link } from '../pipeline/harvest/align.js';

const runs = Number(process.env.FC_RUNS ?? 300);

/** The pieces of ours and theirs each link covers, in order. */
function covered(links: readonly Link[]): { ours: number[]; theirs: number[] } {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (const l of links) {
    if (l.kind === 'same' || l.kind === 'changed') {
      ours.push(l.ours);
      theirs.push(l.theirs);
    } else if (l.kind === 'merged') {
      for (let i = l.ours[0]; i <= l.ours[1]; i++) ours.push(i);
      theirs.push(l.theirs);
    } else if (l.kind === 'split') {
      ours.push(l.ours);
      for (let k = l.theirs[0]; k <= l.theirs[1]; k++) theirs.push(k);
    } else theirs.push(l.theirs);
  }
  return { ours, theirs };
}

describe('align', () => {
  it('pairs equal texts whatever the ids, and finds merges and splits', () => {
    const links = align(['a', 'b', 'c', 'dd', 'e'], ['a', 'bc', 'd', 'd', 'x', 'e']);
    expect(links).toEqual([
      { kind: 'same', ours: 0, theirs: 0 },
      { kind: 'merged', ours: [1, 2], theirs: 1 },
      { kind: 'split', ours: 3, theirs: [2, 3] },
      { kind: 'none', theirs: 4 },
      { kind: 'same', ours: 4, theirs: 5 },
    ]);
  });

  it('an unmatched pair standing where an unmatched sentence stands is changed', () => {
    expect(align(['a', 'b', 'c'], ['a', 'B', 'c'])).toEqual([
      { kind: 'same', ours: 0, theirs: 0 },
      { kind: 'changed', ours: 1, theirs: 1 },
      { kind: 'same', ours: 2, theirs: 2 },
    ]);
  });

  it('every published pair is accounted for once, in order, and every link is true to the texts', () => {
    const word = fc.stringMatching(/^[a-e]{1,3}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), (sentences, cuts) => {
        // Theirs: the same text segmented otherwise (some neighbours joined, some split), plus edits.
        const theirs: string[] = [];
        let i = 0;
        for (const c of cuts) {
          if (i >= sentences.length) break;
          if (c === 0 && i + 1 < sentences.length) theirs.push(sentences[i]! + sentences[++i]!);
          else if (c === 1 && sentences[i]!.length > 1) theirs.push(sentences[i]!.slice(0, 1), sentences[i]!.slice(1));
          else if (c === 2) theirs.push('zz');
          else theirs.push(sentences[i]!);
          i++;
        }
        while (i < sentences.length) theirs.push(sentences[i++]!);
        const links = align(sentences, theirs);
        const { ours, theirs: seen } = covered(links);
        expect(seen).toEqual(theirs.map((_, k) => k));
        expect(ours).toEqual([...ours].sort((a, b) => a - b));
        expect(new Set(ours).size).toBe(ours.length);
        for (const l of links) {
          if (l.kind === 'same') expect(theirs[l.theirs]).toBe(sentences[l.ours]);
          if (l.kind === 'merged') expect(sentences.slice(l.ours[0], l.ours[1] + 1).join('')).toBe(theirs[l.theirs]);
          if (l.kind === 'split') expect(theirs.slice(l.theirs[0], l.theirs[1] + 1).join('')).toBe(sentences[l.ours]);
        }
      }),
      { numRuns: runs },
    );
  });

  it('is linear on long inputs that mostly agree', () => {
    const n = 20_000;
    const ours = Array.from({ length: n }, (_, i) => `s${i}`);
    const theirs = ours.map((s, i) => (i % 997 === 0 ? `x${i}` : s));
    const links = align(ours, theirs);
    expect(links.filter((l) => l.kind === 'same').length).toBe(n - Math.ceil(n / 997));
  });
});

describe('compareKey', () => {
  it('tolerates whitespace, escapes, emphasis markers and no-break spaces, nothing else', () => {
    expect(compareKey('**X** .')).toBe(compareKey('**X**.'));
    expect(compareKey('\\`lib\\`')).toBe(compareKey('\\`lib`'));
    expect(compareKey('**_but_**!')).toBe(compareKey('***but***!'));
    expect(compareKey('so\u00a0it')).toBe(compareKey('so it'));
    expect(compareKey('Method')).not.toBe(compareKey('method'));
    expect(compareKey('a, b')).not.toBe(compareKey('a. b'));
  });
});
