/** Line and column of an offset in a text: what every position a user is shown is made of. */

/** 1-based line and column of `offset` in `text`, plus a line offset for text that starts later in a file. */
export function lineColumn(text: string, offset: number, firstLine = 1): { line: number; column: number } {
  let line = firstLine;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  while (nl >= 0 && nl < offset) {
    line++;
    lineStart = nl + 1;
    nl = text.indexOf('\n', lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line starts of a text, for many `lineColumn` lookups in O(log n) each. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    text: string,
    private readonly firstLine = 1,
  ) {
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }

  /** 1-based line and column of `offset`; as `lineColumn`. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    // The last line start before or at offset (a newline at offset belongs to the line it ends).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.firstLine + lo, column: offset - this.starts[lo]! + 1 };
  }
}
