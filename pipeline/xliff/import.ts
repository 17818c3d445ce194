/**
 * Import: maps the segments of a returned XLIFF file back to the store, by file (`original`),
 * segment id and source text, and rebuilds each target as Markdown from the codes *we* derive from
 * the current English (a file's own markup is never trusted). Everything is checked first; the
 * command writes nothing unless the whole import is clean.
 *
 * Rules: import/unknown-file, import/unknown-segment, import/stale, import/empty-target,
 * import/code-added, import/code-missing, import/code-order, import/code-kind, import/code-data,
 * import/character; and the quality rules (`qa/…`, qa/run.ts) on every target that passes them: a
 * warning is reported, an error refuses the target unless `acceptQa`.
 */
import type { SourceDoc } from '../core/doc.js';
import type { Problem } from '../core/problems.js';
import type { SegmentState, StoredDoc } from '../core/xliff-store.js';
import { DELETABLE, sameContent, targetContent, toMarkdown, type Code, type Content, type Seq } from '../core/codes.js';
import { exchangeUnits, type ExSegment, type ExUnit } from '../core/exchange.js';
import type { InlineItem, XliffDoc, XPart } from './read.js';
import { attr, childElements, INVALID_XML_CHAR, textContent, type XmlElement } from '../core/xml.js';
import type { LeveledIssue } from '../qa/run.js';
import { qaText } from '../qa/text.js';

export interface ImportedEntry {
  path: string;
  id: string;
  source: string;
  target: string;
  state: SegmentState;
  /** The earlier English an accepted stale translation was made for (StoredTranslation.review). */
  review?: string;
}

export interface ImportResult {
  entries: ImportedEntry[];
  problems: Problem[];
  segments: number;
  untranslated: number;
  /** Targets left in the initial state (drafts, untouched pre-filled matches): not imported. */
  unconfirmed: number;
  stale: number;
}

export interface ImportContext {
  /** The file being imported (for messages). */
  file: string;
  /** Finds the source document an XLIFF `<file original>` names. */
  resolve(original: string | undefined): SourceDoc | string;
  stored(path: string): StoredDoc | null;
  acceptStale: boolean;
  /** The quality rules on a target, given the English and the target as the rules read them (qa/text.ts); none: not run. */
  qa?: (source: string, target: string) => LeveledIssue[];
  /** Apply a target whose quality issues are errors (reported as warnings). */
  acceptQa?: boolean;
}

const SEGMENT_ID = /^s?(p?[0-9]+)$/;

function toSeq(items: readonly InlineItem[]): Seq {
  const seq: Seq = [];
  for (const i of items) {
    if (i.t === 'text') {
      const last = seq[seq.length - 1];
      if (last?.t === 'text') last.v += i.v;
      else seq.push({ t: 'text', v: i.v });
    } else seq.push({ t: i.t, id: i.id });
  }
  return seq;
}

const plainOf = (seq: Seq) =>
  seq
    .map((i) => (i.t === 'text' ? i.v : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

/** `<originalData>` of the 2.x unit around an element, id → content. */
function originalData(unit: XmlElement | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!unit) return out;
  for (const od of childElements(unit, 'originalData')) for (const d of childElements(od, 'data')) out.set(attr(d, 'id') ?? '', textContent(d));
  return out;
}

interface Located {
  unit: ExUnit;
  seg: ExSegment;
}

export function importXliff(doc: XliffDoc, ctx: ImportContext): ImportResult {
  const result: ImportResult = { entries: [], problems: [], segments: 0, untranslated: 0, unconfirmed: 0, stale: 0 };
  const problem = (line: number, rule: string, message: string, severity: Problem['severity'] = 'error') => result.problems.push({ file: ctx.file, line, column: 1, rule, severity, message });

  // 2.x units by id, for their originalData.
  const unitElements = new Map<string, XmlElement>();
  const collect = (el: XmlElement, fileIndex: number) => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (c.local === 'unit') unitElements.set(`${fileIndex}/${attr(c, 'id')}`, c);
      else if (c.local === 'group' || c.local === 'file') collect(c, fileIndex);
    }
  };
  if (doc.family === '2') childElements(doc.root, 'file').forEach((f, i) => collect(f, i));

  doc.files.forEach((xfile, fileIndex) => {
    const resolved = ctx.resolve(xfile.original);
    if (typeof resolved === 'string') {
      problem(xfile.line, 'import/unknown-file', resolved);
      return;
    }
    const source: SourceDoc = resolved;
    const units = exchangeUnits(source);
    const byId = new Map<string, Located>();
    const byText = new Map<string, Located[]>();
    for (const unit of units) {
      for (const seg of [...unit.segments, ...(unit.merged ? [unit.merged] : [])]) {
        byId.set(seg.id, { unit, seg });
        const key = plainOf(seg.content.seq);
        byText.set(key, [...(byText.get(key) ?? []), { unit, seg }]);
      }
    }
    const stored = ctx.stored(source.path);
    // Within one <file>, a unit id used twice, or two segments for one sentence, would leave the
    // choice of translation to the order of the file: refused, as validate refuses duplicate ids.
    const unitLines = new Map<string, number>();
    const sentenceLines = new Map<string, number>();
    for (const xunit of xfile.units) {
      const earlier = unitLines.get(xunit.id);
      if (earlier !== undefined)
        problem(xunit.line, 'import/duplicate-id', `unit id ${JSON.stringify(xunit.id)} is used twice in the file (first at line ${earlier}): which one is meant cannot be told`);
      else unitLines.set(xunit.id, xunit.line);
      if (xunit.unsegmentedTarget !== undefined) {
        const n = xunit.parts.filter((p) => p.kind === 'segment').length;
        problem(
          xunit.unsegmentedTarget,
          'import/unsegmented-target',
          `trans-unit ${JSON.stringify(xunit.id)}: the <target> is one text for the ${n} segments of <seg-source>, so which translation belongs to which sentence cannot be told; not applied (segment the target with <mrk mtype="seg"> as the source is)`,
        );
      }
      const data = originalData(unitElements.get(`${fileIndex}/${xunit.id}`));
      for (const part of xunit.parts) {
        if (part.kind !== 'segment') continue;
        result.segments++;
        const entry = importSegment(part, data);
        if (!entry) continue;
        const first = sentenceLines.get(entry.id);
        if (first !== undefined) {
          problem(part.line, 'import/duplicate-id', `segment ${JSON.stringify(part.id)} translates sentence ${entry.id} again (first at line ${first}): which translation is meant cannot be told`);
          continue;
        }
        sentenceLines.set(entry.id, part.line);
        result.entries.push(entry);
      }
    }

    /** The quality rules on a checked target: each issue reported; false when one refuses it (an error, without acceptQa). */
    function quality(part: XPart, seg: ExSegment, target: Seq): boolean {
      let ok = true;
      for (const issue of ctx.qa!(qaText(seg.content), qaText({ seq: target, codes: seg.content.codes }))) {
        if (issue.level === 'warning') {
          problem(part.line, issue.rule, `segment ${part.id}: ${issue.message}`, 'warning');
        } else if (ctx.acceptQa) {
          problem(part.line, issue.rule, `segment ${part.id}: ${issue.message}; applied because of --accept-qa`, 'warning');
        } else {
          ok = false;
          problem(part.line, issue.rule, `segment ${part.id}: ${issue.message}; not applied (correct it, or import with --accept-qa)`);
        }
      }
      return ok;
    }

    function importSegment(part: XPart, data: Map<string, string>): ImportedEntry | undefined {
      const sourceSeq = toSeq(part.source);
      const m = SEGMENT_ID.exec(part.id);
      let hit = m ? byId.get(m[1]!) : undefined;
      if (!hit || !sameContent(sourceSeq, hit.seg.content.seq)) {
        // Not by id: by English text (a segment renumbered, or two sentences a CAT tool merged → pN).
        const candidates = (byText.get(plainOf(sourceSeq)) ?? []).filter((c) => sameContent(sourceSeq, c.seg.content.seq));
        if (candidates.length === 1) hit = candidates[0];
      }
      if (!hit) {
        problem(part.line, 'import/unknown-segment', `segment ${JSON.stringify(part.id)} matches no sentence of ${source.path} by id or by source text`);
        return undefined;
      }
      const { unit, seg } = hit;
      const targetItems = part.target;
      if (!targetItems) {
        result.untranslated++;
        return undefined;
      }
      const target = toSeq(targetItems);
      if (!sameContent(sourceSeq, seg.content.seq)) {
        result.stale++;
        const msg = `segment ${part.id}: its source is not the current English of sentence ${seg.id} (${JSON.stringify(seg.source)})`;
        if (!ctx.acceptStale) {
          problem(part.line, 'import/stale', `${msg}; not applied (re-export, or use --accept-stale)`);
          return undefined;
        }
        problem(part.line, 'import/stale', `${msg}; applied because of --accept-stale, marked for review (check reports it)`, 'warning');
      }
      if (plainOf(target) === '' && !target.some((i) => i.t !== 'text')) {
        if (part.state && part.state !== 'initial') problem(part.line, 'import/empty-target', `segment ${part.id} is marked ${part.stateFrom ?? part.state} but its target is empty`);
        else result.untranslated++;
        return undefined;
      }
      // XLIFF 2 reads a segment without `state` as `initial`: a tool that drops the attribute would
      // otherwise turn every unreviewed pre-filled match into a translation. Neither applied nor
      // dropped in silence: refused (with the file) until the segments a translator confirmed say so.
      if (doc.family === '2' && part.state === undefined) {
        problem(
          part.line,
          'import/no-state',
          `segment ${part.id} has a target but no state, which XLIFF 2 reads as "initial" (not confirmed); not applied: set state="translated" (or reviewed, final) on the segments a translator confirmed`,
        );
        return undefined;
      }
      // A target its tool did not confirm (a draft, an untouched pre-filled match): leverage, not a translation.
      if (part.state === 'initial') {
        result.unconfirmed++;
        return undefined;
      }
      const control = target.find((i) => i.t === 'text' && INVALID_XML_CHAR.test(i.v));
      if (control) {
        problem(part.line, 'import/character', `segment ${part.id}: the target holds a control character that a Markdown file cannot carry`);
        return undefined;
      }
      const codeProblem = checkCodes(target, seg.content, [...part.source, ...targetItems], data);
      if (codeProblem) {
        problem(part.line, codeProblem.rule, `segment ${part.id}: ${codeProblem.message}`);
        return undefined;
      }
      if (ctx.qa && !quality(part, seg, target)) return undefined;
      const state: SegmentState = part.state ?? 'translated';
      const entry: ImportedEntry = { path: source.path, id: seg.id, source: seg.source, target: markdownOf(unit, seg, target, stored), state };
      // Made for an earlier English and accepted anyway: published, but kept visible until reviewed.
      if (!sameContent(sourceSeq, seg.content.seq)) entry.review = plainOf(sourceSeq);
      return entry;
    }
  });
  return result;
}

/** The Markdown a checked target stands for. */
function markdownOf(unit: ExUnit, seg: ExSegment, target: Seq, stored: StoredDoc | null): string {
  if (unit.plain) {
    return target
      .map((i) => (i.t === 'text' ? i.v : ''))
      .join('')
      .replace(/\s*\n\s*/g, ' ');
  }
  if (sameContent(target, seg.content.seq)) return seg.source;
  // Unchanged from what the store holds: keep its exact Markdown.
  const current = stored?.translations.find((t) => t.id === seg.id && t.source === seg.source);
  if (current) {
    const prefill = targetContent(current.target, seg.content);
    if (prefill && sameContent(prefill, target)) return current.target;
  }
  return toMarkdown(target, seg.content.codes);
}

/** Checks a target's codes against the source's: none added, none missing, pairs in order. */
export function checkCodes(target: Seq, source: Content, items: readonly InlineItem[] = [], data: Map<string, string> = new Map()): { rule: string; message: string } | undefined {
  const seen = new Set<string>();
  const open: string[] = [];
  for (const item of target) {
    if (item.t === 'text') continue;
    const code: Code | undefined = source.codes.get(item.id);
    if (!code) return { rule: 'import/code-added', message: `code ${JSON.stringify(item.id)} is not in the source (codes cannot be added)` };
    if ((item.t === 'ph') === code.pair) {
      return { rule: 'import/code-kind', message: `code ${item.id} is a ${code.pair ? 'paired' : 'standalone'} code in the source` };
    }
    if (item.t === 'close') {
      if (open[open.length - 1] !== item.id) return { rule: 'import/code-order', message: `code ${item.id} closes before the codes opened inside it, or was never opened` };
      open.pop();
      continue;
    }
    if (seen.has(item.id)) return { rule: 'import/code-added', message: `code ${item.id} appears twice` };
    seen.add(item.id);
    if (item.t === 'open') open.push(item.id);
  }
  if (open.length > 0) return { rule: 'import/code-order', message: `code ${open[open.length - 1]} is opened but never closed` };
  for (const code of source.codes.values()) {
    if (!seen.has(code.id) && !DELETABLE.has(code.type)) {
      return { rule: 'import/code-missing', message: `code ${code.id} (${code.type}: ${code.open}${code.close ?? ''}) is missing from the target` };
    }
  }
  // A file that carries the codes' original data (in its source or target) must carry ours, unchanged.
  for (const item of items) {
    if (item.t === 'text') continue;
    const code = source.codes.get(item.id);
    if (!code) continue;
    for (const [name, expected] of [
      ['dataRef', code.open],
      ['dataRefStart', code.open],
      ['dataRefEnd', code.close ?? ''],
    ] as const) {
      const ref = attr(item.el, name);
      if (ref === undefined || !data.has(ref)) continue;
      if (data.get(ref) !== expected) {
        return { rule: 'import/code-data', message: `the original data of code ${code.id} was changed to ${JSON.stringify(data.get(ref))} (expected ${JSON.stringify(expected)})` };
      }
    }
  }
  return undefined;
}
