// SQL the sync engine needs beyond single-table access: an account's sync state, the records a
// full listing reconciles against, and the three push queries (contacts changed since their base,
// contacts missing in the account, trashed contacts still present there). The push queries only
// look at contacts stamped after the account's pushed tick (schema 6, change ticks), through an
// index, so a run with nothing to push reads no contact at all, however large the hub.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { AccountStatus } from '../../../../shared/model/account.ts';
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export interface SyncState {
  /** Provider cursor after the last completed listing; null before the first. */
  cursor: string | null;
  /** Why the account is paused by a safety guard; null when it is not. */
  pausedFor: string | null;
  /** Hub changes up to this tick have been pushed to the account (0: none yet, look at everything). */
  pushedTick: number;
}

export function getSyncState(db: ReadableDb, accountId: string): SyncState {
  const row = prepared<[string], { sync_state: string }>(db, 'SELECT sync_state FROM accounts WHERE id = ?').get(accountId);
  const state = row ? (JSON.parse(row.sync_state) as Partial<SyncState>) : {};
  return { cursor: state.cursor ?? null, pausedFor: state.pausedFor ?? null, pushedTick: state.pushedTick ?? 0 };
}

/** The hub change clock's current tick: every later change gets a greater one. */
export function hubTick(db: ReadableDb): number {
  return prepared<[], { tick: number }>(db, 'SELECT tick FROM hub_clock').get()!.tick;
}

export function setSyncState(db: WritableDb, accountId: string, state: SyncState): void {
  prepared(db, 'UPDATE accounts SET sync_state = ? WHERE id = ?').run(JSON.stringify(state), accountId);
}

export function setAccountStatus(db: WritableDb, accountId: string, status: AccountStatus, lastError: string | null, syncedAt: number | null): void {
  prepared(db, 'UPDATE accounts SET status = ?, last_error = ?, last_synced_at = coalesce(?, last_synced_at) WHERE id = ?').run(
    status,
    lastError,
    syncedAt,
    accountId,
  );
}

export function recordCount(db: ReadableDb, accountId: string): number {
  return prepared<[string], { n: number }>(db, 'SELECT count(*) AS n FROM records WHERE account_id = ?').get(accountId)!.n;
}

/** remote id → record id of every record of the account (a full listing's reconciliation set). */
export function recordIdsByRemoteId(db: ReadableDb, accountId: string): Map<string, number> {
  const rows = prepared<[string], { id: number; remote_id: string }>(db, 'SELECT id, remote_id FROM records WHERE account_id = ?').all(accountId);
  return new Map(rows.map((r) => [r.remote_id, r.id]));
}

export interface PushRow {
  contactId: string;
  /** When the contact last changed (hub clock), so a failed push knows where to resume. */
  changeTick: number;
  contactFields: ContactFields;
  recordId: number;
  remoteId: string;
  etag: string | null;
  raw: string;
  recordFields: ContactFields;
  base: ContactFields;
}

interface RawPushRow {
  contact_id: string;
  change_tick: number;
  contact_fields: string;
  record_id: number;
  remote_id: string;
  etag: string | null;
  raw: string;
  record_fields: string;
  base: string;
}

const toPushRow = (r: RawPushRow): PushRow => ({
  contactId: r.contact_id,
  changeTick: r.change_tick,
  contactFields: JSON.parse(r.contact_fields) as ContactFields,
  recordId: r.record_id,
  remoteId: r.remote_id,
  etag: r.etag,
  raw: r.raw,
  recordFields: JSON.parse(r.record_fields) as ContactFields,
  base: JSON.parse(r.base) as ContactFields,
});

// CROSS JOIN fixes the order: the few contacts changed since the tick, then their links (by
// contact), then the records; never the account's 100,000 records first.
const pushSelect = `SELECT c.id AS contact_id, c.change_tick, c.fields AS contact_fields, r.id AS record_id, r.remote_id, r.etag, r.raw,
    r.fields AS record_fields, l.base
  FROM contacts c CROSS JOIN links l ON l.contact_id = c.id CROSS JOIN records r ON r.id = l.record_id`;

const changedSinceBaseSql = `${pushSelect} WHERE c.change_tick > ? AND r.account_id = ? AND c.content_hash <> l.base_hash
       AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id) ORDER BY c.change_tick, c.seq`;
const trashedButPresentSql = `${pushSelect} WHERE c.change_tick > ? AND r.account_id = ? AND EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id)
     ORDER BY c.change_tick, c.seq`;

/** Live contacts changed after `sinceTick`, linked in the account, whose meaning moved away from the pair's base. */
export function contactsChangedSinceBase(db: ReadableDb, accountId: string, sinceTick: number): PushRow[] {
  return prepared<[number, string], RawPushRow>(db, changedSinceBaseSql).all(sinceTick, accountId).map(toPushRow);
}

/** Trashed contacts (trashed after `sinceTick`) that still have a record in the account. */
export function trashedButPresent(db: ReadableDb, accountId: string, sinceTick: number): PushRow[] {
  return prepared<[number, string], RawPushRow>(db, trashedButPresentSql).all(sinceTick, accountId).map(toPushRow);
}

/**
 * SQLite's plan for each push query, one line per step: a test holds them to the change-tick index.
 * Ordered by seq they were answered by walking every contact in seq order (no sort needed), which
 * made a no-change sync of 100,000 contacts read the whole table four times (~40 ms each).
 */
export function pushQueryPlans(db: ReadableDb): Record<'changedSinceBase' | 'trashedButPresent' | 'missing', string[]> {
  const plan = (sql: string, params: unknown[]) =>
    db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail);
  return {
    changedSinceBase: plan(changedSinceBaseSql, [0, '']),
    trashedButPresent: plan(trashedButPresentSql, [0, '']),
    missing: plan(missingSql, [{ since: 0, until: 0, account: '', afterTick: -1, afterSeq: -1, limit: 1 }]),
  };
}

/** A page of contacts to create in an account: changed in (sinceTick, untilTick], after `after`. */
export interface MissingPage {
  sinceTick: number;
  untilTick: number;
  /** The (change_tick, seq) of the last contact of the previous page; null for the first page. */
  after: { changeTick: number; seq: number } | null;
  limit: number;
}

const missingWhere = `c.change_tick > @since AND c.change_tick <= @until
       AND NOT EXISTS (SELECT 1 FROM links l CROSS JOIN records r ON r.id = l.record_id WHERE l.contact_id = c.id AND r.account_id = @account)
       AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.contact_id = c.id)`;

const missingSql = `SELECT c.id, c.seq, c.fields, c.change_tick FROM contacts c
     WHERE ${missingWhere} AND (c.change_tick, c.seq) > (@afterTick, @afterSeq)
     ORDER BY c.change_tick, c.seq LIMIT @limit`;

/**
 * Live, unheld contacts with no record in the account, changed in the page's tick range: to be
 * created there. Paged in (change_tick, seq) order through the change-tick index, so a first push
 * of 100,000 contacts never holds them all in memory at once.
 */
export function contactsMissingIn(db: ReadableDb, accountId: string, page: MissingPage): { id: string; seq: number; fields: ContactFields; changeTick: number }[] {
  return prepared<Record<string, string | number>, { id: string; seq: number; fields: string; change_tick: number }>(
    db,
    missingSql,
  )
    .all({ since: page.sinceTick, until: page.untilTick, account: accountId, afterTick: page.after?.changeTick ?? -1, afterSeq: page.after?.seq ?? -1, limit: page.limit })
    .map((r) => ({ id: r.id, seq: r.seq, fields: JSON.parse(r.fields) as ContactFields, changeTick: r.change_tick }));
}

/** How many contacts contactsMissingIn would return over all its pages (progress totals). */
export function countContactsMissingIn(db: ReadableDb, accountId: string, sinceTick: number, untilTick: number): number {
  return prepared<Record<string, string | number>, number>(db, `SELECT count(*) FROM contacts c WHERE ${missingWhere}`)
    .pluck()
    .get({ since: sinceTick, until: untilTick, account: accountId })!;
}

/**
 * How a listed item compares with the account's record of it: 'absent' (no record: a new item),
 * 'verbatim' (same version tag, same bytes, and its contact, if linked, is live: nothing to read at
 * all) or 'changed'. One indexed probe, no JSON parsed: an echo sync of 100,000 items is all
 * 'verbatim', and a first sync all 'absent', so neither reads a record row into JavaScript.
 */
export function recordMatch(db: ReadableDb, accountId: string, remoteId: string, etag: string, raw: string): 'absent' | 'verbatim' | 'changed' {
  const same = prepared<[string, string, string, string], number>(
    db,
    `SELECT r.etag IS ? AND r.raw = ?
       AND NOT EXISTS (SELECT 1 FROM links l JOIN trash t ON t.contact_id = l.contact_id WHERE l.record_id = r.id)
     FROM records r WHERE r.account_id = ? AND r.remote_id = ?`,
  )
    .pluck()
    .get(etag, raw, accountId, remoteId);
  return same === undefined ? 'absent' : same === 1 ? 'verbatim' : 'changed';
}

/** Whether the contact already has a record in the account (a hub contact is linked at most once per account). */
export function contactLinkedIn(db: ReadableDb, contactId: string, accountId: string): boolean {
  return (
    prepared<[string, string], { n: number }>(
      db,
      // CROSS JOIN keeps links (by contact) as the outer loop: a contact has a handful of links, an account 100,000 records.
      'SELECT count(*) AS n FROM links l CROSS JOIN records r ON r.id = l.record_id WHERE l.contact_id = ? AND r.account_id = ?',
    ).get(contactId, accountId)!.n > 0
  );
}

/** remote id → etag of every record of the account (for servers listed by ctag + etags). */
export function etagsByRemoteId(db: ReadableDb, accountId: string): Map<string, string> {
  const rows = prepared<[string], { remote_id: string; etag: string | null }>(db, 'SELECT remote_id, etag FROM records WHERE account_id = ?').all(accountId);
  return new Map(rows.filter((r) => r.etag !== null).map((r) => [r.remote_id, r.etag!]));
}
