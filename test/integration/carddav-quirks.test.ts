// Server behaviours the local servers cannot be made to show, replayed from canned answers
// (carddav-icloud.md §2.2, §2.6): sync-collection truncated with 507 (RFC 6578 §3.6) with and without a
// new token, the collection itself and sub-collections listed among the changes (iCloud), one href
// spelled three ways, a changed card gone by the time it is fetched; plus Radicale reporting a
// deleted card as 404 in an initial sync, on the real server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDavSource, decodeCursor, encodeCursor } from '../../electron/engine/providers/carddav/index.ts';
import { startRadicale } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { cardName, makeCard } from '../support/icloud-simulator-vcard.ts';
import { collectPages } from '../support/pages.ts';

const BOOK = 'http://dav.example.test/u/book/';
const BOOK_PATH = '/u/book/';

const collect = collectPages;

const ms = (body: string): Response => new Response(`<?xml version="1.0" encoding="UTF-8"?><d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">${body}</d:multistatus>`, { status: 207, headers: { 'content-type': 'application/xml; charset=utf-8' } });
const changedEntry = (href: string, etag: string): string => `<d:response><d:href>${href}</d:href><d:propstat><d:prop><d:getetag>${etag}</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
const statusEntry = (href: string, status: string): string => `<d:response><d:href>${href}</d:href><d:status>HTTP/1.1 ${status}</d:status></d:response>`;
const cardEntry = (href: string, etag: string, name: string): string =>
  `<d:response><d:href>${href}</d:href><d:propstat><d:prop><d:getetag>${etag}</d:getetag><card:address-data>${makeCard(name, name).replace(/\r\n/g, '&#13;\n')}</card:address-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;

/** A fake server: `sync(token)` answers sync-collection REPORTs, `cards` answers multigets (href → [etag, name]). */
function fakeServer(sync: (token: string | null) => Response, cards: Record<string, [string, string]>): { fetch: typeof fetch; requests: string[] } {
  const requests: string[] = [];
  const f = (async (_input: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    if (body.includes('sync-collection')) {
      const token = /<d:sync-token>([^<]*)<\/d:sync-token>/.exec(body)?.[1] ?? null;
      requests.push(`sync ${token ?? '(initial)'}`);
      return sync(token);
    }
    if (body.includes('addressbook-multiget')) {
      const hrefs = [...body.matchAll(/<d:href>([^<]*)<\/d:href>/g)].map((m) => m[1] ?? '');
      requests.push(`multiget ${hrefs.length}`);
      return ms(hrefs.map((h) => (cards[h] ? cardEntry(h, cards[h][0], cards[h][1]) : statusEntry(h, '404 Not Found'))).join(''));
    }
    throw new Error(`unexpected ${init?.method} ${body.slice(0, 80)}`);
  }) as typeof fetch;
  return { fetch: f, requests };
}

function source(f: typeof fetch): CardDavSource {
  return new CardDavSource({ url: BOOK, username: 'u', password: 'p', fetch: f, supportsSyncCollection: true, maxBatch: 10 });
}

describe('sync-collection quirks (canned answers)', () => {
  it('follows 507 truncation with the new token until the server is done', async () => {
    const server = fakeServer(
      (token) =>
        token === null
          ? ms(changedEntry(`${BOOK_PATH}a.vcf`, '"1"') + changedEntry(`${BOOK_PATH}b.vcf`, '"2"') + statusEntry(BOOK_PATH, '507 Insufficient Storage') + '<d:sync-token>urn:t1</d:sync-token>')
          : ms(changedEntry(`${BOOK_PATH}c.vcf`, '"3"') + statusEntry(`${BOOK_PATH}b.vcf`, '404 Not Found') + '<d:sync-token>urn:t2</d:sync-token>'),
      { [`${BOOK_PATH}a.vcf`]: ['"1"', 'A A'], [`${BOOK_PATH}b.vcf`]: ['"2"', 'B B'], [`${BOOK_PATH}c.vcf`]: ['"3"', 'C C'] },
    );
    const full = await collect(source(server.fetch).listChanges(null));
    // b was reported changed, then removed in the second round: a full listing simply leaves it out.
    expect(full.changed.map((i) => cardName(i.payload))).toEqual(['A A', 'C C']);
    expect(full.deleted).toEqual([]);
    expect(decodeCursor(full.cursor, BOOK_PATH)).toEqual({ mode: 'sync', token: 'urn:t2', collection: BOOK_PATH });
    expect(server.requests).toEqual(['sync (initial)', 'sync urn:t1', 'multiget 2']);
  });

  it('stops when a 507 brings no new token instead of looping', async () => {
    const server = fakeServer(() => ms(changedEntry(`${BOOK_PATH}a.vcf`, '"1"') + statusEntry(BOOK_PATH, '507 Insufficient Storage') + '<d:sync-token>urn:t0</d:sync-token>'), { [`${BOOK_PATH}a.vcf`]: ['"1"', 'A A'] });
    const delta = await collect(source(server.fetch).listChanges(encodeCursor({ mode: 'sync', token: 'urn:t0', collection: BOOK_PATH })));
    expect(delta.changed).toHaveLength(1);
    expect(decodeCursor(delta.cursor, BOOK_PATH)).toMatchObject({ token: 'urn:t0' });
    expect(server.requests).toEqual(['sync urn:t0', 'multiget 1']);
  });

  it('ignores the collection itself and sub-collections, and gives one href spelled three ways one id', async () => {
    const server = fakeServer(
      () =>
        ms(
          changedEntry(BOOK_PATH, '"collection-etag"') +
            changedEntry(`${BOOK_PATH}sub/`, '"x"') +
            changedEntry(`http://dav.example.test${BOOK_PATH}a%40b.vcf`, '12345') +
            changedEntry(`${BOOK_PATH}a@b.vcf`, '12345') +
            changedEntry(`${BOOK_PATH}%61%40b.vcf`, '12345') +
            '<d:sync-token>urn:t9</d:sync-token>',
        ),
      { [`${BOOK_PATH}a@b.vcf`]: ['12345', 'Ab Ab'] },
    );
    const full = await collect(source(server.fetch).listChanges(null));
    expect(full.changed.map((i) => [i.id, i.etag])).toEqual([[`${BOOK_PATH}a@b.vcf`, '12345']]);
    expect(cardName(full.changed[0]!.payload)).toBe('Ab Ab');
    expect(full.changed[0]!.payload.endsWith('END:VCARD\r\n')).toBe(true);
  });

  it('reports a changed card that is gone by the time it is fetched as deleted (incremental only)', async () => {
    const server = fakeServer(() => ms(changedEntry(`${BOOK_PATH}gone.vcf`, '"9"') + changedEntry(`${BOOK_PATH}here.vcf`, '"8"') + '<d:sync-token>urn:t3</d:sync-token>'), { [`${BOOK_PATH}here.vcf`]: ['"8"', 'Here Now'] });
    const delta = await collect(source(server.fetch).listChanges(encodeCursor({ mode: 'sync', token: 'urn:t2', collection: BOOK_PATH })));
    expect(delta.changed.map((i) => i.id)).toEqual([`${BOOK_PATH}here.vcf`]);
    expect(delta.deleted).toEqual([`${BOOK_PATH}gone.vcf`]);
    const full = await collect(source(server.fetch).listChanges(null));
    expect(full.deleted).toEqual([]);
  });
});

describe('Radicale 3.1.8', () => {
  let radicale: CardDavServer;
  beforeAll(async () => {
    radicale = await startRadicale();
  });
  afterAll(async () => {
    await radicale?.stop();
  });

  it('reports a deleted card as 404 in an initial sync; the full listing ignores it', async () => {
    const bookUrl = await radicale.createAddressBook(`q-${randomUUID()}`);
    const source = new CardDavSource({ url: bookUrl, username: radicale.username, password: radicale.password });
    const kept = await source.create(makeCard('Kept Card', randomUUID()));
    const removed = await source.create(makeCard('Removed Card', randomUUID()));
    await source.delete(removed.id, removed.etag);
    const raw = await fetch(bookUrl, {
      method: 'REPORT',
      headers: { Authorization: `Basic ${Buffer.from('alice:x').toString('base64')}`, Depth: '0', 'Content-Type': 'application/xml', 'Accept-Encoding': 'identity' },
      body: '<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>',
    });
    expect(await raw.text()).toContain(`<href>${removed.id}</href><status>HTTP/1.1 404 Not Found</status>`);
    const full = await collect(source.listChanges(null));
    expect(full.changed.map((i) => i.id)).toEqual([kept.id]);
    expect(full.deleted).toEqual([]);
  });
});
