/**
 * Renders a SourceDoc for one locale: the bilingual Markdown (span pairs, spec §1–§6) or the plain
 * rendition (each pair replaced by its TARGET). Everything outside sentence ranges is the English
 * source as normalized; the front matter is re-emitted with translated values and the handoff keys.
 */
import type { DocBlock, FrontMatterField, Sentence, SourceDoc } from '../doc.js';
import { emitFrontMatter, type HandoffKey } from '../markdown/front-matter.js';
import type { YamlValue } from '../markdown/yaml-emit.js';
import { chooseMerged } from '../store/resolve.js';
import type { Conventions } from './conventions.js';
import { inPlace } from '../markdown/blocks.js';
import { anchor, peel, peelMarkup, peelTokens, spanPair } from './spans.js';

export type RenderMode = 'bilingual' | 'plain';

/** A translation found for a sentence or unit. */
export interface Found {
  target: string;
  /** SOURCE as the published file it came from wrote it (whitespace or escapes differ from the English). */
  published?: string;
}

/** Where rendering finds translations: by id (`N` or `pN`) and the English text they were made for. */
export interface TranslationLookup {
  /** The translation to use (store/resolve.ts: by id, else by text). */
  lookup(id: string, source: string): Found | undefined;
  /** Only the one stored under this id for this English; `lookup` when absent. */
  exact?(id: string, source: string): Found | undefined;
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
}

interface Edit {
  start: number;
  end: number;
  text: string;
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
  sentences = 0;

  constructor(
    private readonly t: TranslationLookup,
    private readonly prefix: string,
    private readonly spans: boolean,
    private readonly conventions: Conventions,
  ) {}

  /**
   * The span pair of a sentence or unit (SOURCE as shown): a link as a whole peeled (spec §5), and
   * in the generation that does it, markup at the edges (render/conventions.ts `peelMarkup`).
   */
  private pair(id: string, target: string, shown: string): string {
    let { before, after, source, target: inner } = this.conventions.peelMarkup ? peelMarkup(shown, target) : peelTokens(shown, target);
    target = inner;
    const link = peel(source, target);
    if (link) return `${before}[${spanPair(this.prefix, id, link.target.text, link.source.text)}]${link.target.tail}${after}`;
    return `${before}${spanPair(this.prefix, id, target, source)}${after}`;
  }

  /** The translation of a sentence, or its English (counted as missing), and the SOURCE to show. */
  private target(s: Sentence): { target: string; shown: string } {
    this.sentences++;
    const found = this.t.lookup(String(s.n), s.source);
    if (found === undefined) this.missing.push(s);
    const shown = found?.published ?? writtenSource(s, this.conventions);
    // An untranslated (or unchanged) sentence reads, in plain output, as the English was written.
    const literal = !this.spans && s.literal !== undefined ? s.literal : undefined;
    if (found === undefined) return { target: literal ?? shown, shown };
    return { target: found.target === s.source ? (literal ?? found.target) : found.target, shown };
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
    if (merged !== undefined) edits.push({ start: first.start, end: last.end, text: merged.target });
    else for (const s of unit.sentences) edits.push({ start: s.start, end: s.end, text: this.target(s).target });
  }

  block(b: DocBlock, edits: Edit[], isToc: boolean): void {
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
      edits.push({ start: first.start, end: last.end, text: this.pair(b.pid!, merged.target, merged.published ?? writtenSource(b, this.conventions)) });
      return;
    }
    for (const s of b.sentences) {
      const t = this.target(s);
      edits.push({ start: s.start, end: s.end, text: this.pair(String(s.n), t.target, t.shown) });
    }
  }

  field(f: FrontMatterField): string {
    const edits: Edit[] = [];
    this.inPlace(f, edits);
    return applyEdits(f.value, edits);
  }
}

export function renderDoc(doc: SourceDoc, translations: TranslationLookup, handoff: HandoffValues, mode: RenderMode): RenderResult {
  const r = new Renderer(translations, handoff.prefix, mode === 'bilingual' && !doc.isToc, handoff.conventions);
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
  const body = applyEdits(doc.body, edits).replace(/^(?:[ ]*\n)+/, '');
  let head = '';
  if (!doc.isToc) head = emitFrontMatter(doc.frontMatter, translated, handoff.keys, doc.plainValues);
  else if (doc.frontMatter) head = emitFrontMatter(doc.frontMatter, translated, new Map(), doc.plainValues);
  return { text: head + body, sentences: r.sentences, missing: r.missing };
}

