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
import type { SourceDoc } from '../core/doc.js';
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
  // A byte order mark the decoder left (a file with two) is not in the normalized text either.
  const skip = decoded.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!skip && normalized.length === decoded.length && !decoded.includes('\r')) {
    return { text: decoded, bom, eol: eol ?? '\n', at: (n) => n, normalized };
  }
  const map = new Int32Array(normalized.length + 1);
  let j = 0;
  let col = 0;
  for (let i = skip; i < decoded.length; i++) {
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
const BLOCK_START = /^(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,}|[-=*_]+(?:[ \t]|$)|\||<|\[!|:::)/;

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
    // Not after a backslash either: a line ending in one is a hard break.
    else if (ch === ' ' && !angle && !paren && text[i - 1] !== ' ' && text[i - 1] !== '\\' && text[i + 1] !== ' ' && i > 0 && i + 1 < text.length) {
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

/** Characters YAML does not allow unescaped (C0 and C1 controls but tab and line feed, DEL, non-characters). */
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/** `value` as a YAML double-quoted scalar (JSON's escapes, plus YAML's for what JSON leaves raw). */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether YAML reads `value` written plain as the same string. */
function plainOk(value: string): boolean {
  return (
    value !== '' &&
    !NON_PRINTABLE.test(value) &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/\s$/.test(value) &&
    !/: |:$| #|\n|\t/.test(value) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i.test(value)
  );
}

/** The end (exclusive) of the quoted scalar whose content starts at `start` (the offset of its closing quote). */
function quotedEnd(text: string, start: number, quote: string): number {
  for (let i = start; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The end of the last line after `from` indented deeper than `keyIndent` (a multi-line plain or block scalar). */
function blockEnd(text: string, from: number, keyIndent: number): number {
  let end = text.indexOf('\n', from);
  if (end < 0) return text.length;
  for (let at = end + 1; at < text.length;) {
    let next = text.indexOf('\n', at);
    if (next < 0) next = text.length;
    const line = text.slice(at, next);
    if (line.trim() !== '') {
      if (/^[ \t]*/.exec(line)![0].length <= keyIndent) break;
      end = next;
    }
    at = next + 1;
  }
  return end;
}

/** The end of the flow sequence opening at `open` (`[a, "b"]`, over lines too), or -1. */
function flowEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i = quotedEnd(text, i + 1, c);
      if (i < 0) return -1;
    } else if (c === ']') return i + 1;
    else if (c === '[' || c === '{') return -1;
  }
  return -1;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edits that put each translated front-matter value in place of the author's, in its own style.
 * Positions are found in the normalized text (line feeds only) and mapped to the original; a value
 * whose place cannot be found (a quoted key, an indented mapping) keeps its English.
 */
function frontMatter(original: OriginalText, doc: SourceDoc, translated: ReadonlyMap<string, YamlValue>): Edit[] {
  const edits: Edit[] = [];
  const norm = original.normalized;
  const eol = original.eol;
  const lineStarts = [0];
  for (let i = norm.indexOf('\n'); i >= 0; i = norm.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const edit = (start: number, end: number, text: string) => edits.push({ start: original.at(start), end: original.at(end), text: text.replace(/\n/g, eol) });
  const flowDone = new Set<string>();
  for (const f of doc.fields) {
    // Line 1 is the opening `---`: the field's place was not found.
    if (f.line <= 1) continue;
    const value = translated.get(f.key);
    const t = f.index === undefined ? value : Array.isArray(value) ? value[f.index] : undefined;
    if (typeof t !== 'string' || t === f.value) continue;
    const start = (lineStarts[f.line - 1] ?? 0) + f.column - 1;
    const lineStart = lineStarts[f.line - 1] ?? 0;
    const before = norm.slice(lineStart, start);
    const quote = norm[start - 1] === '"' || norm[start - 1] === "'" ? norm[start - 1]! : '';
    const open = f.index === undefined ? -1 : norm[start] === '[' ? start : /\[[ \t]*["']?$/.test(before) ? lineStart + before.lastIndexOf('[') : -1;
    if (open >= 0) {
      // A flow sequence (`keywords: [a, b]`): written again whole, once, its strings double-quoted.
      if (flowDone.has(f.key) || !Array.isArray(value)) continue;
      flowDone.add(f.key);
      const end = flowEnd(norm, open);
      if (end > 0) edit(open, end, `[${value.map((v) => (typeof v === 'string' ? doubleQuoted(v) : JSON.stringify(v))).join(', ')}]`);
      continue;
    }
    if (quote) {
      const end = quotedEnd(norm, start, quote);
      if (end < 0) continue;
      const written = quote === "'" && !t.includes('\n') && !NON_PRINTABLE.test(t) ? `'${t.replace(/'/g, "''")}'` : doubleQuoted(t);
      edit(start - 1, end + 1, written);
      continue;
    }
    const keyLineStart = f.index === undefined && before.trim() === '' ? (lineStarts[f.line - 2] ?? 0) : -1;
    const keyLine = keyLineStart >= 0 ? norm.slice(keyLineStart, lineStart - 1) : '';
    const block = keyLineStart >= 0 ? /:[ \t]*([>|])([-+0-9]*)[ \t]*$/.exec(keyLine) : null;
    if (block) {
      // A folded or literal block: the translation as its lines, or double-quoted when the block cannot say it.
      const keyIndent = /^[ \t]*/.exec(keyLine)![0].length;
      const end = blockEnd(norm, lineStart, keyIndent);
      const body = t.replace(/\n+$/, '');
      const fits = !NON_PRINTABLE.test(t) && !/^\s/.test(body) && body !== '' && (block[1] === '|' || !body.includes('\n'));
      if (fits)
        edit(
          lineStart,
          end,
          body
            .split('\n')
            .map((l) => (l === '' ? '' : before + l))
            .join('\n'),
        );
      else edit(keyLineStart + block.index + 1, end, ` ${doubleQuoted(t)}`);
      continue;
    }
    if (keyLineStart >= 0 && !/:[ \t]*$/.test(keyLine)) continue;
    const keyIndent = f.index !== undefined ? /^[ \t]*/.exec(before)![0].length : keyLineStart >= 0 ? /^[ \t]*/.exec(keyLine)![0].length : /^[ \t]*/.exec(before)![0].length;
    const end = f.verbatim ? start + f.value.length : blockEnd(norm, start, keyIndent);
    edit(start, end, plainOk(t) ? t : doubleQuoted(t));
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
