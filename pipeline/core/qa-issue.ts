/**
 * What a linguistic quality rule says about one translated segment. The rules are pure: plain texts
 * in (the English and the target as a reader sees them, inline code left out), issues out; `check`
 * and `import` give each issue the segment's position and the rule's configured level.
 */
export interface QaIssue {
  /** `qa/…`: a key of QA_DEFAULTS (core/qa-settings.ts). */
  rule: string;
  message: string;
}
