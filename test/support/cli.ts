/**
 * Running the command line in tests: in this process (`main` with a capturing Io, as bin/sxs.js
 * calls it: fast, the default), or as `node bin/sxs.js` in a child process where the process
 * boundary is the point (signals, SIGKILL, a run that must time out, EPIPE, worker threads, which
 * need the compiled lib/).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../pipeline/cli.js';
import { REPO } from './fixtures.js';

export const BIN = join(REPO, 'bin', 'sxs.js');

export interface SxsResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SxsOptions {
  /** Added to the environment the command sees (io.env is process.env and these, as in bin/sxs.js). */
  env?: Record<string, string>;
  /** The answers of a person at a terminal (`sxs init`). */
  ask?: (question: string) => Promise<string>;
  /** When a long-running command (`sxs serve`) should stop; without it, it runs forever. */
  untilStopped?: () => Promise<void>;
  /** Sees standard output as it is written (a long-running command's log). */
  onStdout?: (text: string) => void;
}

/** `sxs <args>` in `cwd`, in this process; a throw out of `main` (a crash) rejects. */
export async function sxsIn(cwd: string, args: string[], options: SxsOptions = {}): Promise<SxsResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    isTTY: false,
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => void (stderr += text),
    env: { ...process.env, ...options.env },
    appendFile: (path, text) => appendFileSync(path, text),
    ...(options.ask ? { ask: options.ask } : {}),
    ...(options.untilStopped ? { untilStopped: options.untilStopped } : {}),
  });
  return { code, stdout, stderr };
}

/** `node bin/sxs.js <args>` in `cwd` (run `npm run build` first): for where the process boundary is the point. */
export function sxsProcess(cwd: string, args: string[], options: { env?: Record<string, string>; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
