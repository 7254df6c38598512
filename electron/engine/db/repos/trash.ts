// SQL for the trash: a contact is trashed by adding a row here (its fields stay in `contacts`),
// restored by removing it. Purging after 30 days is the only real deletion, and the journal holds
// the contact as it was.
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export type TrashReason = 'user' | 'remote' | 'merge' | 'import-undo';

export interface TrashEntry {
  contactId: string;
  deletedAt: number;
  purgeAfter: number;
  runId: number | null;
  reason: TrashReason;
}

export function trashContact(db: WritableDb, e: Omit<TrashEntry, 'purgeAfter'>): void {
  prepared(db, `INSERT INTO trash (contact_id, deleted_at, purge_after, run_id, reason) VALUES (?, ?, ?, ?, ?)`).run(
    e.contactId,
    e.deletedAt,
    e.deletedAt + TRASH_RETENTION_MS,
    e.runId,
    e.reason,
  );
}

export function restoreContact(db: WritableDb, contactId: string): boolean {
  return prepared(db, 'DELETE FROM trash WHERE contact_id = ?').run(contactId).changes === 1;
}

export function listTrash(db: ReadableDb): TrashEntry[] {
  return prepared<[], { contact_id: string; deleted_at: number; purge_after: number; run_id: number | null; reason: TrashReason }>(
    db,
    'SELECT * FROM trash ORDER BY deleted_at DESC',
  )
    .all()
    .map((r) => ({ contactId: r.contact_id, deletedAt: r.deleted_at, purgeAfter: r.purge_after, runId: r.run_id, reason: r.reason }));
}
