// CardDavSource and discovery when things go wrong, on real servers and through the iCloud simulator:
// cross-host discovery with a non-Latin-1 password, redirects that must (not) carry credentials, a
// create whose answer was lost, stale etags, refused sync tokens on every server, throttling with
// Retry-After, and iCloud's refusals. Each case asserts the ProviderError kind the engine acts on.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDavSource, discoverAddressBooks, encodeCursor } from '../../electron/engine/providers/carddav/index.ts';
import { ProviderError } from '../../electron/engine/providers/types.ts';
import { startRadicale, startXandikos } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { startICloudSimulator } from '../support/icloud-simulator.ts';
import type { ICloudSimulator, ICloudSimulatorOptions } from '../support/icloud-simulator.ts';
import { cardName, cardUid, makeCard } from '../support/icloud-simulator-vcard.ts';
import { collectPages } from '../support/pages.ts';

const NON_LATIN1_PASSWORD = 'pässwörd-密码-🔑';

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

interface Call {
  method: string;
  url: string;
  authorization: string | null;
}

/** A fetch that records what the client sent (after our redirect handling: one entry per hop). */
function recordingFetch(): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ method: init?.method ?? 'GET', url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: f, calls };
}

const collect = collectPages;

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

async function rawPut(url: string, authorization: string, body: string, condition: Record<string, string>): Promise<number> {
  const r = await fetch(url, { method: 'PUT', headers: { Authorization: authorization, 'Content-Type': 'text/vcard; charset=utf-8', 'Accept-Encoding': 'identity', ...condition }, body });
  await r.text();
  return r.status;
}

let radicale: CardDavServer;
let xandikos: CardDavServer;
const simulators: ICloudSimulator[] = [];

beforeAll(async () => {
  [radicale, xandikos] = await Promise.all([startRadicale(), startXandikos()]);
});
afterAll(async () => {
  await Promise.all(simulators.map((s) => s.stop()));
  await Promise.all([radicale?.stop(), xandikos?.stop()]);
});

async function simulator(options: Omit<ICloudSimulatorOptions, 'backend'> = {}): Promise<ICloudSimulator> {
  const sim = await startICloudSimulator({ backend: radicale, ...options });
  simulators.push(sim);
  return sim;
}

function simSource(sim: ICloudSimulator, extra: { password?: string; fetch?: typeof fetch; url?: string; trustedHosts?: string[] } = {}): CardDavSource {
  return new CardDavSource({
    url: extra.url ?? sim.addressBookUrl,
    username: sim.appleId,
    password: extra.password ?? sim.password,
    icloud: true,
    maxBatch: 10,
    supportsSyncCollection: true,
    ...(extra.fetch ? { fetch: extra.fetch } : {}),
    ...(extra.trustedHosts ? { trustedHosts: extra.trustedHosts } : {}),
  });
}

describe('discovery', () => {
  it('crosses to the iCloud partition host named by the principal, with a non-Latin-1 password that reaches it', async () => {
    const sim = await simulator();
    const { fetch: f, calls } = recordingFetch();
    const found = await discoverAddressBooks({ url: sim.url, username: sim.appleId, password: sim.password, fetch: f, icloud: true });
    expect(found.principal).toBe(sim.principalUrl);
    expect(found.home).toBe(sim.homeUrl);
    expect(found.addressBooks).toEqual([{ url: sim.addressBookUrl, displayName: 'Contacts', ctag: expect.any(String), syncToken: expect.any(String), supportsSyncCollection: true }]);
    expect([...sim.password].some((c) => c.charCodeAt(0) > 0xff)).toBe(true);
    const atPartition = sim.requests.filter((r) => r.listener === 'partition');
    expect(atPartition.length).toBeGreaterThan(0);
    for (const r of atPartition) expect(r.authorization).toBe(sim.authorization);
    // The well-known redirect was followed by us (one recorded call per hop), not by fetch.
    expect(calls[0]?.url).toBe(new URL('/.well-known/carddav', sim.url).href);
    expect(calls[1]?.url).toBe(sim.url);
    // The address book found is usable straight away.
    const source = simSource(sim, { url: found.addressBooks[0]?.url, trustedHosts: found.trustedHosts });
    await source.create(makeCard('Li Na', randomUUID()));
    expect((await collect(source.listChanges(null))).changed.map((i) => cardName(i.payload))).toEqual(['Li Na']);
  });

  it('follows a redirect to another host with the credentials only when that host is trusted', async () => {
    const sim = await simulator({ homeSetOn: 'main' });
    // What plain fetch does with this redirect: the password does not arrive at the partition host.
    const naive = await fetch(new URL(`/${sim.dsid}/carddavhome/`, sim.url), { method: 'PROPFIND', headers: { Authorization: sim.authorization, Depth: '0' } });
    await naive.text();
    expect(naive.status).toBe(401);

    if (sim.partitionHost !== '127.0.0.1') {
      // 127.0.0.2 is another host: without trust, the credentials stay behind and iCloud says 401.
      const refused = await failure(discoverAddressBooks({ url: sim.url, username: sim.appleId, password: sim.password, icloud: true }));
      expect(refused.kind).toBe('auth');
      expect(refused.message).toMatch(/app-specific password/);
      expect(sim.requests.some((r) => r.listener === 'partition' && r.authorization === null && r.status === 401)).toBe(true);
    }
    // Trusted as *.icloud.com would be for the real service: discovery and the source work through the redirect.
    const found = await discoverAddressBooks({ url: sim.url, username: sim.appleId, password: sim.password, icloud: true, trustedHosts: [sim.partitionHost] });
    expect(found.addressBooks.map((b) => b.url)).toEqual([sim.addressBookUrl]);
    const viaMain = simSource(sim, { url: new URL(`/${sim.dsid}/carddavhome/card/`, sim.url).href, trustedHosts: [sim.partitionHost] });
    const created = await viaMain.create(makeCard('Wang Fang', randomUUID()));
    expect(cardName(created.payload)).toBe('Wang Fang');
    expect((await collect(viaMain.listChanges(null))).changed.map((i) => i.id)).toEqual([created.id]);
    const redirected = sim.requests.filter((r) => r.listener === 'main' && r.status === 301 && r.path.includes('/carddavhome/'));
    expect(redirected.length).toBeGreaterThan(0);
  });

  it('finds Radicale address books through /.well-known (301) with a non-Latin-1 password', async () => {
    const bookUrl = await radicale.createAddressBook(`disc-${randomUUID()}`, { displayName: '通讯录' });
    const { fetch: f, calls } = recordingFetch();
    const found = await discoverAddressBooks({ url: radicale.url, username: radicale.username, password: NON_LATIN1_PASSWORD, fetch: f });
    expect(found.principal).toBe(new URL('/alice/', radicale.url).href);
    expect(found.home).toBe(found.principal);
    expect(found.addressBooks).toContainEqual({ url: bookUrl, displayName: '通讯录', ctag: expect.any(String), syncToken: expect.any(String), supportsSyncCollection: true });
    for (const call of calls) expect(call.authorization).toBe(basic(radicale.username, NON_LATIN1_PASSWORD));
  });

  it('finds Xandikos address books through /.well-known (302) and sees sync-collection despite its report set', async () => {
    const found = await discoverAddressBooks({ url: xandikos.url, username: xandikos.username, password: NON_LATIN1_PASSWORD });
    expect(found.principal).toBe(new URL('/user/', xandikos.url).href);
    expect(found.home).toBe(new URL('/user/contacts/', xandikos.url).href);
    expect(found.addressBooks).toContainEqual(expect.objectContaining({ url: new URL('/user/contacts/addressbook/', xandikos.url).href, supportsSyncCollection: true }));
  });

  it('explains an iCloud 401 with the app-specific password and the primary Apple ID', async () => {
    const sim = await simulator();
    const error = await failure(discoverAddressBooks({ url: sim.url, username: sim.appleId, password: 'my-normal-password', icloud: true }));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/app-specific password/);
    expect(error.message).toMatch(/primary Apple ID/);
    const listing = await failure(collect(simSource(sim, { password: 'wrong' }).listChanges(null)));
    expect(listing.kind).toBe('auth');
    expect(listing.message).toMatch(/appleid\.apple\.com/);
  });
});

describe('writes that go wrong', () => {
  it('does not duplicate a create whose answer was lost after the server stored it', async () => {
    const sim = await simulator();
    const source = simSource(sim);
    const uid = randomUUID();
    const card = makeCard('Chen Jie', uid);
    sim.dropAfterPut(1);
    const lost = await failure(source.create(card, { idHint: uid }));
    expect(lost.kind).toBe('unavailable');
    const retried = await failure(source.create(card, { idHint: uid }));
    expect(retried.kind).toBe('precondition-failed');
    const all = await collect(source.listChanges(null));
    expect(all.changed).toHaveLength(1);
    expect(cardUid(all.changed[0]!.payload)).toBe(uid);
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([-1, 412]);
  });

  it('answers precondition-failed for an update over another client’s edit, and keeps that edit', async () => {
    const sim = await simulator();
    const source = simSource(sim);
    const uid = randomUUID();
    const item = await source.create(makeCard('Liu Yang', uid));
    expect(await rawPut(new URL(item.id, sim.addressBookUrl).href, sim.authorization, makeCard('Liu Yang (iPhone)', uid), { 'If-Match': item.etag })).toBe(201);
    const stale = await failure(source.update(item.id, item.etag, makeCard('Liu Yang (Concord)', uid)));
    expect(stale.kind).toBe('precondition-failed');
    const [current] = await source.get([item.id]);
    expect(cardName(current!.payload)).toBe('Liu Yang (iPhone)');
  });

  it('returns what iCloud stored (rewritten), not what was sent, though the PUT answer has no ETag', async () => {
    const sim = await simulator();
    const item = await simSource(sim).create(makeCard('Zhao Lei', randomUUID()));
    expect(item.payload).toContain('PRODID:-//Apple Inc.//iOS 18//EN');
    expect(item.payload).toMatch(/X-ADDRESSBOOKSERVER-KIND:individual\r\n/);
    expect(item.payload).toMatch(/\r\n$/); // CR arrived escaped as &#13; and was kept
    expect(cardName(item.payload)).toBe('Zhao Lei');
  });

  it('reports iCloud refusals as rejected with a reason: no N (403); a card over 256 KB is refused before it is sent', async () => {
    const sim = await simulator();
    const source = simSource(sim);
    const noN = ['BEGIN:VCARD', 'VERSION:3.0', `UID:${randomUUID()}`, 'FN:Only FN', 'END:VCARD', ''].join('\r\n');
    const refused = await failure(source.create(noN));
    expect(refused.kind).toBe('rejected');
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/N \(name\)/);
    const big = makeCard('Big Photo', randomUUID()).replace('END:VCARD', `NOTE:${'x'.repeat(300 * 1024)}\r\nEND:VCARD`);
    const putsBefore = sim.requests.filter((r) => r.method === 'PUT').length;
    const tooBig = await failure(source.create(big));
    expect(tooBig.kind).toBe('rejected');
    expect(tooBig.status).toBe(413);
    expect(tooBig.message).toMatch(/too large for iCloud \(301 KB; limit 256 KB\): remove the photo or shorten the notes/);
    expect(sim.requests.filter((r) => r.method === 'PUT').length, 'checked before sending (icloud-limits.ts)').toBe(putsBefore);
  });

  it('refuses to send an update or delete without an etag (tsdav would send it unconditionally)', async () => {
    const { fetch: f, calls } = recordingFetch();
    const bookUrl = await radicale.createAddressBook(`noetag-${randomUUID()}`);
    const source = new CardDavSource({ url: bookUrl, username: radicale.username, password: radicale.password, fetch: f });
    const id = new URL('x.vcf', bookUrl).pathname;
    expect((await failure(source.update(id, '', makeCard('X Y', 'x')))).kind).toBe('precondition-failed');
    expect((await failure(source.delete(id, ' '))).kind).toBe('precondition-failed');
    expect(calls).toEqual([]);
  });
});

describe('throttling and outages', () => {
  it('maps 503 + Retry-After (seconds or HTTP-date), 429 and other 5xx, and writes nothing meanwhile', async () => {
    const sim = await simulator();
    const source = simSource(sim);
    sim.failNext(1, { retryAfter: '7' });
    const seconds = await failure(collect(source.listChanges(null)));
    expect([seconds.kind, seconds.retryAfterMs, seconds.status]).toEqual(['rate-limited', 7000, 503]);

    sim.failNext(1, { retryAfter: new Date(Date.now() + 30_000).toUTCString() });
    const dated = await failure(source.create(makeCard('Sun Li', randomUUID())));
    expect(dated.kind).toBe('rate-limited');
    expect(dated.retryAfterMs).toBeGreaterThan(27_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(30_000);

    sim.failNext(1, { status: 429, retryAfter: null });
    const tooMany = await failure(source.get([`/${sim.dsid}/carddavhome/card/a.vcf`]));
    expect([tooMany.kind, tooMany.retryAfterMs]).toEqual(['rate-limited', null]);

    sim.failNext(1, { status: 503, retryAfter: null });
    expect((await failure(collect(source.listChanges(null)))).kind).toBe('unavailable');
    sim.failNext(1, { status: 502, retryAfter: null });
    expect((await failure(collect(source.listChanges(null)))).kind).toBe('unavailable');

    expect((await collect(source.listChanges(null))).changed).toEqual([]);
  });

  it('reports a server that is down as unavailable and a cancelled call as cancelled', async () => {
    const sim = await simulator();
    const url = sim.addressBookUrl;
    await sim.stop();
    const down = await failure(collect(simSource(sim, { url }).listChanges(null)));
    expect(down.kind).toBe('unavailable');
    const controller = new AbortController();
    const slow = (async (input: string | URL | Request, init?: RequestInit) => {
      controller.abort();
      return fetch(input, init);
    }) as typeof fetch;
    const bookUrl = await radicale.createAddressBook(`cancel-${randomUUID()}`);
    const source = new CardDavSource({ url: bookUrl, username: radicale.username, password: radicale.password, fetch: slow });
    expect((await failure(collect(source.listChanges(null, { signal: controller.signal })))).kind).toBe('cancelled');
  });
});

describe('refused sync tokens become cursor-invalid, and the full listing that follows deletes nothing', () => {
  async function seeded(source: CardDavSource, names: string[]): Promise<string> {
    for (const name of names) await source.create(makeCard(name, randomUUID()));
    return (await collect(source.listChanges(null))).cursor;
  }

  it('Radicale: a token from a wiped cache (403 valid-sync-token) and a made-up one', async () => {
    const name = `tok-${randomUUID()}`;
    const bookUrl = await radicale.createAddressBook(name);
    const source = new CardDavSource({ url: bookUrl, username: radicale.username, password: radicale.password });
    const cursor = await seeded(source, ['A One', 'B Two']);
    // Radicale keeps sync tokens in the collection's .Radicale.cache; deleting it expires them all.
    await rm(path.join(radicale.dataDir, 'collections', 'collection-root', 'alice', name, '.Radicale.cache'), { recursive: true, force: true });
    const expired = await failure(collect(source.listChanges(cursor)));
    expect([expired.kind, expired.status]).toEqual(['cursor-invalid', 403]);
    const bogus = encodeCursor({ mode: 'sync', token: 'http://radicale.org/ns/sync/0000', collection: new URL(bookUrl).pathname });
    expect((await failure(collect(source.listChanges(bogus)))).kind).toBe('cursor-invalid');
    const full = await collect(source.listChanges(null));
    expect(full.changed.map((i) => cardName(i.payload)).sort()).toEqual(['A One', 'B Two']);
    expect(full.deleted).toEqual([]);
  });

  it('Xandikos 0.2.8: an unknown token (bare 500)', async () => {
    const bookUrl = await xandikos.createAddressBook(`tok-${randomUUID()}`);
    const source = new CardDavSource({ url: bookUrl, username: xandikos.username, password: xandikos.password });
    await seeded(source, ['C Three']);
    const bogus = encodeCursor({ mode: 'sync', token: 'f'.repeat(40), collection: new URL(bookUrl).pathname });
    const refused = await failure(collect(source.listChanges(bogus)));
    expect([refused.kind, refused.status]).toEqual(['cursor-invalid', 500]);
    expect((await collect(source.listChanges(null))).changed.map((i) => cardName(i.payload))).toEqual(['C Three']);
  });

  it('iCloud simulator: an unknown token', async () => {
    const sim = await simulator();
    const source = simSource(sim);
    await seeded(source, ['D Four']);
    const bogus = encodeCursor({ mode: 'sync', token: 'https://example.invalid/sync/1', collection: new URL(sim.addressBookUrl).pathname });
    expect((await failure(collect(source.listChanges(bogus)))).kind).toBe('cursor-invalid');
    expect((await failure(collect(source.listChanges('cd1:{"m":"s","t":"x","c":"/elsewhere/"}')))).kind).toBe('cursor-invalid');
  });
});
