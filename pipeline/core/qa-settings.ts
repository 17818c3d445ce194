/**
 * The `qa` section of `sxs.config.json`: the severity of each linguistic quality rule (off, warning
 * or error), over the defaults below, and the length bands of qa/length per locale.
 *
 *   "qa": {
 *     "rules": { "qa/numbers": "error", "qa/double-space": "off" },
 *     "length": { "de-DE": [0.8, 2.2], "ja": [0.25, 1.2] }
 *   }
 *
 * `off` means the rule is not computed and nothing of it is reported; `warning` is reported and never
 * fails `check` or `import`; `error` fails `check` (exit 1) and makes `import` refuse the translation
 * (unless `--accept-qa`). A length band is [lowest, highest] ratio of a target's length to its
 * English's, keyed by locale (`de-DE`) or language (`de`); a locale without one has its language's
 * default (LENGTH_BANDS), else DEFAULT_BAND.
 */
import type { Severity } from './problems.js';

/** [lowest, highest] ratio of target length to English length. */
export type LengthBand = readonly [number, number];

export type RuleLevel = Severity | 'off';

export interface QaSettings {
  /** Rule id → level, every known rule present (the defaults with the configured levels over them). */
  rules: Record<string, RuleLevel>;
  /** Configured length bands by locale or language (lower case). */
  length: Record<string, LengthBand>;
}

/**
 * The quality rules and their default levels. A rule is on by default only when a review of its
 * findings on real published translations found at least 90% of them real problems
 * (docs/qa-review.md); the others are there to be turned on.
 */
export const QA_DEFAULTS: Readonly<Record<string, RuleLevel>> = {
  'qa/numbers': 'warning',
  'qa/identical': 'warning',
  'qa/edge-whitespace': 'warning',
  'qa/double-space': 'warning',
  'qa/end-punctuation': 'warning',
  'qa/inconsistent-target': 'off',
  'qa/inconsistent-source': 'off',
  'qa/length': 'off',
  // Terminology (terms/match.ts), when a glossary is configured.
  'qa/term-missing': 'warning',
  'qa/term-forbidden': 'error',
  'qa/term-dnt': 'warning',
};

/** Default length bands by language: where real translations fall (docs/qa-review.md). */
export const LENGTH_BANDS: Readonly<Record<string, LengthBand>> = {
  ja: [0.2, 1.5],
  ko: [0.2, 1.5],
  zh: [0.15, 1.2],
};

/** The band of a language without one. */
export const DEFAULT_BAND: LengthBand = [0.5, 2.5];

export const defaultQaSettings = (): QaSettings => ({ rules: { ...QA_DEFAULTS }, length: {} });

/** The length band of `locale`: configured for it or its language, else its language's default. */
export function lengthBand(settings: QaSettings, locale: string): LengthBand {
  const tag = locale.toLowerCase().replace(/_/g, '-');
  const language = tag.split('-')[0]!;
  return settings.length[tag] ?? settings.length[language] ?? LENGTH_BANDS[language] ?? DEFAULT_BAND;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the `qa` value; problems start with their key path, as config.ts reports them. */
export function validateQaSettings(json: Json, problems: string[]): QaSettings {
  const settings = defaultQaSettings();
  if (!isObject(json)) {
    problems.push(`qa: expected an object ({ "rules": { "<rule id>": "off" | "warning" | "error" }, "length": { "<locale>": [min, max] } }), found ${JSON.stringify(json)}`);
    return settings;
  }
  for (const key of Object.keys(json)) if (key !== 'rules' && key !== 'length') problems.push(`qa.${key}: unknown key (expected rules, length)`);
  const rules = json.rules;
  if (rules !== undefined) {
    if (!isObject(rules)) problems.push(`qa.rules: expected an object of rule id → "off" | "warning" | "error", found ${JSON.stringify(rules)}`);
    else {
      const known = Object.keys(QA_DEFAULTS);
      for (const [id, level] of Object.entries(rules)) {
        if (!(id in QA_DEFAULTS)) problems.push(`qa.rules.${id}: unknown rule (expected one of ${known.join(', ') || 'none yet'})`);
        else if (level !== 'off' && level !== 'warning' && level !== 'error') problems.push(`qa.rules.${id}: expected "off", "warning" or "error", found ${JSON.stringify(level)}`);
        else settings.rules[id] = level;
      }
    }
  }
  const length = json.length;
  if (length !== undefined) {
    if (!isObject(length)) problems.push(`qa.length: expected an object of locale or language → [min, max], found ${JSON.stringify(length)}`);
    else {
      for (const [tag, band] of Object.entries(length)) {
        const ok = Array.isArray(band) && band.length === 2 && band.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) && (band[0] as number) < (band[1] as number);
        if (!/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag)) problems.push(`qa.length.${tag}: expected a locale or language tag (de-DE, de)`);
        else if (!ok) problems.push(`qa.length.${tag}: expected [min, max], two ratios with 0 ≤ min < max, found ${JSON.stringify(band)}`);
        else settings.length[tag.toLowerCase().replace(/_/g, '-')] = [band[0] as number, band[1] as number];
      }
    }
  }
  return settings;
}
