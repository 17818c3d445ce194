/**
 * Fenced code, line by line, for the readers that scan Markdown lines without a parser (includes,
 * rows, TOC.md): which lines are fence lines or inside a fence.
 */

/**
 * A reader fed the lines in order: true for a fence line (`pattern`'s group 1 is its run of backticks
 * or tildes) and for every line inside the fence it opens, up to the closing run (the same character,
 * at least as long) included.
 */
export function fenceTracker(pattern: RegExp): (line: string) => boolean {
  let fence: string | undefined;
  return (line) => {
    const f = pattern.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      return true;
    }
    if (f) fence = f[1]!;
    return f !== null;
  };
}
