// Schema 4: 'folder' accounts (a local folder of .vcf files) join the kinds accounts.kind allows.
// SQLite cannot ALTER a CHECK constraint, and rebuilding `accounts` inside the runner's transaction
// would cascade-delete every record and link (foreign_keys cannot be switched off in a
// transaction). A looser CHECK changes nothing on disk, so this uses SQLite's documented
// procedure for such changes (lang_altertable.html §7, "otheralter"): rewrite the table's SQL in
// sqlite_schema and bump schema_version, all inside the same transaction.
// Invariant: every existing row satisfies the new constraint (it only allows one more value), and
// the edit is checked: a schema that does not contain the old constraint text is refused.
import type { Migration } from './types.ts';

const before = `kind TEXT NOT NULL CHECK (kind IN ('google', 'icloud', 'carddav', 'memory'))`;
const after = `kind TEXT NOT NULL CHECK (kind IN ('google', 'icloud', 'carddav', 'folder', 'memory'))`;

export const migration0004: Migration = {
  version: 4,
  name: 'folder accounts',
  up(db) {
    const row = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'accounts'`).get() as { sql: string } | undefined;
    if (!row?.sql.includes(before)) throw new Error('migration 4: the accounts table does not have the expected kind constraint');
    const version = db.pragma('schema_version', { simple: true }) as number;
    // better-sqlite3 opens connections in defensive mode, which forbids writing sqlite_schema.
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'accounts'`).run(row.sql.replace(before, after));
      db.pragma(`schema_version = ${version + 1}`);
    } finally {
      db.pragma('writable_schema = OFF');
      db.unsafeMode(false);
    }
    // Reloads the schema now, inside the transaction: a malformed edit fails here and rolls back.
    const check = db.pragma('quick_check') as { quick_check: string }[];
    if (check[0]?.quick_check !== 'ok') throw new Error(`migration 4: quick_check failed: ${JSON.stringify(check)}`);
  },
};
