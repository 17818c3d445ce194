/**
 * Bounds on what sxs accepts, so that no input can exhaust memory, the stack or the clock. Real
 * documentation is far inside them (the largest page seen is 650 KB with 6 levels of nesting);
 * anything beyond is refused with a positioned message instead of being processed.
 */

export const LIMITS = {
  /** A source Markdown document, or a published bilingual file to harvest. */
  markdownBytes: 8 * 1024 * 1024,
  /** An XLIFF file to import or validate, or a store file. */
  xliffBytes: 64 * 1024 * 1024,
  /** Container nesting (block quotes, list items) in Markdown. */
  containerDepth: 64,
  /** Inline nesting: open brackets (links, images) and emphasis delimiter runs. */
  inlineDepth: 64,
  /** HTML element nesting in Markdown (raw HTML blocks and inline tags). */
  htmlDepth: 256,
  /** XML element nesting in XLIFF. */
  xmlDepth: 256,
  /** A glossary (TBX) file. */
  tbxBytes: 64 * 1024 * 1024,
} as const;

export class LimitError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Formatting elements: an HTML parser reopens them in the next block when they are left open. */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** A GFM table delimiter row (`|---|:--:|`). */
const TABLE_DELIMITER = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Throws LimitError at the first place where `text` (normalized Markdown) nests deeper than the
 * limits: one linear pass, before any parser sees it. Block structure is estimated per line
 * (quote markers, list markers and indentation), inline structure per paragraph (unescaped `[`
 * not yet closed, delimiter runs), HTML by open minus closed non-void tags, the way an HTML parser
 * keeps them open: tags on lines that start with one (HTML blocks) and formatting elements (`<b>`,
 * `<a>` …, which a parser reopens in the next paragraph) stay open across blocks; any other inline
 * tag is closed with its paragraph, and everything in a table row with the row (`Type<any>` in API
 * tables). Fenced code is skipped.
 */
export function checkNesting(text: string, firstLine = 1): void {
  let line = firstLine;
  let brackets = 0;
  /** Open elements that outlive their block, and those closed with their paragraph or table row. */
  let html = 0;
  let inline = 0;
  let inTable = false;
  let previous = '';
  let fence: string | undefined;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const s = text.slice(start, end);
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(s);
    if (fence) {
      if (fenceMark && fenceMark[1]![0] === fence[0] && fenceMark[1]!.length >= fence.length) fence = undefined;
    } else if (fenceMark) {
      fence = fenceMark[1]!;
    } else {
      if (s.trim() === '') {
        brackets = 0;
        inline = 0;
        inTable = false;
      } else if (!inTable && previous.includes('|') && TABLE_DELIMITER.test(s)) inTable = true;
      // Containers: `>` markers, list markers and every 2 columns of indentation before the text.
      const prefix = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[ \t>]*)*/.exec(s)![0];
      const blockHtml = s[prefix.length] === '<';
      const depth = (prefix.match(/>/g)?.length ?? 0) + (prefix.match(/[-+*]|\d{1,9}[.)]/g)?.length ?? 0) + Math.floor((prefix.match(/ /g)?.length ?? 0) / 2);
      if (depth > LIMITS.containerDepth) throw new LimitError(`nesting too deep: about ${depth} levels of quotes, lists or indentation (at most ${LIMITS.containerDepth})`, line, 1);
      for (let i = prefix.length; i < s.length; i++) {
        const c = s[i]!;
        if (c === '\\') {
          i++;
          continue;
        }
        if (c === '[') {
          if (++brackets > LIMITS.inlineDepth) throw new LimitError(`nesting too deep: more than ${LIMITS.inlineDepth} open brackets`, line, i + 1);
        } else if (c === ']') brackets = Math.max(0, brackets - 1);
        else if (c === '*' || c === '_' || c === '~') {
          let j = i;
          while (s[j + 1] === c) j++;
          if (j - i + 1 > LIMITS.inlineDepth) throw new LimitError(`a run of ${j - i + 1} "${c}" characters (at most ${LIMITS.inlineDepth}): nesting too deep`, line, i + 1);
          i = j;
        } else if (c === '<') {
          const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(\/?)>/.exec(s.slice(i, i + 512));
          if (!tag || VOID.has(tag[2]!.toLowerCase()) || tag[3]) continue;
          const lasting = blockHtml || FORMATTING.has(tag[2]!.toLowerCase());
          if (tag[1]) {
            if (lasting || inline === 0) html = Math.max(0, html - 1);
            else inline--;
          } else if (lasting) html++;
          else inline++;
          if (html + inline > LIMITS.htmlDepth) throw new LimitError(`HTML nested more than ${LIMITS.htmlDepth} elements deep`, line, i + 1);
        }
      }
      if (inTable) inline = 0;
    }
    previous = s;
    line++;
    start = end + 1;
  }
}
