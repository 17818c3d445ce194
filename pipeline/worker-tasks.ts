/**
 * The work util/pool.ts can hand to worker threads: per task, a setup from plain (cloneable)
 * arguments returning the function applied to each item. Results must be cloneable too.
 */
import { buildDocument, type BuildSettings, type DocBuild, type DocWork } from './commands/build.js';
import { segmenterFor } from './commands/common.js';
import { outlineTask, type OutlineArgs, type OutlineResult } from './check/outline-task.js';

export const TASKS = {
  build: (settings: BuildSettings) => {
    const segmenter = segmenterFor(settings.config);
    return (work: DocWork): DocBuild => buildDocument(settings, work, segmenter);
  },
  outline: (args: OutlineArgs): ((path: string) => OutlineResult) => outlineTask(args),
};

export type TaskName = keyof typeof TASKS;
export type TaskArgs<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskItem<N extends TaskName> = Parameters<ReturnType<(typeof TASKS)[N]>>[0];
export type TaskResult<N extends TaskName> = ReturnType<ReturnType<(typeof TASKS)[N]>>;
