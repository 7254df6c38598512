// Fault switches, quotas and request counters of the Google fake, and how the real client reacts to them
// (doc §7, §8.3 retries, §5 sequential mutations; §11 items 27, 43, 53, 54).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { people_v1 } from '@googleapis/people';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { connect } from '../support/google-fake/client.ts';
import { clientError } from '../support/google-fake/errors-of.ts';

const LIST = { resourceName: 'people/me', personFields: 'names,metadata', pageSize: 1000 } as const;
const LIST_METHOD = 'people.connections.list';

let fake: GoogleFake;
let api: people_v1.People;
beforeEach(async () => {
  fake = await startGoogleFake({ seed: 3 });
  ({ api } = await connect(fake));
});
afterEach(async () => {
  await fake.close();
});

describe('injected 429 / 503 and the client\'s own retries (gaxios retryConfig)', () => {
  test('GET: gaxios retries 429 by itself (~100 ms, then ~500 ms) and succeeds; no Retry-After is sent', async () => {
    fake.state.faults.failNext(2, { status: 429, methods: [LIST_METHOD] });
    const started = Date.now();
    const res = await api.people.connections.list(LIST);
    expect(res.data.connections).toHaveLength(3);
    expect(fake.state.counters.get(LIST_METHOD)).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    const rejected = fake.state.counters.log.filter((l) => l.status === 429);
    expect(rejected).toHaveLength(2);
  });

  test('GET: after 3 retries (4 attempts, ~2.1 s) the 429 surfaces as RESOURCE_EXHAUSTED', async () => {
    fake.state.faults.failNext(4, { status: 429, methods: [LIST_METHOD] });
    const err = await clientError(api.people.connections.list(LIST));
    expect(fake.state.counters.get(LIST_METHOD)).toBe(4);
    expect(err.status).toBe(429);
    expect(err.response?.data.error).toEqual({ code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' });
    expect(err.response?.headers.get('retry-after')).toBeNull();
  });

  test('the client ignores Retry-After: a 429 asking for 30 s is retried after ~100 ms', async () => {
    fake.state.faults.failNext(1, { status: 429, methods: [LIST_METHOD], retryAfterSeconds: 30 });
    const started = Date.now();
    await api.people.connections.list(LIST);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.state.counters.get(LIST_METHOD)).toBe(2);
  });

  test('POST and PATCH are never retried: one 429 on createContact surfaces at once', async () => {
    fake.state.faults.failNext(1, { status: 429 });
    const err = await clientError(api.people.createContact({ requestBody: { names: [{ givenName: 'x' }] } }));
    expect(err.status).toBe(429);
    expect(fake.state.counters.get('people.createContact')).toBe(1);
    expect(fake.state.listPeople()).toHaveLength(3);
  });

  test('DELETE is retried on 503: a deleteContact survives one UNAVAILABLE', async () => {
    const [name] = fake.state.seed(1);
    fake.state.faults.failNext(1, { status: 503, methods: ['people.deleteContact'] });
    await api.people.deleteContact({ resourceName: name ?? '' });
    expect(fake.state.counters.get('people.deleteContact')).toBe(2);
    expect(fake.state.counters.log[0]).toMatchObject({ status: 503 });
  });

  test('retry: false turns the client\'s retries off; the knob can add a Retry-After header', async () => {
    fake.state.faults.failNext(1, { status: 503, retryAfterSeconds: 7 });
    const err = await clientError(api.people.connections.list(LIST, { retry: false }));
    expect(err.response?.data.error).toEqual({ code: 503, status: 'UNAVAILABLE', message: 'The service is currently unavailable.' });
    expect(err.response?.headers.get('retry-after')).toBe('7');
    expect(fake.state.counters.get(LIST_METHOD)).toBe(1);
  });
});

describe('per-minute quotas', () => {
  // Start each test at the beginning of a fresh fake-clock minute, so no window boundary falls inside it.
  beforeEach(() => {
    fake.state.clock.advance(60_000 - (fake.state.clock.now() % 60_000));
  });

  test('Critical read bucket: the 61st read in a minute → 429 naming the metric; the next minute works again', async () => {
    fake.state.quotas.limits.criticalRead = 60;
    const [name] = fake.state.listPeople().map((p) => p.resourceName as string);
    for (let i = 0; i < 60; i++) await api.people.get({ resourceName: name ?? '', personFields: 'names' });
    const err = await clientError(api.people.get({ resourceName: name ?? '', personFields: 'names' }, { retry: false }));
    expect(err.status).toBe(429);
    expect(err.response?.data.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(err.response?.data.error.message).toBe(
      "Quota exceeded for quota metric 'Critical read requests (Contact and Profile Reads)' and limit 'Critical read requests (Contact and Profile Reads) per minute per user' of service 'people.googleapis.com' for consumer 'project_number:1048576001'.",
    );
    expect(err.response?.data.error.details?.[0]).toMatchObject({ reason: 'RATE_LIMIT_EXCEEDED', domain: 'googleapis.com', metadata: { quota_limit_value: '60' } });
    expect(err.response?.headers.get('retry-after')).toBeNull();
    fake.state.clock.advance(60_000);
    expect((await api.people.get({ resourceName: name ?? '', personFields: 'names' })).status).toBe(200);
  });

  test('updates also charge the read bucket; batches charge 6 units and one daily write per contact', async () => {
    fake.state.quotas.limits.criticalRead = 8;
    fake.state.quotas.limits.criticalWrite = 100;
    const created = (await api.people.createContact({ personFields: 'metadata', requestBody: { names: [{ givenName: 'Q' }] } })).data;
    expect(fake.state.quotas.usage('criticalRead')).toBe(1);
    expect(fake.state.quotas.usage('criticalWrite')).toBe(1);
    await api.people.batchCreateContacts({ requestBody: { contacts: [{ contactPerson: { names: [{ givenName: 'a' }] } }, { contactPerson: { names: [{ givenName: 'b' }] } }], readMask: 'metadata' } });
    expect(fake.state.quotas.usage('criticalRead')).toBe(7);
    expect(fake.state.quotas.usage('criticalWrite')).toBe(7);
    expect(fake.state.quotas.usage('dailyContactWrites')).toBe(3);
    await api.people.updateContact({ resourceName: created.resourceName ?? '', updatePersonFields: 'names', requestBody: { etag: created.etag ?? '', names: [{ givenName: 'R' }] } });
    // The read bucket (8) is now full: a write is refused by the *read* quota (§10 item 6).
    const err = await clientError(api.people.updateContact({ resourceName: created.resourceName ?? '', updatePersonFields: 'names', requestBody: { etag: '%x', names: [] } }));
    expect(err.response?.data.error.message).toContain("'Critical read requests (Contact and Profile Reads)'");
    expect(fake.state.quotas.usage('criticalWrite')).toBe(8);
  });

  test('deletes and group writes share the Write requests bucket; batchDelete costs 10', async () => {
    fake.state.quotas.limits.writeRequests = 11;
    const names = fake.state.listPeople().map((p) => p.resourceName as string);
    await api.people.batchDeleteContacts({ requestBody: { resourceNames: [names[0] ?? ''] } });
    await api.contactGroups.create({ requestBody: { contactGroup: { name: 'G' } } });
    const err = await clientError(api.people.deleteContact({ resourceName: names[1] ?? '' }, { retry: false }));
    expect(err.response?.data.error.message).toContain("'Write requests (Contact Deletes and Contact Group Writes)'");
  });

  test('the first page of a full sync has its own fixed bucket', async () => {
    fake.state.quotas.limits.fullSyncFirstPage = 2;
    await api.people.connections.list(LIST);
    await api.people.connections.list(LIST);
    const err = await clientError(api.people.connections.list(LIST, { retry: false }));
    expect(err.response?.data.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' });
    expect(err.response?.data.error.details?.[0]?.['@type']).toBe('type.googleapis.com/google.rpc.QuotaFailure');
  });
});

describe('concurrent mutations, web-UI changes, counters', () => {
  test('two overlapping mutations for one user: one fails 409 ABORTED (Promise.all is punished, sequential is fine)', async () => {
    const results = await Promise.allSettled([
      api.people.createContact({ requestBody: { names: [{ givenName: 'P1' }] } }),
      api.people.createContact({ requestBody: { names: [{ givenName: 'P2' }] } }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason as { status: number; response: { data: { error: { status: string } } } };
    expect(reason.status).toBe(409);
    expect(reason.response.data.error.status).toBe('ABORTED');
    await api.people.createContact({ requestBody: { names: [{ givenName: 'S1' }] } });
    await api.people.createContact({ requestBody: { names: [{ givenName: 'S2' }] } });
    expect(fake.state.listPeople()).toHaveLength(6);
  });

  test('reads may overlap freely', async () => {
    await Promise.all(Array.from({ length: 5 }, () => api.people.connections.list(LIST)));
    expect(fake.state.counters.get(LIST_METHOD)).toBe(5);
  });

  test('web-UI changes are neither counted nor charged, and appear in the next sync', async () => {
    const full = await api.people.connections.list({ ...LIST, requestSyncToken: true });
    fake.state.counters.reset();
    const [a, b] = fake.state.listPeople().map((p) => p.resourceName as string);
    fake.state.editInWebUi(a ?? '', { names: [{ givenName: 'Web' }] });
    fake.state.deleteInWebUi(b ?? '');
    const added = fake.state.createInWebUi({ names: [{ givenName: 'New' }] });
    expect(fake.state.counters.total).toBe(0);
    const inc = await api.people.connections.list({ ...LIST, requestSyncToken: true, syncToken: full.data.nextSyncToken ?? '' });
    expect(inc.data.connections?.map((p) => p.resourceName).sort()).toEqual([a, b, added].sort());
    expect(fake.state.counters.byMethod).toEqual({ [LIST_METHOD]: 1 });
  });

  test('unimplemented Google methods answer 501, not a fake success', async () => {
    const err = await clientError(api.people.searchContacts({ query: 'x', readMask: 'names' }, { retry: false }));
    expect(err.status).toBe(501);
    expect(err.response?.data.error.status).toBe('UNIMPLEMENTED');
  });
});
