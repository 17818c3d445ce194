/**
 * What `check` needs of a source document, and nothing more: its segments with their ids, English,
 * word counts, positions and protected inline codes. Plain JSON, so it can be cached per file
 * content and `check` on an unchanged file costs a hash instead of a parse.
 */
import { positionOf, type SourceDoc } from '../core/doc.js';
import { DELETABLE, type Code, type Content } from '../core/codes.js';
import { exchangeUnits, type ExSegment } from '../core/exchange.js';
import { qaText } from '../qa/text.js';

export interface OutlineSegment {
  /** Store id: `N` or `pN`. */
  id: string;
  source: string;
  words: number;
  /** 1-based position of the English in the source file. */
  line: number;
  column: number;
  /** Inline codes a translation must keep (see codeKey), in order. */
  codes: string[];
  /** The English as the quality rules read it (qa/text.ts). */
  text: string;
}

export interface OutlineUnit {
  /** Block kind (`heading`, `cell`, …) or `front matter <key>`. */
  kind: string;
  /** Front-matter values are plain text: no inline codes. */
  plain: boolean;
  /** The unit's first sentence starts a line, where a leading block marker in a target would start a block. */
  atLineStart: boolean;
  segments: OutlineSegment[];
  /** The whole unit as one `pN` segment, when it has two or more sentences. */
  merged?: OutlineSegment;
}

export interface DocOutline {
  path: string;
  hashRaw: string;
  hashCrlf: string;
  units: OutlineUnit[];
  /** Link reference labels defined in the document, so a target's `[text][label]` reads as a link. */
  definitions: string[];
  /** How no-break spaces were read, and whether the document has any (commands/common.ts `docFor`). */
  keepNbsp: boolean;
  hasNbsp: boolean;
}

/** A code as compared between English and translation: its type and Markdown. */
export function codeKey(type: string, open: string, close: string | undefined): string {
  return `${type}\u0000${open}\u0000${close ?? ''}`;
}

/** Zero-width characters: invisible in a URL as written, dropped by every browser and by translators. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** `](destination "title")`: the destination, without the title (a title is text, translated like alt text). */
const INLINE_LINK_END = /^\]\(\s*(<[^>\n]*>|[^\s]*?)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)$/s;

/**
 * A GFM bare URL (`www.x`, `https://x`) as compared: cut where an address cannot go on (a character
 * outside ASCII, a backslash — in `«https://x»` or `https://x)。` the literal runs on), then GFM's own
 * trailing-punctuation rule applied again. The host and path are compared in full.
 */
function bareUrl(url: string): string {
  const cut = /[^\x21-\x7E]|\\/.exec(url);
  let u = cut ? url.slice(0, cut.index) : url;
  for (;;) {
    const last = u[u.length - 1];
    if (last && '?!.,:*_~\'"'.includes(last)) u = u.slice(0, -1);
    else if (last === ')' && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
    else return u;
  }
}

/** A code as English and translation must share it: its type and Markdown, with what may differ taken out. */
function comparable(code: Code): string {
  if (code.type === 'link' || code.type === 'image') {
    const end = INLINE_LINK_END.exec((code.close ?? '').replace(ZERO_WIDTH, ''));
    return codeKey(code.type, code.open, end ? `](${end[1]})` : code.close?.replace(ZERO_WIDTH, ''));
  }
  if (code.type === 'autolink') {
    const open = code.open.replace(ZERO_WIDTH, '');
    return codeKey(code.type, open.startsWith('<') || open.startsWith('[') ? open : bareUrl(open), code.close);
  }
  return codeKey(code.type, code.open, code.close);
}

/** The codes of a content that a translation must keep, as code keys, in order. */
export function keptCodes(content: Content): string[] {
  const out: string[] = [];
  for (const item of content.seq) {
    if (item.t !== 'open' && item.t !== 'ph') continue;
    const code = content.codes.get(item.id)!;
    if (!DELETABLE.has(code.type)) out.push(comparable(code));
  }
  return out;
}

/** Only whitespace, quote markers or a list marker before `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?$/.test(text.slice(lineStart, offset));
}

export function outlineOf(doc: SourceDoc): DocOutline {
  const units: OutlineUnit[] = [];
  const exUnits = exchangeUnits(doc);
  const docUnits = [...doc.fields, ...doc.blocks];
  exUnits.forEach((ex, i) => {
    const unit = docUnits[i]!;
    const field = i < doc.fields.length ? doc.fields[i]! : undefined;
    const byNumber = new Map(unit.sentences.map((x) => [x.n, x]));
    const at = (n: number) => {
      const s = byNumber.get(n)!;
      if (field) return { line: field.line, column: field.column + (field.verbatim ? s.start : 0) };
      return positionOf(doc, s.start);
    };
    const seg = (s: ExSegment): OutlineSegment => ({
      id: s.id,
      source: s.source,
      words: s.words,
      ...at(s.sentences[0]!),
      codes: ex.plain ? [] : keptCodes(s.content),
      text: qaText(s.content),
    });
    const out: OutlineUnit = {
      kind: ex.kind,
      plain: ex.plain,
      // Markdown block markers mean nothing inside headings, table cells and HTML blocks.
      atLineStart: !field && ex.kind !== 'heading' && ex.kind !== 'cell' && ex.kind !== 'html' && startsLine(doc.body, unit.sentences[0]!.start),
      segments: ex.segments.map(seg),
    };
    if (ex.merged) out.merged = seg(ex.merged);
    units.push(out);
  });
  return { path: doc.path, hashRaw: doc.hashRaw, hashCrlf: doc.hashCrlf, units, definitions: doc.definitions, keepNbsp: doc.keepNbsp, hasNbsp: doc.hasNbsp };
}
