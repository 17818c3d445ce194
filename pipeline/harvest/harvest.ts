/**
 * Harvest: reads a published bilingual (or, for TOC.md, plain) file made from an English document
 * and returns what the store must keep to rebuild it: each sentence's target (or a `pN` unit's),
 * translated block-image alt text and front-matter values, the prefix, the six handoff keys and the
 * format conventions the file shows.
 *
 * Span pairs are aligned with the document's sentences by their English text, never by id number
 * (align.ts): a pair whose SOURCE is a sentence of the document is recorded for that sentence,
 * whatever its id; whitespace and escapes around markup do not matter, and where the published
 * SOURCE is written differently it is recorded to be written back. A pair that covers a whole unit
 * of several sentences is that unit's `pN` translation; several pairs that cover one sentence are
 * recorded as one translation of it. A pair whose English is not in the document is kept as a
 * retired translation (leverage), never dropped. Every pair not recorded for a sentence is reported.
 */
import { buildBlocksOnly, type DocBlock, type Sentence, type SourceDoc, type Unit } from '../core/doc.js';
import { inPlace } from '../markdown/blocks.js';
import { FrontMatterError, HANDOFF_KEYS, splitFrontMatter, type HandoffKey } from '../markdown/front-matter.js';
import type { Segmenter } from '../markdown/segment.js';
import type { Problem } from '../core/problems.js';
import { LineIndex } from '../text/lines.js';
import { effectiveConventions, type Conventions } from '../core/conventions.js';
import { writtenSource } from '../render/render.js';
import { unitText } from '../markdown/unit-text.js';
import type { SplitPart } from '../core/xliff-store.js';
import { edgeTokens, onlyDocfxTokens, wholeEmphasis } from '../render/spans.js';
import { toLf } from '../text/normalize.js';
import { readPairs, type SpanPair } from '../bilingual/read.js';
import { align, compareKey, type Link } from './align.js';
import { similarity } from '../core/similarity.js';
import { tmTokens } from '../core/tokens.js';

export interface Entry {
  /** `N` or `pN`. */
  id: string;
  /** The English text the target translates (SOURCE). */
  source: string;
  target: string;
  /** SOURCE as the file wrote it, when that differs from `source`. */
  published?: string;
  /** 1-based position of the pair (or value) in the file, for messages. */
  line?: number;
  column?: number;
  /** The pairs a published file wrote a sentence's translation as (core/xliff-store.ts SplitPart). */
  parts?: SplitPart[];
  /** What the target rules find wrong with it, when the site published it so (StoredTranslation.asPublished). */
  asPublished?: string;
}

/** A translation whose English is not in the document (kept as retired leverage). */
export interface RetiredEntry {
  source: string;
  target: string;
  /** 1-based position of its pair in the file. */
  line: number;
  column: number;
}

export interface HarvestStats {
  /** Span pairs in the file. */
  pairs: number;
  /** Pairs recorded for a sentence or unit of the document. */
  recorded: number;
  /** Pairs that cover a whole unit of several sentences (`pN`), and several of ours as one (not recorded). */
  merged: number;
  /** Sentences of ours covered by two or more pairs (recorded as one translation). */
  split: number;
  /** Pairs whose SOURCE was written differently from the English (whitespace, escapes): recorded as published. */
  rewritten: number;
}

export interface Harvested {
  entries: Entry[];
  /** Translations of an earlier version of a sentence (stored under its id with their English: stale). */
  stale: Array<Entry & { line: number; column: number }>;
  retired: RetiredEntry[];
  prefix?: string;
  keys: Map<HandoffKey, string>;
  conventions: Partial<Conventions>;
  problems: Problem[];
  stats: HarvestStats;
  /** Sentences of the English document that the file does not translate. */
  untranslated: number;
  /** Pairs whose SOURCE leaves out the English's no-break spaces, or shows them as spaces. */
  nbspVotes: { keep: number; space: number };
  /** Sentences across a line end after no-break spaces that one pair covers (joined), or several (split). */
  nbspBreaks: { joined: number; split: number };
}

/** The entry for a whole unit translated as one string (front-matter value, alt text, TOC line). */
function unitEntry(unit: Unit, target: string): Entry {
  const only = unit.sentences.length === 1 ? unit.sentences[0]! : undefined;
  return only ? { id: String(only.n), source: only.source, target } : { id: unit.pid!, source: unit.source, target };
}

/** A span pair as a whole sentence: a peeled link or emphasis put back around SOURCE and TARGET. */
interface Theirs {
  pair: SpanPair;
  source: string;
  target: string;
  key: string;
  /** The comparison key of the whole SOURCE (with its edge tokens). */
  full: string;
  /** Where the pair starts and ends in the file with what was peeled around it. */
  outerStart: number;
  outerEnd: number;
}

function theirsOf(pair: SpanPair): Theirs {
  let source = pair.source;
  let target = pair.target;
  let outerStart = pair.start;
  let outerEnd = pair.end;
  if (pair.tail !== undefined) {
    source = `[${source}]${pair.tail}`;
    target = `[${target}]${pair.tail}`;
    outerStart--;
    outerEnd += 1 + pair.tail.length;
  }
  if (pair.wrap !== undefined) {
    source = `${pair.wrap[0]}${source}${pair.wrap[1]}`;
    target = `${pair.wrap[0]}${target}${pair.wrap[1]}`;
    outerStart -= pair.wrap[0].length;
    outerEnd += pair.wrap[1].length;
  }
  const full = compareKey(source);
  return { pair, source, target, key: alignKey(source, full), full, outerStart, outerEnd };
}

/**
 * What sentences are aligned by: the comparison key of the text without the tokens at its edges
 * that carry no text, which one generation writes outside the pair (core/conventions.ts
 * `peelMarkup`), so that both generations align the same way.
 */
function alignKey(text: string, full: string): string {
  const core = edgeTokens(text).core;
  return core === text ? full : compareKey(core);
}

/**
 * The pair as a translation of `english`: where the file wrote tokens at the sentence's edges
 * outside the pair, they are put back around SOURCE and TARGET from the English (`outside`).
 */
function complete(english: string, t: Theirs): { source: string; target: string; outside: boolean } {
  const key = compareKey(english);
  if (t.full !== key) {
    const e = edgeTokens(english);
    for (const [lead, trail] of [
      [e.lead, e.trail],
      [e.lead, ''],
      ['', e.trail],
    ] as const) {
      if ((lead || trail) && compareKey(lead + t.source + trail) === key) {
        // DocFX tokens are outside pairs in every generation: no evidence of `peelMarkup`.
        return { source: lead + t.source + trail, target: lead + t.target + trail, outside: !onlyDocfxTokens(lead + trail) };
      }
    }
  }
  return { source: t.source, target: t.target, outside: false };
}

/** Ours: every spanned sentence of the body, in order (block-image alt text is translated in place). */
interface Ours {
  unit: DocBlock;
  sentence: Sentence;
  key: string;
  full: string;
}

/** No-break spaces before a line end, inside a sentence read keeping them. */
const NBSP_BREAK = /\u00a0[ \t\u00a0]*\n/;

const HEADING_ANCHOR = /^[ ]{0,3}#{1,6}[ \t]+<a name="[^"]*"><\/a>/gm;

export interface HarvestDocOptions {
  /** The project's format profile: what the file's own conventions are laid over. */
  profile?: Partial<Conventions>;
  /**
   * How the file writes no-break spaces, when the document was read keeping them only to see both
   * ways (its segmentation is the same either way): see `nbspVotes`.
   */
  keepNbsp?: boolean;
}

export function harvestDoc(doc: SourceDoc, bilingual: string, file: string, segmenter: Segmenter, options: HarvestDocOptions = {}): Harvested {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const retired: RetiredEntry[] = [];
  const stale: Harvested['stale'] = [];
  const keys = new Map<HandoffKey, string>();
  const conventions: Partial<Conventions> = {};
  const stats: HarvestStats = { pairs: 0, recorded: 0, merged: 0, split: 0, rewritten: 0 };
  const nbspVotes = { keep: 0, space: 0 };
  const nbspBreaks = { joined: 0, split: 0 };
  const text = toLf(bilingual);
  const result = (untranslated: number, prefix?: string): Harvested => {
    const r: Harvested = { entries, stale, retired, keys, conventions, problems, stats, untranslated, nbspVotes, nbspBreaks };
    if (prefix !== undefined) r.prefix = prefix;
    return r;
  };

  let split;
  try {
    split = splitFrontMatter(text);
  } catch (e) {
    if (!(e instanceof FrontMatterError)) throw e;
    problems.push({ file, line: e.line, column: e.column, rule: 'harvest/front-matter', severity: 'error', message: e.message });
    return result(0);
  }
  const body = split.body;
  const lines = new LineIndex(body, split.bodyLine);
  const problem = (offset: number, rule: string, message: string, severity: Problem['severity'] = 'error') => {
    const { line, column } = lines.at(offset);
    problems.push({ file, line, column, rule, severity, message });
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
    return result(0);
  }

  const read = readPairs(body);
  for (const p of read.problems) problem(p.offset, 'harvest/span', p.message);
  let prefix: string | undefined;
  for (const pair of read.pairs) {
    if (prefix === undefined) prefix = pair.prefix;
    else if (pair.prefix !== prefix) {
      problem(pair.start, 'harvest/prefix', `span ${pair.prefix}-${pair.id} has prefix ${pair.prefix}, expected ${prefix} as in the first span`);
    }
  }
  stats.pairs = read.pairs.length;

  const ours: Ours[] = [];
  for (const unit of doc.blocks) {
    if (inPlace(unit.block.kind)) continue;
    for (const sentence of unit.sentences) {
      const full = compareKey(sentence.source);
      ours.push({ unit, sentence, key: alignKey(sentence.source, full), full });
    }
  }
  const theirs = read.pairs.map(theirsOf);
  const links = align(
    ours.map((o) => o.key),
    theirs.map((t) => t.key),
    ours.map((o) => o.full),
    theirs.map((t) => t.full),
  );
  learnConventions(doc, body, read.pairs, conventions);
  // How the document was read is how the file was made (commands/harvest.ts tries both readings).
  if (doc.hasNbsp) conventions.keepNbsp = options.keepNbsp ?? doc.keepNbsp;
  // Pairs across a line end after no-break spaces (read as no hard break), or split there.
  for (const link of links) {
    if (link.kind !== 'same' && link.kind !== 'split') continue;
    const s = ours[link.ours]!.sentence;
    if (!NBSP_BREAK.test(doc.body.slice(s.start, s.end))) continue;
    if (link.kind === 'same') nbspBreaks.joined++;
    else nbspBreaks.split++;
  }
  // Pairs whose SOURCE shows no-break spaces left out, or written as spaces.
  for (const link of links) {
    if (link.kind !== 'same') continue;
    const s = ours[link.ours]!.sentence;
    if (s.noNbsp === undefined) continue;
    const t = theirs[link.theirs]!.source;
    if (t === s.noNbsp) nbspVotes.keep++;
    else if (t === s.source) nbspVotes.space++;
  }
  const written = effectiveConventions(options.profile, conventions);

  const covered = new Set<Sentence>();
  /** Where each pair landed (for block images, which are found between the pairs around them). */
  const landed = new Map<SpanPair, Sentence>();

  /** Evidence of `peelMarkup`: edge markup written outside pairs, or inside them. */
  let outside = 0;
  let inside = 0;
  const record = (entry: Omit<Entry, 'target'>, english: { source: string; noNbsp?: string }, t: Theirs) => {
    const shown = writtenSource(english, written);
    const whole = complete(shown, t);
    if (whole.outside) outside++;
    else if (whole.source === t.source) {
      // The pair holds edge markup (not DocFX tokens) that its translation has too: kept inside.
      const e = edgeTokens(shown);
      const lead = !onlyDocfxTokens(e.lead) && whole.target.startsWith(e.lead);
      const trail = !onlyDocfxTokens(e.trail) && whole.target.endsWith(e.trail);
      if (lead || trail) inside++;
    }
    const out: Entry = { ...entry, target: whole.target, ...lines.at(t.pair.start) };
    if (shown !== whole.source) {
      out.published = whole.source;
      stats.rewritten++;
    }
    entries.push(out);
    stats.recorded++;
  };
  for (const link of links) recordLink(link);
  if (outside > inside) conventions.peelMarkup = true;
  else if (inside > 0 && conventions.peelMarkup === undefined) conventions.peelMarkup = false;

  function recordLink(link: Link): void {
    switch (link.kind) {
      case 'same': {
        const o = ours[link.ours]!;
        const t = theirs[link.theirs]!;
        covered.add(o.sentence);
        landed.set(t.pair, o.sentence);
        record({ id: String(o.sentence.n), source: o.sentence.source }, o.sentence, t);
        return;
      }
      case 'merged': {
        const t = theirs[link.theirs]!;
        const first = ours[link.ours[0]]!;
        const last = ours[link.ours[1]]!;
        const unit = first.unit;
        landed.set(t.pair, first.sentence);
        const whole = unit === last.unit && unit.pid && first.sentence === unit.sentences[0] && last.sentence === unit.sentences[unit.sentences.length - 1];
        // A whole unit as one pair with a paragraph id is the unit's `pN` translation; with a sentence id, a range.
        if (whole && t.pair.id.startsWith('p')) {
          unit.sentences.forEach((s) => covered.add(s));
          stats.merged++;
          record({ id: unit.pid!, source: unit.source }, unit, t);
          return;
        }
        if (unit === last.unit) {
          // Sentences the publisher's segmentation had as one: recorded as a range, written as one pair.
          const i = unit.sentences.indexOf(first.sentence);
          const j = unit.sentences.indexOf(last.sentence);
          unit.sentences.slice(i, j + 1).forEach((s) => covered.add(s));
          stats.merged++;
          const english = unitText(doc.body, unit.block.pieces, first.sentence.start, last.sentence.end);
          record({ id: `${first.sentence.n}-${last.sentence.n}`, source: english }, { source: english }, t);
          problem(t.pair.start, 'harvest/segmentation', `span ${t.pair.prefix}-${t.pair.id} translates sentences ${first.sentence.n}–${last.sentence.n} as one: recorded that way`, 'warning');
          return;
        }
        // One pair across units: kept as a retired translation.
        retired.push({ source: t.source, target: t.target, ...lines.at(t.pair.start) });
        problem(
          t.pair.start,
          'harvest/segmentation',
          `span ${t.pair.prefix}-${t.pair.id} covers sentences of the English in different units (${first.sentence.n}–${last.sentence.n}): kept as a retired translation`,
          'warning',
        );
        return;
      }
      case 'split': {
        const o = ours[link.ours]!;
        const pieces = theirs.slice(link.theirs[0], link.theirs[1] + 1);
        // Each pair with the text the file writes after it (the English separator), so that the rebuild writes it that way.
        const parts = pieces.map((p, i) => ({ source: p.source, target: p.target, after: i + 1 < pieces.length ? body.slice(p.outerEnd, pieces[i + 1]!.outerStart) : '' }));
        covered.add(o.sentence);
        for (const p of pieces) landed.set(p.pair, o.sentence);
        stats.split++;
        const entry: Entry = {
          id: String(o.sentence.n),
          source: o.sentence.source,
          target: parts.map((p) => p.target + p.after).join(''),
          parts,
          ...lines.at(pieces[0]!.pair.start),
        };
        const published = parts.map((p) => p.source + p.after).join('');
        if (published !== writtenSource(o.sentence, written)) entry.published = published;
        entries.push(entry);
        stats.recorded += pieces.length;
        problem(
          pieces[0]!.pair.start,
          'harvest/segmentation',
          `spans ${pieces.map((p) => `${p.pair.prefix}-${p.pair.id}`).join(', ')} together translate sentence ${o.sentence.n}: recorded that way`,
          'warning',
        );
        return;
      }
      case 'changed': {
        const o = ours[link.ours]!;
        const t = theirs[link.theirs]!;
        if (t.key.toLowerCase() === o.key.toLowerCase()) {
          // Only the case differs (`Method` for `method`: the vendor's memory returned the older
          // segment): the sentence's translation, written back with the published SOURCE.
          covered.add(o.sentence);
          landed.set(t.pair, o.sentence);
          record({ id: String(o.sentence.n), source: o.sentence.source }, o.sentence, t);
          return;
        }
        if (t.key !== '' && t.target !== t.source && similarity(tmTokens(t.source), tmTokens(o.sentence.source)) >= 50) {
          // The translation of an earlier version of this sentence: kept as its stale translation.
          landed.set(t.pair, o.sentence);
          stale.push({ id: String(o.sentence.n), source: t.source, target: t.target, ...lines.at(t.pair.start) });
          problem(
            t.pair.start,
            'harvest/stale',
            `span ${t.pair.prefix}-${t.pair.id}: SOURCE ${JSON.stringify(t.source)} is an earlier version of the English ${JSON.stringify(o.sentence.source)}: kept as its stale translation`,
            'warning',
          );
          return;
        }
        recordLink({ kind: 'none', theirs: link.theirs });
        return;
      }
      case 'none': {
        const t = theirs[link.theirs]!;
        if (t.key === '' || t.target === t.source) return;
        retired.push({ source: t.source, target: t.target, ...lines.at(t.pair.start) });
        problem(
          t.pair.start,
          'harvest/retired',
          `span ${t.pair.prefix}-${t.pair.id}: SOURCE ${JSON.stringify(t.source)} is not a sentence of the English: kept as a retired translation (leverage)`,
          'warning',
        );
        return;
      }
    }
  }

  harvestImages(doc, body, read.pairs, landed, entries, covered, (offset, msg) => problem(offset, 'harvest/image', msg));

  let untranslated = 0;
  for (const unit of doc.blocks) for (const s of unit.sentences) if (!covered.has(s)) untranslated++;
  return result(untranslated, prefix);
}

/** Block images: the alt text is translated in place, between the pairs around it. */
function harvestImages(
  doc: SourceDoc,
  body: string,
  pairs: readonly SpanPair[],
  landed: ReadonlyMap<SpanPair, Sentence>,
  entries: Entry[],
  covered: Set<Sentence>,
  report: (offset: number, message: string) => void,
): void {
  const order = new Map<Sentence, number>();
  doc.blocks.forEach((b, i) => b.sentences.forEach((s) => order.set(s, i)));
  // Pairs that landed on a sentence, with the index of that sentence's block, in file order.
  const placed = pairs.flatMap((p) => {
    const s = landed.get(p);
    return s ? [{ pair: p, block: order.get(s)! }] : [];
  });
  let cursor = 0;
  let previous = 0;
  doc.blocks.forEach((b, index) => {
    const { altBefore, altAfter } = b.block;
    if (!inPlace(b.block.kind) || altBefore === undefined || altAfter === undefined) return;
    let from = 0;
    let to = body.length;
    while (cursor < placed.length && placed[cursor]!.block < index) cursor++;
    for (let i = cursor - 1; i >= 0; i--) {
      if (placed[i]!.block < index) {
        from = placed[i]!.pair.end;
        break;
      }
    }
    for (let i = cursor; i < placed.length; i++) {
      if (placed[i]!.block > index) {
        to = placed[i]!.pair.start;
        break;
      }
    }
    // Several images between the same pairs are found in order.
    from = Math.max(from, previous);
    const tailAt = body.indexOf(altAfter, from);
    const open = tailAt >= 0 && tailAt < to ? body.lastIndexOf(altBefore, tailAt) : -1;
    if (open < from || open < 0) {
      report(from, `no translated alt text before ${JSON.stringify(altAfter)} for ${JSON.stringify(b.source)}`);
      return;
    }
    previous = tailAt + altAfter.length;
    entries.push(unitEntry(b, body.slice(open + altBefore.length, tailAt)));
    b.sentences.forEach((s) => covered.add(s));
  });
}

/** The conventions the file shows (core/conventions.ts); a convention it gives no evidence of is left out. */
function learnConventions(doc: SourceDoc, body: string, pairs: readonly SpanPair[], out: Partial<Conventions>): void {
  // Heading anchors: more `<a name>` heading anchors than the English headings carry themselves.
  const generated = doc.blocks.filter((b) => b.block.anchor !== undefined).length;
  if (generated > 0) {
    // Headings whose English carries its own anchor show it in either generation.
    const own = doc.blocks.filter((b) => b.block.kind === 'heading' && b.block.anchor === undefined).length;
    out.anchors = (body.match(HEADING_ANCHOR)?.length ?? 0) > own;
  }
  // Emphasis peeling: a pair written inside the emphasis of its sentence, or a whole-emphasis
  // sentence whose whole-emphasis translation stays inside the pair.
  if (pairs.some((p) => p.wrap !== undefined)) out.peelMarkup = true;
  else if (pairs.some((p) => p.tail === undefined && isWhollyEmphasized(p))) out.peelMarkup = false;
}

/**
 * Whether the file shows the generation that keeps no-break spaces: a line of no-break spaces (and
 * spaces) only, which only the English can have put there (a translator's no-break spaces, before a
 * French colon say, are inside text).
 */
export function keepsNbspLines(bilingual: string): boolean {
  return /^[ \t]*\u00a0[ \t\u00a0]*$/m.test(bilingual);
}

function isWhollyEmphasized(p: SpanPair): boolean {
  const s = wholeEmphasis(p.source);
  const t = s ? wholeEmphasis(p.target) : null;
  return s !== null && t !== null && s.open === t.open;
}

/**
 * A plain localized file (TOC.md) has no spans: its blocks are aligned one to one with the English
 * blocks when both have the same structure, and each localized block translates the English one.
 */
function harvestPlain(doc: SourceDoc, body: string, segmenter: Segmenter, entries: Entry[], report: (offset: number, message: string) => void): void {
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
