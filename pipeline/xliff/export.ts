/**
 * Export: what a document needs translated in a locale, as an XLIFF 2.1 or 1.2 handoff file.
 *
 * A sentence is `new` (no stored translation), `changed` (stored for another English text) or
 * `translated`. By default a unit is exported when one of its sentences needs translation: those
 * become segments, the translated ones stay as context (2.1 `<ignorable>`, 1.2 text outside the
 * segment markers). With `all`, every sentence is a segment and translations are pre-filled with
 * their state. Output is valid against the strict 1.2 XSD and the 2.1 core + modules XSD.
 *
 * With a glossary, each unit carries the entries its English uses (in order of first occurrence):
 * XLIFF 2.1 as the Glossary module (`<gls:glossary>` before the unit's notes: per entry the English
 * term, the locale's approved translations — the term itself for do-not-translate — and a definition
 * that also says "Do not translate." and "Do not use: …" for forbidden terms), XLIFF 1.2 as one
 * `<note from="sxs-glossary">term → translation (definition)</note>` per entry. Without one, or in a
 * unit that uses none, the output is as before, byte for byte.
 */
import type { SourceDoc } from '../core/doc.js';
import type { StoredDoc, SegmentState } from '../core/xliff-store.js';
import { CTYPE_12, DELETABLE, inlineContent, plainText, targetContent, type Code, type Content, type Seq } from '../core/codes.js';
import { exchangeUnits, type ExSegment, type ExUnit } from '../core/exchange.js';
import { resolveUnits } from '../core/resolve.js';
import type { TmEntry, TranslationMemory } from '../tm/memory.js';
import { entriesFor, type LocaleEntry } from '../terms/match.js';
import type { Glossary } from '../terms/tbx.js';
import { el, INVALID_XML_CHAR, serializeXml, type OutElement, type OutNode } from '../core/xml.js';

export type Status = 'new' | 'changed' | 'translated';

/** The classes vendors quote on (word counts of every sentence of the documents). */
export const CLASSES = ['new', 'fuzzy75', 'fuzzy85', 'fuzzy95', 'exact', 'inContext', 'repetitions'] as const;
export type MatchClass = (typeof CLASSES)[number];
export type Analysis = Record<MatchClass, { segments: number; words: number }>;

export const emptyAnalysis = (): Analysis => Object.fromEntries(CLASSES.map((c) => [c, { segments: 0, words: 0 }])) as Analysis;

/**
 * A translation-memory match offered for a segment: the memory entry's own English and its
 * translation, both with the entry's inline codes, so a translator sees what differs from the segment.
 */
export interface Leverage {
  score: number;
  /** Where it comes from: `path#id` of a stored translation, or the TMX file. */
  origin: string;
  source: Content;
  /** The translation, with codes of `source`. */
  target: Seq;
}

export interface PlannedSegment {
  seg: ExSegment;
  status: Status;
  /** Pre-filled target and its state. */
  target?: Seq;
  state?: SegmentState;
  /** The memory match the target was pre-filled from (state initial: to be reviewed). */
  match?: Leverage;
}

export type PlannedPart = { kind: 'segment'; segment: PlannedSegment } | { kind: 'context'; segment: PlannedSegment } | { kind: 'space'; text: string };

export interface PlannedUnit {
  unit: ExUnit;
  parts: PlannedPart[];
  /** The glossary entries the unit's English uses (only when there are some). */
  terms?: LocaleEntry[];
}

export interface WordCounts {
  new: number;
  changed: number;
  translated: number;
}

export interface ExportPlan {
  path: string;
  sourceLocale: string;
  locale: string;
  prefix: string;
  units: PlannedUnit[];
  /** Segments written as segments, and the words of every sentence of the document by status. */
  segments: number;
  words: WordCounts;
  /** Words and segments of every sentence by match class. */
  analysis: Analysis;
  /** Translations that could not be pre-filled (their inline codes do not map onto the English). */
  notPrefilled: number;
  /** Segments pre-filled from the translation memory. */
  leveraged: number;
  /** Glossary entries written into the units (one per unit that uses it). */
  terms: number;
  /** The glossary's file name (the origin of the entries). */
  glossary?: string;
  /** Handoff values to write into the file (2.1 metadata), when the export records a handoff. */
  handoff?: ReadonlyMap<string, string>;
}

export class ExportError extends Error {}

export interface PlanOptions {
  locale: string;
  sourceLocale: string;
  prefix: string;
  all: boolean;
  /** The locale's translation memory: leverage for what needs translation. */
  memory?: TranslationMemory;
  /** Lowest fuzzy score pre-filled (0–100). */
  threshold?: number;
  /** English of segments already counted in this run (repetitions); updated. */
  seen?: Set<string>;
  /** The project's glossary: the entries each unit uses go into the file. */
  glossary?: Glossary;
}

function band(score: number): MatchClass {
  return score >= 100 ? 'exact' : score >= 95 ? 'fuzzy95' : score >= 85 ? 'fuzzy85' : score >= 75 ? 'fuzzy75' : 'new';
}

const originText = (e: TmEntry) => ('tmx' in e.origin ? e.origin.tmx : `${e.origin.path}#${e.origin.id}`);

const textOnly = (text: string): Content => ({ seq: text === '' ? [] : [{ t: 'text', v: text }], codes: new Map() });

/** A memory entry as a proposal: its Markdown read as text and codes (plain units: as text). */
function leverageOf(entry: TmEntry, score: number, plain: boolean, definitions: readonly string[]): Leverage {
  const origin = originText(entry);
  if (plain) return { score, origin, source: textOnly(entry.source), target: textOnly(entry.target).seq };
  const source = inlineContent(entry.source, definitions) ?? textOnly(entry.source);
  // Codes of the translation map onto the entry's English (relaxed: one that does not is dropped); a
  // translation that is not inline Markdown at all (the only null) is shown as written.
  const target = targetContent(entry.target, source, definitions, true) ?? textOnly(entry.target).seq;
  return { score, origin, source, target };
}

/** Decides what goes into the handoff file of one document, and how its words classify. */
export function planExport(doc: SourceDoc, stored: StoredDoc | null, options: PlanOptions): ExportPlan {
  const plan: ExportPlan = {
    path: doc.path,
    sourceLocale: options.sourceLocale,
    locale: options.locale,
    prefix: options.prefix,
    units: [],
    segments: 0,
    words: { new: 0, changed: 0, translated: 0 },
    analysis: emptyAnalysis(),
    notPrefilled: 0,
    leveraged: 0,
    terms: 0,
  };
  if (options.glossary) plan.glossary = options.glossary.name;
  const threshold = options.threshold ?? 75;
  const units = exchangeUnits(doc);
  // The resolution build and check use: in-context exact = already translated here.
  const res = resolveUnits(stored, units);
  const classify = (seg: ExSegment, cls: MatchClass) => {
    plan.analysis[cls].segments++;
    plan.analysis[cls].words += seg.words;
  };
  units.forEach((unit, u) => {
    const mergedEntry = res.merged[u];
    const merged = mergedEntry && unit.merged ? unit.merged : undefined;
    // A unit none of whose sentences is translated here, whose whole English the memory holds (a
    // `pN` translation elsewhere): handed off as one segment, pre-filled with that translation.
    const wholeMatch = !merged && unit.merged && !unit.segments.some((seg) => res.translated.has(seg) || options.seen?.has(seg.source)) ? options.memory?.exact(unit.merged.source)[0] : undefined;
    const segs = merged ? [merged] : wholeMatch ? [unit.merged!] : unit.segments;
    const planned = segs.map((seg): PlannedSegment => {
      if (wholeMatch) {
        const p: PlannedSegment = { seg, status: unit.segments.some((x) => res.stale.has(x)) ? 'changed' : 'new' };
        plan.words[p.status] += seg.words;
        for (const s of unit.segments) {
          classify(s, 'exact');
          options.seen?.add(s.source);
        }
        const target = unit.plain ? [{ t: 'text' as const, v: wholeMatch.target }] : targetContent(wholeMatch.target, seg.content, doc.definitions, false);
        if (target && target.length > 0) {
          [p.target, p.state] = [target, 'initial'];
          p.match = leverageOf(wholeMatch, 100, unit.plain, doc.definitions);
          plan.leveraged++;
        }
        return p;
      }
      const entry = merged ? mergedEntry : res.translated.get(seg);
      const status: Status = entry ? 'translated' : res.stale.has(seg) ? 'changed' : 'new';
      plan.words[status] += seg.words;
      const p: PlannedSegment = { seg, status };
      const contentOf = (markdown: string, relaxed: boolean) => (unit.plain ? [{ t: 'text' as const, v: markdown }] : targetContent(markdown, seg.content, doc.definitions, relaxed));
      if (entry) {
        for (const s of merged ? unit.segments : [seg]) classify(s, 'inContext');
        if (options.all) {
          const target = contentOf(entry.target, false);
          if (target) [p.target, p.state] = [target, entry.state];
          else plan.notPrefilled++;
        }
        return p;
      }
      // A repetition is counted once (the vendor translates it once), but still pre-filled.
      const repeated = options.seen?.has(seg.source) ?? false;
      options.seen?.add(seg.source);
      const best = options.memory?.fuzzy(seg.source, Math.min(threshold, 75), 1)[0];
      classify(seg, repeated ? 'repetitions' : best ? band(best.score) : 'new');
      if (best && best.score >= threshold) {
        const target = contentOf(best.entry.target, best.score < 100);
        if (target && target.length > 0) {
          p.target = target;
          p.state = 'initial';
          p.match = leverageOf(best.entry, best.score, unit.plain, doc.definitions);
          plan.leveraged++;
        }
      }
      return p;
    });
    if (!options.all && planned.every((p) => p.status === 'translated')) return;
    const parts: PlannedPart[] = [];
    planned.forEach((p, i) => {
      if (i > 0) parts.push({ kind: 'space', text: merged ? ' ' : (unit.separators[i - 1] ?? ' ') });
      const asSegment = options.all || p.status !== 'translated';
      parts.push({ kind: asSegment ? 'segment' : 'context', segment: p });
      if (asSegment) plan.segments++;
    });
    const withTerms: PlannedUnit = { unit, parts };
    if (options.glossary) {
      const terms = entriesFor(options.glossary, unitText(parts), options.locale).filter((e) => e.translations.length > 0 || e.forbidden.length > 0 || e.definition);
      if (terms.length > 0) {
        withTerms.terms = terms;
        plan.terms += terms.length;
      }
    }
    plan.units.push(withTerms);
  });
  return plan;
}

/** The English a translator reads in a unit, as plain text (segments and context, codes left out). */
function unitText(parts: readonly PlannedPart[]): string {
  return parts.map((p) => (p.kind === 'space' ? p.text : plainText(p.segment.seg.content))).join('');
}

/** An entry's definition as handed off: the definition, then what the translator must not do. */
function handoffDefinition(e: LocaleEntry): string | undefined {
  const parts = [e.definition ?? ''];
  if (e.entry.dnt) parts.push('Do not translate.');
  if (e.forbidden.length > 0) parts.push(`Do not use: ${e.forbidden.join(', ')}.`);
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

function checkXmlText(text: string, where: string): string {
  const bad = INVALID_XML_CHAR.exec(text);
  if (bad) throw new ExportError(`${where} contains U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`);
  return text;
}

// ---------------------------------------------------------------- XLIFF 2.1

const TYPE_2: Record<Code['type'], [string, string | undefined]> = {
  bold: ['fmt', 'xlf:b'],
  italic: ['fmt', 'xlf:i'],
  strike: ['fmt', 'sxs:strike'],
  link: ['link', undefined],
  image: ['image', undefined],
  code: ['other', 'sxs:code'],
  html: ['other', 'sxs:html'],
  autolink: ['link', 'sxs:autolink'],
  escape: ['other', 'sxs:escape'],
  entity: ['other', 'sxs:entity'],
  footnote: ['other', 'sxs:footnote'],
  break: ['fmt', 'xlf:lb'],
};

/** `<originalData>` of a unit: one `<data>` per distinct Markdown fragment. */
class DataTable {
  readonly ids = new Map<string, string>();
  ref(markdown: string): string {
    let id = this.ids.get(markdown);
    if (!id) {
      id = `d${this.ids.size + 1}`;
      this.ids.set(markdown, id);
    }
    return id;
  }
  element(): OutElement {
    return el(
      'originalData',
      [],
      [...this.ids].map(([md, id]) => el('data', [['id', id]], [checkXmlText(md, 'a Markdown code')])),
    );
  }
}

function inline2(seq: Seq, codes: ReadonlyMap<string, Code>, data: DataTable): OutNode[] {
  const root: OutNode[] = [];
  const stack: OutNode[][] = [root];
  for (const item of seq) {
    const top = stack[stack.length - 1]!;
    if (item.t === 'text') {
      top.push(checkXmlText(item.v, 'a segment'));
      continue;
    }
    const code = codes.get(item.id)!;
    const [type, subType] = TYPE_2[code.type];
    if (item.t === 'ph') {
      top.push(
        el('ph', [
          ['id', code.id],
          ['dataRef', data.ref(code.open)],
          ['type', type],
          ['subType', subType],
          ['disp', code.disp],
          ['equiv', code.equiv],
          ['canCopy', 'no'],
          ['canDelete', DELETABLE.has(code.type) ? undefined : 'no'],
        ]),
      );
    } else if (item.t === 'open') {
      const kids: OutNode[] = [];
      top.push(
        el(
          'pc',
          [
            ['id', code.id],
            ['dataRefStart', data.ref(code.open)],
            ['dataRefEnd', data.ref(code.close ?? '')],
            ['type', type],
            ['subType', subType],
            ['dispStart', code.open],
            ['dispEnd', code.close],
            ['canCopy', 'no'],
            ['canDelete', DELETABLE.has(code.type) ? undefined : 'no'],
          ],
          kids,
        ),
      );
      stack.push(kids);
    } else stack.pop();
  }
  return root;
}

/** A match's content: its own `<originalData>` (the module scopes data to the match), source and target. */
function match2(match: Leverage): OutElement[] {
  const data = new DataTable();
  const source = el('source', [], inline2(match.source.seq, match.source.codes, data));
  const target = el('target', [], inline2(match.target, match.source.codes, data));
  return data.ids.size > 0 ? [data.element(), source, target] : [source, target];
}

function notes2(plan: ExportPlan, unit: ExUnit): OutElement {
  const ids = unit.segments.flatMap((s) => s.sentences).map((n) => `${plan.prefix}-${n}`);
  const notes = [el('note', [['category', 'location']], [`${plan.path}:${unit.line}`])];
  if (unit.headings.length > 0) notes.push(el('note', [['category', 'context']], [unit.headings.join(' › ')]));
  notes.push(el('note', [['category', 'block']], [unit.kind]));
  notes.push(el('note', [['category', 'data-ttu-id']], [ids.join(' ')]));
  return el('notes', [], notes);
}

/** `<gls:glossary>`: one entry per glossary entry, ids unique in the unit (`g1`…), a translation or a definition each. */
function glossary2(terms: readonly LocaleEntry[], origin: string | undefined): OutElement {
  return el(
    'gls:glossary',
    [],
    terms.map((e, i) => {
      const kids = [el('gls:term', [['source', origin]], [checkXmlText(e.term, 'a glossary term')])];
      for (const t of e.translations) kids.push(el('gls:translation', [], [checkXmlText(t, 'a glossary term')]));
      const definition = handoffDefinition(e);
      if (definition) kids.push(el('gls:definition', [], [checkXmlText(definition, 'a glossary definition')]));
      return el('gls:glossEntry', [['id', `g${i + 1}`]], kids);
    }),
  );
}

export function writeXliff21(plan: ExportPlan): string {
  const units = plan.units.map(({ unit, parts, terms }) => {
    const data = new DataTable();
    const body: OutElement[] = [];
    const matches: OutElement[] = [];
    let spaces = 0;
    for (const part of parts) {
      if (part.kind === 'space') {
        body.push(el('ignorable', [['id', `i${++spaces}`]], [el('source', [], [checkXmlText(part.text, 'a separator')])]));
        continue;
      }
      const { seg, target, state } = part.segment;
      const source = el('source', [], inline2(seg.content.seq, seg.content.codes, data));
      if (part.kind === 'context') {
        body.push(el('ignorable', [['id', `i${++spaces}`]], [source]));
        continue;
      }
      const kids = [source];
      if (target) kids.push(el('target', [], inline2(target, seg.content.codes, data)));
      const match = part.segment.match;
      body.push(
        el(
          'segment',
          [
            ['id', `s${seg.id}`],
            ['state', target ? state : undefined],
            ['subState', match ? `sxs:tm-${match.score}` : undefined],
          ],
          kids,
        ),
      );
      if (match) {
        matches.push(
          el(
            'mtc:match',
            [
              ['ref', `#s${seg.id}`],
              ['similarity', String(match.score)],
              ['type', 'tm'],
              ['origin', match.origin],
            ],
            match2(match),
          ),
        );
      }
    }
    const head: OutElement[] = [];
    if (matches.length > 0) head.push(el('mtc:matches', [], matches));
    if (terms) head.push(glossary2(terms, plan.glossary));
    head.push(notes2(plan, unit));
    if (data.ids.size > 0) head.push(data.element());
    return el('unit', [['id', unit.id]], [...head, ...body]);
  });
  const fileKids: OutElement[] = [];
  if (plan.handoff && plan.handoff.size > 0) {
    const metas = [...plan.handoff].map(([k, v]) => el('mda:meta', [['type', k]], [v]));
    fileKids.push(el('mda:metadata', [], [el('mda:metaGroup', [['category', 'sxs:handoff']], metas)]));
  }
  const root = el(
    'xliff',
    [
      ['xmlns', 'urn:oasis:names:tc:xliff:document:2.0'],
      ['xmlns:mtc', 'urn:oasis:names:tc:xliff:matches:2.0'],
      ['xmlns:mda', 'urn:oasis:names:tc:xliff:metadata:2.0'],
      ['xmlns:gls', plan.units.some((u) => u.terms) ? 'urn:oasis:names:tc:xliff:glossary:2.0' : undefined],
      ['version', '2.1'],
      ['srcLang', plan.sourceLocale],
      ['trgLang', plan.locale],
    ],
    [
      el(
        'file',
        [
          ['id', 'f1'],
          ['original', plan.path],
          ['xml:space', 'preserve'],
        ],
        [...fileKids, ...units],
      ),
    ],
  );
  return serializeXml(root);
}

// ---------------------------------------------------------------- XLIFF 1.2

function inline12(seq: Seq, codes: ReadonlyMap<string, Code>): OutNode[] {
  const root: OutNode[] = [];
  const stack: OutNode[][] = [root];
  for (const item of seq) {
    const top = stack[stack.length - 1]!;
    if (item.t === 'text') top.push(checkXmlText(item.v, 'a segment'));
    else if (item.t === 'ph') {
      const code = codes.get(item.id)!;
      top.push(
        el('x', [
          ['id', code.id],
          ['ctype', CTYPE_12[code.type]],
          ['equiv-text', code.equiv ?? code.disp ?? code.open],
        ]),
      );
    } else if (item.t === 'open') {
      const code = codes.get(item.id)!;
      const kids: OutNode[] = [];
      top.push(
        el(
          'g',
          [
            ['id', code.id],
            ['ctype', CTYPE_12[code.type]],
          ],
          kids,
        ),
      );
      stack.push(kids);
    } else stack.pop();
  }
  return root;
}

const STATE_12: Record<SegmentState, string> = { initial: 'needs-translation', translated: 'translated', reviewed: 'translated', final: 'final' };
const RANK: Record<SegmentState, number> = { initial: 0, translated: 1, reviewed: 2, final: 3 };

/** A glossary entry as a 1.2 note: `term → translation / translation (definition)`. */
function note12(e: LocaleEntry): OutElement {
  const definition = handoffDefinition(e);
  const text = `${e.term}${e.translations.length > 0 ? ` → ${e.translations.join(' / ')}` : ''}${definition ? ` (${definition})` : ''}`;
  return el(
    'note',
    [
      ['from', 'sxs-glossary'],
      ['annotates', 'source'],
    ],
    [checkXmlText(text, 'a glossary entry')],
  );
}

export function writeXliff12(plan: ExportPlan, toolVersion: string): string {
  const units = plan.units.map(({ unit, parts, terms }) => {
    const source: OutNode[] = [];
    const segSource: OutNode[] = [];
    const target: OutNode[] = [];
    let lowest: SegmentState | undefined;
    let prefilled = 0;
    const alts: OutElement[] = [];
    let allExact = true;
    for (const part of parts) {
      if (part.kind === 'space') {
        const text = checkXmlText(part.text, 'a separator');
        source.push(text);
        segSource.push(text);
        target.push(text);
        continue;
      }
      const { seg, target: t, state } = part.segment;
      const content = inline12(seg.content.seq, seg.content.codes);
      source.push(...inline12(seg.content.seq, seg.content.codes));
      if (part.kind === 'context') {
        segSource.push(...content);
        target.push(...inline12(seg.content.seq, seg.content.codes));
        continue;
      }
      segSource.push(
        el(
          'mrk',
          [
            ['mtype', 'seg'],
            ['mid', seg.id],
          ],
          content,
        ),
      );
      target.push(
        el(
          'mrk',
          [
            ['mtype', 'seg'],
            ['mid', seg.id],
          ],
          t ? inline12(t, seg.content.codes) : [],
        ),
      );
      if (t && state) {
        prefilled++;
        if (lowest === undefined || RANK[state] < RANK[lowest]) lowest = state;
      } else lowest = 'initial';
      const match = part.segment.match;
      if (match) {
        if (match.score < 100) allExact = false;
        alts.push(
          el(
            'alt-trans',
            [
              ['mid', seg.id],
              ['match-quality', String(match.score)],
              ['origin', match.origin],
            ],
            [el('source', [], inline12(match.source.seq, match.source.codes)), el('target', [], inline12(match.target, match.source.codes))],
          ),
        );
      }
    }
    const kids: OutElement[] = [el('source', [], source), el('seg-source', [], segSource)];
    const qualifier = alts.length === 0 ? undefined : allExact ? 'exact-match' : 'fuzzy-match';
    if (prefilled > 0 && lowest)
      kids.push(
        el(
          'target',
          [
            ['state', STATE_12[lowest]],
            ['state-qualifier', qualifier],
          ],
          target,
        ),
      );
    kids.push(...alts);
    kids.push(el('context-group', [['purpose', 'location']], [el('context', [['context-type', 'sourcefile']], [plan.path]), el('context', [['context-type', 'linenumber']], [String(unit.line)])]));
    const ids = unit.segments.flatMap((s) => s.sentences).map((n) => `${plan.prefix}-${n}`);
    const about = [unit.headings.length > 0 ? `Section: ${unit.headings.join(' › ')}` : '', `Block: ${unit.kind}`, `data-ttu-id: ${ids.join(' ')}`].filter(Boolean);
    kids.push(el('note', [['from', 'sxs']], [about.join('\n')]));
    for (const e of terms ?? []) kids.push(note12(e));
    return el(
      'trans-unit',
      [
        ['id', unit.id],
        ['approved', prefilled > 0 && lowest === 'reviewed' ? 'yes' : undefined],
        ['xml:space', 'preserve'],
      ],
      kids,
    );
  });
  const root = el(
    'xliff',
    [
      ['xmlns', 'urn:oasis:names:tc:xliff:document:1.2'],
      ['version', '1.2'],
    ],
    [
      el(
        'file',
        [
          ['original', plan.path],
          ['source-language', plan.sourceLocale],
          ['target-language', plan.locale],
          ['datatype', 'x-markdown'],
          ['tool-id', 'sxs'],
        ],
        [
          el(
            'header',
            [],
            [
              el('tool', [
                ['tool-id', 'sxs'],
                ['tool-name', 'sxs'],
                ['tool-version', toolVersion],
              ]),
            ],
          ),
          el('body', [], units),
        ],
      ),
    ],
  );
  return serializeXml(root);
}

export type { Content };
