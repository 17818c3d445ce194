/**
 * A throw-away sxs project on disk: config, source documents, optional bilingual files to harvest.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateConfig, type Config } from '../../pipeline/core/config.js';
import { tempDir } from './fixtures.js';

export interface Project {
  root: string;
  config: Config;
  write(path: string, content: string | Buffer): string;
  read(path: string): string;
}

export function makeProject(locales: string[] = ['zh-TW'], extra: Record<string, unknown> = {}): Project {
  const root = tempDir();
  const json = { sourceLocale: 'en-US', locales, source: 'source', translations: 'translations', dist: 'dist', ...extra };
  writeFileSync(join(root, 'sxs.config.json'), JSON.stringify(json, null, 2));
  const { config, problems } = validateConfig(json as never, root);
  if (!config) throw new Error(problems.join('; '));
  return {
    root,
    config,
    write(path, content) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    read(path) {
      return readFileSync(join(root, path), 'utf8');
    },
  };
}
