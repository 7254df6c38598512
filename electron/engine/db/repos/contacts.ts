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

/**
 * "Not in the trash", written against `seq` rather than `id`: seq is in every index of contacts,
 * so a scan of contacts_by_sort_key checks it without reading the table row (an OFFSET of 50,000
 * over NOT EXISTS (… t.contact_id = c.id) read 50,000 rows: ~90 ms; this: ~2 ms). The trash is
 * small; SQLite builds the set once per statement.
 */
const liveSeq = (seq: string) => `${seq} NOT IN (SELECT tc.seq FROM trash t JOIN contacts tc ON tc.id = t.contact_id)`;

export function countContacts(db: ReadableDb): number {
  return prepared<[], { n: number }>(db, `SELECT count(*) AS n FROM contacts c WHERE ${liveSeq('c.seq')}`).get()!.n;
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

export interface ContactListPage {
  /** Live contacts matching; with totalIsLowerBound, at least this many (a multiple of COUNT_STEP). */
  total: number;
  /** True when the matches were counted only up to a cap: there are more than `total`. */
  totalIsLowerBound: boolean;
  rows: ContactRow[];
}

/**
 * Searches count their matches exactly up to the next multiple of COUNT_STEP past the requested
 * page, never further: a one-letter prefix matches tens of thousands of contacts, and counting them
 * all costs more than finding the rows. Also the point above which a search walks the sort index.
 */
export const COUNT_STEP = 1000;

const matchingSeqs = 'SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH @fts';

/** One page of seqs, then their rows: the page is picked from the covering index alone. */
const rowsOfPage = (pageSeqs: string) => `${selectContact} WHERE c.seq IN (${pageSeqs}) ORDER BY c.sort_key, c.seq`;

export function listContacts(db: ReadableDb, q: ContactListQuery): ContactListPage {
  const fts = toFtsQuery(q.query);
  const page = { limit: q.limit, offset: q.offset };
  if (fts === null) {
    const seqs = `SELECT c.seq FROM contacts c WHERE ${liveSeq('c.seq')} ORDER BY c.sort_key, c.seq LIMIT @limit OFFSET @offset`;
    const rows = prepared<[typeof page], RawContactRow>(db, rowsOfPage(seqs)).all(page);
    return { total: countContacts(db), totalIsLowerBound: false, rows: rows.map(toContact) };
  }
  const cap = (Math.floor((q.offset + q.limit) / COUNT_STEP) + 1) * COUNT_STEP;
  const counted = prepared<[{ fts: string; cap: number }], { n: number }>(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH @fts AND ${liveSeq('rowid')} LIMIT @cap + 1)`,
  ).get({ fts, cap })!.n;
  const paged = { ...page, fts };
  // Few matches: look each up and sort them. Many: walk contacts_by_sort_key in order and stop
  // after the page; the unary + keeps SQLite from driving the query by the FTS matches (which would
  // look up and sort every one of them: "a" over 100,000 contacts 40 ms, walking the index 4 ms).
  const seqs =
    counted <= COUNT_STEP
      ? `SELECT c.seq FROM contacts c WHERE c.seq IN (${matchingSeqs}) AND ${liveSeq('c.seq')} ORDER BY c.sort_key, c.seq LIMIT @limit OFFSET @offset`
      : `SELECT c.seq FROM contacts c WHERE +c.seq IN (${matchingSeqs}) AND ${liveSeq('c.seq')} ORDER BY c.sort_key, c.seq LIMIT @limit OFFSET @offset`;
  const rows = prepared<[typeof paged], RawContactRow>(db, rowsOfPage(seqs)).all(paged);
  return { total: Math.min(counted, cap), totalIsLowerBound: counted > cap, rows: rows.map(toContact) };
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
