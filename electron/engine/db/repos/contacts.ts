// SQL for hub contacts and their search. Trashed contacts (a row in `trash`) are excluded from
// every listing here; the trash repo deals with them.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';
import { spaceOutCjk } from '../../model/search-text.ts';
import { fieldsJson } from './fields-json.ts';

export interface ContactRow {
  id: string;
  fields: ContactFields;
  displayName: string;
  sortKey: string;
  searchText: string;
  contentHash: string;
  createdAt: number;
  updatedAt: number;
}

interface RawContactRow {
  id: string;
  fields: string;
  display_name: string;
  sort_key: string;
  search_text: string;
  content_hash: string;
  created_at: number;
  updated_at: number;
  trashed: 0 | 1;
}

function toContact(row: RawContactRow): ContactRow & { trashed: boolean } {
  return {
    id: row.id,
    fields: JSON.parse(row.fields) as ContactFields,
    displayName: row.display_name,
    sortKey: row.sort_key,
    searchText: row.search_text,
    contentHash: row.content_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashed: row.trashed === 1,
  };
}

const params = (c: ContactRow) => ({
  id: c.id,
  fields: fieldsJson(c.fields),
  displayName: c.displayName,
  sortKey: c.sortKey,
  searchText: c.searchText,
  contentHash: c.contentHash,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export function insertContact(db: WritableDb, c: ContactRow): void {
  prepared(db, 
    `INSERT INTO contacts (id, fields, display_name, sort_key, search_text, content_hash, created_at, updated_at)
     VALUES (@id, @fields, @displayName, @sortKey, @searchText, @contentHash, @createdAt, @updatedAt)`,
  ).run(params(c));
}

export function updateContact(db: WritableDb, c: ContactRow): boolean {
  const r = prepared(db, `UPDATE contacts SET fields = @fields, display_name = @displayName, sort_key = @sortKey,
         search_text = @searchText, content_hash = @contentHash, updated_at = @updatedAt
       WHERE id = @id`,
    )
    .run(params(c));
  return r.changes === 1;
}

const selectContact = `SELECT c.*, EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id) AS trashed FROM contacts c`;

export function getContact(db: ReadableDb, id: string): (ContactRow & { trashed: boolean }) | undefined {
  const row = prepared<[string], RawContactRow>(db, `${selectContact} WHERE c.id = ?`).get(id);
  return row && toContact(row);
}

export function countContacts(db: ReadableDb): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id)')
    .get()!.n;
}

/**
 * Turns what a user typed into an FTS5 query: every word must match, as a prefix ("ann" finds
 * "Anna"); CJK words become phrases of single characters (see model/search-text.ts). User text is
 * always quoted, so FTS5 operators in it (OR, NEAR, *, ") are taken literally.
 */
export function toFtsQuery(text: string): string | null {
  const words = spaceOutCjk(text.normalize('NFC'))
    .split(' ')
    .map((w) => w.replace(/"/g, '""'))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

export interface ContactListQuery {
  query: string;
  offset: number;
  limit: number;
}

export function listContacts(db: ReadableDb, q: ContactListQuery): { total: number; rows: ContactRow[] } {
  const fts = toFtsQuery(q.query);
  const live = 'NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id)';
  if (fts === null) {
    const rows = prepared<[number, number], RawContactRow>(db, `${selectContact} WHERE ${live} ORDER BY c.sort_key, c.seq LIMIT ? OFFSET ?`,
      )
      .all(q.limit, q.offset);
    return { total: countContacts(db), rows: rows.map(toContact) };
  }
  const matching = `c.seq IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH @fts) AND ${live}`;
  const total = prepared<[{ fts: string }], { n: number }>(db, `SELECT count(*) AS n FROM contacts c WHERE ${matching}`).get({ fts })!.n;
  const rows = prepared<[{ fts: string; limit: number; offset: number }], RawContactRow>(db, `${selectContact} WHERE ${matching} ORDER BY c.sort_key, c.seq LIMIT @limit OFFSET @offset`,
    )
    .all({ fts, limit: q.limit, offset: q.offset });
  return { total, rows: rows.map(toContact) };
}

/** Every group name used by a live contact (accounts that keep groups as objects create them first). */
export function groupNamesInUse(db: ReadableDb): string[] {
  return prepared<[], { name: string }>(
    db,
    `SELECT DISTINCT g.value AS name FROM contacts c, json_each(c.fields, '$.groups') g
     WHERE NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id) ORDER BY 1`,
  )
    .all()
    .map((r) => r.name);
}
