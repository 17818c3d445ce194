/**
 * Pseudo-localization: a translation that is obviously not English, about a third longer, and
 * bracketed, so that untranslated strings, truncation and concatenation show on a built page before
 * any real translation exists. Only text changes: every inline code (links, code, HTML, images,
 * emphasis) is kept exactly, and the result is escaped Markdown like any imported translation.
 */
import { toMarkdown, type Content, type Seq } from '../core/codes.js';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);

/** Accented letters, and padding so the text is about 30% longer. */
export function pseudoText(text: string): string {
  const accented = [...text].map((c) => ACCENTED[c] ?? c).join('');
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '').length;
  return letters === 0 ? accented : `${accented}${' ·'.repeat(Math.max(1, Math.round((letters * 0.3) / 2)))}`;
}

/** A pseudo-translation of a segment's content: text transformed, codes kept, wrapped in brackets. */
export function pseudoSeq(seq: Seq): Seq {
  const texts = seq.filter((i) => i.t === 'text');
  const last = texts[texts.length - 1];
  const out: Seq = [{ t: 'text', v: '[' }];
  for (const item of seq) {
    if (item.t !== 'text') out.push(item);
    else {
      const v = item === last ? pseudoText(item.v.trimEnd()) + item.v.slice(item.v.trimEnd().length) : [...item.v].map((c) => ACCENTED[c] ?? c).join('');
      const prev = out[out.length - 1];
      if (prev?.t === 'text') prev.v += v;
      else out.push({ t: 'text', v });
    }
  }
  const end = out[out.length - 1];
  if (end?.t === 'text') end.v += ']';
  else out.push({ t: 'text', v: ']' });
  return out;
}

/** The pseudo-translation of a segment as stored Markdown (plain for front-matter values). */
export function pseudoMarkdown(content: Content, plain: boolean, source: string): string {
  if (plain) return `[${pseudoText(source)}]`;
  const seq = pseudoSeq(content.seq);
  // A bare URL (GFM autolink literal) runs on over an escaped bracket after it (`http://x/y.\]`): the
  // closing bracket is set off by a space then.
  const bareUrl = [...content.codes.values()].some((c) => c.type === 'autolink' && /^(?:https?:|www\.)/i.test(c.open));
  const end = seq[seq.length - 1];
  if (bareUrl && end?.t === 'text' && end.v.endsWith(']')) end.v = `${end.v.slice(0, -1)} ]`;
  return toMarkdown(seq, content.codes);
}
