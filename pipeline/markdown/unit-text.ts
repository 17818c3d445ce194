/**
 * The text of a unit as it appears in SOURCE (and in the store): the English inline Markdown of the
 * range, normalized the way the published files show it (spec §4):
 *   - a no-break space → a space; a line break inside the unit (soft break, with the next line's
 *     container prefix, and the spaces before it) → one space;
 *   - a literal `*` (one that is not emphasis) → `\*`;
 *   - strong emphasis glued to a letter or digit outside it gets a space on that side
 *     (`**HANDLE**s` → `**HANDLE** s`), as the published SOURCE shows; next to a parenthesis it
 *     stays glued (`(**X**)`: an older generation spaced it, and harvest records such a SOURCE).
 * Everything else (escapes, entities, inline HTML, links, code) stays as written.
 */
import { nbspAsSpace } from '../text/normalize.js';
import type { Piece } from './inline.js';

const SOFT_BREAK = /[ ]*\n[ >]*/g;
const GLUE = /[\p{L}\p{N}]/u;

/**
 * Escapes every `*` that is not already escaped, except the `lead` stars at the start and the
 * `trail` stars at the end: those belong to a delimiter run whose other stars are emphasis marks
 * (`**the ***.`), and escaping part of a run changes its length, so how the rest of it pairs up
 * (CommonMark's rule of three): the text would read differently.
 */
function escapeStars(text: string, lead = 0, trail = 0): string {
  if (!text.includes('*')) return text;
  let out = text.slice(0, lead);
  const stop = text.length - trail;
  for (let i = lead; i < stop; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      out += ch + text[i + 1];
      i++;
    } else if (ch === '*') out += '\\*';
    else out += ch;
  }
  return out + text.slice(stop);
}

/** How many `*` the text starts with (`fromEnd`: ends with), when it touches a `*` emphasis mark there. */
function runStars(src: string, text: string, mark: Piece | undefined, at: number, fromEnd: boolean): number {
  if (!mark || (mark.node !== 'emphasis' && mark.node !== 'strong') || src[fromEnd ? at : at - 1] !== '*') return 0;
  if (fromEnd ? mark.start !== at : mark.end !== at) return 0;
  let n = 0;
  if (fromEnd) while (n < text.length && text[text.length - 1 - n] === '*' && text[text.length - 2 - n] !== '\\') n++;
  else while (n < text.length && text[n] === '*') n++;
  return n;
}

/**
 * `escape: false` gives the text as the plain rendition writes an untranslated sentence (no `\*`
 * added); `nbsp` is what a no-break space becomes (a space; nothing in the generation that keeps
 * them outside spans, core/conventions.ts `keepNbsp`).
 */
export function unitText(src: string, pieces: readonly Piece[], start: number, end: number, escape = true, nbsp: ' ' | '' = ' '): string {
  let out = '';
  let at = start;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.end <= start || p.start >= end) continue;
    const s = Math.max(p.start, start);
    const e = Math.min(p.end, end);
    if (s > at) out += src.slice(at, s);
    const raw = src.slice(s, e);
    if (p.kind === 'text') {
      out += p.verbatim || !escape || !raw.includes('*') ? raw : escapeStars(raw, runStars(src, raw, pieces[i - 1], s, false), runStars(src, raw, pieces[i + 1], e, true));
    } else if (p.node === 'strong' && p.side === 'open' && s > start && GLUE.test(src[s - 1]!)) out += ' ' + raw;
    else if (p.node === 'strong' && p.side === 'close' && e < end && GLUE.test(src[e]!)) out += raw + ' ';
    else out += raw;
    at = e;
  }
  if (end > at) out += src.slice(at, end);
  if (out.includes('\u00a0')) out = nbsp === ' ' ? nbspAsSpace(out) : out.replace(/\u00a0/g, '');
  return out.includes('\n') ? out.replace(SOFT_BREAK, ' ') : out;
}
