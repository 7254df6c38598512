// Baselines for the first-sync ratio (issue 7: "as a ratio to inserting the same rows into SQLite
// raw in the same run"). Two readings of "the same rows", both measured in the same run:
// - minimal: one row per contact (id, card, fields JSON) in a plain table — SQLite's floor;
// - storage-equivalent: every row a first sync of two accounts stores, into Concord's real schema
//   (FTS trigger, key index, foreign keys included) with raw prepared statements and no engine logic:
//   the hub contact, its match keys, a record, link and journal entry per account. The ratio to this
//   one is the engine's own cost (parsing, normalising, hashing, linking) on top of storage.
import { join } from 'node:path';
import { inTransaction } from '../../electron/engine/db/handle.ts';
import { openDatabase } from '../../electron/engine/db/open.ts';
import type { ContactFields } from '../../shared/model/contact.ts';
import { measure } from './harness.ts';

export async function minimalInsert(dir: string, people: ContactFields[], cards: string[]): Promise<number> {
  const raw = openDatabase(join(dir, 'raw-minimal.sqlite3'));
  raw.exec('CREATE TABLE plain (id TEXT PRIMARY KEY, card TEXT NOT NULL, fields TEXT NOT NULL) STRICT');
  const insert = raw.prepare('INSERT INTO plain (id, card, fields) VALUES (?, ?, ?)');
  const { ms } = await measure(() => inTransaction(raw, () => people.forEach((p, i) => insert.run(`c${i}`, cards[i]!, JSON.stringify(p)))));
  raw.close();
  return ms;
}

export async function storageEquivalentInsert(dir: string, people: ContactFields[], cards: string[]): Promise<number> {
  const db = openDatabase(join(dir, 'raw-schema.sqlite3'));
  const now = Date.now();
  for (const a of ['A', 'B']) db.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES (?, 'memory', ?, ?)`).run(a, a, now);
  const contact = db.prepare(
    'INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const key = db.prepare('INSERT OR IGNORE INTO contact_keys (key, contact_id) VALUES (?, ?)');
  const record = db.prepare(
    `INSERT INTO records (account_id, remote_id, etag, content_type, raw, fields, content_hash, fetched_at)
     VALUES (?, ?, '1', 'text/vcard', ?, ?, ?, ?) RETURNING id`,
  );
  const link = db.prepare(`INSERT INTO links (record_id, contact_id, base, base_hash, how, linked_at) VALUES (?, ?, ?, ?, 'created', ?)`);
  const journal = db.prepare('INSERT INTO journal (at, action, contact_id, account_id, after) VALUES (?, ?, ?, ?, ?)');
  const { ms } = await measure(() =>
    inTransaction(db, () =>
      people.forEach((p, i) => {
        const id = `c${i}`;
        const json = JSON.stringify(p);
        const name = p.formattedName;
        const searchText = [name, ...p.emails.map((e) => e.value), ...p.phones.map((t) => t.value)].join(' ');
        contact.run(id, json, name, name.toLowerCase(), `h${i}`, now, now, searchText);
        for (const k of [...p.emails.map((e) => `e:${e.value}`), ...p.phones.map((t) => `p:${t.value}`), `n:${name}`]) key.run(k, id);
        journal.run(now, 'contact.create', id, null, json);
        for (const a of ['A', 'B']) {
          const { id: recordId } = record.get(a, `${a}-${i}`, cards[i]!, json, `h${i}`, now) as { id: number };
          link.run(recordId, id, json, `h${i}`, now);
        }
        journal.run(now, 'remote.create', id, 'B', json);
      }),
    ),
  );
  db.close();
  return ms;
}
