/**
 * SourceDoc: one English document, parsed, split into blocks and sentences, and numbered (spec §2):
 * ids from 101, front-matter title/description/keywords first, then the body in document order;
 * block-image alt sentences consume ids; every unit of two or more sentences also gets `pN`.
 */
import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import { extractBlocks, isTranslatable, type Block } from '../markdown/blocks.js';
import { splitFrontMatter, TRANSLATED_KEYS, valuePosition, type FrontMatterData } from '../markdown/front-matter.js';
import type { Piece } from '../markdown/inline.js';
import { parseMarkdown } from '../markdown/parse.js';
import type { Range, Segmenter } from '../markdown/segment.js';
import { unitText } from '../markdown/unit-text.js';
import { LineIndex } from '../text/lines.js';
import { normalizeSource } from '../text/normalize.js';
import { checkNesting } from '../util/limits.js';

export interface Sentence {
  /** Sentence number (the N of `P-N`). */
  n: number;
  start: number;
  end: number;
  /** Normalized English text (SOURCE). */
  source: string;
  /** The same without the `\*` escapes SOURCE adds, when that differs: what plain output shows. */
  literal?: string;
  /** SOURCE with no-break spaces left out instead of read as spaces, when that differs (conventions `keepNbsp`). */
  noNbsp?: string;
}

/** Something that holds sentences: a body block or a front-matter value. */
export interface Unit {
  sentences: Sentence[];
  /** Paragraph id `pN` when the unit has two or more sentences. */
  pid?: string;
  /** The whole unit's English text (SOURCE of a `pN` span). */
  source: string;
  /** The same with no-break spaces left out, when that differs (conventions `keepNbsp`). */
  noNbsp?: string;
}

export interface DocBlock extends Unit {
  block: Block;
}

export interface FrontMatterField extends Unit {
  key: string;
  /** Index in a list value, when the value is a list. */
  index?: number;
  value: string;
  /** Where the value starts in the file (1-based). */
  line: number;
  column: number;
  /** The value is written verbatim from there (on one line, no escapes), so sentence offsets are columns too. */
  verbatim: boolean;
}

export interface SourceDoc {
  /** Path relative to the source root, with `/` separators. */
  path: string;
  /** SHA-1 of the file's bytes, and of the bytes with CRLF line endings. */
  hashRaw: string;
  hashCrlf: string;
  frontMatter: FrontMatterData | null;
  /** Front-matter values the English wrote as plain numbers or booleans (front-matter.ts `plain`). */
  plainValues: string[];
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  fields: FrontMatterField[];
  blocks: DocBlock[];
  /** `TOC.md`: translated without spans, anchors or handoff keys. */
  isToc: boolean;
  /** Labels of the link reference definitions (`[label]: url`), as written. */
  definitions: string[];
  /** How no-break spaces were read (DocOptions.keepNbsp), and whether the file has any. */
  keepNbsp: boolean;
  hasNbsp: boolean;
}

export interface DocOptions {
  segmenter: Segmenter;
  /**
   * Keep no-break spaces as they are: text to Markdown (two before a line end make no hard break),
   * as the generation that keeps them outside spans reads them; otherwise they are read as spaces
   * (core/conventions.ts `keepNbsp`).
   */
  keepNbsp?: boolean;
  /** The front-matter keys whose values are translated (default: title, description, keywords). */
  fieldKeys?: readonly string[];
  /** Given the body's Markdown tree (build reuses it for the English page; it must not be changed). */
  onTree?: (root: Root) => void;
}

export class SourceDecodeError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** SHA-1 of the bytes with every line ending as CRLF (repositories with `* text=auto`). */
function sha1Crlf(bytes: Uint8Array): string {
  const hash = createHash('sha1');
  let from = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 && (i === 0 || bytes[i - 1] !== 13)) {
      hash.update(bytes.subarray(from, i));
      hash.update('\r\n');
      from = i + 1;
    }
  }
  hash.update(bytes.subarray(from));
  return hash.digest('hex');
}

export function fileHashes(bytes: Uint8Array): { raw: string; crlf: string } {
  return { raw: sha1(bytes), crlf: sha1Crlf(bytes) };
}

function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new SourceDecodeError('the file is not valid UTF-8');
  }
}

function fieldsOf(data: FrontMatterData | null, frontMatter: string, segmenter: Segmenter, keys: readonly string[] = TRANSLATED_KEYS): FrontMatterField[] {
  const out: FrontMatterField[] = [];
  if (!data) return out;
  const add = (key: string, value: string, index?: number) => {
    const pieces: Piece[] = [{ kind: 'text', start: 0, end: value.length, depth: 0 }];
    const ranges = segmenter.split(value, pieces, 0, value.length).filter((r) => isTranslatable(value, pieces, r));
    if (ranges.length === 0) return;
    const at = valuePosition(frontMatter, key, index);
    const lineText = frontMatter.split('\n')[at.line - 1] ?? '';
    const field: FrontMatterField = {
      key,
      value,
      ...at,
      verbatim: lineText.slice(at.column - 1, at.column - 1 + value.length) === value,
      sentences: ranges.map((r) => ({ n: 0, start: r.start, end: r.end, source: value.slice(r.start, r.end) })),
      source: value.slice(ranges[0]!.start, ranges[ranges.length - 1]!.end),
    };
    if (index !== undefined) field.index = index;
    out.push(field);
  };
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string') add(key, value);
    else if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && add(key, v, i));
  }
  return out;
}

function hasNbsp(src: string, start: number, end: number): boolean {
  // Within the range only: an indexOf from `start` would scan to the end of the document for every sentence.
  for (let i = start; i < end; i++) if (src.charCodeAt(i) === 0xa0) return true;
  return false;
}

function unitOf(src: string, block: Block, ranges: readonly Range[]): DocBlock {
  const sentences = ranges.map((r): Sentence => {
    const sentence: Sentence = { n: 0, start: r.start, end: r.end, source: unitText(src, block.pieces, r.start, r.end) };
    if (sentence.source.includes('\\*')) {
      const literal = unitText(src, block.pieces, r.start, r.end, false);
      // Not where an unescaped `* ` could start a line and turn into a list marker.
      if (literal !== sentence.source && !/^\*(?:\s|$)/.test(literal)) sentence.literal = literal;
    }
    if (hasNbsp(src, r.start, r.end)) sentence.noNbsp = unitText(src, block.pieces, r.start, r.end, true, '');
    return sentence;
  });
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  const source = ranges.length > 1 ? unitText(src, block.pieces, first.start, last.end) : (sentences[0]?.source ?? '');
  const unit: DocBlock = { block, sentences, source };
  if (ranges.length > 1 && hasNbsp(src, first.start, last.end)) unit.noNbsp = unitText(src, block.pieces, first.start, last.end, true, '');
  else if (ranges.length === 1 && sentences[0]!.noNbsp !== undefined) unit.noNbsp = sentences[0]!.noNbsp;
  return unit;
}

/** The translatable blocks of a Markdown body, not numbered. */
export function buildBlocksOnly(body: string, segmenter: Segmenter): DocBlock[] {
  return blocksOf(body, parseMarkdown(body), segmenter);
}

function blocksOf(body: string, root: Root, segmenter: Segmenter): DocBlock[] {
  return extractBlocks(body, root, { segmenter })
    .filter((b) => b.sentences.length > 0)
    .map((b) => unitOf(body, b, b.sentences));
}

/** Labels of every link reference definition in a tree (they may sit in lists and quotes). */
function definitionLabels(root: Root): string[] {
  const out: string[] = [];
  const walk = (node: { type: string; children?: unknown[]; label?: string | null }) => {
    if (node.type === 'definition' && node.label) out.push(node.label);
    // Definitions are block content: no need to look inside paragraphs, headings or tables.
    if (node.children && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
      for (const c of node.children) walk(c as typeof node);
    }
  };
  walk(root);
  return out;
}

/** Parses and numbers one English document. `bytes` are the file's bytes as stored. */
export function buildSourceDoc(path: string, bytes: Uint8Array, options: DocOptions): SourceDoc {
  const hashes = fileHashes(bytes);
  const decoded = decode(bytes);
  const keepNbsp = options.keepNbsp === true;
  const text = normalizeSource(decoded, keepNbsp);
  checkNesting(text);
  const split = splitFrontMatter(text);
  const root = parseMarkdown(split.body);
  const blocks = blocksOf(split.body, root, options.segmenter);
  options.onTree?.(root);
  const fields = fieldsOf(split.data, text.slice(0, split.bodyOffset), options.segmenter, options.fieldKeys);
  let n = 101;
  let p = 101;
  for (const unit of [...fields, ...blocks]) {
    for (const s of unit.sentences) s.n = n++;
    if (unit.sentences.length > 1) unit.pid = `p${p++}`;
    // A paragraph of one sentence and a segment left as it is (a line of code) was still a paragraph of
    // segments to the published files' pipeline: it took a `pN` number, never written.
    else if ('block' in unit && unit.block.untranslated) p++;
  }
  const base = path.split('/').pop()!.toLowerCase();
  return {
    path,
    hashRaw: hashes.raw,
    hashCrlf: hashes.crlf,
    frontMatter: split.data,
    plainValues: split.plain,
    body: split.body,
    bodyLine: split.bodyLine,
    fields,
    blocks,
    isToc: base === 'toc.md',
    definitions: definitionLabels(root),
    keepNbsp,
    hasNbsp: decoded.includes('\u00a0'),
  };
}

/** 1-based line and column of a body offset, in the whole file. */
export function positionOf(doc: SourceDoc, offset: number): { line: number; column: number } {
  let index = lineIndexes.get(doc);
  if (!index) {
    index = new LineIndex(doc.body, doc.bodyLine);
    lineIndexes.set(doc, index);
  }
  return index.at(offset);
}

const lineIndexes = new WeakMap<SourceDoc, LineIndex>();
