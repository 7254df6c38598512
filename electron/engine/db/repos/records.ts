// SQL for remote records: one row per item in an account, with the raw payload exactly as the
// server sent it (writes patch it, so properties Concord does not model survive).
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';
import { fieldsJson } from './fields-json.ts';

export interface RecordRow {
  id: number;
  accountId: string;
  remoteId: string;
  etag: string | null;
  contentType: string;
  raw: string;
  fields: ContactFields;
  contentHash: string;
  remoteUpdatedAt: number | null;
  fetchedAt: number;
}

interface RawRecordRow {
  id: number;
  account_id: string;
  remote_id: string;
  etag: string | null;
  content_type: string;
  raw: string;
  fields: string;
  content_hash: string;
  remote_updated_at: number | null;
  fetched_at: number;
}

function toRecord(r: RawRecordRow): RecordRow {
  return {
    id: r.id,
    accountId: r.account_id,
    remoteId: r.remote_id,
    etag: r.etag,
    contentType: r.content_type,
    raw: r.raw,
    fields: JSON.parse(r.fields) as ContactFields,
    contentHash: r.content_hash,
    remoteUpdatedAt: r.remote_updated_at,
    fetchedAt: r.fetched_at,
  };
}

/** Inserts or replaces the stored version of a remote item; returns the record id (stable across updates). */
export function upsertRecord(db: WritableDb, r: Omit<RecordRow, 'id'>): number {
  const row = prepared<object, { id: number }>(
    db,
    `INSERT INTO records (account_id, remote_id, etag, content_type, raw, fields, content_hash, remote_updated_at, fetched_at)
     VALUES (@accountId, @remoteId, @etag, @contentType, @raw, @fields, @contentHash, @remoteUpdatedAt, @fetchedAt)
     ON CONFLICT (account_id, remote_id) DO UPDATE SET
       etag = excluded.etag, content_type = excluded.content_type, raw = excluded.raw, fields = excluded.fields,
       content_hash = excluded.content_hash, remote_updated_at = excluded.remote_updated_at, fetched_at = excluded.fetched_at
     RETURNING id`,
  ).get({ ...r, fields: fieldsJson(r.fields) });
  return row!.id;
}

export function getRecord(db: ReadableDb, accountId: string, remoteId: string): RecordRow | undefined {
  const r = prepared<[string, string], RawRecordRow>(db, 'SELECT * FROM records WHERE account_id = ? AND remote_id = ?').get(accountId, remoteId);
  return r && toRecord(r);
}

export function listRecords(db: ReadableDb, accountId: string): RecordRow[] {
  return prepared<[string], RawRecordRow>(db, 'SELECT * FROM records WHERE account_id = ? ORDER BY id').all(accountId).map(toRecord);
}

export function deleteRecord(db: WritableDb, id: number): boolean {
  return prepared(db, 'DELETE FROM records WHERE id = ?').run(id).changes === 1;
}

export function getAccountIdOfRecord(db: ReadableDb, recordId: number): string | null {
  return prepared<[number], { account_id: string }>(db, 'SELECT account_id FROM records WHERE id = ?').get(recordId)?.account_id ?? null;
}

/** The account's record linked to a hub contact (a contact has at most one per account). */
export function recordOfContactIn(db: ReadableDb, contactId: string, accountId: string): RecordRow | undefined {
  const r = prepared<[string, string], RawRecordRow>(
    db,
    // CROSS JOIN: drive from the contact's few links, not the account's many records.
    'SELECT r.* FROM links l CROSS JOIN records r ON r.id = l.record_id WHERE l.contact_id = ? AND r.account_id = ?',
  ).get(contactId, accountId);
  return r && toRecord(r);
}
