// Branded database handles (the Signal pattern): repository functions that only read take a
// ReadableDb, those that write take a WritableDb, so a read path cannot write by accident and the
// type says which is which. Only engine/db touches better-sqlite3 (enforced by ESLint).
import type BetterSqlite3 from 'better-sqlite3';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;

export type ReadableDb = BetterSqlite3.Database & { readonly [readableBrand]: true };
export type WritableDb = ReadableDb & { readonly [writableBrand]: true };

/** Runs `fn` in one SQLite transaction (IMMEDIATE: takes the write lock up front, so no SQLITE_BUSY mid-way). */
export function inTransaction<T>(db: WritableDb, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * Runs `fn` atomically: within the caller's transaction when one is open, else in its own. A
 * savepoint per contact costs more than the contact's own rows on a first sync of thousands, and
 * no caller of this catches an inner error to carry on: an error aborts the whole outer
 * transaction, which keeps every row of a decision together (what the sync's invariants need).
 */
export function atomically<T>(db: WritableDb, fn: () => T): T {
  return db.inTransaction ? fn() : inTransaction(db, fn);
}

const statementCache = new WeakMap<ReadableDb, Map<string, BetterSqlite3.Statement>>();

/** A prepared statement, compiled once per connection and reused (preparing is the costly part on hot paths). */
export function prepared<P extends unknown[] | object = unknown[], R = unknown>(
  db: ReadableDb,
  sql: string,
): BetterSqlite3.Statement<P, R> {
  let forDb = statementCache.get(db);
  if (!forDb) statementCache.set(db, (forDb = new Map()));
  let statement = forDb.get(sql);
  if (!statement) forDb.set(sql, (statement = db.prepare(sql)));
  return statement as unknown as BetterSqlite3.Statement<P, R>;
}
