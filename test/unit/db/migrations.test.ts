// One test per migration (Signal's habit), the runner's guarantees (all-or-nothing, refuses
// databases from a newer Concord), and the constraints the schema is there to enforce.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { WritableDb } from '../../../electron/engine/db/handle.ts';
import { latestVersion, migrate, migrations, schemaVersion } from '../../../electron/engine/db/migrations/index.ts';
import type { Migration } from '../../../electron/engine/db/migrations/types.ts';
import { openDatabase } from '../../../electron/engine/db/open.ts';
import { listContacts } from '../../../electron/engine/db/repos/contacts.ts';
import { person } from '../../support/engine.ts';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'concord-db-'));
  path = join(dir, 'concord.sqlite3');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: WritableDb | Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('migration 1: core tables', () => {
  it('creates the hub tables as STRICT tables with their constraints', () => {
    const db = openDatabase(path, { migrateUpTo: 1 });
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['accounts', 'conflicts', 'contacts', 'dismissals', 'journal', 'links', 'records', 'runs', 'suggestions', 'trash']);
    const strict = db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1 ORDER BY name`).all() as { name: string }[];
    expect(strict.map((r) => r.name)).toEqual(tables(db));

    // STRICT: a string in an INTEGER column is refused, not coerced.
    expect(() => db.prepare(`INSERT INTO runs (trigger, status, started_at) VALUES ('manual', 'running', 'yesterday')`).run()).toThrow(/cannot store TEXT/);
    // CHECK json_valid: JSON columns hold JSON.
    expect(() =>
      db.prepare(`INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES ('c', '{broken', 'x', 'x', 'h', 1, 1)`).run(),
    ).toThrow(/CHECK constraint/);
    // Foreign keys are on: a link to a record that does not exist is refused.
    db.prepare(`INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES ('c1', '{}', 'x', 'x', 'h', 1, 1)`).run();
    expect(() => db.prepare(`INSERT INTO links (record_id, contact_id, base, base_hash, how, linked_at) VALUES (42, 'c1', '{}', 'h', 'auto', 1)`).run()).toThrow(
      /FOREIGN KEY/,
    );
    // A contact with links cannot be deleted through the database: links RESTRICT.
    db.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES ('a1', 'memory', 'Mem', 1)`).run();
    const rec = db
      .prepare(`INSERT INTO records (account_id, remote_id, content_type, raw, fields, content_hash, fetched_at) VALUES ('a1', 'r1', 'text/vcard', 'x', '{}', 'h', 1) RETURNING id`)
      .get() as { id: number };
    db.prepare(`INSERT INTO links (record_id, contact_id, base, base_hash, how, linked_at) VALUES (?, 'c1', '{}', 'h', 'auto', 1)`).run(rec.id);
    expect(() => db.prepare(`DELETE FROM contacts WHERE id = 'c1'`).run()).toThrow(/FOREIGN KEY/);
    // Removing an account cascades to its records and links only.
    db.prepare(`DELETE FROM accounts WHERE id = 'a1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 1 });
    // Suggestions store each pair once, in order.
    expect(() =>
      db.prepare(`INSERT INTO suggestions (contact_a, contact_b, score, tier, reasons, created_at) VALUES ('z', 'a', 0.9, 'high', '[]', 1)`).run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('migration 2: contact search', () => {
  it('backfills the search index for contacts that existed before it, and keeps it in step afterwards', () => {
    const v1 = openDatabase(path, { migrateUpTo: 1 });
    const insert = v1.prepare(
      `INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, 'h', 1, 1)`,
    );
    insert.run('zw', JSON.stringify(person({ fn: '张伟', phone: '+86 138 0013 8000' })), '张伟', '张伟');
    insert.run('zoe', JSON.stringify(person({ given: 'Zoë', family: 'Saldaña', email: 'zoe@example.org' })), 'Zoë Saldaña', 'zoe saldana');
    v1.close();

    const db = openDatabase(path, { migrateUpTo: 2 });
    expect(schemaVersion(db)).toBe(2);
    const find = (query: string) => listContacts(db, { query, offset: 0, limit: 10 }).rows.map((r) => r.id);
    expect(find('张伟')).toEqual(['zw']);
    expect(find('13800138000')).toEqual(['zw']);
    expect(find('zoe')).toEqual(['zoe']); // diacritics folded
    expect(find('sald')).toEqual(['zoe']); // prefix

    // Triggers: update and delete reach the index.
    db.prepare(`UPDATE contacts SET search_text = 'Chloe' WHERE id = 'zoe'`).run();
    expect(find('zoe')).toEqual([]);
    expect(find('chloe')).toEqual(['zoe']);
    db.prepare(`DELETE FROM contacts WHERE id = 'zw'`).run();
    expect(find('张伟')).toEqual([]);
    expect(db.prepare(`INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')`).run().changes).toBeGreaterThanOrEqual(0);
    db.close();
  });
});

describe('migration 3: sync index', () => {
  it('adds the blocking index, holds, blobs and suggestion origins, keeping existing suggestions as scans', () => {
    const v2 = openDatabase(path, { migrateUpTo: 2 });
    const insert = v2.prepare(`INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES (?, '{}', ?, ?, 'h', 1, 1)`);
    insert.run('a', 'A', 'a');
    insert.run('b', 'B', 'b');
    v2.prepare(`INSERT INTO suggestions (contact_a, contact_b, score, tier, reasons, created_at) VALUES ('a', 'b', 0.5, 'medium', '[]', 1)`).run();
    v2.close();

    const db = openDatabase(path, { migrateUpTo: 3 });
    expect(schemaVersion(db)).toBe(3);
    expect(tables(db)).toEqual(expect.arrayContaining(['contact_keys', 'holds', 'blobs']));
    expect(db.prepare('SELECT origin FROM suggestions').get()).toEqual({ origin: 'scan' });
    db.prepare(`INSERT INTO contact_keys (key, contact_id) VALUES ('e:a@example.org', 'a')`).run();
    db.prepare(`INSERT INTO holds (contact_id, reason, since) VALUES ('b', 'possible-duplicate', 1)`).run();
    // Keys and holds go with their contact.
    db.prepare(`DELETE FROM suggestions`).run();
    db.prepare(`DELETE FROM contacts WHERE id IN ('a', 'b')`).run();
    expect(db.prepare('SELECT count(*) AS n FROM contact_keys').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM holds').get()).toEqual({ n: 0 });
    expect(() => db.prepare(`INSERT INTO holds (contact_id, reason, since) VALUES ('zzz', 'possible-duplicate', 1)`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 4: folder accounts', () => {
  it('allows folder accounts, keeps every account with its records and links, and still refuses unknown kinds', () => {
    const v3 = openDatabase(path, { migrateUpTo: 3 });
    expect(() => v3.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES ('f0', 'folder', 'Early', 1)`).run()).toThrow(/CHECK constraint/);
    v3.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES ('a1', 'memory', 'Mem', 1)`).run();
    v3.prepare(`INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES ('c1', '{}', 'x', 'x', 'h', 1, 1)`).run();
    const rec = v3
      .prepare(`INSERT INTO records (account_id, remote_id, content_type, raw, fields, content_hash, fetched_at) VALUES ('a1', 'r1', 'text/vcard', 'x', '{}', 'h', 1) RETURNING id`)
      .get() as { id: number };
    v3.prepare(`INSERT INTO links (record_id, contact_id, base, base_hash, how, linked_at) VALUES (?, 'c1', '{}', 'h', 'auto', 1)`).run(rec.id);
    v3.close();

    const db = openDatabase(path, { migrateUpTo: 4 });
    expect(schemaVersion(db)).toBe(4);
    db.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES ('f1', 'folder', 'Backup', 2)`).run();
    expect(() => db.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES ('x1', 'ftp', 'Nope', 3)`).run()).toThrow(/CHECK constraint/);
    expect(db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 1 });
    // The table keeps its other constraints and its foreign keys still cascade.
    expect(() => db.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES ('f2', 'folder', 'backup', 4)`).run()).toThrow(/UNIQUE/);
    db.prepare(`DELETE FROM accounts WHERE id = 'a1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Defensive mode is back on: the schema cannot be written by ordinary statements afterwards.
    expect(() => db.prepare(`UPDATE sqlite_schema SET sql = sql WHERE name = 'accounts'`).run()).toThrow();
    db.close();
  });
});

describe('migration 5: duplicate keys', () => {
  it("adds the duplicate finder's keys to every contact's blocking keys, keeps the linking keys, and indexes pairs from both sides", () => {
    const v4 = openDatabase(path, { migrateUpTo: 4 });
    const insert = v4.prepare(`INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES (?, ?, 'x', 'x', 'h', 1, 1)`);
    insert.run('zw', JSON.stringify(person({ fn: '张伟', phone: '+86 138 0013 8000', email: 'zhang.wei@example.org', org: 'Acme' })));
    insert.run('odd', '{}');
    v4.prepare(`INSERT INTO contact_keys (key, contact_id) VALUES ('e:zhang.wei@example.org', 'zw'), ('e:old@example.org', 'odd')`).run();
    v4.close();

    const db = openDatabase(path, { migrateUpTo: 5 });
    expect(schemaVersion(db)).toBe(5);
    const keys = (id: string) => (db.prepare('SELECT key FROM contact_keys WHERE contact_id = ? ORDER BY key').all(id) as { key: string }[]).map((r) => r.key);
    expect(keys('zw')).toEqual(
      expect.arrayContaining(['e:zhang.wei@example.org', 'p:+8613800138000', 'n:zhang wei', 'n:张伟', 'ps:0138000', 'el:zhangwei', 'o:acme']),
    );
    // A contact this version cannot fully read keeps working and gets what can be derived.
    expect(keys('odd')).toEqual([]);
    const indexes = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE '%_by_b'`).all() as { name: string }[]).map((r) => r.name).sort();
    expect(indexes).toEqual(['dismissals_by_b', 'suggestions_by_b']);
    db.close();
  });
});

describe('migration 6: change ticks', () => {
  it('stamps existing contacts above every pushed tick, then stamps each change that can give an account work with a newer tick', () => {
    const v5 = openDatabase(path, { migrateUpTo: 5 });
    v5.prepare(`INSERT INTO accounts (id, kind, name, created_at) VALUES ('a1', 'memory', 'Mem', 1)`).run();
    const insert = v5.prepare(`INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES (?, '{}', 'x', 'x', 'h', 1, 1)`);
    insert.run('old');
    insert.run('other');
    v5.close();

    const db = openDatabase(path, { migrateUpTo: 6 });
    const tick = (id: string) => (db.prepare('SELECT change_tick AS t FROM contacts WHERE id = ?').get(id) as { t: number }).t;
    // Accounts start at pushed tick 0: existing contacts (tick 1) are looked at once by the next push.
    expect(tick('old')).toBe(1);
    const seen: number[] = [];
    const step = (sql: string, ...args: unknown[]) => {
      db.prepare(sql).run(...args);
      seen.push(tick('old'));
    };
    step(`UPDATE contacts SET fields = '{"note":"x"}' WHERE id = 'old'`);
    step(`INSERT INTO holds (contact_id, reason, since) VALUES ('old', 'possible-duplicate', 1)`);
    step(`DELETE FROM holds WHERE contact_id = 'old'`);
    const rec = db
      .prepare(`INSERT INTO records (account_id, remote_id, content_type, raw, fields, content_hash, fetched_at) VALUES ('a1', 'r1', 'text/vcard', 'x', '{}', 'h', 1) RETURNING id`)
      .get() as { id: number };
    step(`INSERT INTO links (record_id, contact_id, base, base_hash, how, linked_at) VALUES (?, 'old', '{}', 'h', 'auto', 1)`, rec.id);
    step(`UPDATE links SET base_hash = 'h2' WHERE record_id = ?`, rec.id);
    step(`INSERT INTO trash (contact_id, deleted_at, purge_after, reason) VALUES ('old', 1, 2, 'user')`);
    step(`DELETE FROM trash WHERE contact_id = 'old'`);
    step(`DELETE FROM records WHERE id = ?`, rec.id); // the link goes with it (cascade): the account lacks the contact now
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    expect(seen[0]).toBeGreaterThan(1);
    // Untouched contacts keep their tick; a new contact gets the newest.
    expect(tick('other')).toBe(1);
    db.prepare(`INSERT INTO contacts (id, fields, display_name, sort_key, content_hash, created_at, updated_at) VALUES ('new', '{}', 'x', 'x', 'h', 1, 1)`).run();
    expect(tick('new')).toBeGreaterThan(seen.at(-1)!);
    // A display-only column (search text) is not a change an account has to receive.
    const before = tick('new');
    db.prepare(`UPDATE contacts SET search_text = 'y' WHERE id = 'new'`).run();
    expect(tick('new')).toBe(before);
    db.close();
  });
});

describe('migration 7: pinyin search', () => {
  it("adds the pinyin of Chinese names to existing contacts' search text, re-indexes them, and leaves the rest as it was", () => {
    const v6 = openDatabase(path, { migrateUpTo: 6 });
    const insert = v6.prepare(
      `INSERT INTO contacts (id, fields, display_name, sort_key, search_text, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'h', 1, 1)`,
    );
    // Search text as version 6 wrote it: the characters only.
    insert.run('wf', JSON.stringify(person({ given: '芳', family: '王', email: 'fang@example.org' })), '王芳', '王芳', '芳 王 fang@example.org');
    insert.run('anna', JSON.stringify(person({ given: 'Anna', family: 'Smith' })), 'Anna Smith', 'anna smith', 'Anna Smith');
    insert.run('odd', '{"name": 42}', '李', '李', '李'); // unreadable fields: keeps its text
    const tick = (db: WritableDb) => db.prepare(`SELECT tick FROM hub_clock`).get();
    const ticksBefore = tick(v6);
    v6.close();

    const db = openDatabase(path, { migrateUpTo: 7 });
    expect(schemaVersion(db)).toBe(7);
    const find = (query: string) => listContacts(db, { query, offset: 0, limit: 10 }).rows.map((r) => r.id);
    expect(find('wangfang')).toEqual(['wf']);
    expect(find('wang fang')).toEqual(['wf']);
    expect(find('wf')).toEqual(['wf']);
    expect(find('fang@example')).toEqual(['wf']);
    expect(find('anna')).toEqual(['anna']);
    expect(find('李')).toEqual(['odd']);
    const text = (id: string) => (db.prepare('SELECT search_text AS s FROM contacts WHERE id = ?').get(id) as { s: string }).s;
    expect(text('anna')).toBe('Anna Smith');
    expect(text('odd')).toBe('李');
    // Search text is not a change an account must receive; the FTS triggers still work afterwards.
    expect(tick(db)).toEqual(ticksBefore);
    db.prepare(`UPDATE contacts SET search_text = 'Chloe' WHERE id = 'anna'`).run();
    expect(find('anna')).toEqual([]);
    expect(find('chloe')).toEqual(['anna']);
    expect(() => db.prepare(`INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')`).run()).not.toThrow();
    db.close();
  });
});

describe('the migration runner', () => {
  it('is numbered 1..n with no gaps, and a second open changes nothing', () => {
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: latestVersion }, (_, i) => i + 1));
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(latestVersion);
    db.close();
  });

  it('applies all pending migrations in one transaction: a failure leaves the database untouched', () => {
    const db = new Database(path) as WritableDb;
    const failing: Migration = {
      version: 2,
      name: 'fails halfway',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, 2, [migrations[0]!, failing])).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer Concord, with a clear error, and leaves it as it was', () => {
    const future = new Database(path);
    future.exec('CREATE TABLE from_the_future (x INTEGER)');
    future.pragma(`user_version = ${latestVersion + 5}`);
    future.close();

    let error: unknown;
    try {
      openDatabase(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConcordError);
    expect((error as ConcordError).code).toBe('DATABASE_TOO_NEW');
    expect((error as ConcordError).message).toMatch(new RegExp(`schema ${latestVersion + 5}; this version knows up to ${latestVersion}`));
    expect((error as ConcordError).message).toMatch(/Nothing was changed/);

    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(latestVersion + 5);
    expect(tables(after)).toEqual(['from_the_future']);
    after.close();
  });

  it('opens with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
