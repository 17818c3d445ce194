/**
 * Input normalizations applied to an English source before it is parsed (spec §1, §4):
 * BOM removed, CRLF/CR → LF, tabs expanded to 4-column stops.
 * The bilingual output is built from the normalized text, so these are the only places
 * where output bytes differ from input bytes outside translated units. No-break spaces are read
 * as spaces, unless the document's generation keeps them (core/conventions.ts `keepNbsp`: then
 * they are text to Markdown, and two before a line end make no hard break); SOURCE text shows them
 * as spaces either way (markdown/unit-text.ts).
 */

export const TAB_WIDTH = 4;

/** Expands tabs to `width`-column stops, line by line. */
export function expandTabs(text: string, width = TAB_WIDTH): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\t') {
      const n = width - (col % width);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === '\n' ? 0 : col + 1;
    }
  }
  return out;
}

/** Line endings to LF, no BOM. Used for every text file we read. */
export function toLf(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

/** The full normalization of an English source document. */
export function normalizeSource(text: string, keepNbsp = false): string {
  const lf = toLf(text);
  return expandTabs(keepNbsp ? lf : nbspAsSpace(lf));
}

/** No-break spaces as spaces: how SOURCE text and slugs read them. */
export function nbspAsSpace(text: string): string {
  return text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text;
}
