// The engine against the Google People API fake with the real googleapis client, next to a memory
// account: first link, two-way edits, labels, deletes, an expired sync token and rate limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { googleFactory } from '../../electron/engine/providers/registry.ts';
import { memorySourceFactory } from '../../electron/engine/providers/memory/factory.ts';
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import { card, fieldsOf } from '../support/sync-world.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { addFakeGoogleAccount, fakeGoogleEnv } from '../support/engine-accounts.ts';

type Fake = Awaited<ReturnType<typeof startGoogleFake>>;

let fake: Fake;
let t: TestEngine;
let memory: MemorySource;

beforeEach(async () => {
  fake = await startGoogleFake({ quotas: false });
  const sources = new Map<string, MemorySource>();
  const env = fakeGoogleEnv(fake);
  t = startTestEngine({ sources: { google: googleFactory(env), memory: memorySourceFactory(sources) } });
  await addFakeGoogleAccount(t.client, fake);
  const icloud = await t.client.call('accounts.add', { kind: 'memory', name: 'iCloud' });
  memory = new MemorySource();
  sources.set(icloud.id, memory);
});
afterEach(async () => {
  t.close();
  await fake.close();
});

const names = (given: string, family: string) => ({ names: [{ givenName: given, familyName: family, unstructuredName: `${given} ${family}` }] });
const googleNames = () => fake.state.listPeople().map((p) => (p.names as { unstructuredName?: string; givenName?: string }[] | undefined)?.[0]?.givenName ?? '').sort();

describe('sync with Google (fake People API, real client)', () => {
  it('links, fills both sides, carries edits both ways, and deletes', async () => {
    fake.state.createInWebUi({ ...names('Ann', 'Lee'), emailAddresses: [{ value: 'ann@example.org', type: 'home' }] });
    fake.state.createInWebUi({ ...names('Bob', 'Stone'), phoneNumbers: [{ value: '+1 415 555 0199', type: 'mobile' }] });
    memory.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org', note: 'met in Lisbon' }));
    memory.createExternally(card({ fn: 'Carol Díaz', email: 'carol@example.org' }));

    const first = await t.client.call('sync.run', {});
    expect(first).toMatchObject({ errors: 0, paused: false, conflicts: 0 });
    expect(googleNames()).toEqual(['Ann', 'Bob', 'Carol']);
    expect(memory.snapshot().map((i) => fieldsOf(i.payload).formattedName).sort()).toEqual(['Ann Lee', 'Bob Stone', 'Carol Díaz']);
    const annInGoogle = fake.state.listPeople().find((p) => JSON.stringify(p).includes('ann@example.org'))!;
    expect(JSON.stringify(annInGoogle.biographies)).toContain('met in Lisbon');

    // Edit in Google's web UI → reaches iCloud; edit in iCloud → reaches Google.
    fake.state.editInWebUi(annInGoogle.resourceName as string, { organizations: [{ name: 'Acme', title: 'Architect' }] });
    const carol = memory.snapshot().find((i) => fieldsOf(i.payload).formattedName === 'Carol Díaz')!;
    memory.editExternally(carol.id, card({ fn: 'Carol Díaz', email: 'carol@example.org', note: 'prefers phone' }));
    expect(await t.client.call('sync.run', {})).toMatchObject({ errors: 0, conflicts: 0 });
    const annInIcloud = memory.snapshot().find((i) => fieldsOf(i.payload).formattedName === 'Ann Lee')!;
    expect(fieldsOf(annInIcloud.payload).organizations[0]).toMatchObject({ name: 'Acme', title: 'Architect' });
    const carolInGoogle = fake.state.listPeople().find((p) => JSON.stringify(p).includes('carol@example.org'))!;
    expect(JSON.stringify(carolInGoogle.biographies)).toContain('prefers phone');

    // Quiet after that: Google's own rewrites are recognised as echoes.
    const quiet = await t.client.call('sync.run', {});
    expect(quiet).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });

    fake.state.deleteInWebUi(carolInGoogle.resourceName as string);
    const del = await t.client.call('sync.run', {});
    expect(del.deleted).toBe(2);
    expect(memory.snapshot().map((i) => fieldsOf(i.payload).formattedName).sort()).toEqual(['Ann Lee', 'Bob Stone']);
  });

  it('recovers from an expired sync token with a full listing that deletes nothing, and from rate limits', async () => {
    fake.state.createInWebUi({ ...names('Dan', 'Wu'), emailAddresses: [{ value: 'dan@example.org' }] });
    await t.client.call('sync.run', {});
    fake.state.faults.expireSyncTokens();
    fake.state.faults.failNext(2, { status: 429, retryAfterSeconds: 1 });
    const r = await t.client.call('sync.run', {});
    expect(r).toMatchObject({ errors: 0, deleted: 0 });
    expect(r.accounts.find((a) => a.name === 'Google')?.notes.join(' ')).toMatch(/compared the whole address book/);
    expect(memory.snapshot().map((i) => fieldsOf(i.payload).formattedName)).toEqual(['Dan Wu']);
    expect(googleNames()).toEqual(['Dan']);
  });

  it('settles after the first sync when a card has a structured name but no FN: no write comes back every sync', async () => {
    // Google fills a missing unstructuredName itself; the hub fills FN first, so Google keeps what it is sent.
    memory.createExternally('BEGIN:VCARD\r\nVERSION:3.0\r\nUID:no-fn\r\nN:Chen;Anna;;;\r\nFN:\r\nEMAIL:anna@example.org\r\nEND:VCARD\r\n');
    memory.createExternally('BEGIN:VCARD\r\nVERSION:3.0\r\nUID:no-fn-zh\r\nN:陈;安娜;;;\r\nFN:\r\nEMAIL:anna.chen@example.org\r\nEND:VCARD\r\n');
    await t.client.call('sync.run', {});
    await t.client.call('sync.run', {}); // reads back what the first run wrote
    const writes = () => ['people.createContact', 'people.batchCreateContacts', 'people.updateContact'].reduce((n, m) => n + (fake.state.counters.byMethod[m] ?? 0), 0);
    const before = { google: writes(), memory: memory.calls.update };
    for (let i = 0; i < 2; i++) expect(await t.client.call('sync.run', {})).toMatchObject({ created: 0, updated: 0, errors: 0 });
    expect({ google: writes(), memory: memory.calls.update }).toEqual(before);
    // The account's cards are never rewritten just to add the FN the hub derived.
    expect(memory.calls.update).toBe(0);
    expect(memory.snapshot().map((i) => fieldsOf(i.payload).formattedName)).toEqual(['', '']);
    const shown = fake.state.listPeople().map((p) => (p.names as { unstructuredName?: string }[])[0]?.unstructuredName).sort();
    expect(shown).toEqual(['Anna Chen', '陈安娜']);
  });

  it('a no-change sync is one request; a label made in Google between syncs still arrives with its members', async () => {
    fake.state.createInWebUi({ ...names('Ann', 'Lee'), emailAddresses: [{ value: 'ann@example.org' }] });
    await t.client.call('sync.run', {});
    const requests = () => Object.values(fake.state.counters.byMethod).reduce((a, b) => a + b, 0);
    const before = requests();
    await t.client.call('sync.run', {});
    expect(requests() - before).toBe(1);

    // The label did not exist when Concord read the account's labels: the listing shows a membership
    // of an unknown group, so the labels are read again before the contact is decoded.
    const group = fake.state.groups.create('Climbing', []);
    const ann = fake.state.listPeople()[0]!;
    fake.state.editInWebUi(ann.resourceName as string, {
      memberships: [
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
        { contactGroupMembership: { contactGroupResourceName: group.resourceName } },
      ],
    });
    expect(await t.client.call('sync.run', {})).toMatchObject({ errors: 0 });
    expect(fieldsOf(memory.snapshot()[0]!.payload).groups).toEqual(['Climbing']);
  });

  it('shows “sign in again” when the grant is revoked, and the other account still syncs', async () => {
    fake.state.oauth.revokeGrants();
    fake.state.oauth.expireAccessTokens();
    memory.createExternally(card({ fn: 'Eve Park', email: 'eve@example.org' }));
    const r = await t.client.call('sync.run', {});
    expect(r.errors).toBeGreaterThan(0);
    const google = (await t.client.call('accounts.list')).find((a) => a.kind === 'google')!;
    expect(google.status).toBe('auth-required');
    expect(google.lastError).toMatch(/sign in again/i);
    expect((await t.client.call('contacts.list')).total).toBe(1);
  });
});
