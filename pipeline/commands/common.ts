/**
 * What several commands share: the store read and written with every failure turned into a
 * positioned problem, and the handoff values of a build. Reading a source document is in
 * core/source-doc.ts (re-exported here for the commands).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import type { SourceDoc } from '../core/doc.js';
import type { HandoffKey } from '../markdown/front-matter.js';
import { problem, type Problem } from '../core/problems.js';
import { effectiveConventions } from '../core/conventions.js';
import type { HandoffValues } from '../render/render.js';
import { loadStoredDoc, storeFile, StoreReadError } from '../store/store.js';
import { StoreWriteError, writeStoredDoc, type StoredDoc } from '../core/xliff-store.js';
import { assertInside, UnsafePathError } from '../util/fs.js';

export { problem } from '../core/problems.js';
export { readSourceBytes, sourceDocuments } from '../core/sources.js';
export { docFor, isProblem, readSourceDoc, segmenterFor, sourceDocOf } from '../core/source-doc.js';

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
