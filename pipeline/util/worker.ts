/**
 * A worker thread of util/pool.ts: runs one task (its module and name in workerData) on each item it is sent and
 * posts the result back with the item's index. An exception is posted as an error (the pool stops),
 * with what the main thread needs to report it as it would its own (util/pool.ts `revive`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TaskTable } from './pool.js';

const { tasks, name, args } = workerData as { tasks: string; name: string; args: never };
const { TASKS } = (await import(tasks)) as { TASKS: TaskTable };
const fn = TASKS[name]!(args);
parentPort!.on('message', (m: { index: number; item: never }) => {
  try {
    parentPort!.postMessage({ index: m.index, result: fn(m.item) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const error = e instanceof Error ? { name: err.name, message: err.message, stack: err.stack, code: err.code, path: err.path, syscall: err.syscall, errno: err.errno } : { message: String(e) };
    parentPort!.postMessage({ index: m.index, error });
  }
});
