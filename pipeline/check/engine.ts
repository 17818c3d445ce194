/**
 * The parts of `check` that need the Markdown parser, loaded only when the cache cannot answer.
 */
import { segmenterFor, sourceDocOf, isProblem } from '../core/source-doc.js';
import type { Config } from '../core/config.js';
import type { Problem } from '../core/problems.js';
import { outlineOf, type DocOutline } from './outline.js';

export { checkDoc } from './check.js';

/** The outline of a source document's bytes (no-break spaces read as `keepNbsp` says, else as the project's profile), or the problem that prevents it. */
export function outlineFromBytes(config: Config): (path: string, bytes: Buffer, keepNbsp?: boolean) => DocOutline | Problem {
  const segmenter = segmenterFor(config);
  return (path, bytes, keepNbsp) => {
    const doc = sourceDocOf(config, path, bytes, segmenter, keepNbsp);
    return isProblem(doc) ? doc : outlineOf(doc);
  };
}
