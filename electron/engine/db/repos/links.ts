// SQL for links between remote records and hub contacts, each with its merge base.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';
import { fieldsJson } from './fields-json.ts';

export type LinkHow = 'created' | 'auto' | 'user' | 'import';

export interface LinkRow {
  recordId: number;
  contactId: string;
  base: ContactFields;
  baseHash: string;
  how: LinkHow;
  linkedAt: number;
}

interface RawLinkRow {
  record_id: number;
  contact_id: string;
  base: string;
  base_hash: string;
  how: LinkHow;
  linked_at: number;
}

const toLink = (r: RawLinkRow): LinkRow => ({
  recordId: r.record_id,
  contactId: r.contact_id,
  base: JSON.parse(r.base) as ContactFields,
  baseHash: r.base_hash,
  how: r.how,
  linkedAt: r.linked_at,
});

/** Links a record to a contact or moves/refreshes the link (one contact per record). */
export function putLink(db: WritableDb, l: LinkRow): void {
  prepared(
    db,
    `INSERT INTO links (record_id, contact_id, base, base_hash, how, linked_at)
     VALUES (@recordId, @contactId, @base, @baseHash, @how, @linkedAt)
     ON CONFLICT (record_id) DO UPDATE SET contact_id = excluded.contact_id, base = excluded.base,
       base_hash = excluded.base_hash, how = excluded.how, linked_at = excluded.linked_at`,
  ).run({ ...l, base: fieldsJson(l.base) });
}

export function getLink(db: ReadableDb, recordId: number): LinkRow | undefined {
  const r = prepared<[number], RawLinkRow>(db, 'SELECT * FROM links WHERE record_id = ?').get(recordId);
  return r && toLink(r);
}

export function linksOfContact(db: ReadableDb, contactId: string): LinkRow[] {
  return prepared<[string], RawLinkRow>(db, 'SELECT * FROM links WHERE contact_id = ? ORDER BY record_id').all(contactId).map(toLink);
}

export function deleteLink(db: WritableDb, recordId: number): boolean {
  return prepared(db, 'DELETE FROM links WHERE record_id = ?').run(recordId).changes === 1;
}
