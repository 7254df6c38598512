// The folder provider's cursor: what the folder looked like at the end of a listing, as one
// compact digest per file (inode, size, modification and change times; no file contents), so a
// poll that finds nothing changed costs one directory read and one stat per file, and no reads.
// Invariants: the cursor is self-contained (it names every file it saw, so deletions can be
// reported); anything that does not decode exactly is `cursor-invalid` (the engine then does a full
// listing, which reconciles without deleting anything before it has completed).
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ProviderError } from '../types.ts';

const PREFIX = 'folder1.';

/** File name → stat digest. */
export type FolderState = Map<string, string>;

/**
 * A change to a file's bytes changes at least its mtime and ctime (or, for a write-and-rename, its
 * inode): nanosecond times where the file system has them. 12 base64url characters (72 bits).
 */
export function statDigest(stats: BigIntStats): string {
  return createHash('sha256').update(`${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`).digest('base64url').slice(0, 12);
}

export function encodeCursor(state: FolderState): string {
  const lines = [...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, digest]) => `${digest}${name}`);
  return PREFIX + deflateRawSync(Buffer.from(lines.join('\n'), 'utf8')).toString('base64url');
}

function invalid(): ProviderError {
  return new ProviderError('cursor-invalid', 'This folder position was not written by this version of Concord; the folder is listed in full instead.');
}

export function decodeCursor(cursor: string): FolderState {
  if (!cursor.startsWith(PREFIX)) throw invalid();
  let text: string;
  try {
    text = inflateRawSync(Buffer.from(cursor.slice(PREFIX.length), 'base64url')).toString('utf8');
  } catch {
    throw invalid();
  }
  const state: FolderState = new Map();
  if (text === '') return state;
  for (const line of text.split('\n')) {
    if (line.length <= 12) throw invalid();
    state.set(line.slice(12), line.slice(0, 12));
  }
  return state;
}
