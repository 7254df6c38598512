// Schema 7: the search text now carries the toneless pinyin of Chinese names (model/search-text.ts),
// so "wangfang" finds 王芳. Stored search text is derived data: recompute it for every contact and
// write it where it changed, then rebuild the FTS index from the content table. No table changes,
// and no change tick (search text is not something an account receives: see migration 6).
// Invariant: afterwards every contact's search_text equals contactSearchText(its fields) (given it
// did so before under version 6's function).
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../../shared/model/contact.ts';
import { hasHan } from '../../model/normalize/pinyin.ts';
import { contactSearchText } from '../../model/search-text.ts';
import type { Migration } from './types.ts';

export const migration0007: Migration = {
  version: 7,
  name: 'pinyin search',
  up(db) {
    const rows = db.prepare<[], { seq: number; fields: string; search_text: string }>('SELECT seq, fields, search_text FROM contacts').iterate();
    const changed: { seq: number; text: string }[] = [];
    for (const row of rows) {
      // Only Chinese names gained text, and a name's characters are always in its search text:
      // a contact without Han there keeps its text (most of a Latin address book: no work).
      if (!hasHan(row.search_text)) continue;
      let text: string;
      try {
        text = contactSearchText({ ...emptyContactFields(), ...(JSON.parse(row.fields) as Partial<ContactFields>) });
      } catch {
        // A row this version cannot read keeps the text it had: a migration must not fail on one contact.
        continue;
      }
      // Collected first: better-sqlite3 allows no write while an iterator is open.
      if (text !== row.search_text) changed.push({ seq: row.seq, text });
    }
    if (changed.length === 0) return;
    // Re-indexing row by row through the update trigger (an FTS delete and insert each) took ~4 s
    // for 45,000 changed rows of 100,000; writing the column without it and rebuilding the index
    // from the content table once takes well under a second. The trigger comes back verbatim.
    const trigger = db
      .prepare<[], { sql: string }>(`SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'contacts_fts_after_update'`)
      .get();
    if (trigger) db.exec('DROP TRIGGER contacts_fts_after_update');
    const setText = db.prepare<[string, number]>('UPDATE contacts SET search_text = ? WHERE seq = ?');
    for (const c of changed) setText.run(c.text, c.seq);
    if (trigger) db.exec(trigger.sql);
    db.exec(`INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild')`);
  },
};
