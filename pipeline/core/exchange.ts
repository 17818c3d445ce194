/**
 * The exchange view of a SourceDoc: one unit per translatable block (and per front-matter value),
 * one segment per sentence, each with its text-and-codes content, its store id and SOURCE text,
 * its word count and its context (path, line, heading trail, block kind, data-ttu-ids).
 * Export writes these units; import recomputes them to map returned segments back.
 */
import { positionOf, type DocBlock, type FrontMatterField, type SourceDoc, type Unit } from './doc.js';
import { CodeIds, contentOf, countWords, plainText, type Content } from './codes.js';
import type { Piece } from '../markdown/inline.js';

export interface ExSegment {
  /** Store id: `N`, or `pN` for a whole unit translated as one. */
  id: string;
  /** Sentence numbers this segment covers. */
  sentences: number[];
  /** SOURCE as the store keeps it. */
  source: string;
  content: Content;
  words: number;
}

export interface ExUnit {
  /** Unit id in the handoff file: `u` + its first sentence number. */
  id: string;
  kind: string;
  /** Front-matter values are plain text, not Markdown. */
  plain: boolean;
  line: number;
  headings: string[];
  segments: ExSegment[];
  /** The whitespace between consecutive segments (line prefixes removed). */
  separators: string[];
  /** The same unit as one segment (`pN`), when it has two or more sentences. */
  merged?: ExSegment;
}

function fieldPieces(value: string): Piece[] {
  return [{ kind: 'text', start: 0, end: value.length, depth: 0, verbatim: true }];
}

function segmentsOf(src: string, pieces: readonly Piece[], unit: Unit): { segments: ExSegment[]; separators: string[]; merged?: ExSegment } {
  const ids = new CodeIds();
  const segments = unit.sentences.map((s) => {
    const content = contentOf(src, pieces, s.start, s.end, ids);
    return { id: String(s.n), sentences: [s.n], source: s.source, content, words: countWords(plainText(content)) };
  });
  const separators: string[] = [];
  for (let i = 1; i < unit.sentences.length; i++) {
    const between = src.slice(unit.sentences[i - 1]!.end, unit.sentences[i]!.start);
    separators.push(between.replace(/\n[ >]*/g, '\n'));
  }
  const out: { segments: ExSegment[]; separators: string[]; merged?: ExSegment } = { segments, separators };
  if (unit.pid) {
    const first = unit.sentences[0]!;
    const last = unit.sentences[unit.sentences.length - 1]!;
    const content = contentOf(src, pieces, first.start, last.end, new CodeIds());
    out.merged = { id: unit.pid, sentences: unit.sentences.map((s) => s.n), source: unit.source, content, words: countWords(plainText(content)) };
  }
  return out;
}

/** The exchange units of a document, in document order (front matter first). */
export function exchangeUnits(doc: SourceDoc): ExUnit[] {
  const units: ExUnit[] = [];
  const trail: string[] = [];
  for (const f of doc.fields as FrontMatterField[]) {
    const parts = segmentsOf(f.value, fieldPieces(f.value), f);
    units.push({
      id: `u${f.sentences[0]!.n}`,
      kind: `front matter ${f.key}${f.index !== undefined ? `[${f.index}]` : ''}`,
      plain: true,
      line: 1,
      headings: [],
      ...parts,
    });
  }
  for (const b of doc.blocks as DocBlock[]) {
    if (b.block.kind === 'heading') {
      const depth = b.block.depth ?? 1;
      trail.length = Math.min(trail.length, depth - 1);
      while (trail.length < depth - 1) trail.push('');
      trail.push(b.source);
    }
    const parts = segmentsOf(doc.body, b.block.pieces, b);
    units.push({
      id: `u${b.sentences[0]!.n}`,
      kind: b.block.kind,
      plain: false,
      line: positionOf(doc, b.block.start).line,
      headings: b.block.kind === 'heading' ? trail.slice(0, -1).filter(Boolean) : trail.filter(Boolean),
      ...parts,
    });
  }
  return units;
}
