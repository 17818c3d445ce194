/**
 * A reading view over any XLIFF document (1.0–1.2 incl. Trados/memoQ/Phrase flavours, 2.0–2.2):
 * files → units → parts (segments and the content between them), each with its source and target
 * as a sequence of text and inline codes, the state (standard attribute first, then the vendor's)
 * and line numbers. The XML tree underneath stays whole (lossless); this view only reads it.
 */
import { attr, childElements, decodeXml, parseXml, type XmlElement, type XmlNode } from '../core/xml.js';
import { vendorState, type Workflow } from './vendors.js';

export const NS12 = 'urn:oasis:names:tc:xliff:document:1.2';
export const NS11 = 'urn:oasis:names:tc:xliff:document:1.1';
export const NS20 = 'urn:oasis:names:tc:xliff:document:2.0';
export const NS22 = 'urn:oasis:names:tc:xliff:document:2.2';

export type InlineItem =
  | { t: 'text'; v: string }
  /** A standalone code: 2.x `<ph>`, 1.2 `<x>`, `<ph>`, isolated `<it>`. */
  | { t: 'ph'; id: string; el: XmlElement }
  /** Start of a paired code: 2.x `<pc>` (its start) or `<sc>`, 1.2 `<g>`, `<bpt>`, `<bx>`. */
  | { t: 'open'; id: string; el: XmlElement }
  /** End of a paired code, carrying the id of its start. */
  | { t: 'close'; id: string; el: XmlElement };

export interface XPart {
  kind: 'segment' | 'ignorable';
  /** Segment id (2.x), `mid` (1.2 seg-source) or the trans-unit id (1.2 without segmentation). */
  id: string;
  source: InlineItem[];
  /** undefined: no target at all. */
  target?: InlineItem[];
  /** Normalized workflow state, and where it was read from. */
  state?: Workflow;
  stateFrom?: string;
  line: number;
}

export interface XUnit {
  id: string;
  line: number;
  parts: XPart[];
  /**
   * 1.2: the line of a `<target>` not split into the `<seg-source>`'s several segments (no
   * `<mrk mtype="seg">`): which translation belongs to which segment cannot be told. (With one
   * segment, that segment takes the whole target.)
   */
  unsegmentedTarget?: number;
}

export interface XFile {
  original?: string;
  id?: string;
  sourceLang?: string;
  targetLang?: string;
  line: number;
  units: XUnit[];
}

export interface XliffDoc {
  version: string;
  /** Namespace family: '1' (1.0–1.2) or '2' (2.x). */
  family: '1' | '2';
  sourceLang?: string;
  targetLang?: string;
  files: XFile[];
  root: XmlElement;
  encoding: string;
}

export class XliffReadError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const CODE_1 = new Set(['g', 'x', 'bx', 'ex', 'bpt', 'ept', 'ph', 'it']);
const CODE_2 = new Set(['pc', 'ph', 'sc', 'ec']);

/** Elements in `parent` with this local name, in any XLIFF namespace (files may prefix or mix them). */
function kids(parent: XmlElement, local: string): XmlElement[] {
  return childElements(parent, local).filter((e) => e.uri === parent.uri || e.uri === '' || e.uri.startsWith('urn:oasis:names:tc:xliff:document:'));
}

/** One node of 1.2 inline content: text and codes; annotations are read through. */
function inline12Node(c: XmlNode, out: InlineItem[]): void {
  if (c.type === 'text' || c.type === 'cdata') out.push({ t: 'text', v: c.value });
  if (c.type !== 'element') return;
  const id = attr(c, 'id') ?? '';
  switch (c.local) {
    case 'g':
      out.push({ t: 'open', id, el: c });
      inline12(c, out);
      out.push({ t: 'close', id, el: c });
      break;
    case 'bpt':
    case 'bx':
      out.push({ t: 'open', id: attr(c, 'rid') ?? id, el: c });
      break;
    case 'ept':
    case 'ex':
      out.push({ t: 'close', id: attr(c, 'rid') ?? id, el: c });
      break;
    case 'x':
    case 'ph':
    case 'it':
      out.push({ t: 'ph', id, el: c });
      break;
    default:
      // mrk and unknown or foreign inline elements: their text still belongs to the content.
      inline12(c, out);
  }
}

/** Inline content of a 1.2 `<source>`/`<target>`/`<mrk>`. */
function inline12(el: XmlElement, out: InlineItem[]): void {
  for (const c of el.children) inline12Node(c, out);
}

/** Inline content of a 2.x `<source>`/`<target>`. */
function inline2(el: XmlElement, out: InlineItem[]): void {
  for (const c of el.children) {
    if (c.type === 'text' || c.type === 'cdata') out.push({ t: 'text', v: c.value });
    if (c.type !== 'element') continue;
    const id = attr(c, 'id') ?? '';
    switch (c.local) {
      case 'pc':
        out.push({ t: 'open', id, el: c });
        inline2(c, out);
        out.push({ t: 'close', id, el: c });
        break;
      case 'sc':
        if (attr(c, 'isolated') === 'yes') out.push({ t: 'ph', id, el: c });
        else out.push({ t: 'open', id, el: c });
        break;
      case 'ec':
        if (attr(c, 'isolated') === 'yes') out.push({ t: 'ph', id, el: c });
        else out.push({ t: 'close', id: attr(c, 'startRef') ?? id, el: c });
        break;
      case 'ph':
        out.push({ t: 'ph', id, el: c });
        break;
      case 'cp': {
        const code = Number.parseInt(attr(c, 'hex') ?? '', 16);
        // A number past U+10FFFF is no character (String.fromCodePoint would throw): U+FFFD.
        out.push({ t: 'text', v: !Number.isFinite(code) ? '' : code > 0x10ffff ? '\ufffd' : String.fromCodePoint(code) });
        break;
      }
      default:
        // mrk, sm/em and unknown inline elements: annotations; their content is read through.
        inline2(c, out);
    }
  }
}

function contentOf(el: XmlElement | undefined, family: '1' | '2'): InlineItem[] | undefined {
  if (!el) return undefined;
  const out: InlineItem[] = [];
  (family === '1' ? inline12 : inline2)(el, out);
  return out;
}

/** All trans-units under a 1.2 body or group (groups nest, with or without ids). */
function transUnits(el: XmlElement, out: XmlElement[]): XmlElement[] {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (c.local === 'trans-unit') out.push(c);
    else if (c.local === 'group' || c.local === 'body') transUnits(c, out);
  }
  return out;
}

type Split12 = { mid: string; el: XmlElement } | { items: InlineItem[]; line: number };

/**
 * 1.2 `<seg-source>`/`<target>` split at `<mrk mtype="seg">`: the segments, and the content between
 * them (text and codes, including a `<g>` wrapped around segments) as runs of inline items.
 */
function splitSegments(el: XmlElement): Split12[] {
  const out: Split12[] = [];
  let between: InlineItem[] = [];
  const flush = () => {
    if (between.length > 0) out.push({ items: between, line: el.line });
    between = [];
  };
  const walk = (node: XmlElement) => {
    for (const c of node.children) {
      if (c.type === 'element' && c.local === 'mrk' && attr(c, 'mtype') === 'seg') {
        flush();
        out.push({ mid: attr(c, 'mid') ?? '', el: c });
      } else if (c.type === 'element' && c.local === 'g' && containsSeg(c)) {
        const id = attr(c, 'id') ?? '';
        between.push({ t: 'open', id, el: c });
        walk(c);
        between.push({ t: 'close', id, el: c });
      } else inline12Node(c, between);
    }
  };
  walk(el);
  flush();
  return out;
}

function containsSeg(el: XmlElement): boolean {
  return el.children.some((c) => c.type === 'element' && ((c.local === 'mrk' && attr(c, 'mtype') === 'seg') || containsSeg(c)));
}

function unit12(tu: XmlElement): XUnit {
  const id = attr(tu, 'id') ?? '';
  const source = kids(tu, 'source')[0];
  const segSource = kids(tu, 'seg-source')[0];
  const target = kids(tu, 'target')[0];
  const parts: XPart[] = [];
  let unsegmented: number | undefined;
  if (segSource && containsSeg(segSource)) {
    const targets = new Map<string, XmlElement>();
    const targetBetween: InlineItem[][] = [];
    const segments = splitSegments(segSource).filter((x) => 'mid' in x);
    if (target && !containsSeg(target)) {
      // Many tools write the translation of a segmented source as one plain target.
      if (segments.length === 1) targets.set(segments[0]!.mid, target);
      else if (contentOf(target, '1')?.length) unsegmented = target.line;
    } else if (target) {
      for (const t of splitSegments(target)) {
        if ('mid' in t) targets.set(t.mid, t.el);
        else targetBetween.push(t.items);
      }
    }
    let b = 0;
    for (const s of splitSegments(segSource)) {
      if (!('mid' in s)) {
        const part: XPart = { kind: 'ignorable', id: '', source: s.items, line: s.line };
        const t = targetBetween[b++];
        if (t) part.target = t;
        parts.push(part);
        continue;
      }
      const part: XPart = { kind: 'segment', id: s.mid, source: contentOf(s.el, '1')!, line: s.el.line };
      const tc = contentOf(targets.get(s.mid), '1');
      if (tc) part.target = tc;
      const state = vendorState(tu, target, s.mid);
      if (state) [part.state, part.stateFrom] = [state.state, state.from];
      parts.push(part);
    }
    // Content between target segments that has no counterpart in the source is kept too.
    for (; b < targetBetween.length; b++) parts.push({ kind: 'ignorable', id: '', source: [], target: targetBetween[b]!, line: target!.line });
  } else {
    const part: XPart = { kind: 'segment', id, source: contentOf(source, '1') ?? [], line: (source ?? tu).line };
    const tc = contentOf(target, '1');
    if (tc) part.target = tc;
    const state = vendorState(tu, target, undefined);
    if (state) [part.state, part.stateFrom] = [state.state, state.from];
    parts.push(part);
  }
  return { id, line: tu.line, parts, ...(unsegmented !== undefined ? { unsegmentedTarget: unsegmented } : {}) };
}

function units2(el: XmlElement, out: XUnit[]): void {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (c.local === 'group') units2(c, out);
    if (c.local !== 'unit') continue;
    const parts: XPart[] = [];
    for (const p of c.children) {
      if (p.type !== 'element' || (p.local !== 'segment' && p.local !== 'ignorable')) continue;
      const part: XPart = {
        kind: p.local,
        id: attr(p, 'id') ?? '',
        source: contentOf(kids(p, 'source')[0], '2') ?? [],
        line: p.line,
      };
      const target = contentOf(kids(p, 'target')[0], '2');
      if (target) part.target = target;
      if (p.local === 'segment') {
        const state = vendorState(p, kids(p, 'target')[0], undefined);
        if (state) [part.state, part.stateFrom] = [state.state, state.from];
      }
      parts.push(part);
    }
    out.push({ id: attr(c, 'id') ?? '', line: c.line, parts });
  }
}

/** Reads an XLIFF document from its bytes (any encoding XML allows, with or without BOM). */
export function readXliff(bytes: Uint8Array): XliffDoc {
  const { text, encoding } = decodeXml(bytes);
  const root = parseXml(text);
  if (root.local !== 'xliff') throw new XliffReadError(`not an XLIFF document: the root element is <${root.name}>`, root.line, root.column);
  const version = attr(root, 'version') ?? '';
  const family: '1' | '2' = root.uri === NS20 || root.uri === NS22 || version.startsWith('2') ? '2' : '1';
  if (family === '1' && root.uri !== NS12 && root.uri !== NS11 && root.uri !== '') {
    throw new XliffReadError(`unknown XLIFF namespace ${JSON.stringify(root.uri)}`, root.line, root.column);
  }
  const doc: XliffDoc = { version, family, files: [], root, encoding };
  const srcLang = attr(root, 'srcLang');
  const trgLang = attr(root, 'trgLang');
  if (srcLang) doc.sourceLang = srcLang;
  if (trgLang) doc.targetLang = trgLang;
  for (const f of kids(root, 'file')) {
    const file: XFile = { line: f.line, units: [] };
    const original = attr(f, 'original');
    const id = attr(f, 'id');
    if (original !== undefined) file.original = original;
    if (id !== undefined) file.id = id;
    if (family === '1') {
      const sl = attr(f, 'source-language');
      const tl = attr(f, 'target-language');
      if (sl) file.sourceLang = sl;
      if (tl) file.targetLang = tl;
      for (const body of kids(f, 'body')) for (const tu of transUnits(body, [])) file.units.push(unit12(tu));
    } else {
      if (srcLang) file.sourceLang = srcLang;
      if (trgLang) file.targetLang = trgLang;
      units2(f, file.units);
    }
    doc.files.push(file);
  }
  return doc;
}

export { CODE_1, CODE_2 };
