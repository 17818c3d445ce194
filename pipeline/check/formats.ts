/**
 * A check report as text for people, JSON (stable keys, `sxs-check/1`), JUnit XML (one testcase
 * per file and locale) or GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
 * Paths are written relative to `cwd` with `/` separators, as CI systems expect.
 */
import { relative, sep } from 'node:path';
import { escapeAttribute, escapeText, INVALID_XML_CHAR } from '../core/xml.js';
import type { Counts } from './check.js';
import { meetsCoverage, type CheckReport, type LocaleSummary, type ReportedFinding } from './report.js';

export type CheckFormat = 'text' | 'json' | 'junit' | 'github';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'junit', 'github'];

export interface FormatOptions {
  cwd: string;
  /** ANSI colours (text format on a terminal only). */
  color?: boolean;
}

export const JSON_SCHEMA = 'sxs-check/1';

function rel(cwd: string, file: string): string {
  const r = relative(cwd, file);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/** Floored to two decimals, so that 99.999% never reads as 100%. */
export function pct(value: number): number {
  return Math.floor(value * 100 + 1e-9) / 100;
}

const pctText = (value: number) => `${pct(value).toFixed(2)}%`;

/** Why the run failed, from the same findings and coverage that decided it (report.ts). */
function failureReasons(report: CheckReport): string[] {
  const reasons: string[] = [];
  const errors = report.findings.filter((f) => f.severity === 'error');
  const count = (n: number, what: string, plural = `${what}s`) => `${n} ${n === 1 ? what : plural}`;
  for (const s of report.locales) {
    if (!meetsCoverage(s, report.options)) reasons.push(`${s.locale} coverage ${pctText(s.coverage.segments)} < ${report.options.minCoverage}%`);
    const mine = errors.filter((f) => f.locale === s.locale);
    if (s.broken > 0) reasons.push(`${s.locale} ${count(s.broken, 'broken translation')}`);
    const stale = mine.filter((f) => f.kind === 'stale').length;
    if (stale > 0 && report.options.strict) reasons.push(`${s.locale} ${stale} stale (--strict)`);
    const qa = mine.filter((f) => f.kind === 'qa').length;
    if (qa > 0) reasons.push(`${s.locale} ${count(qa, 'quality error')}`);
  }
  const problems = errors.filter((f) => f.kind === 'problem').length;
  if (problems > 0) reasons.push(count(problems, 'unreadable file'));
  if (reasons.length === 0) reasons.push(count(errors.length, 'error'));
  return reasons;
}

function table(rows: string[][], rightAligned: (col: number) => boolean): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

function summaryRows(locales: readonly LocaleSummary[]): string[][] {
  const head = ['locale', 'files', 'segments', 'translated', 'stale', 'missing', 'broken', 'coverage', 'words', 'word coverage'];
  return [
    head,
    ...locales.map((s) => [
      s.locale,
      String(s.files),
      String(s.segments.total),
      String(s.segments.translated),
      String(s.segments.stale),
      String(s.segments.missing),
      String(s.broken),
      pctText(s.coverage.segments),
      String(s.words.total),
      pctText(s.coverage.words),
    ]),
  ];
}

function verdict(report: CheckReport): string {
  const files = report.files.length;
  if (report.ok) return `check passed: ${report.locales.length} locale${report.locales.length === 1 ? '' : 's'}, ${files} file${files === 1 ? '' : 's'}, coverage ≥ ${report.options.minCoverage}%`;
  return `check failed: ${failureReasons(report).join('; ')}`;
}

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', bold: '\u001b[1m', dim: '\u001b[2m', reset: '\u001b[0m' };

export function formatText(report: CheckReport, options: FormatOptions): string {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  let current: string | undefined;
  const byFile: ReportedFinding[][] = [];
  for (const f of report.findings) {
    if (f.file !== current) byFile.push([]);
    current = f.file;
    byFile[byFile.length - 1]!.push(f);
  }
  // One line per finding in the compiler convention (`file:line:column: severity rule: …`), which
  // editors and terminals open at the position; a blank line between files.
  for (const group of byFile) {
    for (const f of group) {
      const severity = f.severity === 'error' ? paint(ANSI.red, 'error') : paint(ANSI.yellow, 'warning');
      out.push(`${rel(options.cwd, f.file)}:${f.line}:${f.column}: ${severity} ${f.rule}: ${f.locale ? `${f.locale} ` : ''}${f.message}`);
    }
    out.push('');
  }
  out.push(...table(summaryRows(report.locales), (c) => c > 0));
  out.push('');
  out.push(report.ok ? paint(ANSI.green, verdict(report)) : paint(ANSI.red, verdict(report)));
  return `${out.join('\n')}\n`;
}

const countsJson = (c: Counts) => ({ total: c.total, translated: c.translated, stale: c.stale, missing: c.missing });

export function formatJson(report: CheckReport, options: FormatOptions): string {
  const json = {
    schema: JSON_SCHEMA,
    ok: report.ok,
    options: { minCoverage: report.options.minCoverage, strict: report.options.strict },
    ...(report.run ? { run: report.run } : {}),
    locales: report.locales.map((s) => ({
      locale: s.locale,
      files: s.files,
      segments: countsJson(s.segments),
      words: countsJson(s.words),
      broken: s.broken,
      coverage: { segments: pct(s.coverage.segments), words: pct(s.coverage.words) },
      ok: s.ok,
    })),
    files: report.files.map((f) => ({
      locale: f.locale,
      path: f.path,
      source: rel(options.cwd, f.source),
      store: f.store === null ? null : rel(options.cwd, f.store),
      segments: countsJson(f.segments),
      words: countsJson(f.words),
      broken: f.broken,
    })),
    findings: report.findings.map((f) => ({
      locale: f.locale,
      file: rel(options.cwd, f.file),
      line: f.line,
      column: f.column,
      rule: f.rule,
      severity: f.severity,
      kind: f.kind,
      message: f.message,
      id: f.id ?? null,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const INVALID_XML_CHARS = new RegExp(INVALID_XML_CHAR.source, 'g');
/** Text for an XML report: characters XML cannot carry (controls in a target) become U+FFFD. */
const xmlText = (s: string) => escapeText(s.replace(INVALID_XML_CHARS, '\uFFFD'));
const xmlAttr = (s: string) => escapeAttribute(s.replace(INVALID_XML_CHARS, '\uFFFD'));

export function formatJunit(report: CheckReport, options: FormatOptions): string {
  interface Case {
    name: string;
    file: string;
    findings: ReportedFinding[];
  }
  const suites = new Map<string, Map<string, Case>>();
  const caseFor = (locale: string, name: string, file: string): Case => {
    if (!suites.has(locale)) suites.set(locale, new Map());
    const cases = suites.get(locale)!;
    if (!cases.has(name)) cases.set(name, { name, file, findings: [] });
    return cases.get(name)!;
  };
  for (const s of report.locales) suites.set(s.locale, new Map());
  const owner = new Map<string, Case>();
  for (const f of report.files) {
    const c = caseFor(f.locale, f.path, rel(options.cwd, f.source));
    owner.set(`${f.locale}\0${f.source}`, c);
    if (f.store) owner.set(`${f.locale}\0${f.store}`, c);
  }
  for (const x of report.findings) {
    const c = owner.get(`${x.locale}\0${x.file}`) ?? caseFor(x.locale || 'all locales', rel(options.cwd, x.file), rel(options.cwd, x.file));
    c.findings.push(x);
  }
  const line = (f: ReportedFinding) => `${rel(options.cwd, f.file)}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}`;
  let tests = 0;
  let failures = 0;
  const body: string[] = [];
  for (const [locale, cases] of suites) {
    const list = [...cases.values()];
    const failing = list.filter((c) => c.findings.some((f) => f.severity === 'error')).length;
    tests += list.length;
    failures += failing;
    body.push(`  <testsuite name="${xmlAttr(`sxs check ${locale}`)}" tests="${list.length}" failures="${failing}" errors="0" skipped="0">`);
    for (const c of list) {
      const errors = c.findings.filter((f) => f.severity === 'error');
      const warnings = c.findings.filter((f) => f.severity !== 'error');
      const open = `    <testcase classname="${xmlAttr(`sxs.check.${locale}`)}" name="${xmlAttr(c.name)}" file="${xmlAttr(c.file)}"`;
      if (errors.length === 0 && warnings.length === 0) {
        body.push(`${open}/>`);
        continue;
      }
      body.push(`${open}>`);
      if (errors.length > 0) {
        const rules = [...new Set(errors.map((f) => f.rule))].join(', ');
        body.push(
          `      <failure message="${xmlAttr(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${rules}`)}" type="${xmlAttr(errors[0]!.rule)}">${xmlText(errors.map(line).join('\n'))}</failure>`,
        );
      }
      if (warnings.length > 0) body.push(`      <system-out>${xmlText(warnings.map(line).join('\n'))}</system-out>`);
      body.push('    </testcase>');
    }
    body.push('  </testsuite>');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sxs check" tests="${tests}" failures="${failures}" errors="0">\n${body.join('\n')}\n</testsuites>\n`;
}

/** GitHub workflow command escaping: data escapes %, CR, LF; property values also `:` and `,`. */
const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: CheckReport, options: FormatOptions): string {
  const out = report.findings.map((f) => {
    const title = f.locale ? `${f.rule} (${f.locale})` : f.rule;
    return `::${f.severity} file=${ghProp(rel(options.cwd, f.file))},line=${f.line},col=${f.column},title=${ghProp(title)}::${ghData(f.message)}`;
  });
  out.push(...table(summaryRows(report.locales), (c) => c > 0), verdict(report));
  return `${out.join('\n')}\n`;
}

/** The summary as a Markdown table, for `$GITHUB_STEP_SUMMARY`. */
export function markdownSummary(report: CheckReport): string {
  const rows = summaryRows(report.locales);
  const lines = [`### sxs check: ${report.ok ? 'passed' : 'failed'}`, '', `| ${rows[0]!.join(' | ')} |`, `|${rows[0]!.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows.slice(1)) lines.push(`| ${r.join(' | ')} |`);
  lines.push('', verdict(report));
  return `${lines.join('\n')}\n`;
}

export function formatReport(format: CheckFormat, report: CheckReport, options: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(report, options);
    case 'junit':
      return formatJunit(report, options);
    case 'github':
      return formatGithub(report, options);
    default:
      return formatText(report, options);
  }
}
