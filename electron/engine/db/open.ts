// Opens (creating if needed) the hub database and brings its schema up to date.
// WAL so the UI can read while a sync writes; foreign keys on (SQLite leaves them off by default);
// a busy timeout so a second process (CLI while the app runs) waits instead of failing.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WritableDb } from './handle.ts';
import { migrate } from './migrations/index.ts';

export interface OpenOptions {
  /** Stop at this schema version (migration tests only). */
  migrateUpTo?: number;
}

export function openDatabase(path: string, options: OpenOptions = {}): WritableDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path) as WritableDb;
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across process kills in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 100,000 contacts with records, links, FTS and journal are a few hundred MB. A 64 MB page cache
    // holds the hot index pages; the rest comes from the OS's file cache. No memory-mapped I/O: its
    // pages count as the process's own memory (RSS), up to the whole 256 MB mapping it had, for no
    // measurable gain in a first sync of 100,000 (issue #7's memory target: under 400 MB).
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db, options.migrateUpTo);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
