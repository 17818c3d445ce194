/**
 * qa/length: a target much shorter or longer than its English — the ratio of their lengths (in
 * characters, white space collapsed, codes left out) outside the locale's band, say a sentence half
 * translated or translated twice. Only English of at least MIN_LENGTH characters is measured:
 * the ratio of short texts says little.
 */
import { normalized, OBJECT } from './plain.js';
import type { QaIssue } from '../core/qa-issue.js';
import type { LengthBand } from '../core/qa-settings.js';

export const LENGTH_RULE = 'qa/length';

/** English shorter than this (characters) is not measured. */
export const MIN_LENGTH = 30;

const measure = (text: string) => [...normalized(text.split(OBJECT).join(' '))].length;

export function lengthIssues(source: string, target: string, band: LengthBand): QaIssue[] {
  const s = measure(source);
  if (s < MIN_LENGTH) return [];
  const t = measure(target);
  const ratio = t / s;
  if (ratio >= band[0] && ratio <= band[1]) return [];
  const r = Math.round(ratio * 100) / 100;
  return [
    {
      rule: LENGTH_RULE,
      message: `the translation is ${ratio < band[0] ? 'short' : 'long'} for its English: ${t} characters for ${s} (ratio ${r}, the locale's band is ${band[0]}–${band[1]})`,
    },
  ];
}
