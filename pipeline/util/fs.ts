/**
 * File effects used by commands: atomic writes (temp file in the same directory + rename, so a
 * reader never sees half a file and a crash leaves the old file), and directory walks.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

export function tempName(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** The end of a temporary file's name (`<file>.<pid>.<8 hex>.tmp`, and `.tmp.bak` for a store swap's backup). */
export const TEMP_SUFFIX = /\.(\d+)\.[0-9a-f]{8}\.tmp(?:\.bak)?$/;

/** Whether a process of this host has that pid (one we may not signal is running too). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a killed run left under `dir` (ours by name; their process is gone),
 * never following links. Call where no other run can be writing there (the store under its lock), or
 * rely on the process check (a live writer's files are kept). Returns the files removed.
 */
export function sweepTemporaries(dir: string): string[] {
  const removed: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        const m = TEMP_SUFFIX.exec(e.name);
        if (m && Number(m[1]) !== process.pid && !processRunning(Number(m[1]))) {
          rmSync(full, { force: true });
          removed.push(full);
        }
      }
    }
  };
  walk(dir);
  return removed;
}

/** Writes `data` to a new file and (unless `durable` is false) flushes it to disk. */
function writeDurable(path: string, data: string | Uint8Array, durable = true): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` with `data` atomically. `durable: false` skips the flush (caches and build output,
 * which can be recomputed); the rename still guarantees a reader sees the old or the new file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { durable?: boolean; root?: string } = {}): void {
  if (options.root !== undefined) assertInside(options.root, path);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    writeDurable(tmp, data, options.durable ?? true);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes `data` next to `path` under a temporary name, flushed; returns that name (for a later rename). */
export function stageFile(path: string, data: string | Uint8Array): string {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    writeDurable(tmp, data);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/** Files under `root` whose name ends with `ext`, as `/`-separated paths relative to `root`, sorted (none when `root` does not exist). */
export function listFiles(root: string, ext: string): string[] {
  const out: string[] = [];
  if (!existsSync(root)) return out;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(ext)) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** A file larger than its limit: refused before it is read. */
export class TooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`the file is ${mib(size)}, more than the ${mib(limit)} sxs accepts`);
  }
}

const mib = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${n} bytes`);

/** Reads a file of at most `limit` bytes (checked before reading, and again on what was read). */
export function readBounded(file: string, limit: number): Buffer {
  const size = statSync(file).size;
  if (size > limit) throw new TooLargeError(size, limit);
  const data = readFileSync(file);
  if (data.length > limit) throw new TooLargeError(data.length, limit);
  return data;
}

/** A path that leaves its root, directly or through a symbolic link. */
export class UnsafePathError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Throws UnsafePathError unless `file` lies under `root` without passing through a symbolic link
 * (the root itself may be one: it is the project's choice). What does not exist yet is fine: it will
 * be created as a real directory or file.
 */
export function assertInside(root: string, file: string): void {
  const rel = relative(root, file);
  if (rel === '') return;
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new UnsafePathError(file, `${file} is outside ${root}`);
  let current = root;
  for (const part of rel.split(sep)) {
    current = join(current, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return;
    }
    if (isLink) throw new UnsafePathError(file, `${current} is a symbolic link: sxs does not follow links inside ${root}`);
  }
}
