/**
 * Reads the span pairs of a published bilingual file:
 *   <span data-ttu-id="P-N">TARGET</span><span class="sxs-lookup"><span data-stu-id="P-N">SOURCE</span></span>
 * TARGET ends at the lookup marker carrying the same id; SOURCE ends at the `</span></span>` that
 * closes it, counting any `<span>` the English itself contains. A pair written inside a link's
 * brackets (`[pair](url)`, spec §5) is reported with the link's tail.
 */
import { matchParen } from '../markdown/brackets.js';
import { EMPHASIS_WRAPS } from '../render/spans.js';

export interface SpanPair {
  prefix: string;
  /** `N` or `pN`. */
  id: string;
  target: string;
  source: string;
  /** Offsets of the pair in the text. */
  start: number;
  end: number;
  /** For a peeled link: the `(url "title")` after the closing bracket. */
  tail?: string;
  /** For peeled emphasis: what is written around the pair (or its peeled link): `**`, `_**`, `<strong>`… */
  wrap?: readonly [string, string];
}

export interface PairProblem {
  offset: number;
  message: string;
}

const OPEN = '<span data-ttu-id="';

const ID = /^([0-9a-f]{5})-(p?[0-9]+)">/;

/** End of SOURCE: the `</span></span>` at span depth 0 from `from`. */
function sourceEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  for (;;) {
    const close = text.indexOf('</span>', i);
    if (close < 0) return -1;
    const open = text.indexOf('<span', i);
    if (open >= 0 && open < close) {
      depth++;
      i = open + 5;
      continue;
    }
    if (depth === 0) return text.startsWith('</span>', close + 7) ? close : -1;
    depth--;
    i = close + 7;
  }
}

export function readPairs(text: string): { pairs: SpanPair[]; problems: PairProblem[] } {
  const pairs: SpanPair[] = [];
  const problems: PairProblem[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf(OPEN, at);
    if (start < 0) break;
    const m = ID.exec(text.slice(start + OPEN.length, start + OPEN.length + 32));
    if (!m) {
      problems.push({ offset: start, message: 'a data-ttu-id span without a `P-N` id' });
      at = start + OPEN.length;
      continue;
    }
    const [, prefix, id] = m as unknown as [string, string, string];
    const targetStart = start + OPEN.length + m[0].length;
    const marker = `</span><span class="sxs-lookup"><span data-stu-id="${prefix}-${id}">`;
    const targetEnd = text.indexOf(marker, targetStart);
    if (targetEnd < 0) {
      problems.push({ offset: start, message: `span ${prefix}-${id} has no matching sxs-lookup span` });
      at = targetStart;
      continue;
    }
    const sourceStart = targetEnd + marker.length;
    const srcEnd = sourceEnd(text, sourceStart);
    if (srcEnd < 0) {
      problems.push({ offset: start, message: `the sxs-lookup span of ${prefix}-${id} is not closed` });
      at = sourceStart;
      continue;
    }
    const end = srcEnd + '</span></span>'.length;
    const pair: SpanPair = {
      prefix,
      id,
      target: text.slice(targetStart, targetEnd),
      source: text.slice(sourceStart, srcEnd),
      start,
      end,
    };
    // A peeled link around the pair, then emphasis around that, possibly nested (`**[<span…>…](url)**`).
    let from = start;
    let to = end;
    if (text[start - 1] === '[' && text[end] === ']' && text[end + 1] === '(') {
      const close = matchParen(text, end + 1);
      if (close > 0) {
        pair.tail = text.slice(end + 1, close);
        from = start - 1;
        to = close;
      }
    }
    let open = '';
    let close = '';
    for (;;) {
      const wrap = EMPHASIS_WRAPS.find(
        ([o, c]) =>
          text.startsWith(o, from - open.length - o.length) &&
          text.startsWith(c, to + close.length) &&
          (o.length > 2 || (text[from - open.length - o.length - 1] !== o[0] && text[to + close.length + c.length] !== c[0])),
      );
      if (!wrap) break;
      open = wrap[0] + open;
      close += wrap[1];
    }
    if (open) pair.wrap = [open, close];
    pairs.push(pair);
    at = end;
  }
  return { pairs, problems };
}
