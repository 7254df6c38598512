// SQL for conflicts: one open row per (contact, account, field path) while the user has not decided.
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export interface ConflictRow {
  id: number;
  contactId: string;
  accountId: string;
  field: string;
  base: unknown;
  hubValue: unknown;
  remoteValue: unknown;
  runId: number | null;
  detectedAt: number;
}

interface RawConflictRow {
  id: number;
  contact_id: string;
  account_id: string;
  field: string;
  base: string | null;
  hub_value: string | null;
  remote_value: string | null;
  run_id: number | null;
  detected_at: number;
}

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

const toConflict = (r: RawConflictRow): ConflictRow => ({
  id: r.id,
  contactId: r.contact_id,
  accountId: r.account_id,
  field: r.field,
  base: parse(r.base),
  hubValue: parse(r.hub_value),
  remoteValue: parse(r.remote_value),
  runId: r.run_id,
  detectedAt: r.detected_at,
});

/** Opens a conflict, or refreshes the values of the open one on the same field. */
export function openConflict(db: WritableDb, c: Omit<ConflictRow, 'id'>): void {
  prepared(
    db,
    `INSERT INTO conflicts (contact_id, account_id, field, base, hub_value, remote_value, run_id, detected_at)
     VALUES (@contactId, @accountId, @field, @base, @hubValue, @remoteValue, @runId, @detectedAt)
     ON CONFLICT (contact_id, account_id, field) WHERE resolved_at IS NULL DO UPDATE SET
       base = excluded.base, hub_value = excluded.hub_value, remote_value = excluded.remote_value,
       run_id = excluded.run_id, detected_at = excluded.detected_at`,
  ).run({ ...c, base: json(c.base), hubValue: json(c.hubValue), remoteValue: json(c.remoteValue) });
}

export function openConflicts(db: ReadableDb, filter: { contactId?: string; accountId?: string } = {}): ConflictRow[] {
  return prepared<[{ contactId: string | null; accountId: string | null }], RawConflictRow>(
    db,
    `SELECT * FROM conflicts WHERE resolved_at IS NULL
       AND (@contactId IS NULL OR contact_id = @contactId) AND (@accountId IS NULL OR account_id = @accountId)
     ORDER BY detected_at, id`,
  )
    .all({ contactId: filter.contactId ?? null, accountId: filter.accountId ?? null })
    .map(toConflict);
}

export function countOpenConflicts(db: ReadableDb): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM conflicts WHERE resolved_at IS NULL').get()!.n;
}

export function resolveConflict(db: WritableDb, id: number, resolution: 'hub' | 'remote' | 'custom' | 'policy', at: number): boolean {
  return prepared(db, 'UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').run(at, resolution, id).changes === 1;
}

/** Closes open conflicts on fields of this contact/account pair that a later merge no longer disputes. */
export function closeConflictsExcept(db: WritableDb, contactId: string, accountId: string, stillOpen: readonly string[], at: number): void {
  const open = openConflicts(db, { contactId, accountId });
  for (const c of open) if (!stillOpen.includes(c.field)) resolveConflict(db, c.id, 'policy', at);
}
