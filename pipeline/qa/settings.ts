/**
 * The `qa` section of `sxs.config.json`: the severity of each linguistic quality rule
 * (off, warning or error), over the defaults below.
 *
 *   "qa": { "rules": { "qa/numbers": "error", "qa/double-space": "off" } }
 */
import type { Severity } from '../problems.js';

export type RuleLevel = Severity | 'off';

export interface QaSettings {
  /** Rule id → level, every known rule present (the defaults with the configured levels over them). */
  rules: Record<string, RuleLevel>;
}

/** The quality rules and their default levels. */
export const QA_DEFAULTS: Readonly<Record<string, RuleLevel>> = {};

export const defaultQaSettings = (): QaSettings => ({ rules: { ...QA_DEFAULTS } });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Validates the `qa` value; problems start with their key path, as config.ts reports them. */
export function validateQaSettings(json: Json, problems: string[]): QaSettings {
  const settings = defaultQaSettings();
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push(`qa: expected an object ({ "rules": { "<rule id>": "off" | "warning" | "error" } }), found ${JSON.stringify(json)}`);
    return settings;
  }
  for (const key of Object.keys(json)) if (key !== 'rules') problems.push(`qa.${key}: unknown key (expected rules)`);
  const rules = json.rules;
  if (rules === undefined) return settings;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
    problems.push(`qa.rules: expected an object of rule id → "off" | "warning" | "error", found ${JSON.stringify(rules)}`);
    return settings;
  }
  const known = Object.keys(QA_DEFAULTS);
  for (const [id, level] of Object.entries(rules)) {
    if (!(id in QA_DEFAULTS)) problems.push(`qa.rules.${id}: unknown rule (expected one of ${known.join(', ') || 'none yet'})`);
    else if (level !== 'off' && level !== 'warning' && level !== 'error') problems.push(`qa.rules.${id}: expected "off", "warning" or "error", found ${JSON.stringify(level)}`);
    else settings.rules[id] = level;
  }
  return settings;
}
