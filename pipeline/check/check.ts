/**
 * Checks one source document against its stored translations in one locale: which segments are
 * translated, stale or missing, which translations are broken, which are orphaned. Pure: the
 * outline and the stored document in, counts and findings out.
 *
 * Translations are matched as `build` matches them (store/resolve.ts), so "translated" here is
 * exactly what the built page shows translated.
 */
import { isSafetyIssue } from './safety.js';
import { isRetired, RANGE_ID, resolveUnits } from '../store/resolve.js';
import type { StoredDoc, StoredTranslation } from '../store/xliff-store.js';
import type { DocOutline, OutlineSegment, OutlineUnit } from './outline.js';
import { TargetJudge } from './target.js';
import { count as counted } from '../util/plural.js';

/** How a finding counts; its severity follows from it once the locale's result is known. */
export type FindingKind = 'missing' | 'stale' | 'broken' | 'orphaned' | 'problem';

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
}

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
}

export interface CheckDocInput {
  outline: DocOutline;
  stored: StoredDoc | null;
  locale: string;
  sourceFile: string;
  storeFile: string;
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
  const add = (seg: { line: number; column: number; id?: string }, kind: FindingKind, rule: string, message: string, file = sourceFile) => {
    const f: Finding = { locale, file, line: seg.line, column: seg.column, rule, kind, message };
    if (seg.id !== undefined) f.id = seg.id;
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
  const res = resolveUnits(stored, outline.units);
  // A range translation (sentences a published file had as one) is checked once, against all the sentences it covers.
  const ranged = new Map<OutlineSegment, OutlineSegment>();
  for (const r of res.ranges) ranged.set(r.first, r.last);
  const rangeOk = new Map<StoredTranslation, boolean>();
  outline.units.forEach((unit, i) => {
    const merged = res.merged[i];
    const mergedOk = merged ? verify(unit.merged!, merged) : false;
    for (const seg of unit.segments) {
      const t = res.translated.get(seg);
      const stale = res.stale.get(seg);
      if (merged) count(seg, mergedOk ? 'translated' : 'broken');
      else if (t && RANGE_ID.test(t.id)) {
        const last = ranged.get(seg);
        if (last) rangeOk.set(t, verify({ ...seg, id: `${seg.id}-${last.id}` }, t));
        count(seg, rangeOk.get(t) === false ? 'broken' : 'translated');
      } else if (t) {
        count(seg, verify(seg, t) ? 'translated' : 'broken');
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
  result.findings.sort((a, b) => (a.file === b.file ? 0 : a.file === sourceFile ? -1 : 1) || a.line - b.line || a.column - b.column);
  return result;
}
