// SQL for the blocking index: each hub contact's normalised match keys. Candidate lookup is one
// indexed probe per key, so linking a new record costs O(keys), never O(contacts).
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

/** Keys of a contact that has none yet (just created): nothing to delete first. */
export function insertContactKeys(db: WritableDb, contactId: string, keys: readonly string[]): void {
  const insert = prepared(db, 'INSERT OR IGNORE INTO contact_keys (key, contact_id) VALUES (?, ?)');
  for (const key of keys) insert.run(key, contactId);
}

export function replaceContactKeys(db: WritableDb, contactId: string, keys: readonly string[]): void {
  prepared(db, 'DELETE FROM contact_keys WHERE contact_id = ?').run(contactId);
  insertContactKeys(db, contactId, keys);
}

/**
 * Whether the hub holds any contact outside the id range (inclusive) — on an account's first sync
 * into an empty hub it holds only what that pull created, and no key block can hold a candidate.
 * Two seeks on the contacts table.
 */
export function holdsContactsOutside(db: ReadableDb, range: { first: string; last: string }): boolean {
  return (
    prepared<[string, string], number>(db, 'SELECT EXISTS (SELECT 1 FROM contacts WHERE id < ?) OR EXISTS (SELECT 1 FROM contacts WHERE id > ?)')
      .pluck()
      .get(range.first, range.last) === 1
  );
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

/**
 * How many distinct contacts hold any of the keys, each key's list capped at `limit`: the size
 * contactsSharingKeys would give, without reading the ids out.
 */
export function countSharingKeys(db: ReadableDb, keys: readonly string[], limit = 50): number {
  if (keys.length === 0) return 0;
  const capped = '(SELECT contact_id FROM (SELECT contact_id FROM contact_keys WHERE key = ? LIMIT ?))';
  const sql = `SELECT count(*) FROM (${keys.map(() => `SELECT contact_id FROM ${capped}`).join(' UNION ')})`;
  return prepared<unknown[], number>(db, sql)
    .pluck()
    .get(...keys.flatMap((key) => [key, limit]))!;
}

/**
 * Like contactsSharingKeys, leaving out contacts that already have a record in `accountId` (they
 * cannot take a second one: linking skips them). Filtered in SQL, per key, so a first sync — where
 * every earlier card of the account fills the blocks — costs one statement per key, not one per
 * candidate; the cap applies to the contacts that remain. `skip` is a range of contact ids known to
 * be held by the account (those its current pull created): each block is read around it, by two
 * index ranges, so the contacts a first sync keeps adding to the blocks are never walked.
 */
export function unlinkedContactsSharingKeys(
  db: ReadableDb,
  keys: readonly string[],
  accountId: string,
  limitPerKey = 50,
  skip: { first: string; last: string } = { first: '', last: '' },
): Map<string, string[]> {
  const byContact = new Map<string, string[]>();
  const probe = prepared<{ key: string; first: string; last: string; block: number; account: string; limit: number }, { contact_id: string }>(
    db,
    // The block itself is capped first (4× the limit): a name shared by thousands must not be
    // walked whole for every card, whatever the account already holds.
    `SELECT k.contact_id FROM (
       SELECT contact_id FROM contact_keys WHERE key = @key AND contact_id < @first
       UNION ALL
       SELECT contact_id FROM contact_keys WHERE key = @key AND contact_id > @last
       LIMIT @block) k
     WHERE NOT EXISTS (SELECT 1 FROM links l CROSS JOIN records r ON r.id = l.record_id WHERE l.contact_id = k.contact_id AND r.account_id = @account)
     LIMIT @limit`,
  );
  for (const key of new Set(keys)) {
    for (const { contact_id } of probe.all({ key, first: skip.first, last: skip.last, block: limitPerKey * 4, account: accountId, limit: limitPerKey })) {
      const shared = byContact.get(contact_id);
      if (shared) shared.push(key);
      else byContact.set(contact_id, [key]);
    }
  }
  return byContact;
}
