// Groups per account (issue #5): in group-cards mode (iCloud's way, carddav-icloud.md §4.1) the
// engine sees a contact's group-card memberships as its groups, and hub group changes become
// conditional writes of the group cards; in categories mode groups stay CATEGORIES lines. Run on
// real Radicale and Xandikos through the hosts' default source factories, and through the iCloud
// simulator (Apple rewrites, no ETag on PUT, cross-host home set).
// What must hold: a member added on the server in a group card arrives as a canonical group; a group
// added in the hub creates the group card (or adds a MEMBER line to an existing one); removing a
// member edits only that group card (every other card keeps its etag); group cards never become
// contacts; a second sync after each step writes nothing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/model/account.ts';
import type { WritableDb } from '../../electron/engine/db/handle.ts';
import { openDatabase } from '../../electron/engine/db/open.ts';
import { listRecords } from '../../electron/engine/db/repos/records.ts';
import { getContact } from '../../electron/engine/db/repos/contacts.ts';
import { changeContact } from '../../electron/engine/hub/contacts.ts';
import { DATABASE_FILE } from '../../electron/engine/index.ts';
import { readVCard } from '../../electron/engine/model/vcard/index.ts';
import { CardDavSource, accountCardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import { defaultSourceFactories } from '../../electron/engine/providers/registry.ts';
import type { RemoteItem } from '../../electron/engine/providers/types.ts';
import { vcardCodec } from '../../electron/engine/sync/codecs/vcard.ts';
import type { SourceFactories } from '../../electron/engine/sync/sources.ts';
import { startRadicale, startXandikos } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { startICloudSimulator } from '../support/icloud-simulator.ts';
import type { ICloudSimulator } from '../support/icloud-simulator.ts';
import { card } from '../support/sync-world.ts';

let radicale: CardDavServer;
let xandikos: CardDavServer;
let sim: ICloudSimulator;

beforeAll(async () => {
  [radicale, xandikos] = await Promise.all([startRadicale(), startXandikos()]);
  sim = await startICloudSimulator({ backend: radicale });
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  await Promise.all([radicale?.stop(), xandikos?.stop()]);
});

/** One address book as another client (an iPhone) sees and writes it. */
interface Book {
  url: string;
  auth: string;
  trusted: string[];
  icloud: boolean;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

async function list(book: Book): Promise<RemoteItem[]> {
  const source = new CardDavSource({ url: book.url, username: '', password: '', fetch: withAuth(book), trustedHosts: book.trusted });
  const out: RemoteItem[] = [];
  for await (const page of source.listChanges(null)) out.push(...page.changed);
  return out;
}

/** Replaces the Authorization header (the simulator's Apple ID is not the source's user name here). */
function withAuth(book: Book): typeof fetch {
  return (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Authorization: book.auth } });
}

async function put(book: Book, name: string, body: string, precondition: Record<string, string>): Promise<void> {
  const res = await fetch(new URL(name, book.url), { method: 'PUT', headers: { 'Content-Type': 'text/vcard; charset=utf-8', Authorization: book.auth, ...precondition }, body });
  await res.text();
  expect(res.status, `PUT ${name}`).toBeLessThan(300);
}

function groupCard(uid: string, name: string, members: string[]): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `N:${name}`, `FN:${name}`, 'X-ADDRESSBOOKSERVER-KIND:group', ...members.map((m) => `X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:${m}`), 'X-APPLE-KEEP:me', 'END:VCARD', ''].join('\r\n');
}

function groupsOnServer(items: RemoteItem[]): Map<string, { members: string[]; item: RemoteItem }> {
  const out = new Map<string, { members: string[]; item: RemoteItem }>();
  for (const item of items) {
    const read = readVCard(item.payload);
    if (read.ok && read.result.kind === 'group') out.set(read.result.name, { members: read.result.members, item });
  }
  return out;
}

interface World {
  t: TestEngine;
  db: WritableDb;
  book: Book;
  account: Account;
}

async function world(book: Book, sources: SourceFactories, add: (t: TestEngine) => Promise<Account>): Promise<World> {
  const t = startTestEngine({ onDisk: true, sources });
  const account = await add(t);
  const db = openDatabase(join(t.dataDir, DATABASE_FILE));
  return { t, db, book, account };
}

async function hubContact(w: World, fn: string) {
  const page = await w.t.client.call('contacts.list', { query: '' });
  const found = page.items.find((c) => c.displayName === fn);
  expect(found, `hub contact ${fn}`).toBeDefined();
  return w.t.client.call('contacts.get', { id: found!.id });
}

function setHubGroups(w: World, contactId: string, groups: string[]): void {
  const current = getContact(w.db, contactId)!;
  changeContact({ db: w.db, now: Date.now(), runId: null }, contactId, { ...current.fields, groups });
}

async function quiet(w: World): Promise<void> {
  const again = await w.t.client.call('sync.run', {});
  expect(again, 'a second sync writes nothing').toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
}

function groupCardScenario(label: string, makeWorld: () => Promise<World>): void {
  describe(`group cards on ${label}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await makeWorld();
    }, 60_000);
    afterAll(() => {
      w?.db.close();
      w?.t.close();
    });

    it('reads group-card memberships as canonical groups, never showing the group card as a contact', async () => {
      await put(w.book, 'g-ann.vcf', card({ uid: 'g-ann', fn: 'Ann Lee', email: 'ann@example.org' }), { 'If-None-Match': '*' });
      await put(w.book, 'g-bob.vcf', card({ uid: 'g-bob', fn: 'Bob Stone', email: 'bob@example.org' }), { 'If-None-Match': '*' });
      await put(w.book, 'grp-friends.vcf', groupCard('grp-friends', 'Friends', ['g-ann', 'dangling-uid']), { 'If-None-Match': '*' });
      expect(await w.t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
      const page = await w.t.client.call('contacts.list', { query: '' });
      expect(page.items.map((c) => c.displayName).sort()).toEqual(['Ann Lee', 'Bob Stone']);
      expect((await hubContact(w, 'Ann Lee')).fields.groups).toEqual(['Friends']);
      expect((await hubContact(w, 'Bob Stone')).fields.groups).toEqual([]);
      // No CATEGORIES was written into the contact cards, and nothing else was written either.
      for (const item of await list(w.book)) expect(item.payload).not.toMatch(/^CATEGORIES/m);
      await quiet(w);
    });

    it('a member added to the group card on the server arrives as a group of that contact', async () => {
      const friends = groupsOnServer(await list(w.book)).get('Friends')!;
      await put(w.book, 'grp-friends.vcf', groupCard('grp-friends', 'Friends', ['g-ann', 'dangling-uid', 'g-bob']), { 'If-Match': friends.item.etag });
      expect(await w.t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
      expect((await hubContact(w, 'Bob Stone')).fields.groups).toEqual(['Friends']);
      await quiet(w);
    });

    it('a group added in the hub creates the group card; joining an existing group adds one MEMBER line', async () => {
      const before = await list(w.book);
      const ann = await hubContact(w, 'Ann Lee');
      const bob = await hubContact(w, 'Bob Stone');
      setHubGroups(w, ann.id, ['Family', 'Friends']);
      expect(await w.t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
      let after = await list(w.book);
      const family = groupsOnServer(after).get('Family');
      expect(family?.members).toEqual(['g-ann']);
      const etag = (items: RemoteItem[], uid: string) => items.find((i) => i.payload.includes(`UID:${uid}`))?.etag;
      expect(etag(after, 'g-ann'), "Ann's own card is not rewritten for a group change").toBe(etag(before, 'g-ann'));
      await quiet(w);

      setHubGroups(w, bob.id, ['Family', 'Friends']);
      expect(await w.t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
      after = await list(w.book);
      expect(groupsOnServer(after).get('Family')?.members).toEqual(['g-ann', 'g-bob']);
      await quiet(w);
    });

    it('removing a member edits only that group card, keeping its other lines', async () => {
      const before = await list(w.book);
      const bob = await hubContact(w, 'Bob Stone');
      setHubGroups(w, bob.id, ['Family']);
      expect(await w.t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
      const after = await list(w.book);
      const friends = groupsOnServer(after).get('Friends')!;
      expect(friends.members).toEqual(['g-ann', 'dangling-uid']);
      expect(friends.item.payload, 'unknown properties of the group card survive').toMatch(/X-APPLE-KEEP:me/i);
      const changed = after.filter((i) => before.find((b) => b.id === i.id)?.etag !== i.etag).map((i) => i.id);
      expect(changed).toEqual([friends.item.id]);
      expect((await hubContact(w, 'Bob Stone')).fields.groups).toEqual(['Family']);
      await quiet(w);
    });

    it('after a restart, a new source rebuilds the memberships from the stored records', async () => {
      const stored = () => new Map(listRecords(w.db, w.account.id).map((r) => [r.remoteId, { etag: r.etag ?? '', payload: r.raw }]));
      const fresh = accountCardDavSource({ groupsMode: 'group-cards', url: w.book.url, username: '', password: '', fetch: withAuth(w.book), trustedHosts: w.book.trusted, icloud: w.book.icloud, stored });
      const annHref = listRecords(w.db, w.account.id).find((r) => r.raw.includes('UID:g-ann'))!.remoteId;
      const [ann] = await fresh.get([annHref]);
      expect(ann!.payload).toMatch(/^CATEGORIES:Family,Friends\r?$/m);
      expect(ann!.etag).toBe(listRecords(w.db, w.account.id).find((r) => r.remoteId === annHref)!.etag);
    });
  });
}

function sourcesFor(book: Book): SourceFactories {
  if (!book.icloud) return defaultSourceFactories({});
  // The simulator's partition host is 127.0.0.2, not *.icloud.com: trust it explicitly (discovery is
  // covered by carddav-faults.test.ts); everything else as the registry builds it.
  return {
    icloud: (account, _secret, { db }) => ({
      source: accountCardDavSource({
        groupsMode: account.settings.groupsMode,
        url: book.url,
        username: sim.appleId,
        password: sim.password,
        icloud: true,
        trustedHosts: book.trusted,
        stored: () => new Map(listRecords(db, account.id).map((r) => [r.remoteId, { etag: r.etag ?? '', payload: r.raw }])),
      }),
      codec: vcardCodec({ version: '3.0', db }),
    }),
  };
}

groupCardScenario('Radicale', async () => {
  const url = await radicale.createAddressBook('groups');
  const book: Book = { url, auth: basic(radicale.username, radicale.password), trusted: [], icloud: false };
  return world(book, sourcesFor(book), (t) =>
    t.client.call('accounts.add', { kind: 'carddav', name: 'Radicale', url, username: radicale.username, secret: radicale.password, groupsMode: 'group-cards' }),
  );
});

groupCardScenario('Xandikos', async () => {
  const url = await xandikos.createAddressBook('groups');
  const book: Book = { url, auth: basic(xandikos.username, xandikos.password), trusted: [], icloud: false };
  return world(book, sourcesFor(book), (t) =>
    t.client.call('accounts.add', { kind: 'carddav', name: 'Xandikos', url, username: xandikos.username, secret: xandikos.password, groupsMode: 'group-cards' }),
  );
});

groupCardScenario('the iCloud simulator', async () => {
  const book: Book = { url: sim.addressBookUrl, auth: sim.authorization, trusted: [sim.partitionHost], icloud: true };
  return world(book, sourcesFor(book), async (t) => {
    const account = await t.client.call('accounts.add', { kind: 'icloud', name: 'iCloud', url: sim.url, username: sim.appleId, secret: sim.password });
    expect(account.settings.groupsMode, 'iCloud accounts default to group cards').toBe('group-cards');
    return account;
  });
});

describe('categories mode (the CardDAV default)', () => {
  it('round-trips CATEGORIES: a server category becomes a group, a hub group becomes a CATEGORIES value', async () => {
    const url = await radicale.createAddressBook('categories');
    const book: Book = { url, auth: basic(radicale.username, radicale.password), trusted: [], icloud: false };
    const w = await world(book, sourcesFor(book), (t) => t.client.call('accounts.add', { kind: 'carddav', name: 'Cats', url, username: radicale.username, secret: radicale.password }));
    try {
      expect(w.account.settings.groupsMode).toBe('categories');
      await put(book, 'c-ann.vcf', card({ uid: 'c-ann', fn: 'Ann Lee' }).replace('END:VCARD', 'CATEGORIES:Work\r\nEND:VCARD'), { 'If-None-Match': '*' });
      expect(await w.t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
      const ann = await hubContact(w, 'Ann Lee');
      expect(ann.fields.groups).toEqual(['Work']);
      setHubGroups(w, ann.id, ['Work', 'Chess club']);
      expect(await w.t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
      const [item] = await list(book);
      expect(readVCard(item!.payload).ok && (readVCard(item!.payload) as { result: { kind: string; fields?: { groups: string[] } } }).result.fields?.groups).toEqual(['Work', 'Chess club']);
      expect(groupsOnServer(await list(book)).size, 'no group cards in categories mode').toBe(0);
      await quiet(w);
    } finally {
      w.db.close();
      w.t.close();
    }
  });
});
