/**
 * The fast Markdown front end: markdown-it's tokenizer, with a source offset for every block and
 * inline token, turned into the same mdast tree remark-parse + GFM gives (parse.ts) — the tree
 * every later step reads. About ten times faster than micromark on real pages.
 *
 * markdown-it gives block tokens line ranges and inline tokens no position at all. Offsets come from
 * three places:
 *   - every block rule is wrapped: a token it made gets the offsets of its lines, taken from the
 *     block state while the rule's container prefixes (`> `, list indentation) are still applied;
 *   - the text an inline token was parsed from (a paragraph's lines without their prefixes, a table
 *     cell without `\` before `|`) is mapped back to the source piece by piece (`SourceMap`);
 *   - every inline rule is wrapped: a token it made gets the range the rule consumed; pending text
 *     (markdown-it's run of plain characters) gets the range it was read from.
 *
 * Where markdown-it and micromark are known to read a text differently, this module does not guess.
 * An inline content with such a thing (a GFM autolink literal, runs of three emphasis markers,
 * `*` and `_` side by side, `~` next to them, `[label]` then `[`) is read by remark alone and put in
 * the tree (`remarkInline`); a text with such a block (a footnote, a tab in a container prefix, a
 * lazy line starting with `<`, an empty list item, a table row without cells, a fence or HTML block
 * left open in a container, nesting past markdown-it's limit, `\r`, and the few others named where
 * they are found) is given up whole: `parseFast` returns null and parse.ts parses it with remark.
 * GFM's extra table cells and task items, which markdown-it does not have, are made here. The
 * differential tests (test/fast-parse.test.ts on listed and generated inputs; the slow one on every
 * real page, units and codes included) hold the two front ends to the same trees.
 */
import MarkdownIt from 'markdown-it';
import type { ListItem, Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';

/** The parts of markdown-it's tokens and states read here (its own types are not exported for ESM). */
interface Tok {
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

interface Env {
  /** Set when the text needs the remark front end. */
  bail?: string;
  /** Set while an inline content is parsed when that content needs remark. */
  inlineIssue?: string;
  references?: unknown;
}

type BlockRule = (state: BlockState, startLine: number, endLine: number, silent: boolean) => boolean;
type InlineRule = (state: InlineState, silent: boolean) => boolean;

const MAX_NESTING = 100;
const AUTO_CELL = 'sxs-auto-cell';
const OPEN_HTML = 'sxs-open-html';
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
    for (let i = n; i < tokens.length; i++) {
      const tok = tokens[i]!;
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
          for (; line < state.lineMax && state.bMarks[line]! + state.tShift[line]! >= state.eMarks[line]!; line++) {
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
        cells = rowCells(state.src, state.bMarks[row]! + state.tShift[row]!, state.eMarks[row]!);
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
    const ok = rule(state, silent);
    if (!scanned && s.backticksScanned) s.sxsScanFrom = from;
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

function frontEnd(): MarkdownIt {
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
      tok.remark = state.env.inlineIssue ?? inlineIssue(tok);
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

let instance: MarkdownIt | undefined;

/** Line starts of a text, for line and column numbers. */
function lineStarts(src: string): number[] {
  const out = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

class Builder {
  private readonly lines: number[];

  /** Every definition of the text, for a content remark reads alone (its references must resolve). */
  private readonly definitions: string;

  constructor(
    private readonly src: string,
    tokens: readonly Tok[],
    private readonly remark?: RemarkParse,
  ) {
    this.lines = lineStarts(src);
    const labels: string[] = [];
    for (const tok of tokens) {
      if (tok.type !== 'sxs_definition') continue;
      const label = /^\[((?:[^\]\\]|\\[\s\S])*)\]:/.exec(src.slice(tok.s!, tok.e!));
      if (label) labels.push(`[${label[1]}]: #`);
    }
    this.definitions = labels.length > 0 ? `\n\n${labels.join('\n')}\n` : '';
  }

  /**
   * An inline content read by remark alone: after `x ` (so that no line of it starts a block) and
   * before the text's definitions; offsets mapped back to the source.
   */
  private remarkInline(tok: Tok): PhrasingContent[] {
    if (!this.remark) throw new Bail(tok.remark!);
    const lead = 'x ';
    const root = this.remark(lead + tok.content + this.definitions);
    const [first, ...rest] = root.children;
    if (first?.type !== 'paragraph' || rest.some((c) => c.type !== 'definition')) throw new Bail(`${tok.remark} (not one paragraph alone)`);
    const kids = first.children;
    const head = kids[0];
    if (head?.type === 'text' && head.position!.start.offset === 0) {
      if (head.position!.end.offset! <= lead.length) kids.shift();
      else {
        head.value = head.value.slice(lead.length);
        head.position!.start.offset = lead.length;
      }
    }
    const map = tok.srcMap!;
    const move = (node: Nodes) => {
      const p = node.position!;
      node.position = this.position(map.start(p.start.offset! - lead.length), map.end(p.end.offset! - lead.length));
      if ('children' in node) for (const c of node.children as Nodes[]) move(c);
    };
    for (const k of kids) move(k);
    return kids;
  }

  point(offset: number) {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lines[lo]! + 1, offset };
  }

  position(s: number, e: number) {
    return { start: this.point(s), end: this.point(e) };
  }

  /** The block tokens [from, to) as mdast nodes. */
  blocks(tokens: Tok[]): Root {
    const root: Root = { type: 'root', children: [], position: this.position(0, this.src.length) };
    const stack: Parents[] = [root];
    const top = () => stack[stack.length - 1]! as Parents & { children: Nodes[] };
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const pos = tok.s !== undefined ? this.position(tok.s, tok.e!) : undefined;
      if (tok.type === 'thead_close' || tok.type === 'tbody_close') continue;
      if (tok.nesting === -1) {
        const node = stack.pop()!;
        // A container ends where its last child ends.
        const last = (node as { children: Nodes[] }).children.at(-1);
        if (last?.position && node.position && last.position.end.offset! > node.position.end.offset!) node.position.end = last.position.end;
        continue;
      }
      let node: Nodes | undefined;
      switch (tok.type) {
        case 'paragraph_open':
          node = { type: 'paragraph', children: [], position: pos };
          break;
        case 'heading_open':
          node = { type: 'heading', depth: Number(tok.tag.slice(1)) as 1, children: [], position: pos };
          break;
        case 'blockquote_open':
          node = { type: 'blockquote', children: [], position: pos };
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const start = tok.attrs?.find((a) => a[0] === 'start')?.[1];
          node = { type: 'list', ordered: tok.type === 'ordered_list_open', start: tok.type === 'ordered_list_open' ? Number(start ?? 1) : null, spread: false, children: [], position: pos };
          break;
        }
        case 'list_item_open':
          node = { type: 'listItem', spread: false, checked: null, children: [], position: pos };
          break;
        case 'table_open':
          node = { type: 'table', align: tableAlign(tokens, i), children: [], position: pos };
          break;
        case 'tr_open':
          node = { type: 'tableRow', children: [], position: pos };
          break;
        case 'th_open':
        case 'td_open':
          if (tok.info === AUTO_CELL) {
            while (tokens[i]!.type !== 'td_close' && tokens[i]!.type !== 'th_close') i++;
            continue;
          }
          node = { type: 'tableCell', children: [], position: pos };
          break;
        case 'thead_open':
        case 'tbody_open':
          continue;
        case 'inline': {
          const kids = this.inline(tok);
          if (tokens[i - 2]?.type === 'list_item_open' && tokens[i - 1]!.type === 'paragraph_open') this.taskItem(stack[stack.length - 2] as ListItem, tok, kids);
          (top().children as PhrasingContent[]).push(...kids);
          continue;
        }
        case 'hr':
          top().children.push({ type: 'thematicBreak', position: pos });
          continue;
        case 'code_block':
        case 'fence': {
          // The info string's first word is the language, the rest (from its next word on) the meta;
          // escapes and entities read.
          const info = tok.info.replace(/^[ \t]+/, '');
          const space = info.search(/[ \t]/);
          const unescape = instance!.utils.unescapeAll;
          const meta = space < 0 ? '' : info.slice(space).replace(/^[ \t]+/, '');
          top().children.push({
            type: 'code',
            lang: info.trim() === '' ? null : unescape(space < 0 ? info : info.slice(0, space)),
            meta: meta === '' ? null : unescape(meta),
            value: tok.content.replace(/\n$/, ''),
            position: pos,
          });
          continue;
        }
        case 'html_block':
          top().children.push({ type: 'html', value: tok.info === OPEN_HTML ? tok.content : tok.content.replace(/\n$/, ''), position: pos });
          continue;
        case 'sxs_definition':
          top().children.push(this.definition(tok));
          continue;
        default:
          throw new Error(`unexpected markdown-it token ${tok.type}`);
      }
      top().children.push(node as RootContent);
      stack.push(node as Parents);
    }
    return root;
  }

  private definition(tok: Tok): RootContent {
    const raw = this.src.slice(tok.s!, tok.e!);
    const label = /^\[((?:[^\]\\]|\\[\s\S])*)\]:/.exec(raw);
    let url = '';
    let title: string | null = null;
    if (label) {
      const helpers = instance!.helpers;
      let pos = tok.s! + label[0].length;
      while (pos < tok.e! && /\s/.test(this.src[pos]!)) pos++;
      const dest = helpers.parseLinkDestination(this.src, pos, tok.e!);
      if (dest.ok) {
        url = dest.str;
        pos = dest.pos;
        while (pos < tok.e! && /\s/.test(this.src[pos]!)) pos++;
        const t = helpers.parseLinkTitle(this.src, pos, tok.e!);
        if (t.ok && pos < tok.e!) title = t.str;
      }
    }
    const text = label?.[1] ?? '';
    return {
      type: 'definition',
      identifier: identifierOf(text),
      label: text,
      url,
      title,
      position: this.position(tok.s!, tok.e!),
    };
  }

  /**
   * A GFM task item: the first paragraph of a list item starts with `[ ]`, `[x]` or `[X]`, a space or
   * tab, and text on that line. The item is checked or not, and the check and the one space are not
   * the paragraph's text.
   */
  private taskItem(item: ListItem, tok: Tok, kids: PhrasingContent[]): void {
    const m = /^\[([ \txX])\][ \t][^\n]*\S/.exec(tok.content);
    if (!m) return;
    const head = kids[0];
    if (head?.type !== 'text' || !head.value.startsWith(tok.content.slice(0, 4))) throw new Bail('a task item that does not start with text');
    item.checked = m[1] === 'x' || m[1] === 'X';
    if (head.value.length === 4) kids.shift();
    else {
      head.value = head.value.slice(4);
      head.position!.start = this.point(tok.srcMap!.start(4));
    }
  }

  /** An inline token's children as mdast phrasing content, with source offsets. */
  private inline(tok: Tok): PhrasingContent[] {
    if (tok.remark) return this.remarkInline(tok);
    const map = tok.srcMap!;
    const children = tok.children ?? [];
    const root: { children: PhrasingContent[] } = { children: [] };
    const stack: Array<{ children: PhrasingContent[]; node?: PhrasingContent & { children: PhrasingContent[] }; open?: Tok }> = [root];
    let text: { s: number; e: number; value: string } | null = null;
    const flush = () => {
      if (!text) return;
      // White space before a line ending is not text (markdown-it keeps tabs there); a text that
      // starts with it starts at the line ending.
      const lead = /^[ \t]+(?=\n)/.exec(text.value)?.[0].length ?? 0;
      const value = text.value.replace(/[ \t]+\n/g, '\n');
      stack[stack.length - 1]!.children.push({ type: 'text', value, position: this.position(map.start(text.s + lead), map.end(text.e)) });
      text = null;
    };
    for (const t of children) {
      switch (t.type) {
        case 'text':
        case 'text_special':
        case 'softbreak': {
          if (t.type === 'text' && t.content === '') continue;
          const value = t.type === 'softbreak' ? '\n' : t.content;
          if (text) {
            text.e = t.e!;
            text.value += value;
          } else text = { s: t.s!, e: t.e!, value };
          continue;
        }
        default:
          break;
      }
      if (text && t.type === 'hardbreak' && t.s! < text.e) text.e = t.s!;
      flush();
      const pos = this.position(map.start(t.s!), map.end(t.e!));
      const here = stack[stack.length - 1]!;
      switch (t.type) {
        case 'code_inline':
          here.children.push({ type: 'inlineCode', value: codeValue(tok.content.slice(t.s!, t.e!)), position: pos });
          break;
        case 'hardbreak':
          // micromark's break takes a quote's `>` after a backtick it could not close.
          if (tok.level > 0 && tok.content.includes('`')) throw new Bail('a hard break and a backtick in a container');
          here.children.push({ type: 'break', position: pos });
          break;
        case 'html_inline':
          here.children.push({ type: 'html', value: t.content, position: pos });
          break;
        case 'image': {
          const raw = this.src.slice(pos.start.offset, pos.end.offset);
          const alt = altText(t.children ?? []);
          const src = t.attrs?.find((a) => a[0] === 'src')?.[1] ?? '';
          const title = t.attrs?.find((a) => a[0] === 'title')?.[1] ?? null;
          const last = t.children?.at(-1);
          const textEnd = raw.indexOf(']', last ? map.end(last.e!) - pos.start.offset : 2);
          here.children.push(raw.endsWith(')') ? { type: 'image', url: src, title, alt, position: pos } : { type: 'imageReference', alt, ...reference(raw, 2, textEnd), position: pos });
          break;
        }
        case 'link_open':
        case 'em_open':
        case 'strong_open':
        case 's_open': {
          let node: PhrasingContent & { children: PhrasingContent[] };
          if (t.type === 'link_open') {
            const raw = this.src.slice(pos.start.offset, pos.end.offset);
            const href = t.attrs?.find((a) => a[0] === 'href')?.[1] ?? '';
            const title = t.attrs?.find((a) => a[0] === 'title')?.[1] ?? null;
            node =
              raw.startsWith('[') && !raw.endsWith(')')
                ? { type: 'linkReference', identifier: '', label: null, referenceType: 'full', children: [], position: pos }
                : { type: 'link', url: href, title, children: [], position: pos };
          } else if (t.type === 'strong_open') node = { type: 'strong', children: [], position: this.position(map.start(t.s! - 1), map.end(t.e!)) };
          else node = { type: t.type === 'em_open' ? 'emphasis' : 'delete', children: [], position: pos };
          here.children.push(node);
          stack.push({ children: node.children, node, open: t });
          break;
        }
        case 'link_close':
        case 'em_close':
        case 'strong_close':
        case 's_close': {
          const frame = stack.pop()!;
          if (frame.node?.type === 'linkReference') {
            const start = frame.node.position!.start.offset!;
            const raw = this.src.slice(start, frame.node.position!.end.offset);
            const last = frame.node.children.at(-1);
            Object.assign(frame.node, reference(raw, 1, raw.indexOf(']', last ? last.position!.end.offset! - start : 1)));
          }
          if (t.type !== 'link_close' && frame.node) {
            const end = t.type === 'strong_close' ? t.e! + 1 : t.e!;
            frame.node.position!.end = this.point(map.end(end));
          }
          break;
        }
        default:
          throw new Error(`unexpected markdown-it inline token ${t.type}`);
      }
    }
    flush();
    return root.children;
  }
}

/**
 * An inline code's value as mdast has it: line endings kept (markdown-it makes them spaces), one
 * space or line ending taken off each side when both sides have one and it is not all spaces.
 */
function codeValue(raw: string): string {
  let open = 0;
  while (raw.charCodeAt(open) === 0x60) open++;
  const inner = raw.slice(open, raw.length - open);
  const edge = (c: string | undefined) => c === ' ' || c === '\n';
  if (inner.length > 2 && edge(inner[0]) && edge(inner[inner.length - 1]) && /[^ \n]/.test(inner)) return inner.slice(1, -1);
  if (inner.length === 2 && edge(inner[0]) && edge(inner[1]) && /[^ \n]/.test(inner)) return '';
  return inner;
}

/** A reference's identifier as mdast has it: white space collapsed, trimmed, case folded. */
function identifierOf(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

/** A link or image reference's kind, label and identifier, from its source (`textEnd`: the `]` after its text). */
function reference(raw: string, textStart: number, textEnd: number): { referenceType: 'full' | 'collapsed' | 'shortcut'; label: string; identifier: string } {
  const rest = raw.slice(textEnd + 1);
  const label = rest === '' || rest === '[]' ? raw.slice(textStart, textEnd) : rest.slice(1, -1);
  return { referenceType: rest === '' ? 'shortcut' : rest === '[]' ? 'collapsed' : 'full', label, identifier: identifierOf(label) };
}

/** A table's column alignments, from its header cells' styles. */
function tableAlign(tokens: readonly Tok[], open: number): Array<'left' | 'right' | 'center' | null> {
  const out: Array<'left' | 'right' | 'center' | null> = [];
  for (let i = open + 1; i < tokens.length && tokens[i]!.type !== 'tr_close'; i++) {
    if (tokens[i]!.type !== 'th_open') continue;
    const style = tokens[i]!.attrs?.find((a) => a[0] === 'style')?.[1] ?? '';
    out.push((/text-align:(left|right|center)/.exec(style)?.[1] as 'left' | 'right' | 'center' | undefined) ?? null);
  }
  return out;
}

/** An image's alt text as mdast has it: the text of its label, without markup. */
function altText(tokens: Tok[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline' || t.type === 'html_inline') out += t.content;
    else if (t.type === 'softbreak') out += '\n';
    else if (t.type === 'image') out += altText(t.children ?? []);
  }
  return out;
}

/** A line that starts with quote or list markers and has a tab among them or right after them. */
function tabInPrefix(markdown: string): boolean {
  for (const m of markdown.matchAll(/^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t>]*)*/gm)) {
    if (m[0].includes('\t') && /[>\-+*.)]/.test(m[0])) return true;
  }
  return false;
}

/** A delimiter row (with a `|`) right after a line that has text and no `|`. */
function headerWithoutPipe(markdown: string): boolean {
  const rows = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/gm;
  for (const m of markdown.matchAll(rows)) {
    if (!m[0].includes('|')) continue;
    const before = markdown.lastIndexOf('\n', m.index! - 2);
    const header = markdown.slice(before + 1, Math.max(before + 1, m.index! - 1));
    if (header.trim() !== '' && !header.includes('|')) return true;
  }
  return false;
}

/** Why a text needs remark, before parsing: null when markdown-it reads it as remark does. */
function bailBefore(markdown: string): string | null {
  if (markdown.includes('\r')) return 'carriage return';
  if (markdown.includes('[^')) return 'footnote';
  // A `>` after a tab or four spaces, right after a quote, is indented code to micromark, the quote's to markdown-it.
  if (markdown.includes('>') && /^ {0,3}>.*\n(?: {4,}| {0,3}\t)[ \t]*>/m.test(markdown)) return 'a > after indentation';
  // A tab among quote and list markers: markdown-it may read code where micromark reads content.
  if (markdown.includes('\t') && tabInPrefix(markdown)) return 'a tab in a container prefix';
  // Spaces and a tab before a line ending: a hard break to markdown-it, not to micromark.
  if (markdown.includes('\t') && /(?:\t[ \t]* {2}| {2}[ \t]*\t)[ \t]*\n/.test(markdown)) return 'a tab in a hard break';
  // A GFM table's header needs no `|` when its delimiter row has one; markdown-it's does.
  if (markdown.includes('|') && headerWithoutPipe(markdown)) return 'a table header without |';
  // markdown-it drops a last line of only white space (indented code would lose it).
  if (/\n[ \t]+$/.test(markdown)) return 'a last line of white space';
  return null;
}

/** Autolink literals remark would find in text (GFM): `www.`, `http(s)://`, e-mail addresses. */
const LITERAL = /www\.|https?:\/\/|[-.\w+]@[-\w]+\.|mailto:|xmpp:/i;

/** Why remark must read an inline content that markdown-it has parsed, or undefined. */
function inlineIssue(tok: Tok): string | undefined {
  // GFM makes `~` an emphasis marker's neighbour of its own kind (micromark's attentionMarkers).
  if (/~[*_]|[*_]~/.test(tok.content)) return 'a tilde next to an emphasis marker';
  // Runs of `*` and `_` side by side: the two pair them differently in some texts.
  if (/\*_|_\*/.test(tok.content)) return 'emphasis markers of both kinds side by side';
  let run = '';
  for (const t of tok.children ?? []) {
    if (t.type === 'text' || t.type === 'text_special') run += t.content;
    else {
      if (LITERAL.test(run)) return 'autolink literal';
      run = t.type === 'softbreak' ? run + '\n' : '';
    }
  }
  return LITERAL.test(run) ? 'autolink literal' : undefined;
}

/** A tree remark would make differently, found while building it. */
class Bail extends Error {}

/** remark's tree of a text (parse.ts gives it; this module does not load remark). */
export type RemarkParse = (markdown: string) => Root;

/** The mdast tree of `markdown`, or why remark must read it. */
function attempt(markdown: string, remark?: RemarkParse): Root | string {
  const before = bailBefore(markdown);
  if (before) return before;
  instance ??= frontEnd();
  const env: Env = {};
  const tokens = instance.parse(markdown, env) as unknown as Tok[];
  if (env.bail) return env.bail;
  try {
    return new Builder(markdown, tokens, remark).blocks(tokens);
  } catch (e) {
    if (e instanceof Bail) return e.message;
    throw e;
  }
}

/**
 * The mdast tree of `markdown`, or null when remark must read it (see above). With `remark`, an
 * inline content markdown-it would read otherwise (an autolink literal in it, say) is read by remark
 * alone and put in the tree; without it, the whole text is given up.
 */
export function parseFast(markdown: string, remark?: RemarkParse): Root | null {
  const out = attempt(markdown, remark);
  return typeof out === 'string' ? null : out;
}

/** Why `parseFast` gives up on a text (for the differential test and measurements), or null. */
export function fastBail(markdown: string, remark?: RemarkParse): string | null {
  const out = attempt(markdown, remark);
  return typeof out === 'string' ? out : null;
}
