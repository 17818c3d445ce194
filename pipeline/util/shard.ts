/**
 * `--shard <i>/<n>`: a deterministic partition of documents by the SHA-1 of their source path, so
 * that n machines (a CI matrix) each take one part, every document lands in exactly one part, and
 * a document stays in its part however many others are added or removed.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `3/8` → { index: 3, count: 8 }; undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^([0-9]{1,6})\/([0-9]{1,6})$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

export function shardOf(path: string, count: number): number {
  return (createHash('sha1').update(path).digest().readUInt32BE(0) % count) + 1;
}

/** Whether a source path belongs to the shard (every path does when there is none). */
export function inShard(path: string, shard: Shard | undefined): boolean {
  return shard === undefined || shard.count === 1 || shardOf(path, shard.count) === shard.index;
}

export const shardName = (shard: Shard) => `${shard.index}-of-${shard.count}`;
