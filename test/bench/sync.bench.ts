// Sync engine at scale (issue 7's targets): the first sync of an account of N contacts into an
// empty hub with a second, empty account (import, link, and create them all there), a no-change
// sync (requests per account and engine time) after the one echo sync that reads back Concord's own
// writes, a 1% change sync, and peak RSS (of this process, and of a process holding only the engine:
// sync-memory.ts); raw SQLite inserts in the same run (sync-baseline.ts), above all of the very rows
// the first sync stored, are the baselines for the import ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, DATABASE_FILE } from '../../electron/engine/index.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { memorySourceFactory } from '../../electron/engine/providers/memory/factory.ts';
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { serialize } from '../../electron/engine/model/vcard/index.ts';
import { createClient } from '../../shared/api/client.ts';
import { inProcessTransport } from '../../electron/engine/api/in-process.ts';
import { generatedPeople } from './generate.ts';
import { minimalInsert, sameRowsInsert, storageEquivalentInsert } from './sync-baseline.ts';
import { engineOnlyMemory } from './sync-memory.ts';
import type { BenchSuite } from './harness.ts';
import { measure } from './harness.ts';

export const syncSuite: BenchSuite = {
  name: 'sync',
  async run({ quick }, record) {
    const n = quick ? 10_000 : 100_000;
    const people = generatedPeople(n, 7);
    const cards = people.map((p, i) => serialize(p, { version: '3.0', uid: `bench-${i}` }));
    const dir = mkdtempSync(join(tmpdir(), 'concord-bench-sync-'));
    try {
      const baseline = await minimalInsert(dir, people, cards);
      const storage = await storageEquivalentInsert(dir, people, cards);

      const sources = new Map<string, MemorySource>();
      const engine = createEngine(memoryPorts({ clock: { now: () => Date.now() } }), {
        dataDir: dir,
        host: 'test',
        version: 'bench',
        sources: { memory: memorySourceFactory(sources) },
      });
      const client = createClient(inProcessTransport(engine));
      const a = await client.call('accounts.add', { kind: 'memory', name: 'A' });
      const b = await client.call('accounts.add', { kind: 'memory', name: 'B' });
      const sa = new MemorySource({ pageSize: 1000 });
      const sb = new MemorySource({ pageSize: 1000 });
      sources.set(a.id, sa);
      sources.set(b.id, sb);
      for (const c of cards) sa.createExternally(c);

      // The bench's own data (the people, both in-process accounts' cards) is in this process too:
      // what it holds before the first sync is reported, so the engine's share can be read off.
      const rssBefore = Math.round(process.memoryUsage.rss() / 2 ** 20);
      const first = await measure(() => client.call('sync.run', {}));
      const label = n.toLocaleString('en-US');
      record({ metric: `first sync: import ${label} from A, create ${label} in B`, value: first.ms, unit: 'ms', note: `peak RSS ${Math.round(first.peakRssMiB)} MiB, ${rssBefore} MiB before it` });
      record({ metric: 'first sync throughput', value: Math.round(n / (first.ms / 1000)), unit: 'contacts/s' });
      record({ metric: 'first sync ÷ raw insert, one row per contact', value: first.ms / baseline, unit: '×', note: `raw ${Math.round(baseline)} ms` });
      record({ metric: 'first sync ÷ raw insert of simplified rows', value: first.ms / storage, unit: '×', note: `raw ${Math.round(storage)} ms (3 keys per contact, short search text)` });
      const same = await sameRowsInsert(dir, join(dir, DATABASE_FILE));
      record({
        metric: 'first sync ÷ raw insert of the rows it stored (target ≤ 5)',
        value: first.ms / same.ms,
        unit: '×',
        note: `raw ${Math.round(same.ms)} ms for ${same.rows.toLocaleString('en-US')} rows (schema, triggers, FTS)`,
      });

      // The next listing of B returns the cards Concord itself wrote there; they are recognised as echoes.
      const echo = await measure(() => client.call('sync.run', {}));
      record({ metric: `echo sync (B lists the ${label} cards Concord wrote)`, value: echo.ms, unit: 'ms', note: `updated ${echo.result.updated}` });

      const before = { a: sa.calls.listChanges, b: sb.calls.listChanges };
      const quiet = await measure(() => client.call('sync.run', {}));
      record({ metric: 'no-change sync', value: quiet.ms, unit: 'ms', note: `peak RSS ${Math.round(quiet.peakRssMiB)} MiB` });
      record({ metric: 'no-change sync: listing requests per account', value: Math.max(sa.calls.listChanges - before.a, sb.calls.listChanges - before.b), unit: 'requests' });

      const items = sa.snapshot();
      const step = Math.floor(items.length / (n / 100));
      for (let i = 0; i < items.length; i += step) sa.editExternally(items[i]!.id, items[i]!.payload.replace('END:VCARD', `NOTE:changed ${i}\r\nEND:VCARD`));
      const onePercent = await measure(() => client.call('sync.run', {}));
      record({ metric: `1% change sync (${(n / 100).toLocaleString('en-US')} edits in A)`, value: onePercent.ms, unit: 'ms', note: `updated ${onePercent.result.updated}` });
      engine.close();

      // The same first sync in a process holding only the engine (the accounts answer over IPC).
      const memory = await engineOnlyMemory(cards);
      record({ metric: 'peak RSS of the engine process, first sync', value: memory.afterFirst, unit: 'MiB', note: `${memory.before} MiB open and idle; created ${memory.created}` });
      record({ metric: 'peak RSS of the engine process, after two no-change syncs', value: memory.afterQuiet, unit: 'MiB' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
