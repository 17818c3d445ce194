/**
 * Renders a SourceDoc for one locale: the bilingual Markdown (span pairs, spec §1–§6) or the plain
 * rendition (each pair replaced by its TARGET). Everything outside sentence ranges is the English
 * source as normalized; the front matter is re-emitted with translated values and the handoff keys.
 */
import type { DocBlock, FrontMatterField, Sentence, SourceDoc } from '../doc.js';
import { emitFrontMatter, type HandoffKey } from '../markdown/front-matter.js';
import type { YamlValue } from '../markdown/yaml-emit.js';
import { chooseMerged } from '../store/resolve.js';
import { anchor, peel, spanPair } from './spans.js';

export type RenderMode = 'bilingual' | 'plain';

/** Where rendering finds translations: by id (`N` or `pN`) and the English text they were made for. */
export interface TranslationLookup {
  /** The translation to use (store/resolve.ts: by id, else by text). */
  lookup(id: string, source: string): string | undefined;
  /** Only the one stored under this id for this English; `lookup` when absent. */
  exact?(id: string, source: string): string | undefined;
}

export interface HandoffValues {
  prefix: string;
  keys: ReadonlyMap<HandoffKey, string>;
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

function pair(prefix: string, id: string, target: string, source: string): string {
  const peeled = peel(source, target);
  if (!peeled) return spanPair(prefix, id, target, source);
  return `[${spanPair(prefix, id, peeled.target.text, peeled.source.text)}]${peeled.target.tail}`;
}

class Renderer {
  readonly missing: Sentence[] = [];
  sentences = 0;

  constructor(
    private readonly t: TranslationLookup,
    private readonly prefix: string,
    private readonly spans: boolean,
  ) {}

  private target(s: Sentence): string {
    this.sentences++;
    const found = this.t.lookup(String(s.n), s.source);
    if (found === undefined) this.missing.push(s);
    // An untranslated (or unchanged) sentence reads, in plain output, as the English was written.
    if (found === undefined || found === s.source) return !this.spans && s.literal !== undefined ? s.literal : s.source;
    return found;
  }

  private merged(unit: DocBlock | FrontMatterField): string | undefined {
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
    if (merged !== undefined) edits.push({ start: first.start, end: last.end, text: merged });
    else for (const s of unit.sentences) edits.push({ start: s.start, end: s.end, text: this.target(s) });
  }

  block(b: DocBlock, edits: Edit[], isToc: boolean): void {
    if (b.block.anchor !== undefined && !isToc) edits.push({ start: b.block.start, end: b.block.start, text: anchor(b.block.anchor) });
    if (b.block.kind === 'imageAlt' || !this.spans) {
      this.inPlace(b, edits);
      return;
    }
    const merged = this.merged(b);
    if (merged !== undefined) {
      const first = b.sentences[0]!;
      const last = b.sentences[b.sentences.length - 1]!;
      edits.push({ start: first.start, end: last.end, text: spanPair(this.prefix, b.pid!, merged, b.source) });
      return;
    }
    for (const s of b.sentences) {
      edits.push({ start: s.start, end: s.end, text: pair(this.prefix, String(s.n), this.target(s), s.source) });
    }
  }

  field(f: FrontMatterField): string {
    const edits: Edit[] = [];
    this.inPlace(f, edits);
    return applyEdits(f.value, edits);
  }
}

export function renderDoc(doc: SourceDoc, translations: TranslationLookup, handoff: HandoffValues, mode: RenderMode): RenderResult {
  const r = new Renderer(translations, handoff.prefix, mode === 'bilingual' && !doc.isToc);
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
  if (!doc.isToc) head = emitFrontMatter(doc.frontMatter, translated, handoff.keys);
  else if (doc.frontMatter) head = emitFrontMatter(doc.frontMatter, translated, new Map());
  return { text: head + body, sentences: r.sentences, missing: r.missing };
}

