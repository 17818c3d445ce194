/** Reading source documents, kept free of the Markdown parser so that cached paths never load it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { problem, type Problem } from '../problems.js';

/** The bytes of `<source>/<path>`, or the problem that prevents reading them. */
export function readSourceBytes(config: Config, path: string): Buffer | Problem {
  const file = join(config.source, path);
  try {
    return readFileSync(file);
  } catch (e) {
    return problem(file, 1, 1, 'source/read', `cannot read the source document: ${(e as Error).message}`);
  }
}
