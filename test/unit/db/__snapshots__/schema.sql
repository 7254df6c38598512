-- index conflicts_open_once
CREATE UNIQUE INDEX conflicts_open_once ON conflicts (contact_id, account_id, field) WHERE resolved_at IS NULL;

-- index contact_keys_by_contact
CREATE INDEX contact_keys_by_contact ON contact_keys (contact_id);

-- index contacts_by_change_tick
CREATE INDEX contacts_by_change_tick ON contacts (change_tick);

-- index contacts_by_sort_key
CREATE INDEX contacts_by_sort_key ON contacts (sort_key, seq);

-- index dismissals_by_b
CREATE INDEX dismissals_by_b ON dismissals (contact_b);

-- index journal_by_contact
CREATE INDEX journal_by_contact ON journal (contact_id);

-- index journal_by_run
CREATE INDEX journal_by_run ON journal (run_id);

-- index links_by_contact
CREATE INDEX links_by_contact ON links (contact_id);

-- index suggestions_by_b
CREATE INDEX suggestions_by_b ON suggestions (contact_b);

-- table accounts
CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('google', 'icloud', 'carddav', 'folder', 'memory')),
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

-- table blobs
CREATE TABLE blobs (
        hash TEXT PRIMARY KEY,
        media_type TEXT,
        bytes BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;

-- table conflicts
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

-- table contact_keys
CREATE TABLE contact_keys (
        key TEXT NOT NULL,
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        PRIMARY KEY (key, contact_id)
      ) STRICT, WITHOUT ROWID;

-- table contacts
CREATE TABLE contacts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        fields TEXT NOT NULL CHECK (json_valid(fields)),
        display_name TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      , search_text TEXT NOT NULL DEFAULT '', change_tick INTEGER NOT NULL DEFAULT 1) STRICT;

-- table contacts_fts
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
        search_text,
        content = 'contacts',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );

-- table contacts_fts_config
CREATE TABLE 'contacts_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table contacts_fts_data
CREATE TABLE 'contacts_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table contacts_fts_docsize
CREATE TABLE 'contacts_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table contacts_fts_idx
CREATE TABLE 'contacts_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table dismissals
CREATE TABLE dismissals (
        contact_a TEXT NOT NULL,
        contact_b TEXT NOT NULL,
        decided_at INTEGER NOT NULL,
        CHECK (contact_a < contact_b),
        PRIMARY KEY (contact_a, contact_b)
      ) STRICT, WITHOUT ROWID;

-- table holds
CREATE TABLE holds (
        contact_id TEXT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('possible-duplicate')),
        since INTEGER NOT NULL
      ) STRICT;

-- table hub_clock
CREATE TABLE hub_clock (only INTEGER PRIMARY KEY CHECK (only = 1), tick INTEGER NOT NULL) STRICT;

-- table journal
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

-- table links
CREATE TABLE links (
        record_id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE RESTRICT,
        base TEXT NOT NULL CHECK (json_valid(base)),
        base_hash TEXT NOT NULL,
        how TEXT NOT NULL CHECK (how IN ('created', 'auto', 'user', 'import')),
        linked_at INTEGER NOT NULL
      ) STRICT;

-- table records
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

-- table runs
CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'startup', 'resume', 'online', 'cli', 'import', 'merge', 'undo')),
        status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'paused', 'cancelled')),
        dry_run INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        report TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report))
      ) STRICT;

-- table suggestions
CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        contact_a TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        contact_b TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
        tier TEXT NOT NULL CHECK (tier IN ('high', 'medium', 'low')),
        reasons TEXT NOT NULL CHECK (json_valid(reasons)),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
        created_at INTEGER NOT NULL,
        decided_at INTEGER, origin TEXT NOT NULL DEFAULT 'scan' CHECK (origin IN ('scan', 'link')),
        CHECK (contact_a < contact_b),
        UNIQUE (contact_a, contact_b)
      ) STRICT;

-- table trash
CREATE TABLE trash (
        contact_id TEXT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
        deleted_at INTEGER NOT NULL,
        purge_after INTEGER NOT NULL,
        run_id INTEGER REFERENCES runs (id),
        reason TEXT NOT NULL CHECK (reason IN ('user', 'remote', 'merge', 'import-undo'))
      ) STRICT;

-- trigger contacts_fts_after_delete
CREATE TRIGGER contacts_fts_after_delete AFTER DELETE ON contacts BEGIN
        INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
      END;

-- trigger contacts_fts_after_insert
CREATE TRIGGER contacts_fts_after_insert AFTER INSERT ON contacts BEGIN
        INSERT INTO contacts_fts (rowid, search_text) VALUES (new.seq, new.search_text);
      END;

-- trigger contacts_fts_after_update
CREATE TRIGGER contacts_fts_after_update AFTER UPDATE OF search_text ON contacts BEGIN
        INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
        INSERT INTO contacts_fts (rowid, search_text) VALUES (new.seq, new.search_text);
      END;

-- trigger tick_contact_insert
CREATE TRIGGER tick_contact_insert AFTER INSERT ON contacts BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = new.id; END;

-- trigger tick_contact_update
CREATE TRIGGER tick_contact_update AFTER UPDATE OF fields ON contacts BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = new.id; END;

-- trigger tick_hold_delete
CREATE TRIGGER tick_hold_delete AFTER DELETE ON holds BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = old.contact_id; END;

-- trigger tick_hold_insert
CREATE TRIGGER tick_hold_insert AFTER INSERT ON holds BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = new.contact_id; END;

-- trigger tick_link_delete
CREATE TRIGGER tick_link_delete AFTER DELETE ON links BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = old.contact_id; END;

-- trigger tick_link_insert
CREATE TRIGGER tick_link_insert AFTER INSERT ON links BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = new.contact_id; END;

-- trigger tick_link_update
CREATE TRIGGER tick_link_update AFTER UPDATE ON links BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = old.contact_id;
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = new.contact_id; END;

-- trigger tick_trash_delete
CREATE TRIGGER tick_trash_delete AFTER DELETE ON trash BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = old.contact_id; END;

-- trigger tick_trash_insert
CREATE TRIGGER tick_trash_insert AFTER INSERT ON trash BEGIN
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = new.contact_id; END;
