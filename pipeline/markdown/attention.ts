/**
 * Emphasis and strong emphasis (`*`, `_`) for micromark, resolved in time linear in the paragraph.
 *
 * micromark's own `attention` resolver matches each closing run with its opener and splices the result
 * into the paragraph's event list in place: every match moves every later event, so a paragraph with n
 * emphasised words costs n² (a 1 MB paragraph of them took minutes). This resolver makes the same
 * matches, with the same events — it is the same algorithm — but builds the list as it goes: events are
 * appended as they are read, and a match only rewrites the end of what has been built (from its opener
 * on), never what follows. Tokenizing is micromark's own.
 */
import { attention } from 'micromark-core-commonmark';
import { resolveAll } from 'micromark-util-resolve-all';
import type { Construct, Event, Extension, Point, Token, TokenizeContext } from 'micromark-util-types';

const isSequence = (event: Event | undefined): boolean => event?.[1].type === 'attentionSequence';

function movePoint(point: Point, offset: number): void {
  point.column += offset;
  point.offset += offset;
  point._bufferIndex += offset;
}

const size = (token: Token): number => token.end.offset - token.start.offset;

/**
 * Matches the closing run whose enter event is `out[index]` (its exit is the last event of `out`) with an
 * opener before it, as micromark does. On a match, `out` from the opener's enter on is replaced by the
 * resolved events; returns whether what remains of the closing run is last in `out` again (to be tried
 * against earlier openers), or undefined when nothing matched.
 */
function match(out: Event[], index: number, context: TokenizeContext): boolean | undefined {
  const closer = out[index]![1];
  const marker = context.sliceSerialize(closer).charCodeAt(0);
  let open = index;
  while (open--) {
    const opener = out[open]![1];
    if (!(out[open]![0] === 'exit' && opener.type === 'attentionSequence' && opener._open && context.sliceSerialize(opener).charCodeAt(0) === marker)) continue;
    // The rule of three (CommonMark: a run that can both open and close, lengths summing to a multiple of 3).
    if ((opener._close || closer._open) && size(closer) % 3 && !((size(opener) + size(closer)) % 3)) continue;
    const use = size(opener) > 1 && size(closer) > 1 ? 2 : 1;
    const start = { ...opener.end };
    const end = { ...closer.start };
    movePoint(start, -use);
    movePoint(end, use);
    const kind = use > 1 ? 'strong' : 'emphasis';
    const openingSequence: Token = { type: `${kind}Sequence`, start, end: { ...opener.end } };
    const closingSequence: Token = { type: `${kind}Sequence`, start: { ...closer.start }, end };
    const text: Token = { type: `${kind}Text`, start: { ...opener.end }, end: { ...closer.start } };
    const group: Token = { type: kind, start: { ...openingSequence.start }, end: { ...closingSequence.end } };
    opener.end = { ...openingSequence.start };
    closer.start = { ...closingSequence.end };
    const inside = resolveAll(context.parser.constructs.insideSpan.null ?? [], out.slice(open + 1, index), context);
    out.length = open - 1;
    if (size(opener)) out.push(['enter', opener, context], ['exit', opener, context]);
    out.push(['enter', group, context], ['enter', openingSequence, context], ['exit', openingSequence, context], ['enter', text, context]);
    for (const event of inside) out.push(event);
    out.push(['exit', text, context], ['enter', closingSequence, context], ['exit', closingSequence, context], ['exit', group, context]);
    if (!size(closer)) return false;
    out.push(['enter', closer, context], ['exit', closer, context]);
    return true;
  }
  return undefined;
}

function resolveAllAttention(events: Event[], context: TokenizeContext): Event[] {
  const out: Event[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    out.push(event);
    if (!(event[0] === 'enter' && isSequence(event) && event[1]._close)) continue;
    // The run's exit comes with it: a match replaces both.
    if (i + 1 < events.length) out.push(events[++i]!);
    while (match(out, out.length - 2, context) === true) {
      // What is left of the closing run may close an earlier opener too.
    }
  }
  for (const event of out) if (event[1].type === 'attentionSequence') event[1].type = 'data';
  // In place, once: the text tokenizer's caller (micromark-util-subtokenize) keeps the array it was given.
  events.length = out.length;
  for (let i = 0; i < out.length; i++) events[i] = out[i]!;
  return events;
}

// `add: 'after'`: in the lists it joins, it comes where micromark's own construct is, after the
// extensions' (GFM strikethrough resolves `~~` before emphasis, as without this extension).
const linear: Construct = { name: 'attentionLinear', tokenize: attention.tokenize, resolveAll: resolveAllAttention, add: 'after' };

/** A micromark extension: `*` and `_` runs tokenized as micromark does, resolved by the linear resolver. */
export const linearAttention: Extension = {
  disable: { null: ['attention'] },
  text: { 42: linear, 95: linear },
  insideSpan: { null: [linear] },
};
