/**
 * A YAML writer that reproduces the style of the published bilingual files (spec §7), which were
 * written by a YamlDotNet-style emitter: key order kept, block sequences at the key's column,
 * no line wrapping, the least quoting that keeps a value a string:
 *   - strings that would read back as numbers, booleans or null → double quotes ("1500021");
 *   - strings that cannot be plain (leading/trailing space, indicators, `: `, ` #`) → single quotes;
 *   - empty strings and nulls → ''.
 * Byte-exact output is the point, so this is a small dedicated writer rather than a general library.
 */

export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

/** Strings a YAML reader would not read back as strings when written plain. */
const NON_STRING =
  /^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)$/;

/** First characters that make a plain scalar impossible (YamlDotNet's list, which includes `\`). */
const FIRST_INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`\\']);

type Style = 'plain' | 'single' | 'double';

function isPrintable(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

const isWhite = (ch: string | undefined): boolean => ch === undefined || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/** Chooses the scalar style for a string value in block context. */
export function scalarStyle(value: string): Style {
  if (value === '') return 'single';
  if (NON_STRING.test(value)) return 'double';
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let special = false;
  let breaks = false;
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    if (i === 0) {
      if (FIRST_INDICATORS.has(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && isWhite(next)) blockIndicators = true;
    } else {
      if (ch === ':' && isWhite(next)) blockIndicators = true;
      if (ch === '#' && isWhite(chars[i - 1])) blockIndicators = true;
    }
    if (!isPrintable(ch.codePointAt(0)!)) special = true;
    if (ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029') breaks = true;
  }
  if (special || breaks) return 'double';
  const edgeSpace = isWhite(chars[0]) || isWhite(chars[chars.length - 1]);
  if (edgeSpace || blockIndicators) return 'single';
  return 'plain';
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function writeDouble(value: string): string {
  let out = '"';
  for (const ch of value) {
    const esc = DOUBLE_ESCAPES[ch];
    if (esc) out += esc;
    else {
      const code = ch.codePointAt(0)!;
      if (!isPrintable(code)) out += code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      else out += ch;
    }
  }
  return out + '"';
}

/** Writes one scalar (a string or null) in the chosen style. */
export function writeScalar(value: string | null): string {
  if (value === null) return "''";
  switch (scalarStyle(value)) {
    case 'plain':
      return value;
    case 'single':
      return `'${value.replace(/'/g, "''")}'`;
    case 'double':
      return writeDouble(value);
  }
}

function isMapping(v: YamlValue): v is { [key: string]: YamlValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A multi-line string as a folded block scalar (`>-`), the way the published files write one: each
 * line of the value indented, each line break as an empty line, trailing line breaks dropped. Null
 * when folding cannot carry the value exactly (a line that starts or ends with white space, or a
 * character that needs an escape).
 */
function foldedLines(value: string, indent: string): string[] | null {
  const body = value.replace(/\n+$/, '');
  if (!body.includes('\n')) return null;
  const lines = body.split('\n');
  for (const line of lines) {
    if (/^[ \t]|[ \t]$/.test(line) || /\r|\u0085|\u2028|\u2029/.test(line)) return null;
    for (const ch of line) if (!isPrintable(ch.codePointAt(0)!)) return null;
  }
  const out: string[] = [];
  lines.forEach((line, i) => {
    // A line break between two lines of text is an empty line; each further one, one more.
    if (i > 0 && (line !== '' || lines[i - 1] !== '') && lines[i - 1] !== '') out.push('');
    if (line !== '') out.push(indent + line);
    else out.push('');
  });
  return out;
}

function writeNode(value: YamlValue, indent: string, out: string[], first: string, path: string, plain: ReadonlySet<string>): void {
  // `first` is the text that precedes the node on its first line ("key:" or "- ").
  if (typeof value === 'string' && plain.has(path)) {
    out.push(first.endsWith(':') ? `${first} ${value}` : `${first}${value}`);
    return;
  }
  if (typeof value === 'string' && value.includes('\n')) {
    const folded = foldedLines(value, `${indent}  `);
    if (folded) {
      out.push(`${first}${first.endsWith(':') ? ' ' : ''}>-`, ...folded);
      return;
    }
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${first}${first.endsWith(':') ? ' ' : ''}[]`);
      return;
    }
    let prefix = first;
    if (first.endsWith(':')) {
      out.push(first);
      prefix = indent;
    }
    value.forEach((item, i) => {
      writeNode(item, indent + '  ', out, `${prefix}- `, `${path}\u0000${i}`, plain);
      prefix = indent;
    });
    return;
  }
  if (isMapping(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push(`${first}${first.endsWith(':') ? ' ' : ''}{}`);
      return;
    }
    let prefix = first;
    let childIndent = indent;
    if (first.endsWith(':')) {
      out.push(first);
      prefix = indent + '  ';
      childIndent = indent + '  ';
    }
    for (const key of keys) {
      writeNode(value[key]!, childIndent, out, `${prefix}${writeScalar(key)}:`, `${path}\u0000${key}`, plain);
      prefix = childIndent;
    }
    return;
  }
  out.push(first.endsWith(':') ? `${first} ${writeScalar(value)}` : `${first}${writeScalar(value)}`);
}

/**
 * Serializes a top-level mapping: one `key: value` per line, LF endings, final newline. Values at
 * the `plain` paths (front-matter.ts `yamlPath`) are written as they are: numbers and booleans the
 * English wrote plain.
 */
export function emitYamlMapping(map: { [key: string]: YamlValue }, plain: ReadonlySet<string> = new Set()): string {
  const out: string[] = [];
  for (const key of Object.keys(map)) writeNode(map[key]!, '', out, `${writeScalar(key)}:`, key, plain);
  return out.map((l) => `${l}\n`).join('');
}
