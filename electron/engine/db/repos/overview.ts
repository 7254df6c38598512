// Read-only SQL for the overviews the CLI and the tray show (status.get, contacts.overview,
// contacts.show, trash.list): counts, and which accounts hold which contact. Nothing here writes.
// Invariant: "live" always means not in the trash, as everywhere else in the hub.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { ReadableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

const live = (column: string) => `NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = ${column})`;

/** Open merge suggestions between two live contacts. */
export function countOpenSuggestions(db: ReadableDb): number {
  return prepared<[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM suggestions s WHERE s.status = 'open' AND ${live('s.contact_a')} AND ${live('s.contact_b')}`,
  ).get()!.n;
}

export function countTrash(db: ReadableDb): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM trash').get()!.n;
}

/** For each contact id, the ids of the accounts that hold a copy of it. */
export function accountsHolding(db: ReadableDb, contactIds: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return out;
  const rows = prepared<[string], { contact_id: string; account_id: string }>(
    db,
    `SELECT l.contact_id, r.account_id FROM json_each(?) j
       CROSS JOIN links l ON l.contact_id = j.value
       CROSS JOIN records r ON r.id = l.record_id
     ORDER BY l.contact_id, r.account_id`,
  ).all(JSON.stringify(contactIds));
  for (const row of rows) out.get(row.contact_id)?.push(row.account_id);
  return out;
}

export interface LinkedRecord {
  recordId: number;
  accountId: string;
  remoteId: string;
  etag: string | null;
  fields: ContactFields;
  fetchedAt: number;
  how: string;
  linkedAt: number;
}

/** Every account's copy of a contact, in the order the accounts were added. */
export function recordsOfContact(db: ReadableDb, contactId: string): LinkedRecord[] {
  return prepared<
    [string],
    { id: number; account_id: string; remote_id: string; etag: string | null; fields: string; fetched_at: number; how: string; linked_at: number }
  >(
    db,
    `SELECT r.id, r.account_id, r.remote_id, r.etag, r.fields, r.fetched_at, l.how, l.linked_at
       FROM links l CROSS JOIN records r ON r.id = l.record_id
       JOIN accounts a ON a.id = r.account_id
     WHERE l.contact_id = ? ORDER BY a.created_at, a.rowid`,
  )
    .all(contactId)
    .map((r) => ({
      recordId: r.id,
      accountId: r.account_id,
      remoteId: r.remote_id,
      etag: r.etag,
      fields: JSON.parse(r.fields) as ContactFields,
      fetchedAt: r.fetched_at,
      how: r.how,
      linkedAt: r.linked_at,
    }));
}
