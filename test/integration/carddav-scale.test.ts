// CardDavSource on a 10,000-card Radicale address book: a full listing costs one sync-collection plus
// ceil(10,000 / maxBatch) multigets and returns every card once; a poll with no changes costs one
// request; one remote change costs one sync-collection and one multiget.
// Seeding: the cards are written straight into Radicale's storage folder — its multifilesystem keeps
// one <name>.vcf per item and validates its item cache by a hash of the file's bytes
// (radicale/storage/multifilesystem/get.py, cache.py), so files written behind its back are read like
// uploaded ones. The first request then makes Radicale parse all 10,000 files with vobject (~20 s on
// the test machine); that happens in beforeAll with an uncounted request, so the counted listing
// measures the client and a warm server.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import type { ChangePage, RemoteItem } from '../../electron/engine/providers/types.ts';
import { startRadicale } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { cardName, makeCard } from '../support/icloud-simulator-vcard.ts';

const CARDS = 10_000;
const BATCH = 100;

interface Call {
  method: string;
  report: 'sync-collection' | 'addressbook-multiget' | 'propfind' | 'other';
}

let server: CardDavServer;
let bookUrl: string;
const calls: Call[] = [];
const countingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const body = typeof init?.body === 'string' ? init.body : '';
  const report = body.includes('sync-collection') ? 'sync-collection' : body.includes('addressbook-multiget') ? 'addressbook-multiget' : init?.method === 'PROPFIND' ? 'propfind' : 'other';
  calls.push({ method: init?.method ?? 'GET', report });
  return fetch(input, init);
}) as typeof fetch;

function source(): CardDavSource {
  return new CardDavSource({ url: bookUrl, username: server.username, password: server.password, maxBatch: BATCH, supportsSyncCollection: true, fetch: countingFetch });
}

async function collect(pages: AsyncIterable<ChangePage>): Promise<{ changed: RemoteItem[]; deleted: string[]; cursor: string; pages: number }> {
  const changed: RemoteItem[] = [];
  const deleted: string[] = [];
  let cursor: string | null = null;
  let count = 0;
  for await (const page of pages) {
    count += 1;
    changed.push(...page.changed);
    deleted.push(...page.deleted);
    cursor = page.nextCursor ?? cursor;
  }
  if (cursor === null) throw new Error('no cursor');
  return { changed, deleted, cursor, pages: count };
}

beforeAll(async () => {
  server = await startRadicale();
  bookUrl = await server.createAddressBook('big');
  const dir = path.join(server.dataDir, 'collections', 'collection-root', server.username, 'big');
  for (let start = 0; start < CARDS; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, CARDS - start) }, (_, k) => {
        const i = start + k;
        const uid = `card-${String(i).padStart(5, '0')}`;
        return writeFile(path.join(dir, `${uid}.vcf`), makeCard(`Person ${i}`, uid));
      }),
    );
  }
  // Warm Radicale's item cache (see the module comment); not counted.
  const warm = await fetch(bookUrl, {
    method: 'REPORT',
    headers: { Authorization: `Basic ${Buffer.from(`${server.username}:${server.password}`).toString('base64')}`, Depth: '0', 'Content-Type': 'application/xml', 'Accept-Encoding': 'identity' },
    body: '<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>',
  });
  await warm.text();
  expect(warm.status).toBe(207);
}, 150_000);

afterAll(async () => {
  await server?.stop();
});

describe(`a ${CARDS.toLocaleString('en')}-card address book on Radicale`, () => {
  let cursor: string;

  it(`lists every card once with 1 sync-collection + ${Math.ceil(CARDS / BATCH)} multigets`, async () => {
    calls.length = 0;
    const all = await collect(source().listChanges(null));
    expect(all.changed).toHaveLength(CARDS);
    expect(new Set(all.changed.map((i) => i.id)).size).toBe(CARDS);
    expect(all.deleted).toEqual([]);
    expect(all.pages).toBe(Math.ceil(CARDS / BATCH));
    expect(cardName(all.changed.find((i) => i.id.endsWith('/card-04242.vcf'))!.payload)).toBe('Person 4242');
    expect(calls.filter((c) => c.report === 'sync-collection')).toHaveLength(1);
    expect(calls.filter((c) => c.report === 'addressbook-multiget')).toHaveLength(Math.ceil(CARDS / BATCH));
    expect(calls).toHaveLength(1 + Math.ceil(CARDS / BATCH));
    cursor = all.cursor;
  }, 60_000);

  it('polls with no changes in exactly one request', async () => {
    calls.length = 0;
    const quiet = await collect(source().listChanges(cursor));
    expect(quiet.changed).toEqual([]);
    expect(quiet.deleted).toEqual([]);
    expect(calls).toEqual([{ method: 'REPORT', report: 'sync-collection' }]);
    cursor = quiet.cursor;
  }, 30_000);

  it('fetches one remote change with one sync-collection and one multiget', async () => {
    const s = source();
    const [item] = await s.get([new URL('card-00007.vcf', bookUrl).pathname]);
    await s.update(item!.id, item!.etag, makeCard('Person Seven', 'card-00007'));
    calls.length = 0;
    const delta = await collect(s.listChanges(cursor));
    expect(delta.changed.map((i) => cardName(i.payload))).toEqual(['Person Seven']);
    expect(calls.map((c) => c.report)).toEqual(['sync-collection', 'addressbook-multiget']);
  }, 30_000);
});
