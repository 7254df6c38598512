// CardDAV figures for issue #5's "Done when": requests and wall time to write 1,000 cards to Radicale,
// read 10,000 (full listing), poll with nothing changed (incremental), and recover after a refused
// sync token with the stored items (only etag mismatches downloaded). Quick mode: 1,000 cards read,
// 100 written. Requests are counted at the fetch the source uses; Radicale runs on loopback.
import { randomUUID } from 'node:crypto';
import { CardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import type { StoredItem } from '../../electron/engine/providers/carddav/index.ts';
import type { RemoteItem } from '../../electron/engine/providers/types.ts';
import { startRadicale } from '../support/carddav-servers.ts';
import { card } from '../support/sync-world.ts';
import type { BenchSuite } from './harness.ts';
import { measure } from './harness.ts';

async function drain(source: CardDavSource, cursor: string | null): Promise<{ items: RemoteItem[]; cursor: string | null }> {
  const items: RemoteItem[] = [];
  let next: string | null = null;
  for await (const page of source.listChanges(cursor)) {
    items.push(...page.changed);
    next = page.nextCursor ?? next;
  }
  return { items, cursor: next };
}

export const carddavSuite: BenchSuite = {
  name: 'carddav',
  async run(ctx, record) {
    const total = ctx.quick ? 1_000 : 10_000;
    const writes = ctx.quick ? 100 : 1_000;
    const server = await startRadicale();
    try {
      const url = await server.createAddressBook('bench');
      let requests = 0;
      const counting: typeof fetch = (input, init) => {
        requests += 1;
        return fetch(input, init);
      };
      let stored = new Map<string, StoredItem>();
      const source = new CardDavSource({ url, username: server.username, password: server.password, fetch: counting, stored: () => stored });
      const step = async (metric: string, fn: () => Promise<unknown>, note: string) => {
        requests = 0;
        const m = await measure(fn);
        record({ metric: `${metric} ms`, value: Math.round(m.ms), unit: 'ms', note });
        record({ metric: `${metric} requests`, value: requests, unit: 'requests', note });
      };

      // Seeding: the cards the read figures need, written as any client would (not measured).
      const seed = new CardDavSource({ url, username: server.username, password: server.password, trustPutEtag: true });
      for (let i = 0; i < total - writes; i++) {
        const uid = randomUUID();
        await seed.create(card({ uid, fn: `Person ${i}`, email: `p${i}@example.org`, phone: `+1 415 555 ${String(i % 10_000).padStart(4, '0')}` }), { idHint: uid });
      }
      await step(`write ${writes} cards`, async () => {
        for (let i = 0; i < writes; i++) {
          const uid = randomUUID();
          await source.create(card({ uid, fn: `Writer ${i}`, email: `w${i}@example.org` }), { idHint: uid });
        }
      }, 'PUT If-None-Match + read-back multiget each (Radicale rewrites)');

      let listing = { items: [] as RemoteItem[], cursor: null as string | null };
      await step(`read ${total} cards (full)`, async () => {
        listing = await drain(source, null);
        if (listing.items.length !== total) throw new Error(`listed ${listing.items.length}, expected ${total}`);
      }, 'sync-collection + multiget batches of 100; nothing stored yet');
      await step(`poll ${total} cards, nothing changed`, async () => {
        const again = await drain(source, listing.cursor);
        if (again.items.length !== 0) throw new Error('an unchanged address book listed changes');
      }, 'one sync-collection REPORT');
      stored = new Map(listing.items.map((i) => [i.id, { etag: i.etag, payload: i.payload }]));
      await step(`recover ${total} cards after a refused token`, async () => {
        const recovered = await drain(source, null);
        if (recovered.items.length !== total) throw new Error(`recovered ${recovered.items.length}, expected ${total}`);
      }, 'full listing compared with stored etags: nothing re-downloaded');
    } finally {
      await server.stop();
    }
  },
};
