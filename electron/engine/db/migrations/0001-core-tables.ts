// Schema 1: the hub and its bookkeeping (DESIGN.md §3). Every table is STRICT; JSON columns are
// checked with json_valid so a bug cannot store something later code fails to parse. Times are
// INTEGER milliseconds since the epoch (UTC).
import type { Migration } from './types.ts';

export const migration0001: Migration = {
  version: 1,
  name: 'core tables',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('google', 'icloud', 'carddav', 'memory')),
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        -- direction, default phone region, URL, user name, filters. Never secrets (SecretStore port).
        settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
        -- provider cursor: Google syncToken, CardDAV sync-token / ctag
        sync_state TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(sync_state)),
        status TEXT NOT NULL DEFAULT 'idle' CHECK (status IN ('idle', 'syncing', 'error', 'auth-required', 'paused')),
        last_error TEXT,
        last_synced_at INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;

      -- The hub's unified contacts. seq is an explicit rowid so the FTS index (schema 2) can refer to
      -- it: an implicit rowid may be renumbered by VACUUM.
      CREATE TABLE contacts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        fields TEXT NOT NULL CHECK (json_valid(fields)),
        display_name TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contacts_by_sort_key ON contacts (sort_key, seq);

      -- Deleted contacts stay in contacts; a row here puts them in the trash (restorable until purge_after).
      CREATE TABLE trash (
        contact_id TEXT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
        deleted_at INTEGER NOT NULL,
        purge_after INTEGER NOT NULL,
        run_id INTEGER REFERENCES runs (id),
        reason TEXT NOT NULL CHECK (reason IN ('user', 'remote', 'merge', 'import-undo'))
      ) STRICT;

      -- One row per remote item, raw payload exactly as received (what a target cannot store is
      -- never removed from the other side: writes patch this payload).
      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        etag TEXT,
        content_type TEXT NOT NULL,
        raw TEXT NOT NULL,
        fields TEXT NOT NULL CHECK (json_valid(fields)),
        content_hash TEXT NOT NULL,
        remote_updated_at INTEGER,
        fetched_at INTEGER NOT NULL,
        UNIQUE (account_id, remote_id)
      ) STRICT;

      -- record ⇄ contact, with the merge base: the fields both sides agreed on at the last successful
      -- sync of this pair (three-way merge needs it). A contact is never deleted through a link.
      CREATE TABLE links (
        record_id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE RESTRICT,
        base TEXT NOT NULL CHECK (json_valid(base)),
        base_hash TEXT NOT NULL,
        how TEXT NOT NULL CHECK (how IN ('created', 'auto', 'user', 'import')),
        linked_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX links_by_contact ON links (contact_id);

      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'startup', 'resume', 'online', 'cli', 'import', 'merge', 'undo')),
        status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'paused', 'cancelled')),
        dry_run INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        report TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report))
      ) STRICT;

      -- Every change to a contact and every remote write, with before/after: history and undo.
      CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs (id),
        at INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN (
          'contact.create', 'contact.update', 'contact.trash', 'contact.restore',
          'remote.create', 'remote.update', 'remote.delete',
          'link', 'unlink', 'merge', 'account.add', 'account.remove'
        )),
        contact_id TEXT,
        account_id TEXT,
        remote_id TEXT,
        before TEXT CHECK (before IS NULL OR json_valid(before)),
        after TEXT CHECK (after IS NULL OR json_valid(after)),
        undone_by INTEGER REFERENCES journal (id)
      ) STRICT;
      CREATE INDEX journal_by_run ON journal (run_id);
      CREATE INDEX journal_by_contact ON journal (contact_id);

      -- Same field changed differently on both sides; open while resolved_at IS NULL.
      CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        base TEXT CHECK (base IS NULL OR json_valid(base)),
        hub_value TEXT CHECK (hub_value IS NULL OR json_valid(hub_value)),
        remote_value TEXT CHECK (remote_value IS NULL OR json_valid(remote_value)),
        run_id INTEGER REFERENCES runs (id),
        detected_at INTEGER NOT NULL,
        resolved_at INTEGER,
        resolution TEXT CHECK (resolution IS NULL OR resolution IN ('hub', 'remote', 'custom', 'policy'))
      ) STRICT;
      CREATE UNIQUE INDEX conflicts_open_once ON conflicts (contact_id, account_id, field) WHERE resolved_at IS NULL;

      -- Merge candidates (a < b so each pair appears once).
      CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        contact_a TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        contact_b TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
        tier TEXT NOT NULL CHECK (tier IN ('high', 'medium', 'low')),
        reasons TEXT NOT NULL CHECK (json_valid(reasons)),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
        created_at INTEGER NOT NULL,
        decided_at INTEGER,
        CHECK (contact_a < contact_b),
        UNIQUE (contact_a, contact_b)
      ) STRICT;

      -- "Not the same person", remembered by stable contact id: survives edits and is never re-suggested.
      CREATE TABLE dismissals (
        contact_a TEXT NOT NULL,
        contact_b TEXT NOT NULL,
        decided_at INTEGER NOT NULL,
        CHECK (contact_a < contact_b),
        PRIMARY KEY (contact_a, contact_b)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
