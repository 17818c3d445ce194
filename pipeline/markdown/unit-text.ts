/**
 * The text of a unit as it appears in SOURCE (and in the store): the English inline Markdown of the
 * range, normalized the way the published files show it (spec §4):
 *   - a line break inside the unit (soft break, with the next line's container prefix) → one space;
 *   - a literal `*` (one that is not emphasis) → `\*`;
 *   - strong emphasis glued to a letter, digit or parenthesis outside it gets a space on that side
 *     (`(**X**)` → `( **X** )`, `**HANDLE**s` → `**HANDLE** s`), as the published SOURCE shows.
 * Everything else (escapes, entities, inline HTML, links, code) stays as written.
 */
import type { Piece } from './inline.js';

const SOFT_BREAK = /[ ]*\n[ >]*/g;
const GLUE = /[\p{L}\p{N}()]/u;

/** Escapes every `*` that is not already escaped. */
function escapeStars(text: string): string {
  if (!text.includes('*')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      out += ch + text[i + 1];
      i++;
    } else if (ch === '*') out += '\\*';
    else out += ch;
  }
  return out;
}

/** `escape: false` gives the text as the plain rendition writes an untranslated sentence (no `\*` added). */
export function unitText(src: string, pieces: readonly Piece[], start: number, end: number, escape = true): string {
  let out = '';
  let at = start;
  for (const p of pieces) {
    if (p.end <= start || p.start >= end) continue;
    const s = Math.max(p.start, start);
    const e = Math.min(p.end, end);
    if (s > at) out += src.slice(at, s);
    const raw = src.slice(s, e);
    if (p.kind === 'text') out += p.verbatim || !escape ? raw : escapeStars(raw);
    else if (p.node === 'strong' && p.side === 'open' && s > start && GLUE.test(src[s - 1]!)) out += ' ' + raw;
    else if (p.node === 'strong' && p.side === 'close' && e < end && GLUE.test(src[e]!)) out += raw + ' ';
    else out += raw;
    at = e;
  }
  if (end > at) out += src.slice(at, end);
  return out.includes('\n') ? out.replace(SOFT_BREAK, ' ') : out;
}
