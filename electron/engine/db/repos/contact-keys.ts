// SQL for the blocking index: each hub contact's normalised match keys. Candidate lookup is one
// indexed probe per key, so linking a new record costs O(keys), never O(contacts).
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export function replaceContactKeys(db: WritableDb, contactId: string, keys: readonly string[]): void {
  prepared(db, 'DELETE FROM contact_keys WHERE contact_id = ?').run(contactId);
  const insert = prepared(db, 'INSERT OR IGNORE INTO contact_keys (key, contact_id) VALUES (?, ?)');
  for (const key of keys) insert.run(key, contactId);
}

/**
 * Contacts sharing at least one key, with the keys they share. `limitPerKey` caps oversized blocks
 * (a shared company switchboard number must not make every colleague a candidate).
 */
export function contactsSharingKeys(db: ReadableDb, keys: readonly string[], limitPerKey = 50): Map<string, string[]> {
  const byContact = new Map<string, string[]>();
  const probe = prepared<[string, number], { contact_id: string }>(db, 'SELECT contact_id FROM contact_keys WHERE key = ? LIMIT ?');
  for (const key of new Set(keys)) {
    for (const { contact_id } of probe.all(key, limitPerKey)) {
      const shared = byContact.get(contact_id);
      if (shared) shared.push(key);
      else byContact.set(contact_id, [key]);
    }
  }
  return byContact;
}
