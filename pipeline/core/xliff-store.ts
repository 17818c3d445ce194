/**
 * The translation store file: one XLIFF 2.1 document per source document and locale
 * (`translations/<locale>/<source path>.xlf`). Valid against the 2.1 core + modules schemas.
 *
 *   <xliff version="2.1" srcLang trgLang>
 *     <file id="f1" original="<source path>" xml:space="preserve">
 *       <mda:metadata><mda:metaGroup category="sxs:handoff">   prefix + the six ms.* values
 *       <unit id="u101"><segment id="s101" state="final"><source/><target/></segment></unit>
 *       <unit id="up101">…                                       a p-merged unit (id pN)
 *       <unit id="ur1">…                                         a retired translation (its English went away)
 *     <mda:metaGroup category="sxs:format">                     conventions a harvested file showed
 *     <notes><note category="sxs:published-source">             SOURCE as a published file wrote it, when
 *                                                                that differs from the English's own text
 *
 * Sources and targets are Markdown text (no inline codes: the store is not a vendor handoff).
 * Units are written in document order, one per translated sentence or p-merged unit, so that a
 * changed translation changes one line of the file.
 */
import { HANDOFF_KEYS, type HandoffKey } from '../markdown/front-matter.js';
import { CONVENTION_KEYS, isConventionKey, type Conventions } from './conventions.js';
import { attr, childElements, el, INVALID_XML_CHAR, parseXml, serializeXml, textContent, XmlError, type OutElement, type XmlElement } from './xml.js';

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';

export type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';
const STATES: readonly SegmentState[] = ['initial', 'translated', 'reviewed', 'final'];

export interface StoredTranslation {
  /** `N` or `pN`. */
  id: string;
  source: string;
  target: string;
  state: SegmentState;
  /**
   * SOURCE as the published file this translation was harvested from wrote it, when that differs
   * from `source` only in whitespace or escapes (an older segment from the vendor's memory): written
   * back while the English sentence is `source`.
   */
  published?: string;
  /**
   * The earlier English this translation was made for, when it was accepted for the current one
   * anyway (`import --accept-stale`): published, and reported by `check` until someone reviews it
   * (a later import or harvest of the sentence replaces the entry and drops the mark).
   */
  review?: string;
  /**
   * Harvested as a published file showed it although the target rules (check/target.ts) find a defect
   * in it — a link left without text, a dropped inline code —: what is wrong, in words. Build keeps
   * publishing it as the site did, check reports it for review; an import of the sentence replaces the
   * entry and drops the mark.
   */
  asPublished?: string;
  /**
   * A translation the published file wrote as several pairs (its segmentation split the sentence):
   * each pair's SOURCE and TARGET and the text written after it (the English separator, '' for the
   * last). `source` and `target` are the whole. The rebuild writes it that way again.
   */
  parts?: SplitPart[];
}

export interface SplitPart {
  source: string;
  target: string;
  after: string;
}

export interface StoredDoc {
  /** Source document path, relative to the source root, `/`-separated. */
  path: string;
  sourceLocale: string;
  locale: string;
  prefix?: string;
  handoff: Map<HandoffKey, string>;
  /** Conventions of the bilingual format that a harvested file showed (core/conventions.ts). */
  conventions?: Partial<Conventions>;
  translations: StoredTranslation[];
  /** Where each translation's `<unit>` starts in the file it was read from (by id). */
  positions?: Map<string, { line: number; column: number }>;
}

export class StoreFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const PUBLISHED_SOURCE = 'sxs:published-source';
const TRANSLATED_FROM = 'sxs:translated-from';
const AS_PUBLISHED = 'sxs:as-published';
const ENGLISH_SOURCE = 'sxs:source';

/**
 * `N` (a sentence), `pN` (a unit translated as one), `rN` (retired: its sentence went away), `N-M`
 * (sentences N to M of one unit translated as one, as a published file's segmentation had them).
 */
const ID = /^(?:[pr]?[0-9]+|[0-9]+-[0-9]+)$/;

/** A translation holds a character that XML 1.0 cannot carry (a control character). */
export class StoreWriteError extends Error {}

function checkText(what: string, id: string, value: string): void {
  const bad = INVALID_XML_CHAR.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new StoreWriteError(`${what} of ${id} contains U+${code}, which XML cannot represent`);
  }
}

export function writeStoredDoc(doc: StoredDoc): string {
  const units: OutElement[] = [];
  for (const t of doc.translations) {
    checkText('the source', t.id, t.source);
    checkText('the target', t.id, t.target);
    const kids: OutElement[] = [];
    const notes: OutElement[] = [];
    if (t.published !== undefined) {
      checkText('the published source', t.id, t.published);
      notes.push(el('note', [['category', PUBLISHED_SOURCE]], [t.published]));
    }
    if (t.review !== undefined) {
      checkText('the earlier source', t.id, t.review);
      notes.push(el('note', [['category', TRANSLATED_FROM]], [t.review]));
    }
    if (t.asPublished !== undefined) {
      checkText('the defects of the published translation', t.id, t.asPublished);
      notes.push(el('note', [['category', AS_PUBLISHED]], [t.asPublished]));
    }
    const split = t.parts !== undefined && t.parts.length > 1;
    // The English a split translation is of, when its parts do not spell it exactly.
    if (split && t.parts!.map((p) => p.source + p.after).join('') !== t.source) notes.push(el('note', [['category', ENGLISH_SOURCE]], [t.source]));
    if (notes.length > 0) kids.push(el('notes', [], notes));
    if (split) {
      // A split translation: one segment per published pair, the separators as ignorables.
      t.parts!.forEach((part, i) => {
        checkText('a part', t.id, part.source + part.target + part.after);
        kids.push(
          el(
            'segment',
            [
              ['id', i === 0 ? `s${t.id}` : `s${t.id}_${i + 1}`],
              ['state', t.state],
            ],
            [el('source', [], [part.source]), el('target', [], [part.target])],
          ),
        );
        if (part.after !== '') kids.push(el('ignorable', [], [el('source', [], [part.after])]));
      });
    } else
      kids.push(
        el(
          'segment',
          [
            ['id', `s${t.id}`],
            ['state', t.state],
          ],
          [el('source', [], [t.source]), el('target', [], [t.target])],
        ),
      );
    units.push(el('unit', [['id', `u${t.id}`]], kids));
  }
  const metas: OutElement[] = [];
  if (doc.prefix !== undefined) metas.push(el('mda:meta', [['type', 'prefix']], [doc.prefix]));
  for (const key of HANDOFF_KEYS) {
    const v = doc.handoff.get(key);
    if (v !== undefined) metas.push(el('mda:meta', [['type', key]], [v]));
  }
  const groups: OutElement[] = [];
  if (metas.length > 0) groups.push(el('mda:metaGroup', [['category', 'sxs:handoff']], metas));
  const flags: OutElement[] = [];
  for (const key of CONVENTION_KEYS) {
    const v = doc.conventions?.[key];
    if (v !== undefined) flags.push(el('mda:meta', [['type', key]], [v ? 'yes' : 'no']));
  }
  if (flags.length > 0) groups.push(el('mda:metaGroup', [['category', 'sxs:format']], flags));
  const fileKids: OutElement[] = [];
  if (groups.length > 0) fileKids.push(el('mda:metadata', [], groups));
  fileKids.push(...units);
  if (units.length === 0) {
    // A <file> needs at least one unit or group.
    fileKids.push(el('group', [['id', 'empty']]));
  }
  const root = el(
    'xliff',
    [
      ['xmlns', XLIFF2_NS],
      ['xmlns:mda', MDA_NS],
      ['version', '2.1'],
      ['srcLang', doc.sourceLocale],
      ['trgLang', doc.locale],
    ],
    [
      el(
        'file',
        [
          ['id', 'f1'],
          ['original', doc.path],
          ['xml:space', 'preserve'],
        ],
        fileKids,
      ),
    ],
  );
  return serializeXml(root);
}

function fail(node: XmlElement, message: string): never {
  throw new StoreFormatError(message, node.line, node.column);
}

function only(parent: XmlElement, local: string): XmlElement | undefined {
  const found = childElements(parent, local).filter((e) => e.uri === XLIFF2_NS);
  if (found.length > 1) fail(found[1]!, `more than one <${local}> in <${parent.local}>`);
  return found[0];
}

/** A unit of several segments: a split translation (see SplitPart), keyed by the unit's id. */
function readSplit(unit: XmlElement, segments: readonly XmlElement[], doc: StoredDoc, seen: Set<string>): void {
  const uid = attr(unit, 'id') ?? '';
  const id = uid.startsWith('u') ? uid.slice(1) : '';
  if (!/^[0-9]+$/.test(id)) fail(unit, `a unit of several segments must have the id u<N>, found ${JSON.stringify(uid)}`);
  if (seen.has(id)) fail(unit, `unit ${uid} appears twice`);
  seen.add(id);
  const state = (attr(segments[0]!, 'state') ?? 'initial') as SegmentState;
  if (!STATES.includes(state)) fail(segments[0]!, `unknown state ${JSON.stringify(state)}`);
  const parts: SplitPart[] = [];
  for (const child of childElements(unit).filter((e) => e.uri === XLIFF2_NS)) {
    if (child.local === 'segment') {
      const source = only(child, 'source');
      const target = only(child, 'target');
      if (!source || !target) fail(child, `every segment of split unit ${uid} needs a <source> and a <target>`);
      for (const part of [source, target]) if (childElements(part).length > 0) fail(childElements(part)[0]!, `inline elements are not allowed in the store's <${part.local}>`);
      parts.push({ source: textContent(source), target: textContent(target), after: '' });
    } else if (child.local === 'ignorable') {
      const source = only(child, 'source');
      if (!source || parts.length === 0) fail(child, `an <ignorable> of split unit ${uid} must follow a segment and have a <source>`);
      parts[parts.length - 1]!.after += textContent(source);
    }
  }
  const t: StoredTranslation = {
    id,
    source: parts.map((p) => p.source + p.after).join(''),
    target: parts.map((p) => p.target + p.after).join(''),
    state,
    parts,
  };
  for (const notes of childElements(unit, 'notes').filter((e) => e.uri === XLIFF2_NS)) {
    for (const note of childElements(notes, 'note')) {
      if (attr(note, 'category') === PUBLISHED_SOURCE) t.published = textContent(note);
      if (attr(note, 'category') === TRANSLATED_FROM) t.review = textContent(note);
      if (attr(note, 'category') === AS_PUBLISHED) t.asPublished = textContent(note);
      if (attr(note, 'category') === ENGLISH_SOURCE) t.source = textContent(note);
    }
  }
  doc.translations.push(t);
  doc.positions!.set(id, { line: unit.line, column: unit.column });
}

/** Reads a store file. Anything that is not the store's own shape is an error with a position. */
export function readStoredDoc(text: string): StoredDoc {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) throw new StoreFormatError(e.message, e.line, e.column);
    throw e;
  }
  if (root.local !== 'xliff' || root.uri !== XLIFF2_NS) fail(root, `expected an XLIFF 2 <xliff> root element, found <${root.name}>`);
  const version = attr(root, 'version');
  if (version !== '2.0' && version !== '2.1') fail(root, `expected version="2.1", found ${JSON.stringify(version)}`);
  const files = childElements(root, 'file');
  if (files.length !== 1) fail(root, `expected exactly one <file>, found ${files.length}`);
  const file = files[0]!;
  const path = attr(file, 'original');
  if (!path) fail(file, '<file> needs an original="<source path>" attribute');
  const doc: StoredDoc = {
    path,
    sourceLocale: attr(root, 'srcLang') ?? '',
    locale: attr(root, 'trgLang') ?? '',
    handoff: new Map(),
    translations: [],
    positions: new Map(),
  };
  for (const md of childElements(file, 'metadata').filter((e) => e.uri === MDA_NS)) {
    for (const group of childElements(md, 'metaGroup')) {
      if (attr(group, 'category') === 'sxs:format') {
        for (const meta of childElements(group, 'meta')) {
          const type = attr(meta, 'type') ?? '';
          const value = textContent(meta);
          if (!isConventionKey(type)) fail(meta, `unknown format convention ${JSON.stringify(type)} (expected ${CONVENTION_KEYS.join(', ')})`);
          if (value !== 'yes' && value !== 'no') fail(meta, `format convention ${type} must be yes or no, found ${JSON.stringify(value)}`);
          (doc.conventions ??= {})[type] = value === 'yes';
        }
        continue;
      }
      for (const meta of childElements(group, 'meta')) {
        const type = attr(meta, 'type');
        const value = textContent(meta);
        if (type === 'prefix') {
          if (!/^[0-9a-f]{5}$/.test(value)) fail(meta, `the prefix must be 5 lowercase hex digits, found ${JSON.stringify(value)}`);
          doc.prefix = value;
        } else if ((HANDOFF_KEYS as readonly string[]).includes(type ?? '')) doc.handoff.set(type as HandoffKey, value);
      }
    }
  }
  const seen = new Set<string>();
  for (const unit of childElements(file, 'unit')) {
    const segments = childElements(unit, 'segment').filter((e) => e.uri === XLIFF2_NS);
    if (segments.length > 1) {
      readSplit(unit, segments, doc, seen);
      continue;
    }
    for (const seg of segments) {
      const sid = attr(seg, 'id') ?? '';
      const id = sid.startsWith('s') ? sid.slice(1) : '';
      if (!ID.test(id)) fail(seg, `segment id must be s<N>, sp<N> or sr<N>, found ${JSON.stringify(sid)}`);
      if (seen.has(id)) fail(seg, `segment ${sid} appears twice`);
      seen.add(id);
      const state = (attr(seg, 'state') ?? 'initial') as SegmentState;
      if (!STATES.includes(state)) fail(seg, `unknown state ${JSON.stringify(state)}`);
      const source = only(seg, 'source');
      if (!source) fail(seg, `segment ${sid} has no <source>`);
      const target = only(seg, 'target');
      for (const part of [source, target]) {
        if (part && childElements(part).length > 0) fail(childElements(part)[0]!, `inline elements are not allowed in the store's <${part.local}>`);
      }
      if (!target) continue;
      const t: StoredTranslation = { id, source: textContent(source), target: textContent(target), state };
      for (const notes of childElements(unit, 'notes').filter((e) => e.uri === XLIFF2_NS)) {
        for (const note of childElements(notes, 'note')) {
          if (attr(note, 'category') === PUBLISHED_SOURCE) t.published = textContent(note);
          if (attr(note, 'category') === TRANSLATED_FROM) t.review = textContent(note);
          if (attr(note, 'category') === AS_PUBLISHED) t.asPublished = textContent(note);
        }
      }
      doc.translations.push(t);
      doc.positions!.set(id, { line: unit.line, column: unit.column });
    }
  }
  return doc;
}
