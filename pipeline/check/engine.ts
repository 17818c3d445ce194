/**
 * The parts of `check` that need the Markdown parser, loaded only when the cache cannot answer.
 */
import { segmenterFor, sourceDocOf, isProblem } from '../commands/common.js';
import type { Config } from '../config.js';
import type { Problem } from '../problems.js';
import { outlineOf, type DocOutline } from './outline.js';

export { checkDoc } from './check.js';

/** The outline of a source document's bytes, or the problem that prevents it. */
export function outlineFromBytes(config: Config): (path: string, bytes: Buffer) => DocOutline | Problem {
  const segmenter = segmenterFor(config);
  return (path, bytes) => {
    const doc = sourceDocOf(config, path, bytes, segmenter);
    return isProblem(doc) ? doc : outlineOf(doc);
  };
}
