/**
 * markdown-it made to give a source offset for every token (the fast front end's tokenizer; see
 * fast-parse.ts). markdown-it gives block tokens line ranges and inline tokens no position at all.
 * Offsets come from three places:
 *   - every block rule is wrapped: a token it made gets the offsets of its lines, taken from the
 *     block state while the rule's container prefixes (`> `, list indentation) are still applied;
 *   - the text an inline token was parsed from (a paragraph's lines without their prefixes, a table
 *     cell without `\` before `|`) is mapped back to the source piece by piece (`SourceMap`);
 *   - every inline rule is wrapped: a token it made gets the range the rule consumed; pending text
 *     (markdown-it's run of plain characters) gets the range it was read from.
 * Where markdown-it departs from CommonMark or GFM as micromark reads them and the fix is local, it
 * is made here (GFM strikethrough, `[label](` then text, the backtick cache, extra table cells);
 * where it is not, the block or inline content is marked for remark (`env.bail`, `tok.remark`).
 */
import MarkdownIt from 'markdown-it';

/** The parts of markdown-it's tokens and states read here (its own types are not exported for ESM). */
export interface Tok {
  type: string;
  tag: string;
  nesting: number;
  content: string;
  map: [number, number] | null;
  children: Tok[] | null;
  attrs: Array<[string, string]> | null;
  info: string;
  markup: string;
  level: number;
  /** Offsets: in the source for block tokens, in the inline content for inline tokens. */
  s?: number;
  e?: number;
  /** Inline tokens: how their content maps to the source. */
  srcMap?: SourceMap;
  /** Inline tokens: why remark must read this content (markdown-it would read it differently). */
  remark?: string;
  /** A table row's `tr_open`: its cells as split from the source, each with its map (rowCells). */
  cells?: Array<{ text: string; map: SourceMap }>;
  /** An emphasis marker token that could open or close a pair. */
  flanking?: boolean;
}

interface BlockState {
  src: string;
  tokens: Tok[];
  bMarks: number[];
  eMarks: number[];
  tShift: number[];
  sCount: number[];
  bsCount: number[];
  blkIndent: number;
  lineMax: number;
  line: number;
  level: number;
  env: Env;
  push(type: string, tag: string, nesting: number): Tok;
  getLines(begin: number, end: number, indent: number, keepLastLF: boolean): string;
}

interface InlineState {
  src: string;
  md: unknown;
  pos: number;
  posMax: number;
  pending: string;
  tokens: Tok[];
  level: number;
  env: Env;
  delimiters: Delimiter[];
  push(type: string, tag: string, nesting: number): Tok;
  pushPending(): Tok;
  scanDelims(start: number, canSplitWord: boolean): { can_open: boolean; can_close: boolean; length: number };
  /** Where the pending text was read from. */
  pendStart?: number;
  pendEnd?: number;
}

interface Delimiter {
  marker: number;
  length: number;
  token: number;
  end: number;
  open: boolean;
  close: boolean;
}

export interface Env {
  /** Set when the text needs the remark front end. */
  bail?: string;
  /** Set while an inline content is parsed when that content needs remark. */
  inlineIssue?: string;
  references?: unknown;
}

type BlockRule = (state: BlockState, startLine: number, endLine: number, silent: boolean) => boolean;
type InlineRule = (state: InlineState, silent: boolean) => boolean;

const MAX_NESTING = 100;
export const AUTO_CELL = 'sxs-auto-cell';
export const OPEN_HTML = 'sxs-open-html';
const ESCAPED_PIPE_STARTS_TEXT = /(?:(?:^\|?|[^\\]\|)[ \t]*|[*_`>)\]~])\\\|/;
const ESCAPED_PIPE_AFTER_AUTOLINK = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|@)[^\s|]*\\\|/i;
/** A line that starts a list item, a quote, a heading or a fence. */
const BLOCK_START = /^(?:(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|>|#{1,6}(?:[ \t]|$)|`{3}|~{3})/;

/**
 * Offsets of a token's content in the source: `from[i]` is where content offset `at[i]` is, and the
 * characters after it follow one for one up to the next piece.
 */
export class SourceMap {
  readonly at: number[] = [];
  readonly from: number[] = [];

  add(contentOffset: number, sourceOffset: number): void {
    this.at.push(contentOffset);
    this.from.push(sourceOffset);
  }

  /** The source offset of content offset `i`. */
  start(i: number): number {
    let lo = 0;
    let hi = this.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.at[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.from[lo]! + i - this.at[lo]!;
  }

  /** The source offset just after content offset `i - 1` (an exclusive end). */
  end(i: number): number {
    return i <= 0 ? this.start(0) : this.start(i - 1) + 1;
  }
}

const isSpaceOrTab = (c: number) => c === 0x20 || c === 0x09;

/**
 * The lines [begin, end) of a paragraph or setext heading as markdown-it's `getLines` reads them, with
 * the map of where each piece is. Null when a tab is split by the indentation (markdown-it writes
 * spaces for part of it: the text is no longer a slice of the source).
 */
function linesMap(state: BlockState, begin: number, end: number, indent: number): { text: string; map: SourceMap } | null {
  const map = new SourceMap();
  let text = '';
  for (let line = begin; line < end; line++) {
    let lineIndent = 0;
    const lineStart = state.bMarks[line]!;
    let first = lineStart;
    const last = line + 1 < end ? state.eMarks[line]! + 1 : state.eMarks[line]!;
    while (first < last && lineIndent < indent) {
      const ch = state.src.charCodeAt(first);
      if (isSpaceOrTab(ch)) {
        if (ch === 0x09) lineIndent += 4 - ((lineIndent + state.bsCount[line]!) % 4);
        else lineIndent++;
      } else if (first - lineStart < state.tShift[line]!) lineIndent++;
      else break;
      first++;
    }
    if (lineIndent > indent) return null;
    map.add(text.length, first);
    text += state.src.slice(first, last);
  }
  return { text, map };
}

/** markdown-it's `asciiTrim`: spaces, tabs and line endings off both ends (Unicode white space stays). */
function asciiTrim(text: string): { lead: number; content: string } {
  const trimmable = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  let lead = 0;
  while (lead < text.length && trimmable(text.charCodeAt(lead))) lead++;
  let end = text.length;
  while (end > lead && trimmable(text.charCodeAt(end - 1))) end--;
  return { lead, content: text.slice(lead, end) };
}

/** The map of a content that is `text` trimmed. */
function shifted(map: SourceMap, lead: number): SourceMap {
  const out = new SourceMap();
  const base = map.start(lead);
  out.add(0, base);
  for (let i = 0; i < map.at.length; i++) if (map.at[i]! > lead) out.add(map.at[i]! - lead, map.from[i]!);
  return out;
}

/**
 * A table row's cells as markdown-it splits them (unescaped `|`; `\|` is `|` in the cell), each
 * with its map. Cells are matched to the inline tokens the table rule made, in order.
 */
function rowCells(src: string, from: number, to: number): Array<{ text: string; map: SourceMap }> {
  // markdown-it trims the line, then splits it.
  while (from < to && /\s/.test(src[from]!)) from++;
  while (to > from && /\s/.test(src[to - 1]!)) to--;
  const cells: Array<{ text: string; map: SourceMap }> = [];
  let text = '';
  let map = new SourceMap();
  let runStart = from;
  let escaped = false;
  const flush = (pos: number) => {
    if (pos > runStart) {
      map.add(text.length, runStart);
      text += src.slice(runStart, pos);
    }
  };
  for (let pos = from; pos < to; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x7c) {
      if (!escaped) {
        flush(pos);
        cells.push({ text, map });
        text = '';
        map = new SourceMap();
        runStart = pos + 1;
      } else {
        // `\|`: the backslash is dropped.
        flush(pos - 1);
        runStart = pos;
      }
    }
    escaped = ch === 0x5c;
  }
  flush(to);
  cells.push({ text, map });
  if (cells.length && cells[0]!.text === '') cells.shift();
  if (cells.length && cells[cells.length - 1]!.text === '') cells.pop();
  return cells;
}

/**
 * Whether a paragraph in a list item or quote goes on with a lazy line (one without the container's
 * `>` or indentation) that starts with `<`: micromark ends the paragraph there with an HTML block.
 */
function lazyTag(state: BlockState, begin: number, end: number): boolean {
  const first = state.src.lastIndexOf('\n', state.bMarks[begin]! - 1) + 1;
  const quoted = state.src.slice(first, state.bMarks[begin]! + state.tShift[begin]!).includes('>');
  for (let line = begin + 1; line < end; line++) {
    const start = state.src.lastIndexOf('\n', state.bMarks[line]! - 1) + 1;
    const raw = state.src.slice(start, state.eMarks[line]);
    const text = raw.replace(/^[ \t]+/, '');
    if (text.startsWith('<') && (quoted || raw.length - text.length < state.blkIndent)) return true;
  }
  return false;
}

/** HTML blocks of kinds 1 to 5 (CommonMark): the start, and the marker that ends them. */
const HTML_ENDS: Array<[RegExp, RegExp]> = [
  [/^<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** Whether an HTML block of a kind that ends with a marker has none (it runs to the end of its container). */
function unclosedHtml(content: string): boolean {
  const text = content.replace(/^[ \t]+/, '');
  for (const [start, end] of HTML_ENDS) if (start.test(text)) return !end.test(text.slice(1));
  return false;
}

/** Whether a fence token's last line is its closing fence. */
function closesFence(state: BlockState, tok: Tok): boolean {
  const last = tok.map![1] - 1;
  if (last <= tok.map![0]) return false;
  // Indented as code (4 columns or more), a run of the fence's character is content, not its end.
  if (state.sCount[last]! - state.blkIndent >= 4) return false;
  const line = state.src.slice(state.bMarks[last]! + state.tShift[last]!, state.eMarks[last]!).trimEnd();
  return line.length >= tok.markup.length && line === tok.markup[0]!.repeat(line.length);
}

/** How many characters of a line's indentation the enclosing containers take (`blkIndent` columns). */
function containerIndent(state: BlockState, line: number): number {
  const start = state.bMarks[line]!;
  let p = start;
  let col = 0;
  while (col < state.blkIndent && p - start < state.tShift[line]!) {
    col += state.src.charCodeAt(p) === 0x09 ? 4 - ((col + state.bsCount[line]!) % 4) : 1;
    p++;
  }
  return p - start;
}

/**
 * The cells of a body row past the header's count, which markdown-it drops and remark keeps: added
 * to the row (their content is mapped and parsed as the others').
 */
function extraCells(state: BlockState & { Token: new (type: string, tag: string, nesting: number) => Tok }, from: number): void {
  const tokens = state.tokens;
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i]!.type !== 'tr_open' || !tokens[i]!.map) continue;
    const line = tokens[i]!.map![0];
    const cells = rowCells(state.src, state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
    tokens[i]!.cells = cells;
    let close = i;
    let count = 0;
    while (tokens[close]!.type !== 'tr_close') if (tokens[close++]!.type === 'inline') count++;
    const extra: Tok[] = [];
    for (let c = count; c < cells.length; c++) {
      const inline = new state.Token('inline', '', 0);
      inline.content = cells[c]!.text.trim();
      inline.children = [];
      extra.push(new state.Token('td_open', 'td', 1), inline, new state.Token('td_close', 'td', -1));
    }
    if (extra.length > 0) tokens.splice(close, 0, ...extra);
  }
}

/**
 * Gives an inline token its content map. A table cell is trimmed with `trim()`, which takes Unicode
 * white space too (remark keeps it): then the text is remark's.
 */
function mapInline(tok: Tok, text: string, map: SourceMap, env: Env, cell = false): void {
  const trim = asciiTrim(text);
  if (trim.content !== tok.content || (cell && text.trim() !== trim.content)) {
    env.bail ??= 'inline content that is not a slice of the source';
    return;
  }
  tok.srcMap = map.at.length === 0 ? map : shifted(map, trim.lead);
}

/** Wraps a block rule: offsets for the tokens it made; maps for their inline content. */
function blockRule(name: string, rule: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (silent) return rule(state, startLine, endLine, silent);
    const n = state.tokens.length;
    if (!rule(state, startLine, endLine, false)) return false;
    if (name === 'reference') {
      const def = state.push('sxs_definition', '', 0);
      def.map = [startLine, state.line];
      // In a list item or quote, micromark reads the next line as the definition's lazy continuation.
      // An indented line after it is a paragraph's continuation, not code.
      const next = state.line;
      if (next < state.bMarks.length - 1 && state.src.slice(state.bMarks[next], state.eMarks[next]).trim() !== '') {
        if (state.level > 0) state.env.bail ??= 'a definition in a container';
        else if (state.sCount[next]! - state.blkIndent >= 4) state.env.bail ??= 'an indented line after a definition';
        // micromark makes the definition's line a table's header when a delimiter row follows.
        else if (/^[\t >|:-]*[|-][\t >|:-]*$/.test(state.src.slice(state.bMarks[next], state.eMarks[next]))) state.env.bail ??= 'a delimiter row after a definition';
      }
    }
    const tokens = state.tokens;
    if (name === 'table') extraCells(state as Parameters<typeof extraCells>[0], n);
    let row = -1;
    let cells: Array<{ text: string; map: SourceMap }> = [];
    let cell = 0;
    // The last line (exclusive) of each container open around a token, within the lines the rule was given: what is after it is not in it.
    const ends: number[] = [];
    for (let i = n; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.nesting === 1) ends.push(tok.map ? tok.map[1] : (ends.at(-1) ?? state.lineMax));
      else if (tok.nesting === -1) ends.pop();
      if (tok.level >= MAX_NESTING - 1) state.env.bail ??= 'nesting past the limit';
      if (tok.type === 'list_item_close' && tokens[i - 1]?.type === 'list_item_open') state.env.bail ??= 'an empty list item';
      // micromark reads `2. b` right after indented code as a paragraph.
      if (tok.type === 'ordered_list_open' && tokens[i - 1]?.type === 'code_block' && tok.attrs?.some((a) => a[0] === 'start')) state.env.bail ??= 'a list after indented code';
      // Nor a first item that starts with a blank line.
      if ((tok.type === 'ordered_list_open' || tok.type === 'bullet_list_open') && tokens[i - 1]?.type === 'code_block' && tok.map) {
        const line = state.src.slice(state.bMarks[tok.map[0]], state.eMarks[tok.map[0]]);
        if (/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]*$/.test(line)) state.env.bail ??= 'a list after indented code';
      }
      if (tok.s === undefined && tok.map) {
        // Indented code starts with its indentation, after the container's.
        // Indented code and HTML start with their own indentation, after the container's.
        const indented = tok.type === 'code_block' || tok.type === 'html_block';
        tok.s = state.bMarks[tok.map[0]]! + (indented ? containerIndent(state, tok.map[0]) : state.tShift[tok.map[0]]!);
        let e = state.eMarks[Math.max(tok.map[0], tok.map[1] - 1)]!;
        // A fence or a definition ends with its line (trailing white space included).
        if (tok.type !== 'fence' && tok.type !== 'code_block' && tok.type !== 'html_block' && tok.type !== 'sxs_definition') while (e > tok.s && isSpaceOrTab(state.src.charCodeAt(e - 1))) e--;
        // A fence left open to the end of the text ends with the text (its last line ending too).
        // An HTML block that must end with a marker and does not ends with the text (its last line ending too).
        if (tok.type === 'html_block' && unclosedHtml(tok.content)) {
          if (tok.level > 0) state.env.bail ??= 'an HTML block left open in a container';
          else if (/^\s*$/.test(state.src.slice(e))) {
            e = state.src.length;
            tok.content = state.src.slice(tok.s, e);
            tok.info = OPEN_HTML;
          }
        }
        if (tok.type === 'fence' && !closesFence(state, tok)) {
          if (tok.level > 0) state.env.bail ??= 'a fence left open in a container';
          else if (/^\s*$/.test(state.src.slice(e))) e = state.src.length;
        }
        // Indented code goes on over the blank lines after it that are indented as code (micromark).
        if (tok.type === 'code_block') {
          let line = tok.map[1];
          let last = -1;
          const limit = Math.min(endLine, ends.at(-1) ?? endLine);
          for (; line < limit && state.bMarks[line]! + state.tShift[line]! >= state.eMarks[line]!; line++) {
            if (state.sCount[line]! - state.blkIndent >= 4) last = line;
          }
          if (last >= 0) {
            e = state.eMarks[last]!;
            // Those lines are in its value too.
            tok.content = state.getLines(tok.map[0], last + 1, 4 + state.blkIndent, false);
          }
          // markdown-it drops a last line of white space without a line ending.
          const rest = line === state.lineMax && line > 0 ? state.src.slice(state.eMarks[line - 1]! + 1) : '';
          if (/^[ \t]+$/.test(rest)) {
            if (tok.level > 0) state.env.bail ??= 'indented code before a last line of white space';
            else if (rest.replace(/\t/g, '    ').length >= 4) e = state.src.length;
          }
        }
        tok.e = e;
      }
      if (tok.type === 'tr_open' && tok.map) {
        row = tok.map[0];
        // `\|` that starts a text (at a cell's start, after code, emphasis, a link or a tag): the text
        // starts at the backslash, which markdown-it drops from the cell.
        const rowText = state.src.slice(state.bMarks[row]! + state.tShift[row]!, state.eMarks[row]!);
        if (ESCAPED_PIPE_STARTS_TEXT.test(rowText)) state.env.bail ??= 'a table cell text that starts with \\|';
        // `\|` right after a URL or e-mail address written as text: micromark's literal autolink keeps
        // the backslash in the link, markdown-it has dropped it from the cell.
        if (ESCAPED_PIPE_AFTER_AUTOLINK.test(rowText)) state.env.bail ??= 'a literal autolink that ends at \\|';
        // A row that starts with a tag and holds `\|`: micromark may read its header as an HTML block.
        if (rowText.startsWith('<') && rowText.includes('\\|')) state.env.bail ??= 'a table row that starts with a tag and holds \\|';
        // Split once, when the row's extra cells were added (extraCells).
        cells = tok.cells ?? [];
        cell = 0;
        // A line of only `|` is a row to markdown-it, not to micromark.
        if (cells.length === 0) state.env.bail ??= 'a table row without cells';
      }
      if (tok.type !== 'inline' || tok.srcMap) continue;
      if (name === 'table') {
        const c = cells[cell++];
        // A cell markdown-it adds to a short row is not in the mdast tree.
        if (!c) tokens[i - 1]!.info = AUTO_CELL;
        if (c) mapInline(tok, c.text, c.map, state.env, true);
        else if (tok.content !== '') state.env.bail ??= 'table cell not found';
        if (tok.content === '' && !tok.srcMap) tok.srcMap = new SourceMap();
        continue;
      }
      if (name === 'heading') {
        const line = tok.map![0];
        // After the opening `#`s (the text may be a `#` itself).
        const start = state.bMarks[line]! + state.tShift[line]! + Number(tokens[i - 1]!.tag.slice(1));
        const at = tok.content === '' ? start : state.src.indexOf(tok.content, start);
        const map = new SourceMap();
        map.add(0, at);
        if (at < 0 || at > state.eMarks[line]!) state.env.bail ??= 'heading text not found';
        tok.srcMap = map;
        continue;
      }
      // paragraph, lheading: the content lines (a setext heading's underline is not one).
      const [begin, end] = tok.map!;
      if (tok.level > 0 && lazyTag(state, begin, end)) state.env.bail ??= 'a lazy line that starts with <';
      const lines = linesMap(state, begin, end, state.blkIndent);
      if (!lines) state.env.bail ??= 'a tab split by the indentation';
      else mapInline(tok, lines.text, lines.map, state.env);
    }
    if (name === 'table') {
      const table = tokens[n];
      // In GFM a table is made of paragraph lines: a header line that starts another block is that block.
      if (table?.map && BLOCK_START.test(state.src.slice(table.s, state.eMarks[table.map[0]]))) state.env.bail ??= 'a table header that starts a block';
      // Nor one that starts with an escape (`\|`): micromark makes no table of it.
      if (table?.map && state.src.charCodeAt(table.s!) === 0x5c) state.env.bail ??= 'a table header that starts with an escape';
      // A delimiter row without `|` (`---`) is a setext heading's underline to micromark.
      if (table?.map && !state.src.slice(state.bMarks[table.map[0] + 1], state.eMarks[table.map[0] + 1]).includes('|')) state.env.bail ??= 'a delimiter row without |';
    }
    return true;
  };
}

/** Wraps an inline rule: the range it consumed for each token it made. */
function inlineRule(name: string, rule: InlineRule): InlineRule {
  return (state, silent) => {
    if (silent) return rule(state, true);
    const start = state.pos;
    const pendingBefore = state.pending.length;
    const delimitersBefore = state.delimiters.length;
    const hadPending = pendingBefore > 0;
    const n = state.tokens.length;
    if (!rule(state, false)) return false;
    const tokens = state.tokens;
    // Characters a rule gave to the pending text (an unmatched backtick run).
    const flushed = tokens.length > n;
    if (state.pending.length > (flushed ? 0 : pendingBefore)) {
      if (flushed || pendingBefore === 0) state.pendStart = start;
      state.pendEnd = state.pos;
    }
    if (state.level >= MAX_NESTING - 1) state.env.bail ??= 'nesting past the limit';
    let i = n;
    // The pending text flushed by this rule's first push keeps the range it was read from.
    if (hadPending && i < tokens.length && tokens[i]!.type === 'text') i++;
    if (name === 'emphasis' || name === 'strikethrough') {
      // Runs of three or more: micromark and markdown-it do not always pair them alike.
      if (state.pos - start >= 3) state.env.inlineIssue ??= 'a run of three or more emphasis markers';
      // One token per delimiter run character (emphasis) or per run (strikethrough).
      let at = start;
      for (; i < tokens.length; i++) {
        const tok = tokens[i]!;
        tok.s = at;
        at += tok.content.length;
        tok.e = at;
      }
      // A marker that could open or close: if it is still text once pairs are made, the two parsers
      // may have paired the others differently (see the core rule).
      // Only this run's delimiters: looking through all of them at every run was quadratic in a paragraph.
      for (let k = delimitersBefore; k < state.delimiters.length; k++) {
        const d = state.delimiters[k]!;
        if (d.open || d.close) tokens[d.token]!.flanking = true;
      }
      return true;
    }
    if (name === 'newline' || name === 'escape') {
      const tok = tokens[tokens.length - 1];
      if (tok && tok.s === undefined && (tok.type === 'hardbreak' || tok.type === 'softbreak')) {
        // A hard break starts at the spaces before the line ending (`a  \n`), or at the backslash.
        let s = start;
        if (name === 'newline' && tok.type === 'hardbreak') while (s > 0 && state.src.charCodeAt(s - 1) === 0x20) s--;
        tok.s = s;
        // A soft break is its line ending; the next line's indentation is not text (mdast).
        // A hard break ends with its line ending too.
        tok.e = name === 'escape' ? start + 2 : state.src.indexOf('\n', start) + 1;
      }
    }
    for (; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.s !== undefined) continue;
      // An autolink's text is between its angle brackets.
      const inner = name === 'autolink' && tok.type === 'text' ? 1 : 0;
      tok.s = start + inner;
      tok.e = state.pos - inner;
    }
    return true;
  };
}

/** Plain text and the characters no rule took: pending text, with where it was read from. */
function pendingRule(rule: InlineRule | null): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    if (rule) {
      if (!rule(state, silent)) return false;
    } else {
      if (!silent) state.pending += state.src[state.pos];
      state.pos++;
    }
    if (!silent) {
      if (state.pendStart === undefined || state.pending.length === state.pos - start) state.pendStart = start;
      state.pendEnd = state.pos;
    }
    return true;
  };
}

/**
 * markdown-it's backtick cache says "no closer of this length after here" for a scan that began
 * later than the opener it is asked about (after a link label was scanned ahead): `` [`c` `` lost its
 * code. The cache is dropped when the scan it came from began after the opener.
 */
function freshBackticks(rule: InlineRule): InlineRule {
  return (state, silent) => {
    const s = state as InlineState & { backticksScanned: boolean; backticks: Record<number, number>; sxsScanFrom?: number };
    if (s.backticksScanned && state.pos < (s.sxsScanFrom ?? 0)) {
      s.backticksScanned = false;
      s.backticks = {};
    }
    const scanned = s.backticksScanned;
    const from = state.pos;
    const n = state.tokens.length;
    const pending = state.pending;
    const ok = rule(state, silent);
    if (!scanned && s.backticksScanned) s.sxsScanFrom = from;
    // Its search for the closing run does not stop at the end of a link's text (`[`](u)``): a code
    // span that would end past it is no code span; the opening run is text.
    if (ok && state.pos > state.posMax) {
      let run = from;
      while (state.src.charCodeAt(run) === 0x60) run++;
      state.tokens.length = n;
      (s as unknown as { tokens_meta: unknown[] }).tokens_meta.length = n;
      state.pending = pending;
      if (!silent) {
        if (state.pending === '') state.pendStart = from;
        state.pending += state.src.slice(from, run);
        state.pendEnd = run;
      }
      state.pos = run;
    }
    return ok;
  };
}

/**
 * `[label](` that does not make an inline link is a shortcut reference followed by text, in CommonMark
 * and to remark; markdown-it gives up when the `(` is the last character: then the rule is tried
 * again with the text cut after the `]`.
 */
function referenceBeforeParen(rule: InlineRule, bang: number): InlineRule {
  const cut = (state: InlineState, silent: boolean, labelEnd: number): boolean => {
    const max = state.posMax;
    state.posMax = labelEnd + 1;
    try {
      return rule(state, silent);
    } finally {
      state.posMax = max;
    }
  };
  return (state, silent) => {
    const s = state as InlineState & { tokens_meta: unknown[] };
    const at = state.pos;
    const n = state.tokens.length;
    const saved = { pending: state.pending, pendStart: state.pendStart, pendEnd: state.pendEnd };
    const labelEnd = () => (state.src.charCodeAt(at + bang) === 0x5b ? (state.md as MarkdownIt).helpers.parseLinkLabel(state as never, at + bang, true) : -1);
    if (rule(state, silent)) {
      if (state.src.charCodeAt(state.pos - 1) !== 0x5d) return true;
      // `[label](` … made a reference of what follows the `(` (markdown-it reads on from there): in
      // CommonMark only `[label]` can be one. Undone and tried again without the `(`.
      const end = labelEnd();
      if (end >= 0 && state.src.charCodeAt(end + 1) === 0x28 && state.pos > end + 1) {
        state.tokens.length = n;
        s.tokens_meta.length = n;
        Object.assign(state, saved);
        state.pos = at;
        return cut(state, silent, end);
      }
      // `[label]` then a `[` that starts no label: micromark makes no link of it (markdown-it a shortcut one).
      if (state.src.charCodeAt(state.pos) === 0x5b) state.env.inlineIssue ??= 'a reference link followed by [';
      return true;
    }
    const end = labelEnd();
    if (end < 0 || state.src.charCodeAt(end + 1) !== 0x28) return false;
    return cut(state, silent, end);
  };
}

/**
 * GFM strikethrough as micromark reads it: a run of one or two `~` opens when left-flanking and closes
 * when right-flanking, and closes only an opener of its own length; a longer run is text.
 */
const TILDE_ONE = -0x7e;
const TILDE_TWO = -0x7e7e;

function tildeRule(state: InlineState, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x7e) return false;
  const scanned = state.scanDelims(start, true);
  const len = scanned.length;
  // After a `~` that was not escaped, micromark starts no run.
  if (silent) {
    state.pos += len;
    return true;
  }
  if (len > 2 || (!scanned.can_open && !scanned.can_close)) {
    state.pending += state.src.slice(start, start + len);
    state.pos += len;
    if (state.pendStart === undefined || state.pending.length === len) state.pendStart = start;
    state.pendEnd = state.pos;
    return true;
  }
  const tok = state.push('text', '', 0);
  tok.content = state.src.slice(start, start + len);
  state.delimiters.push({ marker: len === 1 ? TILDE_ONE : TILDE_TWO, length: 0, token: state.tokens.length - 1, end: -1, open: scanned.can_open, close: scanned.can_close });
  state.pos += len;
  return true;
}

function tildePairs(state: InlineState & { tokens_meta: Array<{ delimiters: Delimiter[] } | null> }): void {
  const lists = [state.delimiters, ...state.tokens_meta.map((m) => m?.delimiters ?? [])];
  for (const delimiters of lists) {
    for (const d of delimiters) {
      if ((d.marker !== TILDE_ONE && d.marker !== TILDE_TWO) || d.end < 0) continue;
      const open = state.tokens[d.token]!;
      const close = state.tokens[delimiters[d.end]!.token]!;
      open.type = 's_open';
      open.nesting = 1;
      close.type = 's_close';
      close.nesting = -1;
    }
  }
}

/**
 * An emphasis marker that could open or close, left unpaired beside pairs that were made: how the
 * markers are paired is then in doubt (the two parsers differ on some), and remark should pair them.
 */
function unpaired(tok: Tok): string | undefined {
  let left = false;
  let paired = false;
  for (const t of tok.children ?? []) {
    if (t.type === 'text' && t.flanking && t.content !== '') left = true;
    else if (t.type === 'em_open' || t.type === 'strong_open') paired = true;
  }
  return left && paired ? 'an emphasis marker left unpaired beside pairs' : undefined;
}

/**
 * markdown-it set up as this front end needs it: every rule wrapped to give offsets, CommonMark where
 * markdown-it departs from it, and `inlineIssue` asked of each inline content once parsed.
 */
export function offsetMarkdownIt(inlineIssue: (tok: Tok) => string | undefined): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  md.set({ maxNesting: MAX_NESTING } as object);
  // Every destination is a link to remark; it keeps the URL as written (escapes and entities read).
  md.validateLink = () => true;
  md.normalizeLink = (url: string) => url;
  md.normalizeLinkText = (url: string) => url;
  md.core.ruler.disable(['text_join']);
  // Inline content parsed one token at a time, to learn which contents markdown-it reads otherwise.
  md.core.ruler.at('inline', (state: { tokens: Tok[]; md: MarkdownIt; env: Env }) => {
    for (const tok of state.tokens) {
      if (tok.type !== 'inline') continue;
      state.env.inlineIssue = undefined;
      tok.children = [];
      (state.md.inline as unknown as { parse(src: string, md: MarkdownIt, env: Env, out: Tok[]): void }).parse(tok.content, state.md, state.env, tok.children);
      tok.remark = state.env.inlineIssue ?? unpaired(tok) ?? inlineIssue(tok);
    }
  });
  md.inline.ruler2.disable(['fragments_join', 'strikethrough']);
  // `at` without options would forget which rules a rule may end (`alt`).
  const block = md.block.ruler as unknown as { __rules__: Array<{ name: string; fn: BlockRule; alt: string[] }>; at(name: string, fn: BlockRule, options: { alt: string[] }): void };
  for (const r of [...block.__rules__]) block.at(r.name, blockRule(r.name, r.fn), { alt: r.alt });
  const inline = md.inline.ruler as unknown as {
    __rules__: Array<{ name: string; fn: InlineRule; alt: string[] }>;
    at(name: string, fn: InlineRule, options?: { alt: string[] }): void;
    push(name: string, fn: InlineRule): void;
  };
  inline.at('strikethrough', tildeRule);
  const backticks = inline.__rules__.find((x) => x.name === 'backticks')!;
  inline.at('backticks', freshBackticks(backticks.fn), { alt: backticks.alt });
  for (const name of ['link', 'image']) {
    const r = inline.__rules__.find((x) => x.name === name)!;
    inline.at(name, referenceBeforeParen(r.fn, name === 'image' ? 1 : 0), { alt: r.alt });
  }
  for (const r of [...inline.__rules__]) {
    if (r.name === 'text') inline.at('text', pendingRule(r.fn), { alt: r.alt });
    else inline.at(r.name, inlineRule(r.name, r.fn), { alt: r.alt });
  }
  inline.push('sxs_char', pendingRule(null));
  (md.inline.ruler2 as unknown as { after(name: string, rule: string, fn: (state: InlineState) => void): void }).after('balance_pairs', 'sxs_tilde', tildePairs as (state: InlineState) => void);
  // Pending text gets the range it was read from when it is flushed into a token.
  const State = md.inline.State as unknown as { prototype: InlineState };
  const pushPending = State.prototype.pushPending;
  State.prototype.pushPending = function (this: InlineState) {
    const tok = pushPending.call(this);
    tok.s = this.pendStart;
    tok.e = this.pendEnd;
    this.pendStart = undefined;
    return tok;
  };
  return md;
}
