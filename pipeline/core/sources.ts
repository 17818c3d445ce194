/** Reading source documents, kept free of the Markdown parser so that cached paths never load it. */
import { join } from 'node:path';
import { CONFIG_FILE, ConfigError, generatorLanguages, layoutOf, type Config } from './config.js';
import { isLocalizedOutput } from './layout.js';
import { problem, type Problem } from './problems.js';
import { listFiles, readBounded, TooLargeError } from '../util/fs.js';
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

/**
 * The source documents (`.md` under the source folder, sorted). None is a configuration error
 * (exit 2), never "0 files" and a pass: a gate over nothing proves nothing.
 */
export function sourceDocuments(config: Config): string[] {
  // Localized files a layout writes among the English ones (`fr/…` for VitePress, `*.fr.md`) are not sources.
  const langs = [...generatorLanguages(config).values()];
  const layout = layoutOf(config);
  const paths = listFiles(config.source, '.md').filter((p) => !isLocalizedOutput(layout, p, langs));
  if (paths.length === 0) throw new ConfigError(config.file ?? join(config.root, CONFIG_FILE), [`source: no .md documents under ${config.source}`]);
  return paths;
}
