// A duplicate that lives in two real accounts — Radicale (CardDAV) and the Google People API fake
// (real client) — merged in the hub, synced (each account ends with one card holding both cards'
// data), then the merge undone (history.undo syncs: both people back in both accounts) and a
// final sync that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import { defaultSourceFactories } from '../../electron/engine/providers/registry.ts';
import type { RemoteItem } from '../../electron/engine/providers/types.ts';
import { startRadicale } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { card, fieldsOf } from '../support/sync-world.ts';
import { addCardDavAccount, addFakeGoogleAccount, basicAuth, fakeGoogleEnv } from '../support/engine-accounts.ts';

type Fake = Awaited<ReturnType<typeof startGoogleFake>>;

let radicale: CardDavServer;
let fake: Fake;
let t: TestEngine;
let book: string;

async function radicaleCards(): Promise<string[]> {
  const source = new CardDavSource({ url: book, username: radicale.username, password: radicale.password });
  const out: RemoteItem[] = [];
  for await (const page of source.listChanges(null)) out.push(...page.changed);
  return out
    .map((i) => fieldsOf(i.payload))
    .map((f) => `${f.formattedName} <${f.emails.map((e) => e.value.toLowerCase()).join(',')}> [${f.phones.length}]`)
    .sort();
}

function googleCards(): string[] {
  return fake.state
    .listPeople()
    .map((p) => {
      const name = (p.names as { unstructuredName?: string }[] | undefined)?.[0]?.unstructuredName ?? '';
      const emails = ((p.emailAddresses as { value: string }[] | undefined) ?? []).map((e) => e.value.toLowerCase());
      const phones = (p.phoneNumbers as unknown[] | undefined) ?? [];
      return `${name} <${emails.join(',')}> [${phones.length}]`;
    })
    .sort();
}

beforeAll(async () => {
  [radicale, fake] = await Promise.all([startRadicale(), startGoogleFake({ quotas: false })]);
  book = await radicale.createAddressBook('contacts');
  const env = fakeGoogleEnv(fake);
  t = startTestEngine({ sources: defaultSourceFactories(env) });
  await addCardDavAccount(t.client, radicale, 'Radicale');
  await addFakeGoogleAccount(t.client, fake);
}, 60_000);

afterAll(async () => {
  t?.close();
  await Promise.all([radicale?.stop(), fake?.close()]);
});

describe('a duplicate across Radicale and Google', () => {
  it('is found, merged into one card in each account, and the merge is undone', async () => {
    const res = await fetch(new URL('r-robert.vcf', book), {
      method: 'PUT',
      headers: { 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*', Authorization: basicAuth(radicale) },
      body: card({ uid: 'r-robert', fn: 'Robert Smith', email: 'rsmith@example.org', phone: '+1 415 555 0101' }),
    });
    expect(res.status).toBeLessThan(300);
    fake.state.createInWebUi({ names: [{ givenName: 'Bob', familyName: 'Smith', unstructuredName: 'Bob Smith' }], phoneNumbers: [{ value: '(415) 555-0101' }] });

    // Different names: linking keeps them apart, so each account gets the other's card.
    expect(await t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
    await t.client.call('sync.run', {});
    expect(await radicaleCards()).toEqual(['Bob Smith <> [1]', 'Robert Smith <rsmith@example.org> [1]']);
    expect(googleCards()).toEqual(['Bob Smith <> [1]', 'Robert Smith <rsmith@example.org> [1]']);

    await t.client.call('duplicates.scan', {});
    const [cluster] = (await t.client.call('duplicates.list', {})).items;
    expect(cluster!.contacts.map((c) => c.displayName).sort()).toEqual(['Bob Smith', 'Robert Smith']);
    expect(cluster!.reasons.join(' | ')).toMatch(/same mobile .*\| .*nickname/);

    const merged = await t.client.call('duplicates.merge', { id: cluster!.id });
    const after = await t.client.call('sync.run', {});
    expect(after).toMatchObject({ errors: 0, paused: false });
    expect(await radicaleCards()).toEqual(['Robert Smith <rsmith@example.org> [1]']);
    expect(googleCards()).toEqual(['Robert Smith <rsmith@example.org> [1]']);
    expect((await t.client.call('contacts.list', {})).total).toBe(1);
    // Servers rewrite what they store; the next runs settle and then stay quiet.
    await t.client.call('sync.run', {});
    expect(await t.client.call('sync.run', {})).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });

    const undo = await t.client.call('history.undo', { run: merged.run });
    expect(undo).toMatchObject({ errors: 0, reversed: 2 });
    await t.client.call('sync.run', {});
    expect((await t.client.call('contacts.list', {})).items.map((c) => c.displayName).sort()).toEqual(['Bob Smith', 'Robert Smith']);
    expect(await radicaleCards()).toEqual(['Bob Smith <> [1]', 'Robert Smith <rsmith@example.org> [1]']);
    expect(googleCards()).toEqual(['Bob Smith <> [1]', 'Robert Smith <rsmith@example.org> [1]']);
    expect(await t.client.call('sync.run', {})).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });
});
