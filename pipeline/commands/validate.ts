/**
 * `sxs validate <file>... [--json]`: checks XLIFF files (1.2 structure; 2.x structure and processing
 * requirements) and reports, per file, OK or each finding with its line and rule.
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

export function validateFiles(inputs: readonly string[]): FileResult[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (statSync(input).isDirectory()) pushAll(files, XLIFF_EXTENSIONS.flatMap((ext) => listFiles(input, ext)).map((rel) => join(input, rel)).sort());
    else files.push(input);
  }
  return files.map((file) => {
    try {
      return { file, ...validateXliff(readBounded(file, LIMITS.xliffBytes)) };
    } catch (e) {
      if (e instanceof TooLargeError) return { file, findings: [{ line: 1, column: 1, rule: 'xml/too-large', message: e.message }] };
      if (e instanceof RangeError) return { file, findings: [{ line: 1, column: 1, rule: 'xml/too-deep', message: `nested too deeply to validate (${e.message})` }] };
      throw e;
    }
  });
}
