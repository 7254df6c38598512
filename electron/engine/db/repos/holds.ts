// SQL for holds: hub contacts kept out of the push to other accounts until the user decides a
// linking suggestion about them.
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export function holdContact(db: WritableDb, contactId: string, since: number): void {
  prepared(db, `INSERT OR IGNORE INTO holds (contact_id, reason, since) VALUES (?, 'possible-duplicate', ?)`).run(contactId, since);
}

export function releaseContact(db: WritableDb, contactId: string): boolean {
  return prepared(db, 'DELETE FROM holds WHERE contact_id = ?').run(contactId).changes === 1;
}

export function isHeld(db: ReadableDb, contactId: string): boolean {
  return prepared<[string], { n: number }>(db, 'SELECT count(*) AS n FROM holds WHERE contact_id = ?').get(contactId)!.n > 0;
}
