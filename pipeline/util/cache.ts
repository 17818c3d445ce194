/**
 * A content-addressed cache of JSON values under `.sxs-cache/<namespace>/`: the key is a SHA-1 of
 * everything the value was computed from, salted with the version and the code of sxs itself, so a
 * changed input or a changed sxs never reads an old entry. An entry that cannot be read counts as
 * missing; one that cannot be written is skipped: the cache changes speed, never results.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertInside, writeFileAtomic } from './fs.js';

let fingerprint: string | undefined;

/** SHA-1 over every module of sxs (compiled or source, whichever is running). */
export function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(?:js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(root);
  fingerprint = hash.digest('hex');
  return fingerprint;
}

export type KeyPart = string | Uint8Array;

/** SHA-1 of parts, each length-prefixed so that no two lists of parts give the same bytes. */
export function keyOf(parts: readonly KeyPart[]): string {
  const hash = createHash('sha1');
  for (const p of parts) {
    const bytes = typeof p === 'string' ? Buffer.from(p) : p;
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex');
}

export class JsonCache {
  private readonly salt: string;

  constructor(
    private readonly dir: string,
    private readonly namespace: string,
    salt: readonly KeyPart[],
  ) {
    this.salt = keyOf([codeFingerprint(), ...salt]);
  }

  key(parts: readonly KeyPart[]): string {
    return keyOf([this.salt, ...parts]);
  }

  private file(key: string): string {
    return join(this.dir, this.namespace, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  has(key: string): boolean {
    return existsSync(this.file(key));
  }

  get<T>(key: string): T | undefined {
    try {
      const file = this.file(key);
      assertInside(this.dir, file);
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    try {
      writeFileAtomic(this.file(key), JSON.stringify(value), { durable: false, root: this.dir });
    } catch {
      // A read-only or full disk only costs speed.
    }
  }
}
