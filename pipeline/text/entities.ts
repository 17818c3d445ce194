/**
 * The one character-reference table: `&name;`, `&#NNN;` and `&#xHHH;` read as CommonMark (and
 * remark, and markdown-it) read them. Named references are the HTML5 list, from
 * decode-named-character-reference (the table micromark uses); a number that is no Unicode scalar
 * value (0, a surrogate, past U+10FFFF) reads as U+FFFD.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/** A character reference (`&amp;`, `&#233;`, `&#xE9;`) as text; undefined when it names no character. */
export function decodeEntity(ref: string): string | undefined {
  const body = ref.slice(1, -1);
  if (body[0] !== '#') {
    const named = decodeNamedCharacterReference(body);
    return named === false ? undefined : named;
  }
  const hex = body[1] === 'x' || body[1] === 'X';
  const digits = body.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
}
