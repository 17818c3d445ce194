/**
 * Harvest: reads a published bilingual (or, for TOC.md, plain) file made from an English document
 * and returns what the store must keep to rebuild it: each sentence's target (or a `pN` unit's),
 * translated block-image alt text and front-matter values, the prefix and the six handoff keys.
 * A pair whose SOURCE does not match the current English, or whose id does not exist, is a problem.
 */
import { buildBlocksOnly, type DocBlock, type FrontMatterField, type Sentence, type SourceDoc, type Unit } from '../doc.js';
import { FrontMatterError, HANDOFF_KEYS, splitFrontMatter, type HandoffKey } from '../markdown/front-matter.js';
import type { Segmenter } from '../markdown/segment.js';
import { lineColumn, type Problem } from '../problems.js';
import { parseSingleLink } from '../render/spans.js';
import { toLf } from '../text/normalize.js';
import { readPairs, type SpanPair } from '../bilingual/read.js';

export interface Entry {
  /** `N` or `pN`. */
  id: string;
  /** The English text the target translates (SOURCE). */
  source: string;
  target: string;
}

export interface Harvested {
  entries: Entry[];
  prefix?: string;
  keys: Map<HandoffKey, string>;
  problems: Problem[];
  /** Sentences of the English document that the file does not translate. */
  untranslated: number;
}

/** The entry for a whole unit translated as one string (front-matter value, alt text, TOC line). */
function unitEntry(unit: Unit, target: string): Entry {
  const only = unit.sentences.length === 1 ? unit.sentences[0]! : undefined;
  return only ? { id: String(only.n), source: only.source, target } : { id: unit.pid!, source: unit.source, target };
}

export function harvestDoc(doc: SourceDoc, bilingual: string, file: string, segmenter: Segmenter): Harvested {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const keys = new Map<HandoffKey, string>();
  const text = toLf(bilingual);

  let split;
  try {
    split = splitFrontMatter(text);
  } catch (e) {
    if (!(e instanceof FrontMatterError)) throw e;
    problems.push({ file, line: e.line, column: e.column, rule: 'harvest/front-matter', severity: 'error', message: e.message });
    return { entries, keys, problems, untranslated: 0 };
  }
  const body = split.body;
  const bodyLine = split.bodyLine;
  const problem = (offset: number, rule: string, message: string) => {
    const { line, column } = lineColumn(body, offset, bodyLine);
    problems.push({ file, line, column, rule, severity: 'error', message });
  };
  const data = split.data ?? {};
  for (const key of HANDOFF_KEYS) {
    const v = data[key];
    if (typeof v === 'string') keys.set(key, v);
  }
  for (const f of doc.fields) {
    const v = f.index === undefined ? data[f.key] : (data[f.key] as unknown[] | undefined)?.[f.index];
    if (typeof v === 'string' && v !== '') entries.push(unitEntry(f, v));
  }

  if (doc.isToc) {
    harvestPlain(doc, body, segmenter, entries, (offset, msg) => problem(offset, 'harvest/structure', msg));
    return { entries, keys, problems, untranslated: 0 };
  }

  const bySentence = new Map<number, { unit: DocBlock | FrontMatterField; sentence: Sentence }>();
  const byPid = new Map<string, DocBlock | FrontMatterField>();
  for (const unit of [...doc.fields, ...doc.blocks]) {
    for (const sentence of unit.sentences) bySentence.set(sentence.n, { unit, sentence });
    if (unit.pid) byPid.set(unit.pid, unit);
  }

  const read = readPairs(body);
  for (const p of read.problems) problem(p.offset, 'harvest/span', p.message);
  let prefix: string | undefined;
  const seen = new Set<number>();
  const pairSpan = new Map<SpanPair, [number, number]>();
  for (const pair of read.pairs) {
    if (prefix === undefined) prefix = pair.prefix;
    else if (pair.prefix !== prefix) {
      problem(pair.start, 'harvest/prefix', `span ${pair.prefix}-${pair.id} has prefix ${pair.prefix}, expected ${prefix} as in the first span`);
    }
    if (pair.id.startsWith('p')) {
      const unit = byPid.get(pair.id);
      if (!unit) {
        problem(pair.start, 'harvest/unknown-id', `span ${pair.prefix}-${pair.id}: the English document has no unit ${pair.id}`);
        continue;
      }
      const ns = unit.sentences.map((s) => s.n);
      pairSpan.set(pair, [ns[0]!, ns[ns.length - 1]!]);
      if (pair.source !== unit.source) {
        problem(pair.start, 'harvest/source-mismatch', `span ${pair.prefix}-${pair.id}: SOURCE ${JSON.stringify(pair.source)} does not match the English ${JSON.stringify(unit.source)}`);
        continue;
      }
      ns.forEach((n) => seen.add(n));
      entries.push({ id: pair.id, source: unit.source, target: pair.target });
      continue;
    }
    const n = Number(pair.id);
    const hit = bySentence.get(n);
    if (!hit) {
      problem(pair.start, 'harvest/unknown-id', `span ${pair.prefix}-${pair.id}: the English document has no sentence ${pair.id}`);
      continue;
    }
    pairSpan.set(pair, [n, n]);
    const expected = hit.sentence.source;
    let target: string | undefined;
    if (pair.tail !== undefined) {
      const link = parseSingleLink(expected);
      if (link && link.text === pair.source) target = `[${pair.target}]${pair.tail}`;
    } else if (pair.source === expected) target = pair.target;
    if (target === undefined) {
      problem(pair.start, 'harvest/source-mismatch', `span ${pair.prefix}-${pair.id}: SOURCE ${JSON.stringify(pair.source)} does not match the English ${JSON.stringify(expected)}`);
      continue;
    }
    seen.add(n);
    entries.push({ id: pair.id, source: expected, target });
  }

  // Block images: the alt text is translated in place, between the pairs around it.
  for (const b of doc.blocks) {
    if (b.block.kind !== 'imageAlt' || !b.block.imageTail) continue;
    const lo = b.sentences[0]!.n;
    const hi = b.sentences[b.sentences.length - 1]!.n;
    let from = 0;
    let to = body.length;
    for (const [pair, [a, z]] of pairSpan) {
      if (z < lo) from = Math.max(from, pair.end);
      else if (a > hi) to = Math.min(to, pair.start);
    }
    const tailAt = body.indexOf(b.block.imageTail, from);
    const open = tailAt >= 0 && tailAt < to ? body.lastIndexOf('![', tailAt) : -1;
    if (open < from || open < 0) {
      problem(from, 'harvest/image', `no translated image with destination ${JSON.stringify(b.block.imageTail.slice(1))} for alt text ${JSON.stringify(b.source)}`);
      continue;
    }
    entries.push(unitEntry(b, body.slice(open + 2, tailAt)));
    b.sentences.forEach((s) => seen.add(s.n));
  }

  let untranslated = 0;
  for (const unit of doc.blocks) for (const s of unit.sentences) if (!seen.has(s.n)) untranslated++;
  const result: Harvested = { entries, keys, problems, untranslated };
  if (prefix !== undefined) result.prefix = prefix;
  return result;
}

/**
 * A plain localized file (TOC.md) has no spans: its blocks are aligned one to one with the English
 * blocks when both have the same structure, and each localized block translates the English one.
 */
function harvestPlain(
  doc: SourceDoc,
  body: string,
  segmenter: Segmenter,
  entries: Entry[],
  report: (offset: number, message: string) => void,
): void {
  const localized = buildBlocksOnly(body, segmenter);
  if (localized.length !== doc.blocks.length) {
    report(0, `the file has ${localized.length} translatable blocks, the English has ${doc.blocks.length}: cannot align them`);
    return;
  }
  doc.blocks.forEach((b, i) => {
    const l = localized[i]!;
    if (l.block.kind !== b.block.kind) {
      report(l.block.start, `block ${i + 1} is a ${l.block.kind}, the English one is a ${b.block.kind}`);
      return;
    }
    entries.push(unitEntry(b, l.source));
  });
}
