/**
 * The faithful rendition (`"output": { "profile": "faithful" }`): the author's file with only the
 * translated text changed, for any docs site (Docusaurus, MkDocs, Hugo, VitePress …).
 *
 * - Every byte outside a translated sentence is the author's: the file is rebuilt from its own
 *   bytes (byte order mark, CRLF, tabs and no-break spaces included), not from the normalized text
 *   the parser reads; normalized offsets are mapped back (`OriginalText.at`).
 * - A sentence without a translation, or whose translation is its English, keeps its English
 *   bytes, line breaks and escapes included.
 * - A translation of a sentence the author wrapped over several lines is wrapped again at spaces
 *   near the same proportions, each new line with the author's continuation prefix (`> `, list
 *   indentation), where that cannot change the block: never inside code, a link or a tag, never
 *   before a word that could start a block (`-`, `1.`, `#`, `>` …), never in a heading, a table
 *   cell or alt text, and not at all in a text without spaces (CJK: a line break would read as a
 *   space).
 * - Front matter keeps its bytes but the translated values, each written in its own style: double-
 *   or single-quoted, plain (quoted only when the translation could not be a plain scalar), or a
 *   folded or literal block. No anchors, no handoff keys.
 */
import { normalizeSource } from '../text/normalize.js';
import type { SourceDoc } from '../doc.js';
import type { YamlValue } from '../markdown/yaml-emit.js';

/** The file as the author wrote it, and where each offset of the normalized text lies in it. */
export interface OriginalText {
  /** The decoded file (without its byte order mark). */
  text: string;
  bom: boolean;
  /** The file's line ending (the first one it has; LF when none). */
  eol: '\n' | '\r\n' | '\r';
  /** Offset in `text` of offset `n` of the normalized text (CR LF → the CR; an expanded tab → the tab). */
  at(n: number): number;
  /** The normalized text (what the SourceDoc was parsed from). */
  normalized: string;
}

export function originalText(decoded: string, bom: boolean, keepNbsp: boolean): OriginalText {
  const normalized = normalizeSource(decoded, keepNbsp);
  const eol = /\r\n?|\n/.exec(decoded)?.[0] as OriginalText['eol'] | undefined;
  if (normalized.length === decoded.length && !decoded.includes('\r')) {
    return { text: decoded, bom, eol: eol ?? '\n', at: (n) => n, normalized };
  }
  const map = new Int32Array(normalized.length + 1);
  let j = 0;
  let col = 0;
  for (let i = 0; i < decoded.length; i++) {
    const ch = decoded[i]!;
    if (ch === '\t') {
      const n = 4 - (col % 4);
      for (let k = 0; k < n; k++) map[j++] = i;
      col += n;
      continue;
    }
    map[j++] = i;
    if (ch === '\r' && decoded[i + 1] === '\n') i++;
    col = ch === '\n' || ch === '\r' ? 0 : col + 1;
  }
  map[j] = decoded.length;
  return { text: decoded, bom, eol: eol ?? '\n', at: (n) => map[Math.min(n, j)]!, normalized };
}

/** A replacement of the body (normalized offsets) by a translation. */
export interface FaithfulEdit {
  start: number;
  end: number;
  text: string;
  /** The English may be wrapped over lines there (paragraphs, list items, quotes). */
  wrap: boolean;
}

/** What cannot start a continuation line without starting a block (or ending the paragraph). */
const BLOCK_START = /^(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,}|=+[ \t]*$|-+[ \t]*$|\||<|\[!|:::)/;

/**
 * The places `text` can break: single spaces outside code spans, link destinations and tags,
 * between two visible words, the next not a possible block start.
 */
function breakPoints(text: string): number[] {
  const out: number[] = [];
  let code = 0;
  let paren = 0;
  let angle = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`') {
      let n = 1;
      while (text[i + n] === '`') n++;
      code = code === 0 ? n : code === n ? 0 : code;
      i += n - 1;
      continue;
    }
    if (code) continue;
    if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (ch === '(' && text[i - 1] === ']') paren = 1;
    else if (paren && ch === '(') paren++;
    else if (paren && ch === ')') paren--;
    else if (ch === ' ' && !angle && !paren && text[i - 1] !== ' ' && text[i + 1] !== ' ' && i > 0 && i + 1 < text.length) {
      if (!BLOCK_START.test(text.slice(i + 1, i + 12))) out.push(i);
    }
  }
  return out;
}

/**
 * `translation` over as many lines as `english` (original bytes) has, at the break nearest to each
 * of the English line ends' proportions; each new line starts with the English line's prefix.
 */
export function wrapLike(english: string, translation: string, eol: string): string {
  const lines = english.split(/\r\n|\r|\n/);
  if (lines.length < 2 || translation.includes('\n')) return translation;
  const points = breakPoints(translation);
  if (points.length === 0) return translation;
  const prefixes = lines.slice(1).map((l) => /^[ \t>]*/.exec(l)![0]);
  const lengths = lines.map((l, i) => l.length - (i === 0 ? 0 : prefixes[i - 1]!.length));
  const total = lengths.reduce((a, b) => a + b, 0) || 1;
  let out = '';
  let from = 0;
  let done = 0;
  let p = 0;
  for (let k = 0; k < lines.length - 1; k++) {
    done += lengths[k]!;
    const want = (done / total) * translation.length;
    // The break point nearest to where this line ended in the English, after the last one used.
    let best = -1;
    for (; p < points.length; p++) {
      if (points[p]! <= from) continue;
      if (best < 0 || Math.abs(points[p]! - want) < Math.abs(best - want)) best = points[p]!;
      else break;
    }
    if (best < 0) break;
    out += translation.slice(from, best) + eol + prefixes[k]!;
    from = best + 1;
  }
  return out + translation.slice(from);
}

/** `value` as a YAML scalar in the style of the one it replaces (`"`, `'`, plain, `>`, `|`). */
function scalarLike(style: string, value: string, indent: string, eol: string): string {
  const double = () =>
    JSON.stringify(value)
      .replace(/\u2028/g, '\\L')
      .replace(/\u2029/g, '\\P');
  if (style === '"') return double();
  if (style === "'") return value.includes('\n') ? double() : `'${value.replace(/'/g, "''")}'`;
  if (style === '>' || style === '|') {
    const body = value.replace(/\n$/, '');
    return body
      .split('\n')
      .map((l) => (l === '' ? '' : indent + l))
      .join(eol);
  }
  // Plain: kept plain when YAML reads it back as the same string.
  const plainOk =
    value !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/\s$/.test(value) &&
    !/: |:$| #|\n|\t/.test(value) &&
    !/^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(value);
  return plainOk ? value : double();
}

/** The end (exclusive, in `text`) of the scalar that starts at `start` in style `style`. */
function scalarEnd(text: string, start: number, style: string, keyIndent: number): number {
  if (style === '"') {
    for (let i = start; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i;
    }
    return start;
  }
  if (style === "'") {
    for (let i = start; i < text.length; i++) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") i++;
        else return i;
      }
    }
    return start;
  }
  // Plain or block: to the end of the last line indented deeper than the key (blank lines inside kept).
  let end = text.indexOf('\n', start);
  if (end < 0) return text.length;
  let lineEnd = end;
  let at = end + 1;
  while (at < text.length) {
    let next = text.indexOf('\n', at);
    if (next < 0) next = text.length;
    const line = text.slice(at, next).replace(/\r$/, '');
    if (line.trim() !== '') {
      const indent = /^[ \t]*/.exec(line)![0].length;
      if (indent <= keyIndent || line.trim() === '---' || line.trim() === '...') break;
      lineEnd = next;
    }
    at = next + 1;
  }
  return text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
}

/**
 * The author's front matter with each translated value replaced in its own style. `head` is the
 * original text up to the body; `normalizedHead` the normalized one the fields' positions are in.
 */
function frontMatter(original: OriginalText, doc: SourceDoc, translated: ReadonlyMap<string, YamlValue>): Array<{ start: number; end: number; text: string }> {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const norm = original.normalized;
  const lineStarts = [0];
  for (let i = norm.indexOf('\n'); i >= 0; i = norm.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const f of doc.fields) {
    const value = translated.get(f.key);
    const t = f.index === undefined ? value : Array.isArray(value) ? value[f.index] : undefined;
    if (typeof t !== 'string' || t === f.value) continue;
    const nStart = (lineStarts[f.line - 1] ?? 0) + f.column - 1;
    const text = original.text;
    const start = original.at(nStart);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    let style = text[start - 1] === '"' || text[start - 1] === "'" ? text[start - 1]! : '';
    let indent = '';
    let keyIndent = /^[ \t]*/.exec(before)![0].length;
    if (!style && before.trim() === '' && f.index === undefined) {
      // A block scalar: its content starts on a line of its own, after `key: >` or `key: |`.
      const keyLineEnd = lineStart - 1;
      const keyLine = text.slice(text.lastIndexOf('\n', keyLineEnd - 1) + 1, keyLineEnd).replace(/\r$/, '');
      const m = /:[ \t]*([>|])[-+0-9]*[ \t]*$/.exec(keyLine);
      if (m) {
        style = m[1]!;
        indent = before;
        keyIndent = /^[ \t]*/.exec(keyLine)![0].length;
      } else keyIndent = /^[ \t]*/.exec(keyLine)![0].length;
    } else if (!style && f.index === undefined) keyIndent = /^[ \t]*/.exec(before)![0].length;
    else if (f.index !== undefined) keyIndent = /^[ \t]*-?/.exec(before)![0].length - 1;
    if (style === '"' || style === "'") {
      // The quotes are written again with the translation.
      edits.push({ start: start - 1, end: scalarEnd(text, start, style, keyIndent) + 1, text: scalarLike(style, t, '', original.eol) });
    } else if (style === '>' || style === '|') {
      edits.push({ start: lineStart, end: scalarEnd(text, lineStart, style, keyIndent), text: scalarLike(style, t, indent, original.eol) });
    } else {
      const end = f.verbatim ? original.at(nStart + f.value.length) : scalarEnd(text, start, style, keyIndent);
      edits.push({ start, end, text: scalarLike('', t, '', original.eol) });
    }
  }
  return edits;
}

/** The faithful rendition of `doc` from its original text, body edits and translated field values. */
export function faithfulRendition(original: OriginalText, doc: SourceDoc, body: readonly FaithfulEdit[], translated: ReadonlyMap<string, YamlValue>): string {
  const bodyOffset = original.normalized.length - doc.body.length;
  const text = original.text;
  const edits = frontMatter(original, doc, translated);
  for (const e of body) {
    const start = original.at(bodyOffset + e.start);
    const end = original.at(bodyOffset + e.end);
    const english = text.slice(start, end);
    edits.push({ start, end, text: e.wrap ? wrapLike(english, e.text, original.eol) : e.text.replace(/\n/g, original.eol) });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = original.bom ? '\ufeff' : '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The original text of a source file's bytes (valid UTF-8: the SourceDoc was read from them). */
export function originalOfBytes(bytes: Uint8Array, keepNbsp: boolean): OriginalText {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return originalText(new TextDecoder('utf-8').decode(bytes), bom, keepNbsp);
}
