// Schema 2: full-text search over contacts (FTS5, external content = contacts.search_text).
// Existing contacts are backfilled; triggers keep the index in step from then on. Tokenizer
// unicode61 with diacritics removed, so "Zoe" finds "Zoë"; CJK handled by model/search-text.ts.
import { contactSearchText } from '../../model/search-text.ts';
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { Migration } from './types.ts';

export const migration0002: Migration = {
  version: 2,
  name: 'contact search',
  up(db) {
    db.exec(`ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT ''`);
    const rows = db.prepare<[], { seq: number; fields: string }>('SELECT seq, fields FROM contacts').all();
    const setText = db.prepare<[string, number]>('UPDATE contacts SET search_text = ? WHERE seq = ?');
    for (const row of rows) setText.run(contactSearchText(JSON.parse(row.fields) as ContactFields), row.seq);
    db.exec(`
      CREATE VIRTUAL TABLE contacts_fts USING fts5 (
        search_text,
        content = 'contacts',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');
      CREATE TRIGGER contacts_fts_after_insert AFTER INSERT ON contacts BEGIN
        INSERT INTO contacts_fts (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
      CREATE TRIGGER contacts_fts_after_delete AFTER DELETE ON contacts BEGIN
        INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
      END;
      CREATE TRIGGER contacts_fts_after_update AFTER UPDATE OF search_text ON contacts BEGIN
        INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
        INSERT INTO contacts_fts (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
    `);
  },
};
