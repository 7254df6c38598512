// Hub store: writing N contacts through the engine's journaled path (hub/contacts.ts: derive
// columns, FTS index, journal) against raw SQLite inserts of the same rows in the same run, then
// paging and searching the result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inTransaction } from '../../electron/engine/db/handle.ts';
import { openDatabase } from '../../electron/engine/db/open.ts';
import { listContacts } from '../../electron/engine/db/repos/contacts.ts';
import { createContact } from '../../electron/engine/hub/contacts.ts';
import { generatedPeople } from './generate.ts';
import type { BenchSuite } from './harness.ts';
import { measure } from './harness.ts';

export const storeSuite: BenchSuite = {
  name: 'store',
  async run({ quick }, record) {
    const n = quick ? 10_000 : 100_000;
    const people = generatedPeople(n);
    const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
    try {
      const raw = openDatabase(join(dir, 'raw.sqlite3'));
      raw.exec('CREATE TABLE plain (id TEXT PRIMARY KEY, fields TEXT NOT NULL) STRICT');
      const insert = raw.prepare('INSERT INTO plain (id, fields) VALUES (?, ?)');
      const baseline = await measure(() => inTransaction(raw, () => people.forEach((p, i) => insert.run(`c${i}`, JSON.stringify(p)))));
      raw.close();

      const db = openDatabase(join(dir, 'hub.sqlite3'));
      const hub = await measure(() => inTransaction(db, () => people.forEach((p) => createContact({ db, now: 0, runId: null }, p))));
      record({ metric: `raw SQLite insert of ${n.toLocaleString('en-US')} rows`, value: baseline.ms, unit: 'ms' });
      record({ metric: `hub insert of ${n.toLocaleString('en-US')} contacts (FTS + journal)`, value: hub.ms, unit: 'ms', note: `peak RSS ${Math.round(hub.peakRssMiB)} MiB` });
      record({ metric: 'hub insert ÷ raw insert', value: hub.ms / baseline.ms, unit: '×' });

      const firstPage = await measure(() => listContacts(db, { query: '', offset: 0, limit: 100 }));
      record({ metric: 'first page of 100, sorted', value: firstPage.ms, unit: 'ms' });
      const search = await measure(() => listContacts(db, { query: 'zhang', offset: 0, limit: 100 }));
      record({ metric: 'search "zhang", first 100', value: search.ms, unit: 'ms', note: `${search.result.total} matches` });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
