/**
 * The work util/pool.ts can hand to worker threads: per task, a setup from plain (cloneable)
 * arguments returning the function applied to each item. Results must be cloneable too.
 */
import { buildDocument, type IncludedBodies } from './build-doc.js';
import type { BuildSettings, DocBuild, DocWork } from './build-run.js';
import { readSourceDoc, segmenterFor } from './common.js';
import type { Config } from '../core/config.js';
import type { SourceDoc } from '../core/doc.js';
import type { Problem } from '../core/problems.js';
import { harvestFile, type FileHarvest } from './harvest.js';
import { fileImporter, type FileImport, type FileImportSettings } from './import.js';
import { outlineTask, type OutlineArgs, type OutlineResult } from '../check/outline-task.js';

export const TASKS = {
  build: (settings: BuildSettings) => {
    const segmenter = segmenterFor(settings.config);
    const includes: IncludedBodies = new Map();
    return (work: DocWork): DocBuild => buildDocument(settings, work, segmenter, includes);
  },
  /** A source document parsed, for the export (SourceDoc is plain data). */
  source: ({ config }: { config: Config }) => {
    const segmenter = segmenterFor(config);
    return (path: string): SourceDoc | Problem => readSourceDoc(config, path, segmenter);
  },
  /** One published file harvested (commands/harvest.ts; the store file is written by the caller). */
  harvest: ({ config, dir, locale }: { config: Config; dir: string; locale: string }) => {
    const segmenter = segmenterFor(config);
    return (path: string): FileHarvest => harvestFile(config, dir, locale, path, segmenter);
  },
  /** One returned handoff file read (commands/import.ts; its store files are staged by the caller). */
  import: (settings: FileImportSettings): ((file: string) => FileImport) => {
    const importer = fileImporter(settings);
    return (file: string) => importer.run(file);
  },
  outline: (args: OutlineArgs): ((path: string) => OutlineResult) => outlineTask(args),
};
