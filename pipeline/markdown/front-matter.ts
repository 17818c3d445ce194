/**
 * Front matter: split off with gray-matter, read as YAML with every scalar kept as the string that
 * was written (js-yaml's failsafe schema, so `1500021` and dates are not reinterpreted), and
 * re-emitted in the published style by `yaml-emit.ts`.
 */
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { emitYamlMapping, type YamlValue } from './yaml-emit.js';

export type FrontMatterData = { [key: string]: YamlValue };

export interface SplitDocument {
  /** Parsed front matter, or null when the document has none. */
  data: FrontMatterData | null;
  /**
   * Where the front matter has a plain scalar that YAML reads as a number or a boolean (`48544762`,
   * not `"48544762"`): paths (`yamlPath`) of values to write plain again, not quoted as a string.
   */
  plain: string[];
  /** The Markdown after the front matter block. */
  body: string;
  /** Offset of `body` in the full text. */
  bodyOffset: number;
  /** 1-based line of the first body line in the full text. */
  bodyLine: number;
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Thrown by the YAML engine when the block between the fences is not a mapping: then it is Markdown. */
class NotAMapping extends Error {}

/** A plain scalar that YAML's core schema reads as a number or a boolean; its text as written. */
class Typed {
  constructor(readonly text: string) {}
}
const typed = (tag: string, re: RegExp) =>
  new yaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (d: string | null) => d !== null && re.test(d), construct: (d: string) => new Typed(d), instanceOf: Typed });
/** Every scalar a string (failsafe), and plain ones that are numbers or booleans marked as such. */
const SCHEMA = new yaml.Schema({
  include: [yaml.FAILSAFE_SCHEMA],
  implicit: [
    typed('bool', /^(?:true|True|TRUE|false|False|FALSE)$/),
    typed('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/),
    typed('float', /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/),
  ],
});

/** The path of a value in the front matter: its keys and indexes. */
export function yamlPath(parts: ReadonlyArray<string | number>): string {
  return parts.join('\u0000');
}

/** A mapping or sequence met twice: a YAML alias of a collection. */
class RepeatedCollection extends Error {}

/**
 * Replaces Typed markers by their text, collecting their paths. A collection reached twice is an
 * alias (`*name`) of a mapping or sequence: re-emitting the front matter would write it out again
 * at every use, which nested aliases make exponential (a few hundred bytes expanding to gigabytes),
 * so it is refused. Aliases of single values are plain values and stay.
 */
function untype(value: unknown, path: Array<string | number>, plain: string[], seen = new Set<object>()): YamlValue {
  if (value instanceof Typed) {
    plain.push(yamlPath(path));
    return value.text;
  }
  if (value !== null && typeof value === 'object') {
    if (seen.has(value)) throw new RepeatedCollection();
    seen.add(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => untype(v, [...path, i], plain, seen));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: YamlValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = untype(v, [...path, k], plain, seen);
    return out;
  }
  return value as YamlValue;
}

function parseYaml(text: string, plain: string[]): FrontMatterData {
  const value = yaml.load(text, { schema: SCHEMA }) as unknown;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Typed) throw new NotAMapping();
  try {
    return untype(value, [], plain) as FrontMatterData;
  } catch (e) {
    if (!(e instanceof RepeatedCollection)) throw e;
    // Where: the first alias in the text.
    const at = /(?:^|[\s,[{:-])\*[^\s,\]}]+/m.exec(text);
    const before = at ? text.slice(0, at.index + at[0].indexOf('*')) : '';
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new FrontMatterError(
      'invalid YAML in front matter: an alias (*name) of a mapping or sequence; sxs writes the front matter out again and would repeat it at every use (nested aliases grow exponentially): write the values out',
      line,
      column,
    );
  }
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(?:\n|$)/;

/**
 * Splits `text` (already normalized to LF) into front matter and body. Front matter is a `---` line
 * at the very start, a YAML mapping, and a closing `---` line; anything else (a thematic break, a
 * `---` underline) is Markdown.
 */
export function splitFrontMatter(text: string): SplitDocument {
  const none = { data: null, plain: [], body: text, bodyOffset: 0, bodyLine: 1 };
  if (!OPENING.test(text) || !CLOSING.test(text.slice(3))) return none;
  let file;
  const plain: string[] = [];
  try {
    // Passing options also turns off gray-matter's cache, which would otherwise keep every input alive.
    file = matter(text, { engines: { yaml: { parse: (t: string) => parseYaml(t, plain), stringify: () => '' } } });
  } catch (e) {
    if (e instanceof NotAMapping) return none;
    if (e instanceof yaml.YAMLException) {
      const mark = (e as yaml.YAMLException & { mark?: { line: number; column: number } }).mark;
      const reason = (e as { reason?: string }).reason ?? e.message;
      throw new FrontMatterError(`invalid YAML in front matter: ${reason}`, (mark?.line ?? 0) + 1, (mark?.column ?? 0) + 1);
    }
    throw e;
  }
  // gray-matter recognises `---` only as a whole line; anything else is Markdown (a thematic break).
  const isEmpty = (file as { isEmpty?: boolean }).isEmpty === true;
  if (file.matter === undefined || (file.content.length === text.length && !isEmpty)) return none;
  const body = file.content;
  const bodyOffset = text.length - body.length;
  let bodyLine = 1;
  for (let i = 0; i < bodyOffset; i++) if (text.charCodeAt(i) === 10) bodyLine++;
  return { data: (file.data ?? {}) as FrontMatterData, plain, body, bodyOffset, bodyLine };
}

/** The keys appended by the localization handoff, in their published order. */
export const HANDOFF_KEYS = ['ms.openlocfilehash', 'ms.sourcegitcommit', 'ms.translationtype', 'ms.contentlocale', 'ms.lasthandoff', 'ms.locfileid'] as const;

export type HandoffKey = (typeof HANDOFF_KEYS)[number];

/** Keys whose values are translated (spec §7), in numbering order. */
export const TRANSLATED_KEYS = ['title', 'description', 'keywords'] as const;

/**
 * Emits the localized front matter block (with `---` fences): the English data with translated
 * values substituted, any handoff keys it carried removed, and the six handoff keys appended.
 */
export function emitFrontMatter(data: FrontMatterData | null, translated: ReadonlyMap<string, YamlValue>, handoff: ReadonlyMap<HandoffKey, string>, plain: readonly string[] = []): string {
  const out: FrontMatterData = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if ((HANDOFF_KEYS as readonly string[]).includes(key)) continue;
    out[key] = translated.has(key) ? translated.get(key)! : value;
  }
  for (const key of HANDOFF_KEYS) {
    const value = handoff.get(key);
    if (value !== undefined) out[key] = value;
  }
  // A translated value is text, whatever the English was.
  const typedPaths = plain.filter((p) => !translated.has(p.split('\u0000')[0]!));
  return `---\n${emitYamlMapping(out, new Set(typedPaths))}---\n`;
}

/**
 * 1-based line and column where a top-level value (or the `index`-th item of a list value) starts
 * in the front-matter text, for messages; the key's own line when the value cannot be pinned down.
 */
export function valuePosition(frontMatter: string, key: string, index?: number): { line: number; column: number } {
  const lines = frontMatter.split('\n');
  const k = lines.findIndex((l) => l.startsWith(key) && /^[ \t]*:/.test(l.slice(key.length)));
  if (k < 0) return { line: 1, column: 1 };
  const startOf = (text: string, from: number) => {
    const m = /^[ \t]*(?:["'](?=.))?/.exec(text.slice(from))!;
    return from + m[0].length;
  };
  const colon = lines[k]!.indexOf(':', key.length);
  const inline = lines[k]!.slice(colon + 1).trim();
  if (index === undefined || inline.startsWith('[')) {
    if (inline !== '' && !/^[>|][-+0-9]*$/.test(inline)) return { line: k + 1, column: startOf(lines[k]!, colon + 1) + 1 };
    for (let i = k + 1; i < lines.length && /^[ \t]/.test(lines[i]!); i++) {
      if (lines[i]!.trim() !== '') return { line: i + 1, column: startOf(lines[i]!, 0) + 1 };
    }
    return { line: k + 1, column: 1 };
  }
  let item = -1;
  for (let i = k + 1; i < lines.length && /^(?:[ \t]|-[ \t]|-$)/.test(lines[i]!); i++) {
    const m = /^[ \t]*-(?:[ \t]+|$)/.exec(lines[i]!);
    if (m && ++item === index) return { line: i + 1, column: startOf(lines[i]!, m[0].length) + 1 };
  }
  return { line: k + 1, column: 1 };
}
