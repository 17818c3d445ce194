/**
 * Text inside HTML blocks (spec §3, [G]): an HTML block is cut at block-level tags (`<td>`, `<p>`,
 * `<li>`, `<br>` …); each stretch of text between two cuts is one unit, with the inline tags in it
 * (`<b>`, `<a href>`, `<code>…</code>`) kept as protected pieces. Comments, `<script>`, `<style>`
 * and `<pre>` content are never touched.
 */
import type { Piece } from './inline.js';
import type { Range } from './segment.js';

const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'img',
]);
/** Elements whose content is not text to translate. */
const OPAQUE = new Set(['script', 'style', 'pre', 'textarea', 'code', 'svg', 'math']);

export interface HtmlUnit {
  range: Range;
  pieces: Piece[];
}

/** Units of the HTML block `src.slice(start, end)`. */
export function htmlUnits(src: string, start: number, end: number): HtmlUnit[] {
  const units: HtmlUnit[] = [];
  let pieces: Piece[] = [];
  // Where the next `</name` is, in any case, after a position: each search resumes where the last
  // one for that name stopped (searching the whole text for each tag was quadratic).
  const found = new Map<string, { from: number; at: number }>();
  const closingTag = (text: string, name: string, from: number): number => {
    const last = found.get(name);
    if (last && last.from <= from && (last.at < 0 || last.at >= from)) return last.at;
    const re = new RegExp(`</${name}`, 'gi');
    re.lastIndex = from;
    const at = re.exec(text)?.index ?? -1;
    found.set(name, { from, at });
    return at;
  };
  const flush = () => {
    const text = pieces.filter((p) => p.kind === 'text');
    if (text.length > 0) {
      // Trim the unit to its first and last non-space character of text or inline markup.
      let s = pieces[0]!.start;
      let e = pieces[pieces.length - 1]!.end;
      while (s < e && /\s/.test(src[s]!)) s++;
      while (e > s && /\s/.test(src[e - 1]!)) e--;
      if (e > s) units.push({ range: { start: s, end: e }, pieces });
    }
    pieces = [];
  };
  let i = start;
  while (i < end) {
    if (src.startsWith('<!--', i)) {
      const close = src.indexOf('-->', i + 4);
      flush();
      i = close < 0 || close + 3 > end ? end : close + 3;
      continue;
    }
    if (src[i] === '<') {
      const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/.exec(src.slice(i, Math.min(end, i + 2000)));
      if (m) {
        const name = m[2]!.toLowerCase();
        const tagEnd = i + m[0].length;
        if (!m[1] && OPAQUE.has(name)) {
          const close = closingTag(src, name, tagEnd);
          const after = close < 0 || close > end ? end : src.indexOf('>', close) + 1 || end;
          if (name === 'code') pieces.push({ kind: 'code', start: i, end: after, depth: 0 });
          else flush();
          i = after;
          continue;
        }
        if (INLINE.has(name)) pieces.push({ kind: name === 'img' ? 'atom' : 'html', start: i, end: tagEnd, depth: 0 });
        else flush();
        i = tagEnd;
        continue;
      }
    }
    let j = src.indexOf('<', i + 1);
    if (j < 0 || j > end) j = end;
    pieces.push({ kind: 'text', start: i, end: j, depth: 0, verbatim: true });
    i = j;
  }
  flush();
  return units;
}
