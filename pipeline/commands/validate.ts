/**
 * `sxs validate <file>... [--json]`: checks XLIFF files against the official schemas (in-process) and the
 * processing requirements, and reports, per file, OK or each finding with its position, severity and rule.
 * A file is valid when it has no error; warnings are printed but do not fail it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readBounded, TooLargeError } from '../util/fs.js';
import { LIMITS } from '../util/limits.js';
import { validateXliff, type Finding } from '../xliff/validate.js';
import { XLIFF_EXTENSIONS } from './import.js';
import { pushAll } from '../util/arrays.js';

export interface FileResult {
  file: string;
  version?: string;
  findings: Finding[];
}

/** A file is valid when none of its findings is an error. */
export const isValid = (r: FileResult): boolean => !r.findings.some((f) => f.severity === 'error');

export function validateFiles(inputs: readonly string[]): FileResult[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (statSync(input).isDirectory())
      pushAll(
        files,
        XLIFF_EXTENSIONS.flatMap((ext) => listFiles(input, ext))
          .map((rel) => join(input, rel))
          .sort(),
      );
    else files.push(input);
  }
  return files.map((file) => {
    try {
      return { file, ...validateXliff(readBounded(file, LIMITS.xliffBytes)) };
    } catch (e) {
      if (e instanceof TooLargeError) return { file, findings: [{ line: 1, column: 1, rule: 'xml/too-large', severity: 'error', message: e.message }] };
      if (e instanceof RangeError) return { file, findings: [{ line: 1, column: 1, rule: 'xml/too-deep', severity: 'error', message: `nested too deeply to validate (${e.message})` }] };
      throw e;
    }
  });
}
