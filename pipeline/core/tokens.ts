/**
 * Tokens for translation-memory matching, from a segment's Markdown (the store's SOURCE text) in
 * one regular-expression pass, no parser: words, punctuation, and inline codes as single tokens
 * (`\u0001code:…`, `\u0001link:<url>`, `\u0001img:<url>`, `\u0001html:<tag>`, `\u0001url:…`), so two
 * segments that differ only in a link target differ by one token. Emphasis markers are formatting a
 * translation may drop: they are not tokens. Escapes and entities are their characters.
 */
import { decodeEntity } from '../text/entities.js';

export const CODE = '\u0001';

const LEXER = new RegExp(
  [
    /(?<code>`+)(?<codeText>[\s\S]*?[^`])\k<code>(?!`)/.source,
    /!\[(?<alt>[^\]]*)\]\((?<imgUrl>[^)\s]*)[^)]*\)/.source,
    /\]\((?<linkUrl>[^)\s]*)[^)]*\)/.source,
    /\]\[(?<ref>[^\]]*)\]/.source,
    /<(?<autolink>[a-z][a-z0-9+.-]*:[^\s<>]*)>/.source,
    /(?<tag><\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>)/.source,
    /(?<url>(?:https?:\/\/|www\.)[^\s<>()]*[^\s<>().,;:!?'"])/.source,
    /\\(?<escaped>[!-/:-@[-`{-~])/.source,
    /&(?<entity>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.source,
    /(?<word>[\p{L}\p{N}]+(?:['’.\-_][\p{L}\p{N}]+)*)/u.source,
    /(?<emphasis>\*+|_+|~~)/.source,
    /(?<space>\s+)/.source,
    /(?<punct>[\s\S])/.source,
  ].join('|'),
  'gu',
);

/** The matching tokens of a segment's Markdown. */
export function tmTokens(markdown: string): string[] {
  const out: string[] = [];
  const words = (text: string) => {
    for (const w of text.matchAll(/[\p{L}\p{N}]+(?:['’.\-_][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu)) out.push(w[0]);
  };
  for (const m of markdown.matchAll(LEXER)) {
    const g = m.groups!;
    if (g.code !== undefined) out.push(`${CODE}code:${g.codeText!.trim()}`);
    else if (g.alt !== undefined) {
      words(g.alt);
      out.push(`${CODE}img:${g.imgUrl}`);
    } else if (g.linkUrl !== undefined) out.push(`${CODE}link:${g.linkUrl}`);
    else if (g.ref !== undefined) out.push(`${CODE}link:[${g.ref.toLowerCase()}]`);
    else if (g.autolink !== undefined) out.push(`${CODE}url:${g.autolink}`);
    else if (g.tag !== undefined) out.push(`${CODE}html:${g.tag.replace(/\s+/g, ' ')}`);
    else if (g.url !== undefined) out.push(`${CODE}url:${g.url}`);
    else if (g.escaped !== undefined) words(g.escaped);
    else if (g.entity !== undefined) words(decodeEntity(`&${g.entity};`) ?? `&${g.entity};`);
    else if (g.word !== undefined) out.push(g.word);
    else if (g.punct !== undefined && g.punct !== '[') out.push(g.punct);
  }
  return out;
}

/** Is a token an inline code? */
export const isCode = (token: string): boolean => token.startsWith(CODE);
