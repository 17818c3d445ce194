/**
 * Problems found in user content: every one carries `file:line:column`, a rule id and a message
 * that says what was expected. Commands collect them and report once (cli.ts prints).
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** A problem in a file the caller names (a validator's finding): the file is added when it is reported. */
export type Finding = Omit<Problem, 'file'>;

export function problem(file: string, line: number, column: number, rule: string, message: string, severity: Severity = 'error'): Problem {
  return { file, line, column, rule, severity, message };
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule}: ${p.message}`;
}
