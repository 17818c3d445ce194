/**
 * TMX 1.4b: translation memories in and out.
 *
 * Out: one `<tu>` per stored translation, English and target `<tuv>`s whose inline Markdown is
 * protected like in XLIFF: emphasis, links and images as `<bpt>`/`<ept>` pairs (matched across the
 * two languages by `x`), inline code, HTML, autolinks, escapes and entities as `<ph>`; the code's
 * Markdown is the element's content (TMX's "native code").
 *
 * In: any TMX 1.4b (or 1.1–1.4) — the header's `srclang`, `<tuv xml:lang>` (or `lang`), `<seg>` with
 * `<bpt>`, `<ept>`, `<it>`, `<ph>`, `<hi>`, `<ut>`, `<sub>`. From a file sxs wrote (`creationtool="sxs"`),
 * each `<tuv>` also carries its exact Markdown (`<prop type="x-sxs-markdown">`), used as is; failing
 * that, native code is our Markdown and comes back as it was; from another tool it is that tool's markup
 * (RTF, HTML, …), so codes are dropped and only the text (escaped for Markdown) is kept for leverage.
 */
import { CTYPE_12, escapeMarkdownText, inlineContent, type Code, type Content, type Seq } from '../core/codes.js';
export { sameLanguage } from '../text/language.js';
import { sameLanguage } from '../text/language.js';
import { attr, childElements, decodeXml, el, INVALID_XML_CHAR, parseXml, serializeXml, type OutElement, type OutNode, type XmlElement, type XmlNode } from '../core/xml.js';

export class TmxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export interface TmxUnit {
  tuid?: string;
  /** Per language tag as written: the segment as Markdown. */
  variants: Map<string, string>;
  props: Map<string, string>;
}

export interface TmxFile {
  srcLang: string;
  creationTool: string;
  units: TmxUnit[];
}

/** TMX 1.4b `type` values: the XLIFF 1.2 ctypes, but TMX's own name for footnotes. */
const TYPE: Record<Code['type'], string> = { ...CTYPE_12, footnote: 'fnote' };

const clean = (s: string) => s.replace(new RegExp(INVALID_XML_CHAR.source, 'g'), '\uFFFD');

/** A Markdown segment as TMX `<seg>` content; `xOf` numbers codes so that the same Markdown gets the same `x` in both languages. */
function segContent(markdown: string, xOf: (code: Code) => number): OutNode[] {
  const content: Content | null = inlineContent(markdown);
  // Not inline Markdown (should not happen for stored text): the whole text, as text.
  if (!content) return [clean(markdown)];
  const out: OutNode[] = [];
  const pairs = new Map<string, number>();
  let i = 0;
  for (const item of content.seq as Seq) {
    if (item.t === 'text') {
      out.push(clean(item.v));
      continue;
    }
    const code = content.codes.get(item.id)!;
    if (item.t === 'ph')
      out.push(
        el(
          'ph',
          [
            ['x', String(xOf(code))],
            ['type', TYPE[code.type]],
          ],
          [clean(code.open)],
        ),
      );
    else if (item.t === 'open') {
      pairs.set(item.id, ++i);
      out.push(
        el(
          'bpt',
          [
            ['i', String(i)],
            ['x', String(xOf(code))],
            ['type', TYPE[code.type]],
          ],
          [clean(code.open)],
        ),
      );
    } else out.push(el('ept', [['i', String(pairs.get(item.id) ?? ++i)]], [clean(code.close ?? '')]));
  }
  return out;
}

export interface TmxEntry {
  tuid: string;
  source: string;
  target: string;
  props: ReadonlyArray<[string, string]>;
}

export function writeTmx(entries: readonly TmxEntry[], srcLang: string, trgLang: string, toolVersion: string): string {
  const tus: OutElement[] = entries.map((e) => {
    const numbers = new Map<string, number>();
    const xOf = (code: Code) => {
      const key = `${code.type}\u0000${code.open}\u0000${code.close ?? ''}`;
      if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
      return numbers.get(key)!;
    };
    return el(
      'tu',
      [['tuid', e.tuid]],
      [
        ...e.props.map(([type, value]) => el('prop', [['type', type]], [clean(value)])),
        // The exact Markdown rides along, so a memory sxs wrote comes back byte for byte.
        el('tuv', [['xml:lang', srcLang]], [el('prop', [['type', 'x-sxs-markdown']], [clean(e.source)]), el('seg', [], segContent(e.source, xOf))]),
        el('tuv', [['xml:lang', trgLang]], [el('prop', [['type', 'x-sxs-markdown']], [clean(e.target)]), el('seg', [], segContent(e.target, xOf))]),
      ],
    );
  });
  const root = el(
    'tmx',
    [['version', '1.4']],
    [
      el('header', [
        ['creationtool', 'sxs'],
        ['creationtoolversion', toolVersion],
        ['segtype', 'sentence'],
        ['o-tmf', 'sxs'],
        ['adminlang', 'en-US'],
        ['srclang', srcLang],
        ['datatype', 'x-markdown'],
      ]),
      el('body', [], tus),
    ],
  );
  return serializeXml(root);
}

/** The Markdown of a `<seg>`: text escaped; codes as their Markdown (ours) or dropped (another tool's). */
function segMarkdown(seg: XmlElement, ours: boolean): string {
  let out = '';
  let atStart = true;
  const text = (v: string) => {
    out += escapeMarkdownText(v, atStart);
    atStart = false;
  };
  const walk = (nodes: readonly XmlNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text' || n.type === 'cdata') text(n.value);
      else if (n.type === 'element') {
        if (n.local === 'hi') walk(n.children);
        else if (['bpt', 'ept', 'ph', 'it', 'ut'].includes(n.local)) {
          if (ours) {
            out += n.children
              .filter((c) => c.type === 'text' || c.type === 'cdata')
              .map((c) => (c as { value: string }).value)
              .join('');
            atStart = false;
          }
        }
      }
    }
  };
  walk(seg.children);
  return out;
}

export function readTmx(bytes: Uint8Array): TmxFile {
  let root: XmlElement;
  try {
    root = parseXml(decodeXml(bytes).text);
  } catch (e) {
    const x = e as { line?: number; column?: number; message: string };
    throw new TmxError(x.message, x.line ?? 1, x.column ?? 1);
  }
  if (root.local !== 'tmx') throw new TmxError(`expected a <tmx> root element, found <${root.name}>`, root.line, root.column);
  const header = childElements(root, 'header')[0];
  const body = childElements(root, 'body')[0];
  if (!header || !body) throw new TmxError('a TMX file needs <header> and <body>', root.line, root.column);
  const creationTool = attr(header, 'creationtool') ?? '';
  const ours = creationTool === 'sxs';
  const units: TmxUnit[] = [];
  for (const tu of childElements(body, 'tu')) {
    const variants = new Map<string, string>();
    for (const tuv of childElements(tu, 'tuv')) {
      const lang = tuv.attributes.find((a) => a.local === 'lang')?.value;
      const seg = childElements(tuv, 'seg')[0];
      const exact = ours ? childElements(tuv, 'prop').find((p) => attr(p, 'type') === 'x-sxs-markdown') : undefined;
      if (lang && exact) variants.set(lang, exact.children.map((c) => (c.type === 'text' || c.type === 'cdata' ? c.value : '')).join(''));
      else if (lang && seg) variants.set(lang, segMarkdown(seg, ours));
    }
    const props = new Map<string, string>();
    for (const p of childElements(tu, 'prop')) {
      const type = attr(p, 'type');
      if (type) props.set(type, p.children.map((c) => (c.type === 'text' ? c.value : '')).join(''));
    }
    const unit: TmxUnit = { variants, props };
    const tuid = attr(tu, 'tuid');
    if (tuid) unit.tuid = tuid;
    units.push(unit);
  }
  return { srcLang: attr(header, 'srclang') ?? '*all*', creationTool, units };
}
