/**
 * What the quality rules share about their texts, apart from the parser (qa/text.ts makes the texts):
 * a warm `check` loads the rules without the Markdown parser.
 */

/** U+FFFC OBJECT REPLACEMENT CHARACTER: where a code stood that a reader does not read as words. */
export const OBJECT = '\uFFFC';

/** Whitespace runs collapsed and trimmed: how two texts are compared for sameness. */
export function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
