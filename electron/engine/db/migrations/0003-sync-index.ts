// Schema 3: what sync and identity linking need beyond the core tables.
// - contact_keys: the blocking index (normalised emails, E.164 phones, name keys incl. pinyin) used
//   to find candidate contacts for a new remote record without comparing all pairs (DESIGN.md §5);
// - holds: hub contacts not yet pushed to other accounts because linking found a possible match
//   and asked the user (a medium-confidence suggestion must not spread duplicates);
// - suggestions.origin: whether a suggestion came from linking a new record or from a duplicate scan;
// - blobs: contact photos, content-addressed (the canonical contact holds only the hash).
import type { Migration } from './types.ts';

export const migration0003: Migration = {
  version: 3,
  name: 'sync index',
  up(db) {
    db.exec(`
      CREATE TABLE contact_keys (
        key TEXT NOT NULL,
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        PRIMARY KEY (key, contact_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_keys_by_contact ON contact_keys (contact_id);

      CREATE TABLE holds (
        contact_id TEXT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('possible-duplicate')),
        since INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE blobs (
        hash TEXT PRIMARY KEY,
        media_type TEXT,
        bytes BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE suggestions ADD COLUMN origin TEXT NOT NULL DEFAULT 'scan' CHECK (origin IN ('scan', 'link'));
    `);
  },
};
