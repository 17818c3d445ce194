/**
 * The incremental-build record (`.sxs-cache/<name>.json`): per output unit (a document in a locale),
 * the key of the inputs it was built from and the files it wrote (size and modification time), and
 * whatever the run reports about it. A unit whose key is unchanged and whose files are intact is not
 * rebuilt: an unchanged document costs a few `stat` calls, not a parse.
 *
 * Input hashes are cached by file identity (size, mtime, ctime, inode), as git's index does; a
 * file modified within two seconds of being recorded is not trusted and is hashed again next time,
 * so a write in the same clock tick as the record cannot go unseen. The record is salted with the
 * code of sxs and the configuration; any doubt (unreadable, other salt) means an empty record.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { assertInside, writeFileAtomic } from './fs.js';
import { codeFingerprint, keyOf, type KeyPart } from './cache.js';
import { LIMITS } from './limits.js';

const LARGEST_INPUT = Math.max(LIMITS.markdownBytes, LIMITS.xliffBytes);

/** A written file: path relative to the output root, size, mtime. */
export type Output = [rel: string, size: number, mtimeMs: number];

export interface ManifestEntry<T> {
  key: string;
  outputs: Output[];
  data: T;
}

interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
}

interface ManifestFile<T> {
  salt: string;
  inputs: Record<string, Stamp>;
  units: Record<string, ManifestEntry<T>>;
}

const sameFile = (s: Stats, t: Stamp) => s.size === t.size && s.mtimeMs === t.mtimeMs && s.ctimeMs === t.ctimeMs && s.ino === t.ino;

export class Manifest<T> {
  private readonly file: string;
  private readonly salt: string;
  private inputs: Record<string, Stamp> = {};
  private units: Record<string, ManifestEntry<T>> = {};
  private readonly seenInputs = new Set<string>();
  private readonly touched = new Set<string>();
  /** Whether anything differs from the record as read (else `save` has nothing to write). */
  private changed = false;

  constructor(
    private readonly cacheDir: string,
    name: string,
    salt: readonly KeyPart[],
    private readonly outputRoot: string,
  ) {
    this.file = join(cacheDir, `${name}.json`);
    this.salt = keyOf([codeFingerprint(), ...salt]);
    try {
      assertInside(cacheDir, this.file);
      const json = JSON.parse(readFileSync(this.file, 'utf8')) as ManifestFile<T>;
      if (json.salt === this.salt && typeof json.units === 'object' && typeof json.inputs === 'object') {
        this.inputs = json.inputs;
        this.units = json.units;
      }
    } catch {
      // No record yet (or an unreadable one): everything is built.
    }
  }

  /** SHA-1 of a file's bytes ('' when it does not exist), from the record when the file is unchanged. */
  inputHash(file: string): string {
    this.seenInputs.add(file);
    let stats: Stats;
    try {
      stats = statSync(file);
    } catch {
      if (file in this.inputs) {
        delete this.inputs[file];
        this.changed = true;
      }
      return '';
    }
    const known = this.inputs[file];
    if (known && sameFile(stats, known)) return known.hash;
    // A file beyond every input limit is refused by its reader without being read: not read here either.
    if (stats.size > LARGEST_INPUT) return `\u0000too-large:${stats.size}:${stats.mtimeMs}:${stats.ino}`;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return '\u0000unreadable';
    }
    const hash = createHash('sha1').update(bytes).digest('hex');
    if (Date.now() - stats.mtimeMs > 2000) this.inputs[file] = { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, hash };
    else delete this.inputs[file];
    this.changed = true;
    return hash;
  }

  key(parts: readonly KeyPart[]): string {
    return keyOf([this.salt, ...parts]);
  }

  /** The recorded unit when its key matches and every file it wrote is still as written. */
  fresh(id: string, key: string): ManifestEntry<T> | undefined {
    const entry = this.units[id];
    if (!entry || entry.key !== key) return undefined;
    for (const [rel, size, mtimeMs] of entry.outputs) {
      try {
        const s = statSync(join(this.outputRoot, rel));
        if (s.size !== size || s.mtimeMs !== mtimeMs) return undefined;
      } catch {
        return undefined;
      }
    }
    this.touched.add(id);
    return entry;
  }

  record(id: string, entry: ManifestEntry<T>): void {
    this.units[id] = entry;
    this.touched.add(id);
    this.changed = true;
  }

  /**
   * Writes the record. With `prune`, units and inputs not seen in this run are dropped (a full
   * run: they belong to deleted documents). Writes nothing when nothing changed. Never fails a run: a record that cannot be written
   * only costs speed.
   */
  save(prune: boolean): void {
    // Nothing new and nothing to prune: the record on disk is already this one (checked without copying it).
    const stale = (record: Record<string, unknown>, kept: ReadonlySet<string>) => {
      for (const k in record) if (!kept.has(k)) return true;
      return false;
    };
    if (!this.changed && !(prune && (stale(this.units, this.touched) || stale(this.inputs, this.seenInputs)))) return;
    const units = prune ? Object.fromEntries(Object.entries(this.units).filter(([id]) => this.touched.has(id))) : this.units;
    const inputs = prune ? Object.fromEntries(Object.entries(this.inputs).filter(([f]) => this.seenInputs.has(f))) : this.inputs;
    try {
      writeFileAtomic(this.file, JSON.stringify({ salt: this.salt, inputs, units } satisfies ManifestFile<T>), { durable: false, root: this.cacheDir });
    } catch {
      // Read-only or full disk: the next run rebuilds.
    }
  }
}

/** The stamp of a file just written under `root`, for the record. */
export function outputOf(root: string, rel: string): Output {
  const s = statSync(join(root, rel));
  return [rel, s.size, s.mtimeMs];
}
