/**
 * Is a stored translation safe to publish in place of its English? It must keep the English's
 * links, images, inline code and HTML (emphasis may go), stay inline Markdown where it stands (no
 * blank line, no block marker where a block could start, no table-breaking `|`), and add no active
 * content (script, event handlers, `javascript:` URLs, frames) that the English does not have.
 */
import { inlineContent } from '../core/codes.js';
import { minus, unsafeTarget, type SafetyIssue } from './safety.js';
import { codeKey, keptCodes, type DocOutline, type OutlineSegment, type OutlineUnit } from './outline.js';
import { RANGE_ID } from '../core/resolve.js';

export interface TargetIssue {
  rule: string;
  message: string;
}

const RULE_OF: Record<string, string> = {
  link: 'check/broken-link',
  autolink: 'check/broken-link',
  footnote: 'check/broken-link',
  image: 'check/broken-image',
  code: 'check/broken-code',
  html: 'check/broken-html',
  break: 'check/broken-html',
};

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A code for a message: what it is and which one. */
function describe(key: string): { what: string; which: string } {
  const [type, open, close] = key.split('\u0000') as [string, string, string];
  switch (type) {
    case 'link':
      // A shortcut reference (`[label]`) has nothing after its text: name it by its label.
      return { what: 'the link', which: clip(close ? close.slice(1) : open) || 'with no destination' };
    case 'image':
      return { what: 'the image', which: clip(close ? close.slice(1) : open) };
    case 'code':
      return { what: 'the inline code', which: clip(open) };
    case 'break':
      return { what: 'the line break', which: JSON.stringify(open) };
    case 'footnote':
      return { what: 'the footnote reference', which: open };
    case 'autolink':
      return { what: 'the link', which: clip(open) };
    default:
      return { what: 'the HTML', which: clip(open) };
  }
}

const said = (key: string) => {
  const d = describe(key);
  return `${d.what} ${d.which}`;
};

const BLOCK_START =
  /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|```|~~~|(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|=+[ \t]*$|<(?:script|pre|style|textarea|div|table|p|iframe|!--)\b)/i;

function structure(unit: OutlineUnit, target: string, atLineStart: boolean): string | undefined {
  const lines = target.split('\n');
  if (lines.length > 1 && (unit.kind === 'heading' || unit.kind === 'cell')) return `the translation spans ${lines.length} lines, which would break the ${unit.kind === 'cell' ? 'table' : 'heading'}`;
  if (unit.kind === 'cell' && /(?:^|[^\\])(?:\\\\)*\|/.test(target)) return 'the translation contains an unescaped |, which would split the table cell';
  for (let i = atLineStart ? 0 : 1; i < lines.length; i++) {
    const m = BLOCK_START.exec(lines[i]!);
    if (m) return `the translation ${i === 0 ? 'starts' : `has a line ${i + 1} that starts`} with ${JSON.stringify(m[0].trim())}, which would start a new block`;
  }
  return undefined;
}

/** The tags of HTML text, and the whole of `<code>` elements, as code keys (HTML-block units are not Markdown). */
function htmlCodes(text: string): string[] {
  return [...text.matchAll(/<code\b[^>]*>[\s\S]*?<\/code\s*>|<\/?[A-Za-z][A-Za-z0-9-]*\b[^>]*>/gi)].map((m) =>
    codeKey(/^<code\b/i.test(m[0]) ? 'code' : /^<img\b/i.test(m[0]) ? 'image' : 'html', m[0], undefined),
  );
}

/** What is wrong with `target` as the translation of `seg` (a segment of `unit`); empty when nothing. */
export function targetIssues(unit: OutlineUnit, seg: OutlineSegment, target: string, definitions: readonly string[] = []): TargetIssue[] {
  // A translation identical to its English keeps every code; plain text has none to keep.
  if (target === seg.source) return [];
  const unsafe = unsafeTarget(target, seg.source, unit.kind === 'html');
  if (unit.plain) return unsafe ? [unsafe] : [];
  const issues: TargetIssue[] = [];
  if (unsafe?.rule === 'check/broken-structure') return [unsafe];
  if (unsafe) issues.push(unsafe);
  // Only the unit's first sentence (or the whole unit) stands where a line starts.
  const broken = structure(unit, target, unit.atLineStart && (seg === unit.merged || seg === unit.segments[0]));
  if (broken) return [...issues, { rule: 'check/broken-structure', message: broken }];
  // A target without `[`, a backtick, `<`, a line break or an autolink literal (`://`, `www.`, `@`)
  // holds no code that must be kept: no need to parse it.
  let codes: string[] = [];
  let expected = seg.codes;
  if (unit.kind === 'html') {
    [expected, codes] = [htmlCodes(seg.source), htmlCodes(target)];
  } else if (/[[`<\n@]|:\/\/|www\./i.test(target)) {
    const content = inlineContent(target, definitions);
    if (!content) return [...issues, { rule: 'check/broken-structure', message: 'the translation is not inline Markdown: it would change the block structure' }];
    codes = keptCodes(content).map((key) => {
      // `[](url)`: a link whose text the translation lost. Compared as the link, reported below.
      const empty = /^autolink\u0000\[\]\((.*)\)\u0000$/s.exec(key);
      if (!empty) return key;
      // `[](xref:uid)`: DocFX writes the name of the uid as the link text.
      if (!empty[1]!.startsWith('xref:')) issues.push({ rule: 'check/broken-link', message: `the translation leaves the link (${clip(empty[1]!)}) without text, so readers cannot see it` });
      return codeKey('link', '[', `](${empty[1]!})`);
    });
  }
  const lost = minus(expected, codes);
  const added = minus(codes, expected);
  const byRule = new Map<string, { lost: string[]; added: string[] }>();
  for (const [list, side] of [
    [lost, 'lost'],
    [added, 'added'],
  ] as const) {
    for (const key of list) {
      const rule = RULE_OF[key.split('\u0000')[0]!] ?? 'check/broken-html';
      if (!byRule.has(rule)) byRule.set(rule, { lost: [], added: [] });
      byRule.get(rule)![side].push(key);
    }
  }
  for (const [rule, { lost: l, added: a }] of byRule) {
    const parts: string[] = [];
    const [from, to] = [l.length === 1 ? describe(l[0]!) : undefined, a.length === 1 ? describe(a[0]!) : undefined];
    if (from && to && from.what === to.what) parts.push(`changes ${from.what} ${from.which} to ${to.which}`);
    else {
      if (l.length > 0) parts.push(`drops ${l.map(said).join(', ')}`);
      if (a.length > 0) parts.push(`adds ${a.map(said).join(', ')}`);
    }
    issues.push({ rule, message: `the translation ${parts.join(' and ')}` });
  }
  return issues;
}

/**
 * The target rules for any translation of one document, by the id it is published under: a sentence
 * (`N`), a unit (`pN`) or a range of sentences a published file had as one (`N-M`, judged against all of
 * them). check and build ask the same judge, so the gate and the page agree.
 */
export class TargetJudge {
  private readonly byId = new Map<string, { unit: OutlineUnit; seg: OutlineSegment }>();

  constructor(private readonly outline: DocOutline) {
    for (const unit of outline.units) {
      for (const seg of unit.segments) this.byId.set(seg.id, { unit, seg });
      if (unit.merged) this.byId.set(unit.merged.id, { unit, seg: unit.merged });
    }
  }

  /** The segment `id` stands for (a range: its sentences as one); undefined when the document has none. */
  segment(id: string): { unit: OutlineUnit; seg: OutlineSegment } | undefined {
    const known = this.byId.get(id);
    if (known) return known;
    const range = RANGE_ID.exec(id);
    const first = range && this.byId.get(range[1]!);
    if (!range || !first) return undefined;
    const from = first.unit.segments.indexOf(first.seg);
    const to = first.unit.segments.findIndex((s) => s.id === range[2]);
    if (from < 0 || to < from) return undefined;
    const covered = first.unit.segments.slice(from, to + 1);
    const seg: OutlineSegment = {
      ...first.seg,
      id,
      source: covered.map((c) => c.source).join(' '),
      codes: covered.flatMap((c) => c.codes),
      text: covered.map((c) => c.text).join(' '),
    };
    const out = { unit: first.unit, seg };
    this.byId.set(id, out);
    return out;
  }

  /** What is wrong with `target` published as `id`; for an id the document does not have, only the safety rules (against `source`). */
  issues(id: string, target: string, source = ''): TargetIssue[] {
    const at = this.segment(id);
    if (at) return targetIssues(at.unit, at.seg, target, this.outline.definitions);
    const unsafe = unsafeTarget(target, source);
    return unsafe ? [unsafe] : [];
  }

  /** The safety rules alone (check/safety.ts) for `target` published as `id`, where it stands. */
  safety(id: string, target: string, source: string): SafetyIssue | undefined {
    const at = this.segment(id);
    return target === source ? undefined : unsafeTarget(target, source, at?.unit.kind === 'html');
  }
}
