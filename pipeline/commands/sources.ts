/** Reading source documents, kept free of the Markdown parser so that cached paths never load it. */
import { join } from 'node:path';
import type { Config } from '../config.js';
import { problem, type Problem } from '../problems.js';
import { readBounded, TooLargeError } from '../util/fs.js';
import { LIMITS } from '../util/limits.js';

/** The bytes of `<source>/<path>`, or the problem that prevents reading them. */
export function readSourceBytes(config: Config, path: string): Buffer | Problem {
  const file = join(config.source, path);
  try {
    return readBounded(file, LIMITS.markdownBytes);
  } catch (e) {
    if (e instanceof TooLargeError) return problem(file, 1, 1, 'source/too-large', `${e.message} (split the document)`);
    return problem(file, 1, 1, 'source/read', `cannot read the source document: ${(e as Error).message}`);
  }
}
