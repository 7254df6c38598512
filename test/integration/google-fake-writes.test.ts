// Contact reads and writes of the Google fake through the real @googleapis/people client
// (doc §4, §5, §10 items 9–13; §11 items 28–46).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { people_v1 } from '@googleapis/people';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { connect } from '../support/google-fake/client.ts';
import { clientError } from '../support/google-fake/errors-of.ts';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==';

let fake: GoogleFake;
let api: people_v1.People;
beforeEach(async () => {
  fake = await startGoogleFake({ quotas: false });
  ({ api } = await connect(fake));
});
afterEach(async () => {
  await fake.close();
});

async function create(person: people_v1.Schema$Person, personFields = 'names,emailAddresses,phoneNumbers,memberships,metadata') {
  return (await api.people.createContact({ personFields, requestBody: person })).data;
}

describe('createContact / get / getBatchGet', () => {
  test('a created contact: Google-shaped ids, computed output-only fields, placed in myContacts', async () => {
    const p = await create({
      names: [{ givenName: 'Ada', familyName: 'Lovelace', displayName: 'ignored' }],
      phoneNumbers: [{ value: '+44 20 7946 0958', type: 'mobile', formattedType: 'ignored' }, { value: '020 7946 0000', type: 'work' }],
      emailAddresses: [{ value: 'ada@example.com', type: 'home' }],
    });
    expect(p.resourceName).toMatch(/^people\/c\d+$/);
    expect(p.etag).toMatch(/^%/);
    expect(p.metadata?.sources).toEqual([{ type: 'CONTACT', id: expect.stringMatching(/^[0-9a-f]+$/), etag: expect.stringMatching(/^#/), updateTime: expect.any(String) }]);
    expect(p.names?.[0]).toMatchObject({ displayName: 'Ada Lovelace', displayNameLastFirst: 'Lovelace, Ada', metadata: { primary: true, source: { type: 'CONTACT' } } });
    expect(p.phoneNumbers?.[0]).toMatchObject({ canonicalForm: '+442079460958', formattedType: 'Mobile', metadata: { primary: true } });
    expect(p.phoneNumbers?.[1]?.metadata?.primary).toBeUndefined();
    expect(p.phoneNumbers?.[1]?.canonicalForm).toBeUndefined();
    expect(p.memberships?.[0]?.contactGroupMembership).toEqual({ contactGroupId: 'myContacts', contactGroupResourceName: 'contactGroups/myContacts' });
  });

  test('createContact without personFields answers with all fields, including the default photo', async () => {
    const { data } = await api.people.createContact({ requestBody: { names: [{ givenName: 'All' }] } });
    expect(data.photos?.[0]).toMatchObject({ default: true, url: expect.stringContaining('/photos/default/') });
    expect(data.metadata).toBeDefined();
  });

  test('400s: unknown JSON field, two names, adding to a system group other than myContacts/starred', async () => {
    const unknown = await clientError(api.people.createContact({ requestBody: { names: [{ givenName: 'x', nick: 'y' }] } as unknown as people_v1.Schema$Person }));
    expect(unknown.response?.data.error.message).toBe('Invalid JSON payload received. Unknown name "nick" at \'person.names[0]\': Cannot find field.');
    expect(unknown.response?.data.error.status).toBe('INVALID_ARGUMENT');
    const two = await clientError(api.people.createContact({ requestBody: { names: [{ givenName: 'a' }, { givenName: 'b' }] } }));
    expect(two.response?.data.error.status).toBe('INVALID_ARGUMENT');
    const friends = await clientError(api.people.createContact({
      requestBody: { memberships: [{ contactGroupMembership: { contactGroupResourceName: 'contactGroups/friends' } }] },
    }));
    expect(friends.status).toBe(400);
    // POST is never retried by gaxios: three calls, three requests.
    expect(fake.state.counters.get('people.createContact')).toBe(3);
  });

  test('get needs personFields; unknown contact → 404 NOT_FOUND "Requested entity was not found."', async () => {
    const noMask = await clientError(api.people.get({ resourceName: 'people/c1' }));
    expect(noMask.response?.data.error.message).toMatch(/^personFields mask is required\./);
    const missing = await clientError(api.people.get({ resourceName: 'people/c12345', personFields: 'names' }));
    expect(missing.response?.data).toEqual({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
  });

  test('getBatchGet: request order, per-item 404 status, at most 200 names', async () => {
    const [a, b] = fake.state.seed(2);
    const { data } = await api.people.getBatchGet({ resourceNames: [b ?? '', 'people/c999', a ?? ''], personFields: 'names' });
    expect(data.responses?.map((r) => r.requestedResourceName)).toEqual([b, 'people/c999', a]);
    expect(data.responses?.[0]?.person?.resourceName).toBe(b);
    expect(data.responses?.[1]).toMatchObject({ status: { code: 5, message: 'Requested entity was not found.' } });
    expect(data.responses?.[1]?.person).toBeUndefined();
    const names = Array.from({ length: 201 }, (_, i) => `people/c${i + 1}`);
    const tooMany = await clientError(api.people.getBatchGet({ resourceNames: names, personFields: 'names' }));
    expect(tooMany.status).toBe(400);
  });
});

describe('updateContact', () => {
  test('updatePersonFields is required (exact message); people/me is not a contact', async () => {
    const [name] = fake.state.seed(1);
    const err = await clientError(api.people.updateContact({ resourceName: name ?? '', requestBody: { names: [{ givenName: 'x' }] } }));
    expect(err.response?.data.error.message).toBe(
      'updatePersonFields mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/updateContact.',
    );
    const photos = await clientError(api.people.updateContact({ resourceName: name ?? '', updatePersonFields: 'photos', requestBody: {} }));
    expect(photos.status).toBe(400);
    const me = await clientError(api.people.updateContact({ resourceName: 'people/me', updatePersonFields: 'names', requestBody: { etag: '%x' } }));
    expect(me.response?.data.error.message).toBe('Resource name "people/me" is not a valid contact person resource.');
  });

  test('stale etag → 400 FAILED_PRECONDITION with Google\'s message; the etag of the update response chains', async () => {
    const created = await create({ names: [{ givenName: 'Old' }] });
    const name = created.resourceName ?? '';
    const first = await api.people.updateContact({
      resourceName: name, updatePersonFields: 'names', personFields: 'names,metadata',
      requestBody: { etag: created.etag ?? '', names: [{ givenName: 'New' }] },
    });
    expect(first.data.etag).not.toBe(created.etag);
    const stale = await clientError(api.people.updateContact({
      resourceName: name, updatePersonFields: 'names', requestBody: { etag: created.etag ?? '', names: [{ givenName: 'Lost' }] },
    }));
    expect(stale.status).toBe(400);
    expect(stale.message).toBe('Request person.etag is different than the current person.etag. Clear local cache and get the latest person.');
    expect(stale.response?.data).toEqual({
      error: { code: 400, status: 'FAILED_PRECONDITION', message: 'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.' },
    });
    // PATCH is not retried by gaxios.
    expect(fake.state.counters.get('people.updateContact')).toBe(2);
    await api.people.updateContact({ resourceName: name, updatePersonFields: 'names', requestBody: { etag: first.data.etag ?? '', names: [{ givenName: 'Newer' }] } });

    // The documented form: metadata.sources[CONTACT].etag; a stale one names that etag.
    const staleSource = await clientError(api.people.updateContact({
      resourceName: name, updatePersonFields: 'names',
      requestBody: { metadata: { sources: [{ type: 'CONTACT', id: created.metadata?.sources?.[0]?.id ?? '', etag: first.data.metadata?.sources?.[0]?.etag ?? '' }] }, names: [{ givenName: 'x' }] },
    }));
    expect(staleSource.response?.data.error.message).toMatch(/^Request person\.metadata\.sources\.etag is different/);
    const noEtag = await clientError(api.people.updateContact({ resourceName: name, updatePersonFields: 'names', requestBody: { names: [{ givenName: 'x' }] } }));
    expect(noEtag.response?.data.error.status).toBe('FAILED_PRECONDITION');
  });

  test('a web-UI edit makes the client\'s etag stale', async () => {
    const created = await create({ names: [{ givenName: 'Mine' }] });
    fake.state.editInWebUi(created.resourceName ?? '', { names: [{ givenName: 'Theirs' }] });
    const err = await clientError(api.people.updateContact({
      resourceName: created.resourceName ?? '', updatePersonFields: 'names', requestBody: { etag: created.etag ?? '', names: [{ givenName: 'Mine2' }] },
    }));
    expect(err.response?.data.error.status).toBe('FAILED_PRECONDITION');
  });

  test('only masked fields change: masked-but-absent fields are cleared, others untouched; output-only input ignored', async () => {
    const created = await create({
      names: [{ givenName: 'Keep' }],
      emailAddresses: [{ value: 'a@example.com' }, { value: 'b@example.com' }],
      phoneNumbers: [{ value: '+15550100' }],
      clientData: [{ key: 'concord-local-id', value: 'L1' }],
    });
    const { data } = await api.people.updateContact({
      resourceName: created.resourceName ?? '',
      updatePersonFields: 'emailAddresses,phoneNumbers',
      personFields: 'names,emailAddresses,phoneNumbers,clientData',
      requestBody: {
        etag: created.etag ?? '',
        names: [{ givenName: 'NotApplied' }],
        emailAddresses: [{ value: 'b@example.com', formattedType: 'x', metadata: { primary: true, source: { type: 'CONTACT', id: 'x' } } }],
      },
    });
    expect(data.names?.[0]?.givenName).toBe('Keep');
    expect(data.emailAddresses?.map((e) => e.value)).toEqual(['b@example.com']);
    expect(data.phoneNumbers).toBeUndefined();
    expect(data.clientData?.[0]).toMatchObject({ key: 'concord-local-id', value: 'L1' });
  });

  test('memberships in the mask need at least one group', async () => {
    const created = await create({ names: [{ givenName: 'G' }] });
    const err = await clientError(api.people.updateContact({
      resourceName: created.resourceName ?? '', updatePersonFields: 'memberships', requestBody: { etag: created.etag ?? '', memberships: [] },
    }));
    expect(err.status).toBe(400);
  });
});

describe('deleteContact and photos', () => {
  test('delete → {}; then get → 404 and a second delete → 404 (DELETE 404 is not retried)', async () => {
    const [name] = fake.state.seed(1);
    const del = await api.people.deleteContact({ resourceName: name ?? '' });
    expect(del.data).toEqual({});
    expect((await clientError(api.people.get({ resourceName: name ?? '', personFields: 'names' }))).status).toBe(404);
    expect((await clientError(api.people.deleteContact({ resourceName: name ?? '' }))).status).toBe(404);
    expect(fake.state.counters.get('people.deleteContact')).toBe(2);
  });

  test('updateContactPhoto takes JPEG/PNG only, bumps the etag; deleteContactPhoto restores the default', async () => {
    const created = await create({ names: [{ givenName: 'Pic' }] }, 'photos,metadata');
    const bad = await clientError(api.people.updateContactPhoto({ resourceName: created.resourceName ?? '', requestBody: { photoBytes: Buffer.from('GIF89a').toString('base64') } }));
    expect(bad.status).toBe(400);
    const silent = await api.people.updateContactPhoto({ resourceName: created.resourceName ?? '', requestBody: { photoBytes: PNG_1PX } });
    expect(silent.data).toEqual({});
    const up = await api.people.updateContactPhoto({ resourceName: created.resourceName ?? '', requestBody: { photoBytes: PNG_1PX, personFields: 'photos,metadata' } });
    expect(up.data.person?.photos?.[0]?.default).toBeUndefined();
    expect(up.data.person?.metadata?.sources?.[0]?.etag).not.toBe(created.metadata?.sources?.[0]?.etag);
    const bytes = Buffer.from(await (await fetch(up.data.person?.photos?.[0]?.url ?? '')).arrayBuffer());
    expect(bytes.equals(Buffer.from(PNG_1PX, 'base64'))).toBe(true);
    const del = await api.people.deleteContactPhoto({ resourceName: created.resourceName ?? '', personFields: 'photos' });
    expect(del.data.person?.photos?.[0]?.default).toBe(true);
  });
});

describe('batch methods', () => {
  test('batchCreateContacts: 201 → 400 and nothing created; 200 → created, correlated by clientData (order not guaranteed)', async () => {
    const contacts = (n: number) => Array.from({ length: n }, (_, i) => ({
      contactPerson: { names: [{ givenName: `B${i}` }], clientData: [{ key: 'concord-local-id', value: `L${i}` }] },
    }));
    const err = await clientError(api.people.batchCreateContacts({ requestBody: { contacts: contacts(201), readMask: 'metadata' } }));
    expect(err.status).toBe(400);
    expect(err.response?.data.error.status).toBe('INVALID_ARGUMENT');
    expect(fake.state.listPeople()).toHaveLength(0);
    const { data } = await api.people.batchCreateContacts({ requestBody: { contacts: contacts(200), readMask: 'clientData,metadata' } });
    expect(data.createdPeople).toHaveLength(200);
    const byLocalId = new Map(data.createdPeople?.map((r) => [r.person?.clientData?.[0]?.value, r.person?.resourceName]));
    expect(byLocalId.size).toBe(200);
    expect(fake.state.listPeople()).toHaveLength(200);
  });

  test('batchCreateContacts with an empty readMask answers {}; an invalid contact fails the whole batch', async () => {
    const none = await api.people.batchCreateContacts({ requestBody: { contacts: [{ contactPerson: { names: [{ givenName: 'x' }] } }] } });
    expect(none.data).toEqual({});
    const err = await clientError(api.people.batchCreateContacts({
      requestBody: { contacts: [{ contactPerson: { names: [{ givenName: 'ok' }] } }, { contactPerson: { names: [{ givenName: 'x' }], bogus: 1 } as people_v1.Schema$Person }], readMask: 'names' },
    }));
    expect(err.response?.data.error.message).toBe('Invalid JSON payload received. Unknown name "bogus" at \'contacts[1].contact_person\': Cannot find field.');
    expect(fake.state.listPeople()).toHaveLength(1);
  });

  test('batchUpdateContacts: a map keyed by resource name, etags required, ≤ 200, list → "Cannot bind a list to map"', async () => {
    const names = fake.state.seed(3);
    const got = await api.people.getBatchGet({ resourceNames: names, personFields: 'names,metadata' });
    const contacts: Record<string, people_v1.Schema$Person> = {};
    for (const r of got.data.responses ?? []) contacts[r.person?.resourceName ?? ''] = { etag: r.person?.etag ?? '', names: [{ givenName: `Up ${r.person?.resourceName}` }] };
    const { data } = await api.people.batchUpdateContacts({ requestBody: { contacts, updateMask: 'names', readMask: 'names' } });
    expect(Object.keys(data.updateResult ?? {}).sort()).toEqual([...names].sort());
    expect(data.updateResult?.[names[0] ?? '']?.person?.names?.[0]?.givenName).toBe(`Up ${names[0]}`);

    const again = await clientError(api.people.batchUpdateContacts({ requestBody: { contacts, updateMask: 'names', readMask: 'names' } }));
    expect(again.response?.data.error.status).toBe('FAILED_PRECONDITION');
    const noEtag = await clientError(api.people.batchUpdateContacts({ requestBody: { contacts: { [names[0] ?? '']: { names: [{ givenName: 'x' }] } }, updateMask: 'names' } }));
    expect(noEtag.response?.data.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: 'must set person.etag' });
    const asList = await clientError(api.people.batchUpdateContacts({ requestBody: { contacts: [{}] as unknown as Record<string, people_v1.Schema$Person>, updateMask: 'names' } }));
    expect(asList.response?.data.error.message).toContain('Cannot bind a list to map');
    const big: Record<string, people_v1.Schema$Person> = {};
    for (let i = 0; i < 201; i++) big[`people/c${i + 1}`] = { etag: '%x' };
    expect((await clientError(api.people.batchUpdateContacts({ requestBody: { contacts: big, updateMask: 'names' } }))).status).toBe(400);
  });

  test('the account cap (25,000 by default; lowered here) refuses creates beyond it', async () => {
    fake.state.faults.maxContacts = 3;
    fake.state.seed(2);
    const batch = await clientError(api.people.batchCreateContacts({ requestBody: { contacts: [{ contactPerson: {} }, { contactPerson: {} }], readMask: 'metadata' } }));
    expect(batch.status).toBe(400);
    await api.people.createContact({ requestBody: { names: [{ givenName: 'third' }] } });
    expect((await clientError(api.people.createContact({ requestBody: { names: [{ givenName: 'fourth' }] } }))).status).toBe(400);
  });

  test('batchDeleteContacts: ≤ 500 names, answers {}', async () => {
    const names = fake.state.seed(3);
    const tooMany = Array.from({ length: 501 }, (_, i) => `people/c${i + 1}`);
    expect((await clientError(api.people.batchDeleteContacts({ requestBody: { resourceNames: tooMany } }))).status).toBe(400);
    const { data } = await api.people.batchDeleteContacts({ requestBody: { resourceNames: names } });
    expect(data).toEqual({});
    expect(fake.state.listPeople()).toHaveLength(0);
  });
});
