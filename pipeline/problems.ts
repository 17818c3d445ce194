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

export function problem(file: string, line: number, column: number, rule: string, message: string, severity: Severity = 'error'): Problem {
  return { file, line, column, rule, severity, message };
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule}: ${p.message}`;
}

/** 1-based line and column of `offset` in `text`, plus a line offset for text that starts later in a file. */
export function lineColumn(text: string, offset: number, firstLine = 1): { line: number; column: number } {
  let line = firstLine;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  while (nl >= 0 && nl < offset) {
    line++;
    lineStart = nl + 1;
    nl = text.indexOf('\n', lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}
