/**
 * File effects used by commands: atomic writes (temp file in the same directory + rename, so a
 * reader never sees half a file and a crash leaves the old file), and directory walks.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

function tempName(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
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
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { durable?: boolean } = {}): void {
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

/**
 * Replaces several files as one change: every new content is written and flushed first, then the
 * files are swapped in; if anything fails, the files already swapped are put back as they were.
 * `beforeSwap` lets tests inject a failure between two swaps.
 */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; data: string | Uint8Array }>, beforeSwap?: (index: number) => void): void {
  const staged: Array<{ path: string; tmp: string; backup?: string }> = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = tempName(f.path);
      writeDurable(tmp, f.data);
      staged.push({ path: f.path, tmp });
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
  const swapped: typeof staged = [];
  try {
    staged.forEach((s, i) => {
      beforeSwap?.(i);
      if (existsSync(s.path)) {
        s.backup = `${s.tmp}.bak`;
        renameSync(s.path, s.backup);
      }
      swapped.push(s);
      renameSync(s.tmp, s.path);
    });
  } catch (e) {
    for (const s of swapped.reverse()) {
      rmSync(s.path, { force: true });
      if (s.backup) renameSync(s.backup, s.path);
    }
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
  for (const s of staged) if (s.backup) rmSync(s.backup, { force: true });
}

/** Files under `root` whose name ends with `ext`, as `/`-separated paths relative to `root`, sorted. */
export function listFiles(root: string, ext: string): string[] {
  const out: string[] = [];
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
