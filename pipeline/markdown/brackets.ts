/** Matching brackets and parentheses in inline Markdown (escapes, code spans, link titles and `<…>` destinations skipped). */

/** Index just past the `]` matching the `[` at `open`, or -1. */
export function matchBracket(md: string, open: number): number {
  let depth = 0;
  for (let i = open; i < md.length; i++) {
    const c = md[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      // A code span: brackets inside do not count.
      let run = 1;
      while (md[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const close = md.indexOf(fence, i + run);
      if (close < 0) {
        i += run - 1;
        continue;
      }
      i = close + run - 1;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Index just past the `)` matching the `(` at `open` (destination and title), or -1. */
export function matchParen(md: string, open: number): number {
  let depth = 0;
  let quote = '';
  let angle = false;
  for (let i = open; i < md.length; i++) {
    const c = md[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (angle) {
      if (c === '>') angle = false;
      continue;
    }
    if (c === '<' && md[i - 1] === '(') angle = true;
    else if ((c === '"' || c === "'") && /\s/.test(md[i - 1] ?? '')) quote = c;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
