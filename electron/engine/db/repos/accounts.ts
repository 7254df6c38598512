// SQL for the accounts table. Rows are mapped explicitly to the shared Account type; times are
// stored as epoch milliseconds and cross the contract as ISO strings.
import type { Account, AccountSettings, AccountStatus } from '../../../../shared/model/account.ts';
import { defaultGroupsMode } from '../../../../shared/model/account.ts';
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

interface AccountRow {
  id: string;
  kind: Account['kind'];
  name: string;
  enabled: 0 | 1;
  settings: string;
  status: AccountStatus;
  last_error: string | null;
  last_synced_at: number | null;
  created_at: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled === 1,
    // Settings written before a field existed get its default (settings are JSON: no migration needed).
    settings: { conflictPolicy: 'ask', priority: 0, groupsMode: defaultGroupsMode(row.kind), ...(JSON.parse(row.settings) as Partial<AccountSettings>) } as AccountSettings,
    status: row.status,
    lastError: row.last_error,
    lastSyncedAt: row.last_synced_at === null ? null : iso(row.last_synced_at),
    createdAt: iso(row.created_at),
  };
}

export interface NewAccount {
  id: string;
  kind: Account['kind'];
  name: string;
  settings: AccountSettings;
  createdAt: number;
}

export function insertAccount(db: WritableDb, a: NewAccount): Account {
  prepared(db, 
    `INSERT INTO accounts (id, kind, name, settings, created_at) VALUES (@id, @kind, @name, @settings, @createdAt)`,
  ).run({ ...a, settings: JSON.stringify(a.settings) });
  return getAccount(db, a.id) as Account;
}

export function listAccounts(db: ReadableDb): Account[] {
  return prepared<[], AccountRow>(db, 'SELECT * FROM accounts ORDER BY created_at, rowid').all().map(toAccount);
}

export function getAccount(db: ReadableDb, id: string): Account | undefined {
  const row = prepared<[string], AccountRow>(db, 'SELECT * FROM accounts WHERE id = ?').get(id);
  return row && toAccount(row);
}

/** Names are unique regardless of case (the CLI addresses accounts by name). */
export function getAccountByName(db: ReadableDb, name: string): Account | undefined {
  const row = prepared<[string], AccountRow>(db, 'SELECT * FROM accounts WHERE name = ?').get(name);
  return row && toAccount(row);
}

export interface AccountPatch {
  name?: string;
  enabled?: boolean;
  settings?: AccountSettings;
}

export function updateAccount(db: WritableDb, id: string, patch: AccountPatch): Account | undefined {
  prepared(db, 
    `UPDATE accounts SET
       name = coalesce(@name, name),
       enabled = coalesce(@enabled, enabled),
       settings = coalesce(@settings, settings)
     WHERE id = @id`,
  ).run({
    id,
    name: patch.name ?? null,
    enabled: patch.enabled === undefined ? null : Number(patch.enabled),
    settings: patch.settings ? JSON.stringify(patch.settings) : null,
  });
  return getAccount(db, id);
}

/** Removes the account and its cached records and links (ON DELETE CASCADE); hub contacts stay. */
export function deleteAccount(db: WritableDb, id: string): boolean {
  return prepared(db, 'DELETE FROM accounts WHERE id = ?').run(id).changes === 1;
}
