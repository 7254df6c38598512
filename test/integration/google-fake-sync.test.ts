// people.connections.list and the sync-token protocol of the Google fake, through the real
// @googleapis/people client (doc §3, §10 items 1, 2, 8, 14, 15; §11 items 13–27).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { people_v1 } from '@googleapis/people';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { connect } from '../support/google-fake/client.ts';
import { clientError } from '../support/google-fake/errors-of.ts';

type Params = people_v1.Params$Resource$People$Connections$List;
const SYNC: Params = {
  resourceName: 'people/me',
  personFields: 'names,emailAddresses,memberships,metadata',
  sources: ['READ_SOURCE_TYPE_CONTACT'],
  pageSize: 1000,
  requestSyncToken: true,
};

/** Follows nextPageToken to the end, like a correct client (never stopping on an empty page). */
async function listAll(api: people_v1.People, params: Params) {
  const pages: people_v1.Schema$ListConnectionsResponse[] = [];
  let pageToken: string | undefined;
  do {
    const { data } = await api.people.connections.list({ ...params, ...(pageToken ? { pageToken } : {}) });
    pages.push(data);
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  const people = pages.flatMap((p) => p.connections ?? []);
  return { pages, people, nextSyncToken: pages[pages.length - 1]?.nextSyncToken ?? undefined };
}

let fake: GoogleFake;
let api: people_v1.People;
beforeEach(async () => {
  fake = await startGoogleFake({ quotas: false });
  ({ api } = await connect(fake));
});
afterEach(async () => {
  await fake.close();
});

describe('full listing', () => {
  test('2,500 contacts at pageSize 1000: exactly 3 list requests, sync token only on the last page', async () => {
    fake.state.seed(2500);
    const { pages, people, nextSyncToken } = await listAll(api, SYNC);
    expect(fake.state.counters.get('people.connections.list')).toBe(3);
    expect(pages.map((p) => p.connections?.length)).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => Boolean(p.nextPageToken))).toEqual([true, true, false]);
    expect(pages.map((p) => Boolean(p.nextSyncToken))).toEqual([false, false, true]);
    expect(pages.map((p) => p.totalItems)).toEqual([2500, 2500, 2500]);
    expect(pages.map((p) => p.totalPeople)).toEqual([2500, 2500, 2500]);
    expect(new Set(people.map((p) => p.resourceName)).size).toBe(2500);
    expect(nextSyncToken).toBeTruthy();
    const first = people[0];
    expect(first?.resourceName).toMatch(/^people\/c\d+$/);
    expect(first?.etag).toMatch(/^%/);
    const source = first?.metadata?.sources?.[0];
    expect(source).toMatchObject({ type: 'CONTACT' });
    expect(BigInt(`0x${source?.id}`).toString()).toBe(first?.resourceName?.slice('people/c'.length));
    expect(source?.etag).toMatch(/^#/);
    expect(source?.updateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(first?.metadata?.deleted).toBeUndefined();
  });

  test('pageSize defaults to 100; no nextSyncToken without requestSyncToken', async () => {
    fake.state.seed(150);
    const { data } = await api.people.connections.list({ resourceName: 'people/me', personFields: 'names' });
    expect(data.connections).toHaveLength(100);
    expect(data.nextPageToken).toBeTruthy();
    const last = await api.people.connections.list({ resourceName: 'people/me', personFields: 'names', pageToken: data.nextPageToken ?? '' });
    expect(last.data.connections).toHaveLength(50);
    expect(last.data.nextPageToken).toBeUndefined();
    expect(last.data.nextSyncToken).toBeUndefined();
  });

  test('an empty account: no connections key, totalItems omitted, still a sync token', async () => {
    const { data } = await api.people.connections.list(SYNC);
    expect(data).not.toHaveProperty('connections');
    expect(data).not.toHaveProperty('totalItems');
    expect(data.nextSyncToken).toBeTruthy();
  });

  test('request validation: personFields required, pageSize ≤ 1000, only people/me, no unknown parameters', async () => {
    const missing = await clientError(api.people.connections.list({ resourceName: 'people/me' }));
    expect(missing.response?.data.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'personFields mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people.connections/list.',
    });
    const badPath = await clientError(api.people.connections.list({ resourceName: 'people/me', personFields: 'names,nickname' }));
    expect(badPath.response?.data.error.message).toContain('"nickname"');
    const big = await clientError(api.people.connections.list({ ...SYNC, pageSize: 1001 }));
    expect(big.response?.data.error.status).toBe('INVALID_ARGUMENT');
    const notMe = await clientError(api.people.connections.list({ resourceName: 'people/c123', personFields: 'names' }));
    expect(notMe.response?.data.error.status).toBe('INVALID_ARGUMENT');
    const typo = await clientError(api.people.connections.list({ resourceName: 'people/me', personFields: 'names', ...({ personField: 'names' } as object) }));
    expect(typo.response?.data.error.message).toMatch(/Unknown name "personField": Cannot bind query parameter/);
  });

  test('a page token only works with the parameters of the first call; a forged one is a plain 400', async () => {
    fake.state.seed(30);
    const first = await api.people.connections.list({ ...SYNC, pageSize: 10 });
    const pageToken = first.data.nextPageToken ?? '';
    const drift = await clientError(api.people.connections.list({ ...SYNC, pageSize: 10, personFields: 'names', pageToken }));
    expect(drift.response?.data.error).toEqual({ code: 400, status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' });
    const forged = await clientError(api.people.connections.list({ ...SYNC, pageSize: 10, pageToken: `${pageToken.slice(0, -2)}xx` }));
    expect(forged.response?.data.error.message).toBe('Request contains an invalid argument.');
    const ok = await api.people.connections.list({ ...SYNC, pageSize: 10, pageToken });
    expect(ok.data.connections).toHaveLength(10);
  });

  test('a contact edited during a paginated listing shows up again on a later page; nothing is skipped', async () => {
    const names = fake.state.seed(25);
    const first = await api.people.connections.list({ ...SYNC, pageSize: 10 });
    const editedName = first.data.connections?.[3]?.resourceName ?? '';
    fake.state.editInWebUi(editedName, { names: [{ givenName: 'Edited' }] });
    const rest = await listAll(api, { ...SYNC, pageSize: 10, pageToken: first.data.nextPageToken ?? '' } as Params);
    const all = [...(first.data.connections ?? []), ...rest.people];
    expect(all).toHaveLength(26);
    expect(new Set(all.map((p) => p.resourceName))).toEqual(new Set(names));
    expect(all[all.length - 1]?.names?.[0]?.givenName).toBe('Edited');
  });

  test('knob: an empty page that still carries nextPageToken (a client must keep following it)', async () => {
    fake.state.seed(5);
    fake.state.faults.emptyPages = 1;
    const { pages, people } = await listAll(api, SYNC);
    expect(pages[0]).not.toHaveProperty('connections');
    expect(pages[0]?.nextPageToken).toBeTruthy();
    expect(people).toHaveLength(5);
  });

  test('emails and phones are truncated to 100 in listings, not in get', async () => {
    const emails = Array.from({ length: 120 }, (_, i) => ({ value: `e${i}@example.com` }));
    const [name] = fake.state.seed([{ names: [{ givenName: 'Many' }], emailAddresses: emails }]);
    const { data } = await api.people.connections.list({ resourceName: 'people/me', personFields: 'emailAddresses' });
    expect(data.connections?.[0]?.emailAddresses).toHaveLength(100);
    const got = await api.people.get({ resourceName: name ?? '', personFields: 'emailAddresses' });
    expect(got.data.emailAddresses).toHaveLength(120);
  });

  test('person etags depend on the field mask; the CONTACT source etag does not', async () => {
    const [name] = fake.state.seed(1);
    const narrow = await api.people.get({ resourceName: name ?? '', personFields: 'names,metadata' });
    const wide = await api.people.get({ resourceName: name ?? '', personFields: 'names,emailAddresses,metadata' });
    expect(narrow.data.etag).not.toBe(wide.data.etag);
    expect(narrow.data.metadata?.sources?.[0]?.etag).toBe(wide.data.metadata?.sources?.[0]?.etag);
  });
});

describe('incremental sync', () => {
  test('returns changed contacts whole and deleted ones as metadata.deleted tombstones', async () => {
    const [a, b, c, d] = fake.state.seed(6);
    const full = await listAll(api, SYNC);
    const before = full.people.find((p) => p.resourceName === a);
    // API edit, web-UI edit and delete, API delete.
    await api.people.updateContact({
      resourceName: a ?? '',
      updatePersonFields: 'names',
      requestBody: { etag: before?.etag ?? '', names: [{ givenName: 'Alice', familyName: 'Api' }] },
    });
    fake.state.editInWebUi(b ?? '', { emailAddresses: [{ value: 'web@example.com' }] });
    fake.state.deleteInWebUi(c ?? '');
    await api.people.deleteContact({ resourceName: d ?? '' });

    const inc = await listAll(api, { ...SYNC, syncToken: full.nextSyncToken ?? '' });
    const byName = new Map(inc.people.map((p) => [p.resourceName, p]));
    expect([...byName.keys()].sort()).toEqual([a, b, c, d].sort());
    expect(byName.get(a)?.names?.[0]?.displayName).toBe('Alice Api');
    expect(byName.get(a)?.emailAddresses).toHaveLength(1); // whole person, not a diff
    expect(byName.get(b)?.emailAddresses?.[0]?.value).toBe('web@example.com');
    expect(byName.get(b)?.metadata?.sources?.[0]?.etag).not.toBe(full.people.find((p) => p.resourceName === b)?.metadata?.sources?.[0]?.etag);
    for (const gone of [c, d]) {
      const tomb = byName.get(gone);
      expect(tomb?.metadata).toEqual({ deleted: true });
      expect(Object.keys(tomb ?? {}).sort()).toEqual(['etag', 'metadata', 'resourceName']);
    }
    expect(inc.nextSyncToken).toBeTruthy();

    const quiet = await api.people.connections.list({ ...SYNC, syncToken: inc.nextSyncToken ?? '' });
    expect(quiet.data.connections).toBeUndefined();
    expect(quiet.data.nextSyncToken).toBeTruthy();
    // Without requestSyncToken the incremental call returns no new token (§3.5).
    const noRequest = await api.people.connections.list({ ...SYNC, requestSyncToken: false, syncToken: inc.nextSyncToken ?? '' });
    expect(noRequest.data.nextSyncToken).toBeUndefined();
  });

  test('an expired sync token: 400 FAILED_PRECONDITION with ErrorInfo EXPIRED_SYNC_TOKEN, as the client surfaces it', async () => {
    fake.state.seed(3);
    const full = await listAll(api, SYNC);
    fake.state.faults.expireSyncTokens();
    const err = await clientError(api.people.connections.list({ ...SYNC, syncToken: full.nextSyncToken ?? '' }));
    expect(err.status).toBe(400);
    expect(err.code).toBe(400);
    expect(err.message).toBe('Sync token is expired. Clear local cache and retry call without the sync token.');
    expect(err.response?.data).toEqual({
      error: {
        code: 400,
        message: 'Sync token is expired. Clear local cache and retry call without the sync token.',
        status: 'FAILED_PRECONDITION',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'EXPIRED_SYNC_TOKEN', domain: 'people.googleapis.com' }],
      },
    });
    expect(err.response?.data.error.details?.[0]?.reason).toBe('EXPIRED_SYNC_TOKEN');
    // 400 is not retried by gaxios: one request.
    expect(fake.state.counters.log.filter((l) => l.status === 400)).toHaveLength(1);
    // The recovery: a full sync without the token works.
    expect((await listAll(api, SYNC)).people).toHaveLength(3);
  });

  test('tokens die 7 days after the full sync that started their chain (knob: from each token\'s issue)', async () => {
    fake.state.seed(2);
    const day = 24 * 3600_000;
    const full = await listAll(api, SYNC);
    fake.state.clock.advance(6 * day);
    const inc = await listAll(api, { ...SYNC, syncToken: full.nextSyncToken ?? '' });
    fake.state.clock.advance(1 * day + 1000);
    const err = await clientError(api.people.connections.list({ ...SYNC, syncToken: inc.nextSyncToken ?? '' }));
    expect(err.response?.data.error.details?.[0]?.reason).toBe('EXPIRED_SYNC_TOKEN');
    fake.state.faults.syncTokenExpiryFrom = 'issue';
    const ok = await api.people.connections.list({ ...SYNC, syncToken: inc.nextSyncToken ?? '' });
    expect(ok.status).toBe(200);
  });

  test('knob: the old guide\'s 410 for expired tokens', async () => {
    const full = await listAll(api, SYNC);
    fake.state.faults.expiredSyncToken = { httpStatus: 410, status: 'FAILED_PRECONDITION' };
    fake.state.faults.expireSyncTokens();
    const err = await clientError(api.people.connections.list({ ...SYNC, syncToken: full.nextSyncToken ?? '' }));
    expect(err.status).toBe(410);
  });

  test('a sync token used with different parameters (param drift) → 400 INVALID_ARGUMENT', async () => {
    const full = await listAll(api, SYNC);
    const err = await clientError(api.people.connections.list({ ...SYNC, personFields: 'names,metadata', syncToken: full.nextSyncToken ?? '' }));
    expect(err.response?.data.error).toEqual({ code: 400, status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' });
    const sorted = await clientError(api.people.connections.list({ ...SYNC, sortOrder: 'FIRST_NAME_ASCENDING' }));
    expect(sorted.response?.data.error.status).toBe('INVALID_ARGUMENT');
  });

  test('propagation delay by list calls: a created contact reaches syncs only after N further list calls', async () => {
    const full = await listAll(api, SYNC);
    fake.state.faults.propagation.afterListCalls = 2;
    const created = await api.people.createContact({ personFields: 'metadata', requestBody: { names: [{ givenName: 'Late' }] } });
    const s1 = await api.people.connections.list({ ...SYNC, syncToken: full.nextSyncToken ?? '' });
    const s2 = await api.people.connections.list({ ...SYNC, syncToken: s1.data.nextSyncToken ?? '' });
    expect(s1.data.connections).toBeUndefined();
    expect(s2.data.connections).toBeUndefined();
    const s3 = await api.people.connections.list({ ...SYNC, syncToken: s2.data.nextSyncToken ?? '' });
    expect(s3.data.connections?.map((p) => p.resourceName)).toEqual([created.data.resourceName]);
    // get is read-after-write consistent by default.
    expect((await api.people.get({ resourceName: created.data.resourceName ?? '', personFields: 'names' })).status).toBe(200);
  });

  test('propagation delay by time, with stale gets: the consecutive-update etag failure and its cure', async () => {
    const [name] = fake.state.seed(1);
    const full = await listAll(api, SYNC);
    fake.state.faults.propagation = { delayMs: 120_000, afterListCalls: 0, staleGets: true };
    const read1 = await api.people.get({ resourceName: name ?? '', personFields: 'names,metadata' });
    const upd1 = await api.people.updateContact({
      resourceName: name ?? '', updatePersonFields: 'names', personFields: 'names,metadata',
      requestBody: { etag: read1.data.etag ?? '', names: [{ givenName: 'One' }] },
    });
    // A get right after the write still shows the old version and etag …
    const read2 = await api.people.get({ resourceName: name ?? '', personFields: 'names,metadata' });
    expect(read2.data.etag).toBe(read1.data.etag);
    const stale = await clientError(api.people.updateContact({
      resourceName: name ?? '', updatePersonFields: 'names', requestBody: { etag: read2.data.etag ?? '', names: [{ givenName: 'Two' }] },
    }));
    expect(stale.response?.data.error.status).toBe('FAILED_PRECONDITION');
    // … while the etag from the previous update response works at once.
    await api.people.updateContact({
      resourceName: name ?? '', updatePersonFields: 'names', requestBody: { etag: upd1.data.etag ?? '', names: [{ givenName: 'Two' }] },
    });
    expect((await api.people.connections.list({ ...SYNC, syncToken: full.nextSyncToken ?? '' })).data.connections).toBeUndefined();
    fake.state.clock.advance(120_000);
    const later = await api.people.connections.list({ ...SYNC, syncToken: full.nextSyncToken ?? '' });
    expect(later.data.connections?.[0]?.names?.[0]?.givenName).toBe('Two');
  });

  test('a relinked contact: new resource name, previousResourceNames in sync, old name still readable via batchGet', async () => {
    const [old] = fake.state.seed(1);
    const full = await listAll(api, SYNC);
    const renamed = fake.state.relinkInWebUi(old ?? '');
    const inc = await api.people.connections.list({ ...SYNC, syncToken: full.nextSyncToken ?? '' });
    expect(inc.data.connections?.[0]?.resourceName).toBe(renamed);
    expect(inc.data.connections?.[0]?.metadata?.previousResourceNames).toEqual([old]);
    const batch = await api.people.getBatchGet({ resourceNames: [old ?? ''], personFields: 'names' });
    expect(batch.data.responses?.[0]?.requestedResourceName).toBe(old);
    expect(batch.data.responses?.[0]?.person?.resourceName).toBe(renamed);
  });
});
