/**
 * Renders a SourceDoc for one locale: the bilingual Markdown (span pairs, spec §1–§6) or the plain
 * rendition (each pair replaced by its TARGET). Everything outside sentence ranges is the English
 * source as normalized; the front matter is re-emitted with translated values and the handoff keys.
 */
import type { DocBlock, FrontMatterField, Sentence, SourceDoc } from '../core/doc.js';
import { emitFrontMatter, type HandoffKey } from '../markdown/front-matter.js';
import type { YamlValue } from '../markdown/yaml-emit.js';
import { chooseMerged } from '../core/resolve.js';
import type { Conventions } from '../core/conventions.js';
import { inPlace } from '../markdown/blocks.js';
import { anchor, peel, peelMarkup, peelTokens, spanPair, wholeEmphasis } from './spans.js';
import { faithfulRendition, type OriginalText } from './faithful.js';

export type RenderMode = 'bilingual' | 'plain' | 'faithful';

/** A translation found for a sentence or unit. */
export interface Found {
  target: string;
  /** SOURCE as the published file it came from wrote it (whitespace or escapes differ from the English). */
  published?: string;
  /** The pairs a published file wrote it as (core/xliff-store.ts SplitPart). */
  parts?: ReadonlyArray<{ source: string; target: string; after: string }>;
  /** Harvested with defects the site showed (StoredTranslation.asPublished): published as it was. */
  asPublished?: string;
}

/** Where rendering finds translations: by id (`N` or `pN`) and the English text they were made for. */
export interface TranslationLookup {
  /** The translation to use (core/resolve.ts: by id, else by text). */
  lookup(id: string, source: string): Found | undefined;
  /** Only the one stored under this id for this English; `lookup` when absent. */
  exact?(id: string, source: string): Found | undefined;
  /** A translation of `count` (≥ 2) of these sentences from `from` on, as one (core/resolve.ts StoreIndex.range). */
  range?(sentences: ReadonlyArray<{ id: string; source: string }>, from: number): { found: Found; count: number } | undefined;
}

export interface HandoffValues {
  prefix: string;
  keys: ReadonlyMap<HandoffKey, string>;
  /** The format conventions of this document in this locale (recorded, else the project's profile). */
  conventions: Conventions;
}

export interface RenderResult {
  text: string;
  /** Sentences in the document, and those rendered with the English because no translation matched. */
  sentences: number;
  missing: Sentence[];
  /** The `data-ttu-id` numbers those were written with (they follow the shapes of published files). */
  missingIds: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Faithful rendition: the English may be wrapped over lines there. */
  wrap?: boolean;
}

export function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * SOURCE of a sentence or unit as the document's generation writes it: the generation that keeps
 * no-break spaces leaves them out of SOURCE (conventions `keepNbsp`; the document was read keeping
 * them, commands/common.ts `docFor`).
 */
export function writtenSource(s: { source: string; noNbsp?: string }, conventions: Conventions): string {
  return conventions.keepNbsp && s.noNbsp !== undefined ? s.noNbsp : s.source;
}

class Renderer {
  readonly missing: Sentence[] = [];
  readonly missingIds: string[] = [];
  sentences = 0;
  /**
   * Written ids follow the shapes of recorded translations: a range of sentences written as one pair
   * takes one number, a sentence written as several pairs one each, and a unit that is one pair takes
   * no paragraph number; later ids move by as much, as the published numbering did.
   */
  private shift = 0;
  private pShift = 0;

  constructor(
    private readonly t: TranslationLookup,
    private readonly prefix: string,
    private readonly spans: boolean,
    private readonly conventions: Conventions,
    private readonly body: string,
    /** The faithful rendition: no anchors, and a sentence whose translation is its English keeps its bytes (no edit). */
    private readonly faithful = false,
  ) {}

  /**
   * The span pair of a sentence or unit (SOURCE as shown): a link as a whole peeled (spec §5), and
   * in the generation that does it, markup at the edges (core/conventions.ts `peelMarkup`).
   */
  private pair(id: string, target: string, shown: string): string {
    let { before, after, source, target: inner } = this.conventions.peelMarkup ? peelMarkup(shown, target) : peelTokens(shown, target);
    target = inner;
    const link = peel(source, target);
    if (link) return `${before}[${spanPair(this.prefix, id, link.target.text, link.source.text)}]${link.target.tail}${after}`;
    return `${before}${spanPair(this.prefix, id, target, source)}${after}`;
  }

  /** The translation of a sentence, or its English (counted as missing), and the SOURCE to show. */
  private target(s: Sentence): { target: string; shown: string; parts?: Found['parts']; same?: boolean } {
    this.sentences++;
    const found = this.t.lookup(String(s.n), s.source);
    if (found === undefined) {
      this.missing.push(s);
      this.missingIds.push(String(s.n + this.shift));
    }
    const shown = found?.published ?? writtenSource(s, this.conventions);
    // An untranslated (or unchanged) sentence reads, in plain output, as the English was written.
    const literal = !this.spans && s.literal !== undefined ? s.literal : undefined;
    if (found === undefined) return { target: literal ?? shown, shown, same: true };
    const out = { target: found.target === s.source ? (literal ?? found.target) : found.target, shown, same: found.target === s.source };
    return found.parts && found.parts.length > 1 ? { ...out, parts: found.parts } : out;
  }

  /** The written id of sentence number `n`, or of paragraph id `pN`. */
  private id(n: number): string {
    return String(n + this.shift);
  }
  private pid(pid: string): string {
    return `p${Number(pid.slice(1)) + this.pShift}`;
  }

  private merged(unit: DocBlock | FrontMatterField): Found | undefined {
    if (!unit.pid) return undefined;
    const find = (id: string, source: string) => this.t.lookup(id, source);
    const exact = this.t.exact ? (id: string, source: string) => this.t.exact!(id, source) : find;
    const parts = unit.sentences.map((s) => ({ id: String(s.n), source: s.source }));
    const found = chooseMerged(exact, find, { id: unit.pid, source: unit.source }, parts);
    if (found !== undefined) this.sentences += unit.sentences.length;
    return found;
  }

  /** Replaces each sentence of `unit` with its translation, keeping what lies between as is. */
  private inPlace(unit: DocBlock | FrontMatterField, edits: Edit[]): void {
    const first = unit.sentences[0]!;
    const last = unit.sentences[unit.sentences.length - 1]!;
    const merged = this.merged(unit);
    if (merged !== undefined) {
      if (!(this.faithful && merged.target === unit.source)) edits.push({ start: first.start, end: last.end, text: merged.target });
      return;
    }
    this.sentencesOf(unit, edits, (_id, t) => t.target);
  }

  /**
   * Each sentence (or range of sentences translated as one) of a unit written by `write`, with
   * the written ids following the shapes of the translations; returns the number of pairs written.
   */
  private sentencesOf(unit: DocBlock | FrontMatterField, edits: Edit[], write: (id: string, t: { target: string; shown: string; parts?: Found['parts'] }) => string): number {
    const ss = unit.sentences;
    const keyed = this.t.range ? ss.map((s) => ({ id: String(s.n), source: s.source })) : [];
    let pairs = 0;
    for (let i = 0; i < ss.length; i++) {
      const s = ss[i]!;
      // The generation that keeps no-break spaces writes nothing between two pairs where the English has one there.
      if (this.spans && this.conventions.keepNbsp && i > 0 && 'block' in unit) {
        const gap = this.body.slice(ss[i - 1]!.end, s.start);
        if (gap.includes('\u00a0') && !gap.includes('\n')) edits.push({ start: ss[i - 1]!.end, end: s.start, text: '' });
      }
      const range = this.t.range && !this.t.exact?.(keyed[i]!.id, s.source) ? this.t.range(keyed, i) : undefined;
      if (range) {
        const last = ss[i + range.count - 1]!;
        this.sentences += range.count;
        edits.push({ start: s.start, end: last.end, text: write(this.id(s.n), { target: range.found.target, shown: range.found.published ?? range.found.target }) });
        this.shift -= range.count - 1;
        pairs++;
        i += range.count - 1;
        continue;
      }
      const t = this.target(s);
      if (!(this.faithful && t.same)) edits.push({ start: s.start, end: s.end, text: write(this.id(s.n), t) });
      const written = this.spans && t.parts ? t.parts.length : 1;
      this.shift += written - 1;
      pairs += written;
    }
    return pairs;
  }

  block(b: DocBlock, edits: Edit[], isToc: boolean): void {
    if (this.faithful) {
      // A reference definition's label is the key its references use (`[text][label]`): renamed in
      // one place, it would break the others (Microsoft's published files translate some; not here).
      if (b.block.kind === 'label') {
        this.sentences += b.sentences.length;
        return;
      }
      const from = edits.length;
      this.inPlace(b, edits);
      const wrap = b.block.kind === 'paragraph' || b.block.kind === 'listItem' || b.block.kind === 'quote';
      for (let i = from; i < edits.length; i++) edits[i]!.wrap = wrap;
      return;
    }
    if (b.block.anchor !== undefined && !isToc && this.conventions.anchors) {
      const at = b.block.anchorAt ?? b.block.start;
      edits.push({ start: at, end: at, text: anchor(b.block.anchor) });
    }
    if (inPlace(b.block.kind) || !this.spans) {
      this.inPlace(b, edits);
      return;
    }
    const merged = this.merged(b);
    if (merged !== undefined) {
      const first = b.sentences[0]!;
      const last = b.sentences[b.sentences.length - 1]!;
      const shown = merged.published ?? writtenSource(b, this.conventions);
      // A unit's pair as published may hold the spaces that end the unit (before a `<br/>`): then they are inside it.
      const trailing = /[ \t]+$/.exec(shown)?.[0] ?? '';
      const end = trailing && this.body.startsWith(trailing, last.end) ? last.end + trailing.length : last.end;
      edits.push({ start: first.start, end, text: this.pair(this.pid(b.pid!), merged.target, shown) });
      return;
    }
    const pairs = this.sentencesOf(b, edits, (id, t) => {
      if (!t.parts) return this.pair(id, t.target, t.shown);
      // A sentence the published file wrote as several pairs: written that way again (inside the
      // emphasis around the whole sentence, which the pairs leave out).
      let n = Number(id);
      const written = t.parts.map((part) => this.pair(String(n++), part.target, part.source) + part.after).join('');
      const whole = wholeEmphasis(t.shown);
      return whole && !wholeEmphasis(t.parts.map((p) => p.source + p.after).join('')) ? whole.open + written + whole.close : written;
    });
    // A unit of several sentences takes a paragraph number; one written as a single pair does not, and the reverse.
    if (b.sentences.length > 1 && pairs < 2) this.pShift--;
    else if (b.sentences.length < 2 && pairs > 1) this.pShift++;
  }

  field(f: FrontMatterField): string {
    const edits: Edit[] = [];
    this.inPlace(f, edits);
    return applyEdits(f.value, edits);
  }
}

export function renderDoc(doc: SourceDoc, translations: TranslationLookup, handoff: HandoffValues, mode: RenderMode, original?: OriginalText): RenderResult {
  const faithful = mode === 'faithful';
  if (faithful && !original) throw new Error('the faithful rendition needs the original text');
  const r = new Renderer(translations, handoff.prefix, mode === 'bilingual' && !doc.isToc, handoff.conventions, doc.body, faithful);
  const translated = new Map<string, YamlValue>();
  for (const f of doc.fields) {
    const value = r.field(f);
    if (f.index === undefined) translated.set(f.key, value);
    else {
      const list = (translated.get(f.key) as YamlValue[] | undefined) ?? [...(doc.frontMatter![f.key] as YamlValue[])];
      list[f.index] = value;
      translated.set(f.key, list);
    }
  }
  const edits: Edit[] = [];
  for (const b of doc.blocks) r.block(b, edits, doc.isToc);
  if (faithful) {
    const text = faithfulRendition(
      original!,
      doc,
      edits.map((e) => ({ ...e, wrap: e.wrap === true })),
      translated,
    );
    return { text, sentences: r.sentences, missing: r.missing, missingIds: r.missingIds };
  }
  const body = applyEdits(doc.body, edits).replace(/^(?:[ ]*\n)+/, '');
  let head = '';
  if (!doc.isToc) head = emitFrontMatter(doc.frontMatter, translated, handoff.keys, doc.plainValues);
  else if (doc.frontMatter) head = emitFrontMatter(doc.frontMatter, translated, new Map(), doc.plainValues);
  return { text: head + body, sentences: r.sentences, missing: r.missing, missingIds: r.missingIds };
}
