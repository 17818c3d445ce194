/**
 * The tasks commands hand to worker threads (worker-tasks.ts), as util/pool.ts takes them: by URL for
 * a worker, by a loader in this thread. Loaded only when a run has documents to work on (a warm run
 * never loads the Markdown parser they pull in); the pool imports no command.
 */
import type { TaskModule } from '../util/pool.js';

export const TASKS: TaskModule<(typeof import('./worker-tasks.js'))['TASKS']> = {
  url: new URL('./worker-tasks.js', import.meta.url),
  load: () => import('./worker-tasks.js'),
};
