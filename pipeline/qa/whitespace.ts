/**
 * qa/edge-whitespace: the target starts or ends with white space the English does not have.
 * qa/double-space: the target has more runs of two or more spaces than the English (no-break and
 * ideographic spaces count as spaces; a line end inside a text reads as one space).
 */
import type { QaIssue } from '../core/qa-issue.js';

export const EDGE_WHITESPACE_RULE = 'qa/edge-whitespace';
export const DOUBLE_SPACE_RULE = 'qa/double-space';

const SPACES = /[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]{2,}/g;

const show = (ws: string) => [...ws].map((c) => (c === ' ' ? 'space' : c === '\t' ? 'tab' : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).join(' + ');

export function edgeWhitespaceIssues(source: string, target: string): QaIssue[] {
  if (target.trim() === '') return [];
  const issues: QaIssue[] = [];
  const lead = /^\s+/.exec(target)?.[0];
  const trail = /\s+$/.exec(target)?.[0];
  const where: string[] = [];
  if (lead && !/^\s/.test(source)) where.push(`starts with white space (${show(lead)})`);
  if (trail && !/\s$/.test(source)) where.push(`ends with white space (${show(trail)})`);
  if (where.length > 0) issues.push({ rule: EDGE_WHITESPACE_RULE, message: `the translation ${where.join(' and ')}, the English does not` });
  return issues;
}

export function doubleSpaceIssues(source: string, target: string): QaIssue[] {
  // Inside the text only: white space at its edges is the other rule's.
  const inner = (s: string) => s.trim().match(SPACES) ?? [];
  const runs = inner(target);
  if (runs.length <= inner(source).length) return [];
  const at = target.trim().search(/[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]{2,}/);
  const around = target.trim().slice(Math.max(0, at - 20), at + 22);
  return [
    {
      rule: DOUBLE_SPACE_RULE,
      message: `the translation has ${runs.length === 1 ? 'a doubled space' : `${runs.length} doubled spaces`} (${show(runs[0]!)} in "${around}"), the English has ${inner(source).length === 0 ? 'none' : inner(source).length}`,
    },
  ];
}
