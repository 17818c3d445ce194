/**
 * Changing the translation store safely: one writer at a time (a lock file), and changes to several
 * store files that happen all together or not at all, even if the process is killed half way.
 *
 *   translations/.sxs-lock          {pid, host, command, started} of the writer holding it
 *   translations/.sxs-journal.json  the files being replaced: [{path, tmp, backup?}], state
 *
 * A change stages every new file (written and flushed next to its target), writes the journal,
 * then swaps the files in (the old one kept as a backup), marks the journal committed, and only
 * then removes the backups and the journal. Whoever next takes the lock finds an uncommitted
 * journal and puts every original back (the change never happened), or a committed one and finishes
 * the clean-up. Readers that find an abandoned journal recover it the same way before reading.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { assertInside, processRunning, stageFile, sweepTemporaries, UnsafePathError, writeFileAtomic } from '../util/fs.js';

export const LOCK_FILE = '.sxs-lock';
export const JOURNAL_FILE = '.sxs-journal.json';

export class StoreLockedError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A journal sxs will not act on: not one it wrote, or naming a path outside the store. The journal
 * is input like any file in `translations/` (a contributor controls that folder): recovery never
 * removes or replaces a file it names before every path in it is checked, and a bad one stops the
 * command with this error, touching nothing.
 */
export class JournalError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** The journal's entries, every path checked to be inside the store (`root`) with no symbolic link on the way. */
function checkedJournal(root: string, file: string, json: unknown): Journal {
  const refuse = (why: string): never => {
    throw new JournalError(file, `${why}: not acted on, nothing was changed (if no sxs command is running, check the store files and delete ${file})`);
  };
  const j = json as Partial<Journal> | null;
  if (!j || typeof j !== 'object' || (j.state !== 'swapping' && j.state !== 'committed') || !Array.isArray(j.entries)) refuse('not a journal written by sxs');
  const entries: JournalEntry[] = [];
  for (const e of j!.entries as unknown[]) {
    const entry = e as Partial<JournalEntry> | null;
    if (!entry || typeof entry.path !== 'string' || typeof entry.tmp !== 'string' || (entry.backup !== undefined && typeof entry.backup !== 'string')) refuse('not a journal written by sxs');
    for (const p of [entry!.path!, entry!.tmp!, ...(entry!.backup !== undefined ? [entry!.backup] : [])]) {
      const full = resolve(root, p);
      try {
        assertInside(root, full);
      } catch (err) {
        if (!(err instanceof UnsafePathError)) throw err;
        refuse(`it names ${p}, which is outside the store ${root} (${err.message})`);
      }
      if (full === resolve(root) || full === resolve(file)) refuse(`it names ${p}, which is not a store file`);
    }
    entries.push({ path: resolve(root, entry!.path!), tmp: resolve(root, entry!.tmp!), ...(entry!.backup !== undefined ? { backup: resolve(root, entry!.backup) } : {}) });
  }
  return { state: j!.state!, entries };
}

interface Holder {
  pid: number;
  host: string;
  command: string;
  started: string;
}

interface JournalEntry {
  path: string;
  tmp: string;
  /** Where the file that existed before is kept until the change is committed. */
  backup?: string;
}

interface Journal {
  state: 'swapping' | 'committed';
  entries: JournalEntry[];
}

function isAlive(h: Holder): boolean {
  return h.host !== hostname() || processRunning(h.pid);
}

/**
 * Takes the lock or throws StoreLockedError; returns the lock file and the text that makes it ours.
 * A lock left by a process that is gone is taken over under a second, short-lived lock
 * (`.sxs-lock.takeover`): only its holder may remove a stale lock, and only while the lock is still
 * the very one judged stale. So two processes that both found it stale cannot both take over: the
 * second finds the first one's new lock, alive.
 */
function acquire(root: string, command: string): { lock: string; token: string } {
  mkdirSync(root, { recursive: true });
  const lock = join(root, LOCK_FILE);
  const guard = `${lock}.takeover`;
  const token = JSON.stringify({ pid: process.pid, host: hostname(), command, started: new Date().toISOString(), nonce: randomBytes(8).toString('hex') });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
      return { lock, token };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const judged = readText(lock);
    const holder = judged === undefined ? undefined : parseHolder(judged);
    // A lock being written this very moment has no content yet: only an old unreadable one is stale.
    const stale = holder ? !isAlive(holder) : Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 10_000;
    if (!stale) {
      const who = holder ? `sxs ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.started})` : 'another sxs process';
      throw new StoreLockedError(lock, `the translations are being changed by ${who}: run this again when it has finished; if that process no longer exists, delete ${lock}`);
    }
    let fd: number;
    try {
      fd = openSync(guard, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another process is taking over (a guard left by a killed one is old: removed).
      if (Date.now() - (statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 10_000) rmSync(guard, { force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    try {
      closeSync(fd);
      if (readText(lock) === judged) rmSync(lock, { force: true });
    } finally {
      rmSync(guard, { force: true });
    }
  }
  throw new StoreLockedError(lock, `cannot take the lock ${lock}`);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Holder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the lock only while it is still ours (a process that took over a lock it judged stale owns it now). */
function release({ lock, token }: { lock: string; token: string }): void {
  if (readText(lock) === token) rmSync(lock, { force: true });
}

/** Runs `fn` holding the store's lock, after recovering from any interrupted change. */
export function withStoreLock<T>(root: string, command: string, fn: () => T): T {
  const held = acquire(root, command);
  try {
    recoverStore(root);
    sweepTemporaries(root);
    return fn();
  } finally {
    release(held);
  }
}

/** `withStoreLock` for an asynchronous `fn`: the lock is held until its promise settles. */
export async function withStoreLockAsync<T>(root: string, command: string, fn: () => Promise<T>): Promise<T> {
  const held = acquire(root, command);
  try {
    recoverStore(root);
    sweepTemporaries(root);
    return await fn();
  } finally {
    release(held);
  }
}

/**
 * A command that changes the store: `fn` runs holding the lock, or, for a dry run, after recovering
 * any interrupted change. When the lock is taken by another process, `locked` makes the report.
 */
export function underLock<T>(root: string, command: string, dryRun: boolean, fn: () => T, locked: (e: StoreLockedError) => T): T {
  if (dryRun) {
    recoverIfAbandoned(root);
    return fn();
  }
  try {
    return withStoreLock(root, command, fn);
  } catch (e) {
    if (!(e instanceof StoreLockedError)) throw e;
    return locked(e);
  }
}

export async function underLockAsync<T>(root: string, command: string, dryRun: boolean, fn: () => Promise<T>, locked: (e: StoreLockedError) => T): Promise<T> {
  if (dryRun) {
    recoverIfAbandoned(root);
    return fn();
  }
  try {
    return await withStoreLockAsync(root, command, fn);
  } catch (e) {
    if (!(e instanceof StoreLockedError)) throw e;
    return locked(e);
  }
}

/**
 * Before reading: if a change was interrupted (a journal is left and nobody holds the lock), undo
 * it. A change still in progress is left alone (every file a reader opens is whole either way).
 */
export function recoverIfAbandoned(root: string): void {
  if (!existsSync(join(root, JOURNAL_FILE))) return;
  try {
    withStoreLock(root, 'recover', () => undefined);
  } catch (e) {
    if (!(e instanceof StoreLockedError)) throw e;
  }
}

/** Undoes (or, if committed, finishes) an interrupted change. Call with the lock held. Returns the files restored. */
export function recoverStore(root: string): number {
  const file = join(root, JOURNAL_FILE);
  if (!existsSync(file)) return 0;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // The journal is written atomically: an unreadable one was never ours to act on.
    throw new JournalError(file, `${file} cannot be read: check the store files it names, then delete it`);
  }
  const journal = checkedJournal(root, file, json);
  let restored = 0;
  for (const e of [...journal.entries].reverse()) {
    if (journal.state === 'committed') {
      if (e.backup) rmSync(e.backup, { force: true });
      continue;
    }
    if (e.backup && existsSync(e.backup)) {
      renameSync(e.backup, e.path);
      restored++;
    } else if (!e.backup && existsSync(e.path)) {
      rmSync(e.path, { force: true });
      restored++;
    }
    rmSync(e.tmp, { force: true });
  }
  rmSync(file, { force: true });
  return restored;
}

/**
 * A change to several store files, staged file by file as a run goes (so a long run holds no file
 * text in memory) and then swapped in as one change, or aborted. Call with the lock held. If
 * `commit` throws, or the process dies, nothing has changed once the store is recovered; staged
 * files of a change that never committed are only temporary files. `beforeSwap` lets tests inject
 * a failure (or a kill) between two swaps.
 */
export class StoreChange {
  private readonly entries: JournalEntry[] = [];
  private readonly staged = new Map<string, number>();

  constructor(private readonly root: string) {}

  get size(): number {
    return this.entries.length;
  }

  get paths(): string[] {
    return this.entries.map((e) => e.path);
  }

  /** Stages the new content of `path` (again: the later content wins). */
  stage(path: string, data: string | Uint8Array): void {
    const tmp = stageFile(path, data);
    const at = this.staged.get(path);
    if (at !== undefined) {
      rmSync(this.entries[at]!.tmp, { force: true });
      this.entries[at]!.tmp = tmp;
      return;
    }
    this.staged.set(path, this.entries.length);
    this.entries.push({ path, tmp, ...(existsSync(path) ? { backup: `${tmp}.bak` } : {}) });
  }

  /** The content staged for `path`, if any. */
  /** Whether this change has staged `path`. */
  isStaged(path: string): boolean {
    return this.staged.has(path);
  }

  stagedText(path: string): string | undefined {
    const at = this.staged.get(path);
    return at === undefined ? undefined : readFileSync(this.entries[at]!.tmp, 'utf8');
  }

  abort(): void {
    for (const s of this.entries) rmSync(s.tmp, { force: true });
    this.entries.length = 0;
    this.staged.clear();
  }

  /** Runs `fn` (which stages); if it throws, what was staged is dropped. */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  async guardAsync<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  commit(beforeSwap?: (index: number) => void): void {
    const { entries, root } = this;
    if (entries.length === 0) return;
    const journal = join(root, JOURNAL_FILE);
    try {
      writeFileAtomic(journal, JSON.stringify({ state: 'swapping', entries } satisfies Journal));
    } catch (e) {
      this.abort();
      throw e;
    }
    try {
      entries.forEach((s, i) => {
        beforeSwap?.(i);
        if (s.backup) renameSync(s.path, s.backup);
        renameSync(s.tmp, s.path);
      });
    } catch (e) {
      recoverStore(root);
      throw e;
    }
    writeFileAtomic(journal, JSON.stringify({ state: 'committed', entries } satisfies Journal));
    recoverStore(root);
  }
}

/** Replaces several store files as one change (call with the lock held); see StoreChange. */
export function commitFiles(root: string, files: ReadonlyArray<{ path: string; data: string | Uint8Array }>, beforeSwap?: (index: number) => void): void {
  const change = new StoreChange(root);
  change.guard(() => {
    for (const f of files) change.stage(f.path, f.data);
  });
  change.commit(beforeSwap);
}
