/**
 * What several commands share: reading and numbering a source document with every failure turned
 * into a positioned problem, the segmenter for a config, and the handoff values of a build.
 */
import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { buildSourceDoc, SourceDecodeError, type SourceDoc } from '../doc.js';
import { FrontMatterError, type HandoffKey } from '../markdown/front-matter.js';
import { UnknownNodeError } from '../markdown/inline.js';
import { Segmenter } from '../markdown/segment.js';
import { lineColumn, problem, type Problem } from '../problems.js';
import { readSourceBytes } from './sources.js';
import { effectiveConventions, keepsNbsp } from '../render/conventions.js';
import type { HandoffValues } from '../render/render.js';
import { loadStoredDoc, storeFile, StoreReadError } from '../store/store.js';
import { StoreWriteError, writeStoredDoc, type StoredDoc } from '../store/xliff-store.js';
import { assertInside, UnsafePathError } from '../util/fs.js';
import { toLf } from '../text/normalize.js';
import { LimitError } from '../util/limits.js';

export function segmenterFor(config: Config): Segmenter {
  return new Segmenter(config.abbreviations);
}

export { problem } from '../problems.js';
export { readSourceBytes, sourceDocuments } from './sources.js';

/**
 * The stored translations of a document in a locale (null: none yet), or undefined when the store
 * file cannot be read — then the problem is added to `problems`.
 */
export function loadStoredOrReport(config: Config, locale: string, path: string, problems: Problem[]): StoredDoc | null | undefined {
  try {
    return loadStoredDoc(config.translations, locale, path);
  } catch (e) {
    if (!(e instanceof StoreReadError)) throw e;
    problems.push(problem(e.file, e.line, e.column, e.rule, e.message));
    return undefined;
  }
}

/** A store file to write for `doc`, or undefined when its path is unsafe — then the problem is added to `problems`. */
export function storeWrite(config: Config, doc: StoredDoc, problems: Problem[]): { path: string; data: string } | undefined {
  const path = storeFile(config.translations, doc.locale, doc.path);
  try {
    assertInside(config.translations, path);
  } catch (e) {
    if (!(e instanceof UnsafePathError)) throw e;
    problems.push(problem(e.file, 1, 1, 'path/unsafe', e.message));
    return undefined;
  }
  try {
    return { path, data: writeStoredDoc(doc) };
  } catch (e) {
    // A character XML 1.0 cannot carry (a control character in the English or a target): a content
    // problem of the document, as harvest reports it, never an internal error.
    if (!(e instanceof StoreWriteError)) throw e;
    problems.push(problem(join(config.source, doc.path), 1, 1, 'store/character', e.message));
    return undefined;
  }
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

/** The default span prefix of a document in a locale: stable, 5 hex digits. */
export function defaultPrefix(locale: string, path: string): string {
  return createHash('sha1').update(`${locale}\0${path}`).digest('hex').slice(0, 5);
}

/**
 * Handoff values for rendering: what the store recorded wins (a rebuild changes nothing); otherwise
 * the hash of the current English, the locale and the configured translation type. The source
 * commit, handoff date and file id exist only once a handoff recorded them: a build invents none.
 */
export function handoffFor(config: Config, doc: SourceDoc, locale: string, stored: StoredDoc | null): HandoffValues {
  const keys = new Map<HandoffKey, string>();
  const recorded = stored?.handoff ?? new Map<HandoffKey, string>();
  const set = (key: HandoffKey, fallback: string | undefined) => {
    const v = recorded.get(key) ?? fallback;
    if (v !== undefined) keys.set(key, v);
  };
  set('ms.openlocfilehash', config.hashLineEndings === 'crlf' ? doc.hashCrlf : doc.hashRaw);
  set('ms.sourcegitcommit', undefined);
  set('ms.translationtype', config.translationType);
  set('ms.contentlocale', locale);
  set('ms.lasthandoff', undefined);
  set('ms.locfileid', undefined);
  return { prefix: stored?.prefix ?? defaultPrefix(locale, doc.path), keys, conventions: effectiveConventions(config.format, stored?.conventions) };
}
