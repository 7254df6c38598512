// Three real accounts at once — Radicale, Xandikos and the Google People API fake (real client) —
// synced by the engine with the hosts' default source factories: first link, two-way edits,
// a same-field conflict, a deletion, a refused sync token and rate limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import { defaultSourceFactories } from '../../electron/engine/providers/registry.ts';
import type { RemoteItem } from '../../electron/engine/providers/types.ts';
import { startRadicale, startXandikos } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { card, fieldsOf } from '../support/sync-world.ts';
import { addCardDavAccount, addFakeGoogleAccount, basicAuth, fakeGoogleEnv } from '../support/engine-accounts.ts';

type Fake = Awaited<ReturnType<typeof startGoogleFake>>;

let radicale: CardDavServer;
let xandikos: CardDavServer;
let fake: Fake;
let t: TestEngine;
let radicaleBook: string;
let xandikosBook: string;

/** What another client sees in an address book. */
async function items(server: CardDavServer, book: string): Promise<RemoteItem[]> {
  const source = new CardDavSource({ url: book, username: server.username, password: server.password });
  const out: RemoteItem[] = [];
  for await (const page of source.listChanges(null)) out.push(...page.changed);
  return out;
}
const fnOf = (i: RemoteItem) => fieldsOf(i.payload).formattedName;
const names = async (server: CardDavServer, book: string) => (await items(server, book)).map(fnOf).sort();
const googleNames = () =>
  fake.state
    .listPeople()
    .map((p) => (p.names as { unstructuredName?: string }[] | undefined)?.[0]?.unstructuredName ?? '')
    .sort();

/** Another client's write: PUT with the etag it last saw. */
async function putElsewhere(server: CardDavServer, item: RemoteItem, body: string): Promise<void> {
  const res = await fetch(new URL(item.id, radicale.url === server.url ? radicaleBook : xandikosBook), {
    method: 'PUT',
    headers: { 'Content-Type': 'text/vcard; charset=utf-8', 'If-Match': item.etag, Authorization: basicAuth(server) },
    body,
  });
  expect(res.status).toBeLessThan(300);
}

beforeAll(async () => {
  [radicale, xandikos, fake] = await Promise.all([startRadicale(), startXandikos(), startGoogleFake({ quotas: false })]);
  radicaleBook = await radicale.createAddressBook('contacts');
  xandikosBook = new URL('/user/contacts/addressbook/', xandikos.url).href;
  const env = fakeGoogleEnv(fake);
  t = startTestEngine({ sources: defaultSourceFactories(env) });
  await addCardDavAccount(t.client, radicale, 'Radicale');
  await addCardDavAccount(t.client, xandikos, 'Xandikos');
  await addFakeGoogleAccount(t.client, fake);
}, 60_000);

afterAll(async () => {
  t?.close();
  await Promise.all([radicale?.stop(), xandikos?.stop(), fake?.close()]);
});

describe('Radicale + Xandikos + Google, one engine', () => {
  it('links the same people across all three and fills each with what it lacks', async () => {
    const put = (server: CardDavServer, book: string, body: string, uid: string) =>
      fetch(new URL(`${uid}.vcf`, book), {
        method: 'PUT',
        headers: { 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*', Authorization: basicAuth(server) },
        body,
      });
    await put(radicale, radicaleBook, card({ uid: 'r-ann', fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100' }), 'r-ann');
    await put(xandikos, xandikosBook, card({ uid: 'x-ann', fn: 'Ann Lee', email: 'ANN@example.org', note: 'met in Lisbon' }), 'x-ann');
    await put(xandikos, xandikosBook, card({ uid: 'x-zhang', fn: '张伟', phone: '+86 138 0013 8000' }), 'x-zhang');
    fake.state.createInWebUi({ names: [{ givenName: 'Bob', familyName: 'Stone', unstructuredName: 'Bob Stone' }], emailAddresses: [{ value: 'bob@example.org' }] });

    const first = await t.client.call('sync.run', {});
    expect(first).toMatchObject({ errors: 0, paused: false, conflicts: 0 });
    const everyone = ['Ann Lee', 'Bob Stone', '张伟'];
    expect(await names(radicale, radicaleBook)).toEqual(everyone);
    expect(await names(xandikos, xandikosBook)).toEqual(everyone);
    expect(googleNames()).toEqual(everyone);
    const ann = (await items(radicale, radicaleBook)).find((i) => fnOf(i) === 'Ann Lee')!;
    expect(fieldsOf(ann.payload).note).toBe('met in Lisbon');

    // Radicale rewrites cards and Google rewrites persons: the next run must be quiet.
    await t.client.call('sync.run', {});
    expect(await t.client.call('sync.run', {})).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });

  it('carries an edit from Xandikos to Radicale and Google in one run', async () => {
    const zhang = (await items(xandikos, xandikosBook)).find((i) => fnOf(i) === '张伟')!;
    await putElsewhere(xandikos, zhang, zhang.payload.replace('END:VCARD', 'TITLE:产品经理\r\nEND:VCARD'));
    expect(await t.client.call('sync.run', {})).toMatchObject({ errors: 0, conflicts: 0 });
    const inRadicale = (await items(radicale, radicaleBook)).find((i) => fnOf(i) === '张伟')!;
    expect(fieldsOf(inRadicale.payload).organizations[0]?.title).toBe('产品经理');
    expect(JSON.stringify(fake.state.listPeople())).toContain('产品经理');
  });

  it('records a same-field conflict between Radicale and Google and overwrites neither', async () => {
    const bobR = (await items(radicale, radicaleBook)).find((i) => fnOf(i) === 'Bob Stone')!;
    await putElsewhere(radicale, bobR, bobR.payload.replace('END:VCARD', 'NOTE:from Radicale\r\nEND:VCARD'));
    const bobG = fake.state.listPeople().find((p) => JSON.stringify(p).includes('bob@example.org'))!;
    fake.state.editInWebUi(bobG.resourceName as string, { biographies: [{ value: 'from Google' }] });
    const r = await t.client.call('sync.run', {});
    expect(r.conflicts).toBeGreaterThan(0);
    const conflicts = await t.client.call('conflicts.list');
    expect(conflicts.map((c) => c.field)).toContain('note');
    expect(fieldsOf((await items(radicale, radicaleBook)).find((i) => fnOf(i) === 'Bob Stone')!.payload).note).toBe('from Radicale');
    expect(JSON.stringify(fake.state.listPeople())).toContain('from Google');
    for (const c of conflicts) await t.client.call('conflicts.resolve', { id: c.id, keep: 'hub' });
    await t.client.call('sync.run', {});
    await t.client.call('sync.run', {});
    expect(await t.client.call('conflicts.list')).toEqual([]);
    const notes = [
      fieldsOf((await items(radicale, radicaleBook)).find((i) => fnOf(i) === 'Bob Stone')!.payload).note,
      fieldsOf((await items(xandikos, xandikosBook)).find((i) => fnOf(i) === 'Bob Stone')!.payload).note,
    ];
    expect(new Set(notes).size).toBe(1);
  });

  it('survives a refused sync token and rate limits, then deletes everywhere what one account deleted', async () => {
    fake.state.faults.expireSyncTokens();
    fake.state.faults.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const r = await t.client.call('sync.run', {});
    expect(r).toMatchObject({ errors: 0, deleted: 0 });

    const ann = (await items(xandikos, xandikosBook)).find((i) => fnOf(i) === 'Ann Lee')!;
    const res = await fetch(new URL(ann.id, xandikosBook), { method: 'DELETE', headers: { 'If-Match': ann.etag } });
    expect(res.status).toBeLessThan(300);
    const del = await t.client.call('sync.run', {});
    expect(del.errors).toBe(0);
    expect(await names(radicale, radicaleBook)).toEqual(['Bob Stone', '张伟']);
    expect(googleNames()).toEqual(['Bob Stone', '张伟']);
    expect((await t.client.call('contacts.list')).total).toBe(2);
  });
});
