// The migration list and runner (Signal's pattern: numbered modules, PRAGMA user_version, refuse
// databases from the future). The list is explicit, not globbed, so order is reviewed, not guessed.
// Invariant: after migrate() the database is exactly at latestVersion, or unchanged and an error was thrown.
import type { WritableDb } from '../handle.ts';
import { inTransaction } from '../handle.ts';
import { databaseTooNew } from '../errors.ts';
import type { Migration } from './types.ts';
import { migration0001 } from './0001-core-tables.ts';
import { migration0002 } from './0002-contact-search.ts';
import { migration0003 } from './0003-sync-index.ts';
import { migration0004 } from './0004-folder-accounts.ts';
import { migration0005 } from './0005-duplicate-keys.ts';
import { migration0006 } from './0006-change-ticks.ts';
import { migration0007 } from './0007-pinyin-search.ts';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];

export const latestVersion = migrations.length;

export function schemaVersion(db: WritableDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the database's version, all in one transaction: a failure leaves
 * the file exactly as it was. `upTo` and `list` exist for migration tests.
 */
export function migrate(db: WritableDb, upTo: number = latestVersion, list: readonly Migration[] = migrations): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at index ${i}: version ${m.version}`);
  });
  const known = list.length;
  const current = schemaVersion(db);
  if (current > known) throw databaseTooNew(db.name, current, known);
  const pending = list.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return;
  inTransaction(db, () => {
    for (const m of pending) {
      m.up(db);
      // user_version lives in the database header and is written by this same transaction.
      db.pragma(`user_version = ${m.version}`);
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migration left ${broken.length} foreign key violation(s)`);
  });
}
