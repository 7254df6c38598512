// GoogleSource's writes beyond the ContactSource interface, on the People API fake: batch create /
// update / delete within Google's limits (200 / 200 / 500, google-people-api.md §5.4), masks
// (§5.2 replacement semantics), the delete precondition, contact groups (§6) and the marker (§12
// item 18). Request counts are asserted where they are the point.
import { afterEach, describe, expect, test } from 'vitest';
import { canonicalToPerson, clientMarkerKey, clientMarkerOf, patchPerson, personToCanonical } from '../../electron/engine/model/person/index.ts';
import type { Person } from '../../electron/engine/model/person/index.ts';
import { createGoogleSource, encodeUpdate } from '../../electron/engine/providers/google/index.ts';
import type { GoogleAccountOptions, GoogleChangePage, GoogleRemoteItem, GoogleSource } from '../../electron/engine/providers/google/index.ts';
import { emptyContactFields } from '../../shared/model/contact.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake, GoogleFakeOptions } from '../support/google-fake/index.ts';

let fake: GoogleFake;
let open: GoogleFake | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

type Tuning = Partial<Omit<GoogleAccountOptions, 'env' | 'client' | 'refreshToken'>>;

async function setup(fakeOptions: GoogleFakeOptions = {}, tuning: Tuning = {}): Promise<GoogleSource> {
  fake = open = await startGoogleFake({ quotas: false, ...fakeOptions });
  return createGoogleSource({
    env: { CONCORD_GOOGLE_API_ROOT: fake.rootUrl, CONCORD_GOOGLE_TOKEN_URL: fake.tokenUrl, CONCORD_GOOGLE_AUTH_URL: fake.authUrl },
    client: { clientId: fake.clientId, clientSecret: fake.clientSecret },
    refreshToken: fake.state.oauth.issueTokens().refresh_token ?? '',
    clock: fake.state.clock,
    sleep: async (ms) => fake.state.clock.advance(ms),
    budget: false,
    ...tuning,
  });
}

const person = (name: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ names: [{ unstructuredName: name }], ...extra });
const parsed = (item: GoogleRemoteItem): Person => JSON.parse(item.payload) as Person;
const api = (): Record<string, number> => Object.fromEntries(Object.entries(fake.state.counters.byMethod).filter(([m]) => !m.startsWith('oauth.')));

async function listAll(source: GoogleSource): Promise<GoogleRemoteItem[]> {
  const items: GoogleRemoteItem[] = [];
  for await (const page of source.listChanges(null) as AsyncIterable<GoogleChangePage>) items.push(...page.changed);
  return items;
}

describe('creates', () => {
  test('batchCreate of 450: three calls (200, 200, 50), answers matched by marker although Google shuffles them', async () => {
    const source = await setup();
    const entries = Array.from({ length: 450 }, (_, i) => ({ idHint: `hub-${i}`, payload: person(`Bulk ${i}`) }));
    const results = await source.batchCreate(entries);
    expect(api()).toEqual({ 'people.batchCreateContacts': 3 });
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const p = parsed(r.value);
      expect(clientMarkerOf(p)).toBe(`hub-${i}`);
      expect(p.names?.[0]?.unstructuredName).toBe(`Bulk ${i}`);
      expect(p.memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName)).toEqual(['contactGroups/myContacts']);
    });
    expect(fake.state.listPeople()).toHaveLength(450);
  });

  test('one contact Google refuses does not fail the batch: halving isolates it', async () => {
    const source = await setup();
    const entries = Array.from({ length: 8 }, (_, i) => ({ idHint: `h${i}`, payload: person(`Ok ${i}`) }));
    entries[5] = { idHint: 'h5', payload: JSON.stringify({ names: [{ givenName: 'Two' }, { givenName: 'Names' }] }) };
    const results = await source.batchCreate(entries);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false, true, true]);
    expect(results[5]).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(fake.state.listPeople()).toHaveLength(7);
    // [8] refused → [0–3] ok, [4–7] refused → [4,5] refused, [6,7] ok → [4] ok, [5] refused: seven calls.
    expect(fake.state.counters.get('people.batchCreateContacts')).toBe(7);
  });

  test('create keeps other clients\' clientData, adds the marker once, and lands in My Contacts', async () => {
    const source = await setup();
    const item = await source.create(person('Marked', { clientData: [{ key: 'other.app', value: '7' }] }), { idHint: 'hub-42' });
    const p = parsed(item);
    expect(p.clientData?.map((c) => [c.key, c.value])).toEqual([['other.app', '7'], [clientMarkerKey, 'hub-42']]);
    expect(p.memberships?.[0]?.contactGroupMembership?.contactGroupResourceName).toBe('contactGroups/myContacts');
    // A payload that already carries the marker needs no idHint to be reconcilable.
    const again = await source.create(JSON.stringify({ ...p, resourceName: undefined, etag: undefined, metadata: undefined, names: [{ unstructuredName: 'Copy' }] }));
    expect(clientMarkerOf(parsed(again))).toBe('hub-42');
  });
});

describe('updates', () => {
  test('updatePerson / an encodeUpdate envelope send exactly the mask: no read first, other fields untouched', async () => {
    const source = await setup();
    const item = await source.create(person('Ada', { emailAddresses: [{ value: 'ada@example.com' }], phoneNumbers: [{ value: '+44 20 7946 0000' }] }));
    const raw = parsed(item);
    const before = personToCanonical(raw, { groupNames: new Map() }).fields;
    const after = { ...before, phones: [{ value: '+44 20 7946 0001', label: 'work', primary: true }] };
    const patch = patchPerson(raw, before, after, { groups: new Map() });
    expect(patch.updatePersonFields).toEqual(['phoneNumbers']);
    fake.state.counters.reset();
    const updated = await source.update(item.id, item.etag, encodeUpdate(patch));
    expect(api()).toEqual({ 'people.updateContact': 1 });
    expect(fake.state.counters.log.at(-1)?.path).toContain(':updateContact');
    const p = parsed(updated);
    expect(p.phoneNumbers?.map((n) => n.value)).toEqual(['+44 20 7946 0001']);
    expect(p.emailAddresses?.map((e) => e.value)).toEqual(['ada@example.com']);

    const again = await source.updatePerson(updated.id, updated.etag, patchPerson(p, after, { ...after, note: 'Analyst' }, { groups: new Map() }).body, ['biographies']);
    expect(parsed(again).biographies?.[0]?.value).toBe('Analyst');
    expect(parsed(again).phoneNumbers?.map((n) => n.value)).toEqual(['+44 20 7946 0001']);
  });

  test('a plain Person payload: one read, and only the fields it carries that differ are replaced', async () => {
    const source = await setup();
    const item = await source.create(person('Grace', { emailAddresses: [{ value: 'grace@example.com' }] }));
    fake.state.counters.reset();
    const updated = await source.update(item.id, item.etag, person('Grace Hopper'));
    expect(api()).toEqual({ 'people.getBatchGet': 1, 'people.updateContact': 1 });
    expect(new URL(`http://x${fake.state.counters.log.at(-1)?.path ?? ''}`).pathname).toContain(item.id);
    expect(parsed(updated).emailAddresses?.map((e) => e.value)).toEqual(['grace@example.com']);
    // Nothing differs: no write at all, the current version comes back.
    fake.state.counters.reset();
    const same = await source.update(updated.id, updated.etag, person('Grace Hopper'));
    expect(same.etag).toBe(updated.etag);
    expect(api()).toEqual({ 'people.getBatchGet': 1 });
  });

  test('batchUpdate: grouped by mask, ≤200 per call; a contact edited in Google meanwhile fails alone', async () => {
    const source = await setup({ seed: 260 });
    const items = await listAll(source);
    const stale = items[3]!;
    fake.state.editInWebUi(stale.id, { names: [{ unstructuredName: 'Edited in Google' }] });
    const entries = items.map((item, i) => {
      const raw = parsed(item);
      const before = personToCanonical(raw, { groupNames: new Map() }).fields;
      const after = i % 2 === 0 ? { ...before, note: `note ${i}` } : { ...before, nicknames: [`nick ${i}`] };
      return { id: item.id, etag: item.etag, payload: encodeUpdate(patchPerson(raw, before, after, { groups: new Map() })) };
    });
    fake.state.counters.reset();
    const results = await source.batchUpdate(entries);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: expect.objectContaining({ kind: 'precondition-failed' }) }]);
    expect(results[3]!.ok).toBe(false);
    // 130 + 130 by mask → 1 call each; the stale one's group: refused, 1 getBatchGet, sent again.
    expect(api()).toEqual({ 'people.batchUpdateContacts': 3, 'people.getBatchGet': 1 });
    expect(fake.state.getPerson(stale.id)?.names).toMatchObject([{ unstructuredName: 'Edited in Google' }]);
    expect(fake.state.getPerson(items[0]!.id)?.biographies).toMatchObject([{ value: 'note 0' }]);
    expect(fake.state.getPerson(items[0]!.id)?.emailAddresses).toBeDefined();
  });
});

describe('deletes', () => {
  test('batchDelete of 600: the etag check reads in 200s, deletes go in 500s; stale and gone contacts are reported, not deleted', async () => {
    const source = await setup({ seed: 600 });
    const items = await listAll(source);
    fake.state.editInWebUi(items[10]!.id, { names: [{ unstructuredName: 'Changed' }] });
    fake.state.deleteInWebUi(items[550]!.id);
    fake.state.counters.reset();
    const results = await source.batchDelete(items.map((i) => ({ id: i.id, etag: i.etag })));
    expect(results[10]).toMatchObject({ ok: false, error: { kind: 'precondition-failed' } });
    expect(results[550]).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(results.filter((r) => r.ok)).toHaveLength(598);
    expect(api()).toEqual({ 'people.getBatchGet': 3 + 1, 'people.batchDeleteContacts': 2 });
    expect(fake.state.listPeople().map((p) => p.resourceName)).toEqual([items[10]!.id]);
  });

  test('a delete whose answer is lost is repeated, and the 404 of the repeat counts as done', async () => {
    const source = await setup({ seed: 1, faults: { mutationLatencyMs: 250 } }, {
      requestTimeoutMs: 80,
      // Backoffs also let real time pass, so the first DELETE finishes at Google before the repeat;
      // by then the slow link has recovered (the repeat is answered in time).
      sleep: async (ms) => {
        fake.state.clock.advance(ms);
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 400)));
        fake.state.faults.mutationLatencyMs = 0;
      },
    });
    const [item] = await listAll(source);
    await source.delete(item!.id, item!.etag);
    expect(fake.state.listPeople()).toEqual([]);
    // The first DELETE timed out on our side (Google still answered 200 later); the repeat met a 404.
    expect(fake.state.counters.log.filter((l) => l.method === 'people.deleteContact').map((l) => l.status)).toEqual([200, 404]);
  });
});

describe('contact groups', () => {
  test('ensureGroups creates only the missing user groups; memberships round-trip by name', async () => {
    const source = await setup();
    fake.state.createGroupInWebUi('Existing');
    const maps = await source.ensureGroups(['Existing', 'Book Club', 'Starred']);
    expect([...maps.resourcesByName.keys()].sort()).toEqual(['Book Club', 'Existing']);
    expect(fake.state.counters.get('contactGroups.create')).toBe(1);
    const again = await source.ensureGroups(['Book Club']);
    expect(fake.state.counters.get('contactGroups.create')).toBe(1);
    expect(again.resourcesByName.get('Book Club')).toBe(maps.resourcesByName.get('Book Club'));

    const fields = { ...emptyContactFields(), formattedName: 'Member', groups: ['Book Club', 'Starred'] };
    const body = canonicalToPerson(fields, undefined, again.resourcesByName);
    const item = await source.create(JSON.stringify(body), { idHint: 'hub-member' });
    const groups = personToCanonical(parsed(item), { groupNames: (await source.groups()).namesByResource }).fields.groups;
    expect(groups.sort()).toEqual(['Book Club', 'Starred']);
    expect(parsed(item).memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName)).toContain('contactGroups/myContacts');
  });
});
