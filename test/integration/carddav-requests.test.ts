// What each CardDavSource operation costs in HTTP requests, pinned so a change that adds round trips
// shows up: polls with nothing new are one request on both read paths; a write is the PUT plus one
// read-back (none with trustPutEtag on a verbatim server); get() batches; the capability probe happens
// once per source, and only when discovery did not say.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import type { CardDavSourceOptions } from '../../electron/engine/providers/carddav/index.ts';
import type { RemoteItem } from '../../electron/engine/providers/types.ts';
import { startRadicale, startXandikos } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { cardName, makeCard } from '../support/icloud-simulator-vcard.ts';
import { collectPages } from '../support/pages.ts';

interface Call {
  method: string;
  what: string;
}

function recorder(): { fetch: typeof fetch; calls: Call[]; take(): string[] } {
  const calls: Call[] = [];
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const method = init?.method ?? 'GET';
    const depth = new Headers(init?.headers).get('depth');
    const what = body.includes('sync-collection') ? 'sync' : body.includes('addressbook-multiget') ? 'multiget' : method === 'PROPFIND' ? `propfind${depth}` : method;
    calls.push({ method, what });
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: f, calls, take: () => calls.splice(0).map((c) => c.what) };
}

const collect = collectPages;

let radicale: CardDavServer;
let xandikos: CardDavServer;
beforeAll(async () => {
  [radicale, xandikos] = await Promise.all([startRadicale(), startXandikos()]);
});
afterAll(async () => {
  await Promise.all([radicale?.stop(), xandikos?.stop()]);
});

async function book(server: CardDavServer, options: Partial<CardDavSourceOptions> = {}): Promise<{ source: CardDavSource; rec: ReturnType<typeof recorder> }> {
  const rec = recorder();
  const url = await server.createAddressBook(`req-${randomUUID()}`);
  const source = new CardDavSource({ url, username: server.username, password: server.password, maxBatch: 2, fetch: rec.fetch, ...options });
  return { source, rec };
}

describe('request budgets', () => {
  it('sync-collection path: probe once, 1 sync + ceil(n/batch) multigets, a quiet poll is 1 request', async () => {
    const { source, rec } = await book(radicale);
    for (const name of ['A A', 'B B', 'C C']) await source.create(makeCard(name, randomUUID()));
    rec.take();
    const full = await collect(source.listChanges(null));
    expect(full.changed).toHaveLength(3);
    expect(rec.take()).toEqual(['propfind0', 'sync', 'multiget', 'multiget']);
    expect((await collect(source.listChanges(null))).changed).toHaveLength(3);
    expect(rec.take()).toEqual(['sync', 'multiget', 'multiget']); // the probe is not repeated
    await collect(source.listChanges(full.cursor));
    expect(rec.take()).toEqual(['sync']);
  });

  it('sync-collection path: changes whose etag the engine already holds (its own writes) are not downloaded again', async () => {
    const known = new Map<string, string>();
    const { source, rec } = await book(radicale, { knownEtags: () => known });
    const first = await collect(source.listChanges(null));
    const written: RemoteItem[] = [];
    for (const name of ['D D', 'E E', 'F F']) written.push(await source.create(makeCard(name, randomUUID())));
    for (const item of written.slice(0, 2)) known.set(item.id, item.etag); // the engine stored two of them
    rec.take();
    const next = await collect(source.listChanges(first.cursor));
    expect(next.changed.map((i) => i.id)).toEqual([written[2]!.id]);
    expect(rec.take()).toEqual(['sync', 'multiget']);
  });

  it('ctag path: a quiet poll is 1 PROPFIND Depth 0; a change adds the etag listing and one multiget', async () => {
    const known = new Map<string, string>();
    const { source, rec } = await book(radicale, { supportsSyncCollection: false, knownEtags: () => known });
    const a = await source.create(makeCard('A A', randomUUID()));
    await source.create(makeCard('B B', randomUUID()));
    rec.take();
    const full = await collect(source.listChanges(null));
    for (const item of full.changed) known.set(item.id, item.etag);
    expect(rec.take()).toEqual(['propfind1', 'multiget']);
    const quiet = await collect(source.listChanges(full.cursor));
    expect(quiet.changed).toEqual([]);
    expect(rec.take()).toEqual(['propfind0']);
    const edited = await source.update(a.id, known.get(a.id)!, makeCard('A Edited', a.payload.match(/^UID:(.*)$/m)![1]!.trim()));
    rec.take();
    const delta = await collect(source.listChanges(quiet.cursor));
    expect(delta.changed.map((i) => [i.id, cardName(i.payload)])).toEqual([[edited.id, 'A Edited']]);
    expect(rec.take()).toEqual(['propfind0', 'propfind1', 'multiget']);
  });

  it('writes: PUT + read-back, DELETE alone; with trustPutEtag on Xandikos the PUT alone', async () => {
    const { source, rec } = await book(radicale);
    const uid = randomUUID();
    const item = await source.create(makeCard('W W', uid));
    expect(rec.take()).toEqual(['PUT', 'multiget']);
    const updated = await source.update(item.id, item.etag, makeCard('W X', uid));
    expect(rec.take()).toEqual(['PUT', 'multiget']);
    await source.delete(updated.id, updated.etag);
    expect(rec.take()).toEqual(['DELETE']);

    const verbatim = await book(xandikos, { trustPutEtag: true });
    const sent = makeCard('V V', randomUUID());
    const stored = await verbatim.source.create(sent);
    expect(verbatim.rec.take()).toEqual(['PUT']);
    expect(stored.payload).toBe(sent);
    const [again] = await verbatim.source.get([stored.id]);
    expect(again?.etag).toBe(stored.etag);
  });

  it('get: ceil(ids/batch) multigets, missing ids left out', async () => {
    const { source, rec } = await book(radicale);
    const items: RemoteItem[] = [];
    for (const name of ['G A', 'G B', 'G C']) items.push(await source.create(makeCard(name, randomUUID())));
    rec.take();
    const ids = [...items.map((i) => i.id), `${items[0]!.id.replace(/[^/]*$/, '')}missing.vcf`];
    const got = await source.get(ids);
    expect(got.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(rec.take()).toEqual(['multiget', 'multiget']);
  });
});
