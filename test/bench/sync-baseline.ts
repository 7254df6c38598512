// Baselines for the first-sync ratio (issue 7: "as a ratio to inserting the same rows into SQLite
// raw in the same run"). Two readings of "the same rows", both measured in the same run:
// - minimal: one row per contact (id, card, fields JSON) in a plain table — SQLite's floor;
// - storage-equivalent: a simplified version of the rows a first sync of two accounts stores, into
//   Concord's real schema (FTS trigger, key index, foreign keys included) with raw prepared
//   statements and no engine logic: the hub contact with a short search text, three match keys, a
//   record, link and journal entry per account. It stores fewer and shorter rows than the engine
//   (about 3 keys per contact where the engine stores 11, a search text without phone forms or
//   pinyin), so it is kept only for comparison with earlier figures;
// - same rows: every row the first sync actually stored (contacts, keys, records, links, journal,
//   runs, suggestions …), read back from the engine's database and inserted raw into a fresh one
//   with the same schema, triggers included, in one transaction. The ratio to this one is the
//   engine's own cost (parsing, normalising, hashing, linking, batching) on top of storage: issue
//   #7's "ratio to inserting the same rows into SQLite raw in the same run".
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

/** Tables a first sync writes, parents before children (foreign keys). */
const storedTables = ['accounts', 'runs', 'contacts', 'records', 'links', 'contact_keys', 'holds', 'trash', 'conflicts', 'suggestions', 'journal'] as const;

/**
 * Inserts the rows the engine's database holds (`enginePath`, read through a second connection)
 * into a fresh database with the same schema, raw, in one transaction. Reading happens before the
 * clock starts; hidden and generated columns are left to SQLite, as the engine leaves them.
 */
export async function sameRowsInsert(dir: string, enginePath: string): Promise<{ ms: number; rows: number }> {
  const source = openDatabase(enginePath);
  const tables = storedTables.map((table) => {
    const columns = source
      .prepare<[], { name: string; hidden: number }>(`SELECT name, hidden FROM pragma_table_xinfo('${table}')`)
      .all()
      .filter((c) => c.hidden === 0)
      .map((c) => c.name);
    const rows = source.prepare<[], unknown[]>(`SELECT ${columns.join(', ')} FROM ${table}`).raw().all();
    return { table, columns, rows };
  });
  source.close();
  const db = openDatabase(join(dir, 'raw-same-rows.sqlite3'));
  const inserts = tables.map((t) => ({ ...t, insert: db.prepare(`INSERT INTO ${t.table} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`) }));
  const { ms } = await measure(() => inTransaction(db, () => inserts.forEach((t) => t.rows.forEach((row) => t.insert.run(...row)))));
  db.close();
  return { ms, rows: tables.reduce((n, t) => n + t.rows.length, 0) };
}
