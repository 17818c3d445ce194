/**
 * Checks one source document against its stored translations in one locale: which segments are
 * translated, stale or missing, which translations are broken, which are orphaned. Pure: the
 * outline and the stored document in, counts and findings out.
 *
 * Translations are matched as `build` matches them (core/resolve.ts), so "translated" here is
 * exactly what the built page shows translated.
 */
import { isSafetyIssue } from './safety.js';
import { isRetired, RANGE_ID, resolveUnits } from '../core/resolve.js';
import type { StoredDoc, StoredTranslation } from '../core/xliff-store.js';
import type { DocOutline, OutlineSegment, OutlineUnit } from './outline.js';
import { TargetJudge } from './target.js';
import { count as counted } from '../util/plural.js';
import type { Severity } from '../core/problems.js';
import type { QaRunner } from '../qa/run.js';
import { targetText } from '../qa/text.js';

/**
 * How a finding counts; its severity follows from it once the locale's result is known, except a
 * quality finding's (`qa`), which is the level its rule is configured at.
 */
export type FindingKind = 'missing' | 'stale' | 'broken' | 'orphaned' | 'problem' | 'qa';

export interface Finding {
  locale: string;
  /** The file the position is in (absolute): the source document, or the store file for orphans. */
  file: string;
  line: number;
  column: number;
  rule: string;
  kind: FindingKind;
  message: string;
  /** The store id of the segment (`N` or `pN`), when the finding is about one. */
  id?: string;
  /** A quality finding's configured level (core/qa-settings.ts). */
  level?: Severity;
}

/**
 * A translated segment as the project-wide quality rules need it (qa/consistency.ts): its id and
 * position, its English and translation as the rules read them.
 */
export type QaPair = [id: string, line: number, column: number, source: string, target: string];

export interface Counts {
  total: number;
  translated: number;
  stale: number;
  missing: number;
}

export interface FileResult {
  locale: string;
  /** Source path relative to the source root. */
  path: string;
  /** Absolute paths of the English document and of the store file (null when there is none). */
  source: string;
  store: string | null;
  segments: Counts;
  words: Counts;
  /** Translations that cannot be published as they are. */
  broken: number;
  findings: Finding[];
  /** The published translations, for the project-wide quality rules (only when one of them is on). */
  pairs?: QaPair[];
}

export interface CheckDocInput {
  outline: DocOutline;
  stored: StoredDoc | null;
  locale: string;
  sourceFile: string;
  storeFile: string;
  /** The quality rules (none: not run). */
  qa?: QaRunner;
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const label = (id: string) => (id.startsWith('p') ? `unit ${id}` : `sentence ${id}`);

const zero = (): Counts => ({ total: 0, translated: 0, stale: 0, missing: 0 });

export function checkDoc(input: CheckDocInput): FileResult {
  const { outline, stored, locale, sourceFile } = input;
  const result: FileResult = {
    locale,
    path: outline.path,
    source: sourceFile,
    store: stored ? input.storeFile : null,
    segments: zero(),
    words: zero(),
    broken: 0,
    findings: [],
  };
  const add = (seg: { line: number; column: number; id?: string }, kind: FindingKind, rule: string, message: string, file = sourceFile, level?: Severity) => {
    const f: Finding = { locale, file, line: seg.line, column: seg.column, rule, kind, message };
    if (seg.id !== undefined) f.id = seg.id;
    if (level !== undefined) f.level = level;
    result.findings.push(f);
  };
  /** `broken`: a translation build does not publish (the page shows the English): counted, not covered. */
  const count = (seg: OutlineSegment, status: keyof Omit<Counts, 'total'> | 'broken') => {
    result.segments.total++;
    result.words.total += seg.words;
    if (status === 'broken') return;
    result.segments[status]++;
    result.words[status] += seg.words;
  };

  if (!stored) {
    for (const unit of outline.units) for (const seg of unit.segments) count(seg, 'missing');
    if (result.segments.total > 0) {
      add({ line: 1, column: 1 }, 'missing', 'check/missing-file', `no translations for this document: ${counted(result.segments.total, 'segment')} (${counted(result.words.total, 'word')}) missing`);
    }
    return result;
  }

  const judge = new TargetJudge(outline);
  /**
   * Reports what breaks the target rules; returns whether build publishes the translation, so that
   * coverage counts exactly what the page shows translated. Build publishes no translation the rules
   * reject (commands/build.ts `guarded`) except one harvested as a published file showed it
   * (`asPublished`, never with active content): the site showed it so, the rebuild keeps it, and it is
   * reported for review (a warning, an error with --strict) until someone fixes it.
   */
  const verify = (seg: OutlineSegment, t: StoredTranslation): boolean => {
    const issues = judge.issues(seg.id, t.target);
    if (issues.length === 0) return true;
    const kept = t.asPublished !== undefined && !issues.some(isSafetyIssue);
    if (!kept) result.broken++;
    for (const issue of issues) {
      add(
        seg,
        kept ? 'stale' : 'broken',
        issue.rule,
        `${label(seg.id)}: ${issue.message}${kept ? ' (so on the published site before the move to sxs: still published, to be reviewed)' : '; the page shows the English'}`,
      );
    }
    return kept;
  };
  /** The quality rules on a published translation; its pair kept for the project-wide ones. */
  const qa = input.qa;
  const consistency = qa ? qa.consistency : { target: false, source: false };
  const pairs: QaPair[] = [];
  const quality = (seg: OutlineSegment, unit: OutlineUnit, t: StoredTranslation) => {
    if (!qa) return;
    const target = targetText(t.target, outline.definitions, unit.plain);
    for (const issue of qa.segment(locale, seg.text, target)) add(seg, 'qa', issue.rule, `${label(seg.id)}: ${issue.message}`, sourceFile, issue.level);
    if ((consistency.target || consistency.source) && qa.consistent(seg.text, target)) pairs.push([seg.id, seg.line, seg.column, seg.text, target]);
  };
  const res = resolveUnits(stored, outline.units);
  // A range translation (sentences a published file had as one) is checked once, against all the sentences it covers.
  const ranged = new Map<OutlineSegment, OutlineSegment>();
  for (const r of res.ranges) ranged.set(r.first, r.last);
  const rangeOk = new Map<StoredTranslation, boolean>();
  outline.units.forEach((unit, i) => {
    const merged = res.merged[i];
    const mergedOk = merged ? verify(unit.merged!, merged) : false;
    if (merged && mergedOk) quality(unit.merged!, unit, merged);
    for (const seg of unit.segments) {
      const t = res.translated.get(seg);
      const stale = res.stale.get(seg);
      if (merged) count(seg, mergedOk ? 'translated' : 'broken');
      else if (t && RANGE_ID.test(t.id)) {
        const last = ranged.get(seg);
        if (last) {
          const whole = judge.segment(`${seg.id}-${last.id}`)?.seg ?? { ...seg, id: `${seg.id}-${last.id}` };
          rangeOk.set(t, verify(whole, t));
          if (rangeOk.get(t)) quality(whole, unit, t);
        }
        count(seg, rangeOk.get(t) === false ? 'broken' : 'translated');
      } else if (t) {
        const ok = verify(seg, t);
        count(seg, ok ? 'translated' : 'broken');
        if (ok) quality(seg, unit, t);
        if (t.review !== undefined) {
          add(
            seg,
            'stale',
            'check/needs-review',
            `${label(seg.id)}: translated from an earlier English ("${clip(t.review)}") and accepted for the current one (import --accept-stale): review it, then import it again`,
          );
        }
      } else if (stale) {
        count(seg, 'stale');
        add(
          seg,
          'stale',
          'check/stale',
          `${label(seg.id)}: the English changed since it was translated (was "${clip(stale.source)}"; its translation "${clip(stale.target)}" is not published until it is reviewed)`,
        );
      } else {
        count(seg, 'missing');
        add(seg, 'missing', 'check/missing', `${label(seg.id)} has no translation: "${clip(seg.source)}"`);
      }
    }
  });

  const recorded = stored.handoff.get('ms.openlocfilehash');
  if (recorded !== undefined && recorded !== outline.hashRaw && recorded !== outline.hashCrlf) {
    add({ line: 1, column: 1 }, 'stale', 'check/stale-file', `the English changed since the last handoff (ms.openlocfilehash ${recorded}, the file's SHA-1 is now ${outline.hashRaw})`);
  }

  // Retired translations (`rN`) are kept on purpose, as leverage: not orphans.
  for (const t of res.unused) {
    if (isRetired(t.id)) continue;
    const at = stored.positions?.get(t.id) ?? { line: 1, column: 1 };
    add({ ...at, id: t.id }, 'orphaned', 'check/orphaned', `${label(t.id)} ("${clip(t.source)}") matches no segment of ${outline.path}`, input.storeFile);
  }
  if (pairs.length > 0) result.pairs = pairs;
  result.findings.sort((a, b) => (a.file === b.file ? 0 : a.file === sourceFile ? -1 : 1) || a.line - b.line || a.column - b.column);
  return result;
}
