/**
 * A source document read and numbered, with every failure turned into a positioned problem: the
 * bytes (sources.ts), the segmenter of a configuration, the SourceDoc, and the document as a locale
 * reads it (no-break spaces as its store's generation recorded them).
 */
import type { Root } from 'mdast';
import { join } from 'node:path';
import type { Config } from './config.js';
import { buildSourceDoc, SourceDecodeError, type SourceDoc } from './doc.js';
import { FrontMatterError } from '../markdown/front-matter.js';
import { UnknownNodeError } from '../markdown/inline.js';
import { Segmenter } from '../markdown/segment.js';
import { problem, type Problem } from './problems.js';
import { keepsNbsp } from './conventions.js';
import { readSourceBytes } from './sources.js';
import type { StoredDoc } from './xliff-store.js';
import { lineColumn } from '../text/lines.js';
import { toLf } from '../text/normalize.js';
import { LimitError } from '../util/limits.js';

export function segmenterFor(config: Config): Segmenter {
  return new Segmenter(config.abbreviations);
}

/**
 * Reads `<source>/<path>` and builds its SourceDoc, or returns the problem that prevents it.
 * No-break spaces are read as the project's format profile says, unless `keepNbsp` is given.
 */
export function readSourceDoc(config: Config, path: string, segmenter: Segmenter, keepNbsp?: boolean): SourceDoc | Problem {
  const bytes = readSourceBytes(config, path);
  return bytes instanceof Uint8Array ? sourceDocOf(config, path, bytes, segmenter, keepNbsp) : bytes;
}

/**
 * The document as a locale reads it: the same one, unless it has no-break spaces and the locale's
 * store records the generation that reads them the other way (then it is parsed again that way).
 */
export function docFor(config: Config, doc: SourceDoc, stored: StoredDoc | null | undefined, segmenter: Segmenter): SourceDoc | Problem {
  const keep = keepsNbsp(config.format, stored?.conventions);
  if (!doc.hasNbsp || doc.keepNbsp === keep) return doc;
  return readSourceDoc(config, doc.path, segmenter, keep);
}

/** Builds the SourceDoc of bytes read from `<source>/<path>`, or returns the problem that prevents it. */
export function sourceDocOf(config: Config, path: string, bytes: Buffer, segmenter: Segmenter, keepNbsp = config.format.keepNbsp ?? false, onTree?: (root: Root) => void): SourceDoc | Problem {
  const file = join(config.source, path);
  try {
    return buildSourceDoc(path, bytes, { segmenter, keepNbsp, fieldKeys: config.frontMatterKeys, ...(onTree ? { onTree } : {}) });
  } catch (e) {
    if (e instanceof FrontMatterError) return problem(file, e.line, e.column, 'source/front-matter', e.message);
    if (e instanceof LimitError) return problem(file, e.line, e.column, 'source/too-deep', e.message);
    // The last guard: a structure the pre-scan let through but the parser cannot handle.
    if (e instanceof RangeError) return problem(file, 1, 1, 'source/too-deep', `the document is nested too deeply to process (${e.message})`);
    if (e instanceof SourceDecodeError) return problem(file, 1, 1, 'source/encoding', `${e.message} (save it as UTF-8)`);
    if (e instanceof UnknownNodeError) {
      const text = toLf(bytes.toString('utf8'));
      const { line, column } = lineColumn(text, e.offset);
      return problem(file, line, column, 'source/unknown-node', `${e.message}: sxs does not know how to translate it`);
    }
    throw e;
  }
}

export function isProblem(x: SourceDoc | Problem): x is Problem {
  return 'rule' in x;
}
