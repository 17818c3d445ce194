/**
 * Worker threads for cold runs: the Markdown parser is the wall, and documents are independent, so
 * a run hands documents to one worker per core and gathers small results (an outline, a build
 * summary) in the main thread. Items go out a few at a time to each worker as it returns results
 * (large documents do not hold up a whole batch) and results come back tagged with their index, so
 * what the caller sees does not depend on timing.
 *
 * Workers run the compiled modules (lib/); from TypeScript sources (the test runner) and for small
 * runs everything runs in the calling thread instead, with the same task functions.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Per task name, a setup from plain (cloneable) arguments returning the function applied to each item. */
export type TaskTable = Record<string, (args: any) => (item: any) => unknown>;

/**
 * Where a run's tasks are: the module's URL, for worker threads, and a loader for this thread (the
 * test runner resolves a static import path, not a compiled file's URL). The pool imports no command.
 */
export interface TaskModule<T extends TaskTable> {
  readonly url: URL;
  readonly load: () => Promise<{ TASKS: T }>;
}

/** How many threads a run may use: `SXS_JOBS`, else one per core (at most 8). */
export function defaultJobs(): number {
  const env = Number(process.env.SXS_JOBS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.min(8, availableParallelism());
}

/**
 * Items sent ahead to each worker: with one, a worker that finished waited idle until this thread,
 * busy with an earlier result (export plans and writes every document here), read its message.
 */
const IN_FLIGHT = 4;

/** Below this many items a run stays in one thread (starting workers costs ~50 ms each). */
export const MIN_ITEMS_PER_WORKER = 8;

const compiled = import.meta.url.endsWith('.js');

/**
 * Runs `task` on every item and calls `onResult` in the calling thread for each, in completion
 * order, with the item's index. Uses up to `jobs` worker threads when it pays off.
 */
export async function runTasks<T extends TaskTable, N extends keyof T & string>(
  tasks: TaskModule<T>,
  name: N,
  args: Parameters<T[N]>[0],
  items: ReadonlyArray<Parameters<ReturnType<T[N]>>[0]>,
  jobs: number,
  onResult: (result: ReturnType<ReturnType<T[N]>>, index: number) => void,
): Promise<void> {
  type Result = ReturnType<ReturnType<T[N]>>;
  // Nothing to do (a warm run): the task module, which pulls in the parser, is not even loaded.
  if (items.length === 0) return;
  const threads = compiled ? Math.min(jobs, Math.floor(items.length / MIN_ITEMS_PER_WORKER)) : 0;
  if (threads < 2) {
    // Loaded here, not at the top: the tasks pull in the Markdown parser, which a warm run never needs.
    const { TASKS } = await tasks.load();
    const fn = TASKS[name]!(args);
    items.forEach((item, i) => onResult(fn(item) as Result, i));
    return;
  }
  const url = new URL('./worker.js', import.meta.url);
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let running = threads;
    let failed = false;
    const workers: Worker[] = [];
    const inFlight = new Map<Worker, number>();
    /** Tops `w` up to IN_FLIGHT items; a worker with none left and nothing to do is ended. */
    const feed = (w: Worker) => {
      let n = inFlight.get(w) ?? 0;
      for (; n < IN_FLIGHT && next < items.length; n++) w.postMessage({ index: next, item: items[next++] });
      inFlight.set(w, n);
      if (n === 0) {
        void w.terminate();
        if (--running === 0 && !failed) resolve();
      }
    };
    const fail = (e: Error) => {
      failed = true;
      for (const x of workers) void x.terminate();
      reject(e);
    };
    for (let t = 0; t < threads; t++) {
      const w = new Worker(url, { workerData: { tasks: tasks.url.href, name, args } });
      workers.push(w);
      w.on('message', (m: { index: number; result?: Result; error?: PostedError }) => {
        // After a failure, results still queued from other workers are not handled.
        if (failed) return;
        if (m.error !== undefined) return fail(revive(m.error));
        // The next items first: the worker computes while this thread handles the result.
        inFlight.set(w, inFlight.get(w)! - 1);
        feed(w);
        try {
          onResult(m.result!, m.index);
        } catch (e) {
          // The caller's failure (a store file that cannot be staged: disk full) ends the run as its own would.
          fail(e instanceof Error ? e : new Error(String(e)));
        }
      });
      w.on('error', fail);
      feed(w);
    }
  });
}

/** An exception as a worker posts it (util/worker.ts). */
interface PostedError {
  name?: string;
  message: string;
  stack?: string;
  code?: string;
  path?: string;
  syscall?: string;
  errno?: number;
}

/**
 * The worker's exception as an Error of this thread with the same message, stack and system-error
 * fields (`code`, `path`, `syscall`): a disk-full or permission error in a worker is reported like one
 * in the main thread (`file:1:1: error io/enospc`), not as an internal error.
 */
function revive(posted: PostedError): Error {
  const e = Object.assign(new Error(posted.message), posted.code !== undefined ? { code: posted.code, path: posted.path, syscall: posted.syscall, errno: posted.errno } : {}) as NodeJS.ErrnoException;
  if (posted.name) e.name = posted.name;
  if (posted.stack) e.stack = posted.stack;
  return e;
}
