// SQL for content-addressed blobs (contact photos). Writing the same bytes twice is a no-op, so
// storing on every read is safe; a blob is never changed in place.
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export interface Blob {
  hash: string;
  mediaType: string | null;
  bytes: Uint8Array;
}

export function putBlob(db: WritableDb, blob: Blob): void {
  prepared(db, 'INSERT OR IGNORE INTO blobs (hash, media_type, bytes) VALUES (?, ?, ?)').run(blob.hash, blob.mediaType, Buffer.from(blob.bytes));
}

export function getBlob(db: ReadableDb, hash: string): Blob | null {
  const row = prepared<[string], { hash: string; media_type: string | null; bytes: Buffer }>(db, 'SELECT * FROM blobs WHERE hash = ?').get(hash);
  return row ? { hash: row.hash, mediaType: row.media_type, bytes: new Uint8Array(row.bytes) } : null;
}
