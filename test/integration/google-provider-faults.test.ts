// GoogleSource under every fault switch of the People API fake (test/support/google-fake/README.md):
// expired and refused sync tokens, 429/503 with and without Retry-After, quota exhaustion, the
// concurrent-mutation penalty, web-UI edits and deletes between our read and our write, delayed
// visibility, ambiguous creates, revoked grants (doc §3.4, §5, §7, §8.3, §10, §12).
// The source's pauses run on the fake's clock (no real waiting) unless a test says otherwise.
import { afterEach, describe, expect, test } from 'vitest';
import { createGoogleSource, encodeUpdate } from '../../electron/engine/providers/google/index.ts';
import type { GoogleAccountOptions, GoogleChangePage, GoogleSource } from '../../electron/engine/providers/google/index.ts';
import { patchPerson, personToCanonical } from '../../electron/engine/model/person/index.ts';
import type { Person } from '../../electron/engine/model/person/index.ts';
import { ProviderError } from '../../electron/engine/providers/types.ts';
import { getFreePort } from '../support/free-port.ts';
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
  fake = open = await startGoogleFake(fakeOptions);
  // Start at a minute boundary of the fake clock, so quota windows are predictable.
  fake.state.clock.advance(60_000 - (fake.state.clock.now() % 60_000));
  return sourceFor(fake, tuning);
}

function sourceFor(f: GoogleFake, tuning: Tuning = {}): GoogleSource {
  return createGoogleSource({
    env: { CONCORD_GOOGLE_API_ROOT: f.rootUrl, CONCORD_GOOGLE_TOKEN_URL: f.tokenUrl, CONCORD_GOOGLE_AUTH_URL: f.authUrl },
    client: { clientId: f.clientId, clientSecret: f.clientSecret },
    refreshToken: f.state.oauth.issueTokens().refresh_token ?? '',
    clock: f.state.clock,
    sleep: async (ms) => f.state.clock.advance(ms),
    random: () => 0.5,
    ...tuning,
  });
}

const payload = (name: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ names: [{ unstructuredName: name }], ...extra });
const nameOf = (p: string): string | undefined => (JSON.parse(p) as Person).names?.[0]?.unstructuredName ?? undefined;

async function collect(pages: AsyncIterable<GoogleChangePage>): Promise<{ changed: GoogleChangePage['changed']; deleted: string[]; cursor: string; pages: number }> {
  const out = { changed: [] as GoogleChangePage['changed'], deleted: [] as string[], cursor: '', pages: 0 };
  for await (const page of pages) {
    out.pages += 1;
    out.changed.push(...page.changed);
    out.deleted.push(...page.deleted);
    if (page.nextCursor) out.cursor = page.nextCursor;
  }
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const statuses = (method: string): number[] => fake.state.counters.log.filter((l) => l.method === method).map((l) => l.status);

describe('sync tokens', () => {
  test('an expired token (400 FAILED_PRECONDITION, EXPIRED_SYNC_TOKEN) is cursor-invalid; the full listing then has everything', async () => {
    const source = await setup({ seed: 5 });
    const base = await collect(source.listChanges(null));
    fake.state.faults.expireSyncTokens();
    fake.state.editInWebUi(base.changed[0]!.id, { names: [{ unstructuredName: 'Edited' }] });
    const error = await failure(collect(source.listChanges(base.cursor)));
    expect(error.kind).toBe('cursor-invalid');
    const full = await collect(source.listChanges(null));
    expect(full.changed.map((i) => i.id).sort()).toEqual(base.changed.map((i) => i.id).sort());
    expect(full.deleted).toEqual([]);
    expect(full.changed.some((i) => nameOf(i.payload) === 'Edited')).toBe(true);
    expect(await collect(source.listChanges(full.cursor))).toMatchObject({ changed: [], deleted: [] });
  });

  test.each([
    { httpStatus: 410, status: 'FAILED_PRECONDITION' },
    { httpStatus: 400, status: 'INVALID_ARGUMENT' },
  ] as const)('the other reported shapes of the expiry error ($httpStatus $status) are recognised by reason/message', async (shape) => {
    const source = await setup({ seed: 2, faults: { expiredSyncToken: shape } });
    const base = await collect(source.listChanges(null));
    fake.state.faults.expireSyncTokens();
    expect((await failure(collect(source.listChanges(base.cursor)))).kind).toBe('cursor-invalid');
  });

  test('a token Google refuses as an invalid argument (corrupted) is cursor-invalid too', async () => {
    const source = await setup({ seed: 1 });
    const base = await collect(source.listChanges(null));
    const corrupted = `${base.cursor.slice(0, -6)}AAAAAA`;
    expect((await failure(collect(source.listChanges(corrupted)))).kind).toBe('cursor-invalid');
    expect(statuses('people.connections.list').at(-1)).toBe(400);
  });

  test('a cursor near the 7-day limit, or made with other listing parameters, is retired without a request', async () => {
    const source = await setup({ seed: 1 });
    const base = await collect(source.listChanges(null));
    const other = sourceFor(fake, { pageSize: 500 });
    fake.state.counters.reset();
    expect((await failure(collect(other.listChanges(base.cursor)))).kind).toBe('cursor-invalid');
    fake.state.clock.advance(6 * 24 * 60 * 60 * 1000);
    expect((await failure(collect(source.listChanges(base.cursor)))).kind).toBe('cursor-invalid');
    expect(fake.state.counters.total).toBe(0);
  });

  test('empty pages that still carry nextPageToken are followed to the end', async () => {
    const source = await setup({ seed: 7 }, { pageSize: 2 });
    fake.state.faults.emptyPages = 2;
    const all = await collect(source.listChanges(null));
    expect(new Set(all.changed.map((i) => i.id)).size).toBe(7);
    expect(all.pages).toBe(6);
  });

  test('a contact Google renamed (linked to a profile) arrives under its new id with the old one in previousIds', async () => {
    const source = await setup({ seed: 2 });
    const base = await collect(source.listChanges(null));
    const old = base.changed[0]!.id;
    const renamed = fake.state.relinkInWebUi(old);
    const delta = await collect(source.listChanges(base.cursor));
    expect(delta.changed.map((i) => [i.id, i.previousIds])).toEqual([[renamed, [old]]]);
    expect(delta.deleted).toEqual([]);
    const [viaOldName] = await source.get([old]);
    expect(viaOldName).toMatchObject({ id: renamed, previousIds: [old] });
  });
});

describe('429 / 503 and backoff (the client library\'s own retries are off)', () => {
  test('GET 429 without Retry-After: one retry of ours, at the next minute window; gaxios adds none', async () => {
    const source = await setup({ seed: 2 });
    fake.state.clock.advance(10_000);
    fake.state.faults.failNext(1, { status: 429, methods: ['people.connections.list'] });
    const all = await collect(source.listChanges(null));
    expect(all.changed).toHaveLength(2);
    expect(statuses('people.connections.list')).toEqual([429, 200]);
    const backoff = source.stats.pauses.filter((p) => p.why === 'backoff');
    // ~50 s to the next minute (the fake clock also runs in real time) + 0.5 s jitter (random() = 0.5).
    expect(backoff).toEqual([{ label: 'people.connections.list', ms: expect.any(Number), why: 'backoff' }]);
    expect(backoff[0]!.ms).toBeGreaterThan(50_000);
    expect(backoff[0]!.ms).toBeLessThanOrEqual(50_500);
  });

  test('POST 429 with Retry-After: 7 s honoured, then the create goes out once more and succeeds once', async () => {
    const source = await setup();
    fake.state.faults.failNext(1, { status: 429, methods: ['people.createContact'], retryAfterSeconds: 7 });
    const item = await source.create(payload('Retry After'), { idHint: 'hub-1' });
    expect(nameOf(item.payload)).toBe('Retry After');
    expect(statuses('people.createContact')).toEqual([429, 200]);
    expect(source.stats.pauses.filter((p) => p.why === 'backoff').map((p) => p.ms)).toEqual([7_000 + 350]);
    expect(fake.state.listPeople()).toHaveLength(1);
  });

  test('PATCH 503 with Retry-After is retried (an etag-guarded update is safe to repeat)', async () => {
    const source = await setup();
    const item = await source.create(payload('Before'));
    fake.state.faults.failNext(1, { status: 503, methods: ['people.updateContact'], retryAfterSeconds: 3 });
    const updated = await source.update(item.id, item.etag, payload('After'));
    expect(nameOf(updated.payload)).toBe('After');
    expect(statuses('people.updateContact')).toEqual([503, 200]);
    expect(source.stats.pauses.filter((p) => p.why === 'backoff').map((p) => p.ms)).toEqual([3_000 + 150]);
  });

  test('GET 503 without Retry-After: exponential backoff with jitter (0.75 s, 1.5 s, 3 s), then success', async () => {
    const source = await setup({ seed: 1 });
    fake.state.faults.failNext(3, { status: 503, methods: ['people.connections.list'] });
    await collect(source.listChanges(null));
    expect(statuses('people.connections.list')).toEqual([503, 503, 503, 200]);
    expect(source.stats.pauses.filter((p) => p.why === 'backoff').map((p) => p.ms)).toEqual([750, 1_500, 3_000]);
  });

  test('a 503 that does not stop: after maxAttempts the engine gets unavailable with a retryAfterMs', async () => {
    const source = await setup({ seed: 1 }, { retry: { maxAttempts: 3 } });
    fake.state.faults.failNext(10, { status: 503, methods: ['people.connections.list'] });
    const error = await failure(collect(source.listChanges(null)));
    expect(error.kind).toBe('unavailable');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(fake.state.counters.get('people.connections.list')).toBe(3);
  });

  test('a Retry-After longer than the source waits inside a call becomes rate-limited with that retryAfterMs', async () => {
    const source = await setup({ seed: 1 });
    fake.state.faults.failNext(1, { status: 429, retryAfterSeconds: 600 });
    const error = await failure(source.get([fake.state.listPeople()[0]!.resourceName as string]));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(600_000);
    expect(fake.state.counters.get('people.getBatchGet')).toBe(1);
  });
});

describe('quotas', () => {
  test('without a client budget, quota exhaustion 429s are waited out at the next minute window', async () => {
    const source = await setup({ seed: 1, quotas: { criticalRead: 5 } }, { budget: false });
    const id = fake.state.listPeople()[0]!.resourceName as string;
    for (let i = 0; i < 8; i++) expect(await source.get([id])).toHaveLength(1);
    expect(statuses('people.getBatchGet')).toEqual([200, 200, 200, 200, 200, 429, 200, 200, 200]);
    expect(fake.state.counters.log.find((l) => l.status === 429)?.message).toContain('Critical read requests');
  });

  test('with a budget that matches the quota, the source paces itself and never meets a 429', async () => {
    const source = await setup({ seed: 1, quotas: { criticalRead: 5, criticalWrite: 3 } }, { budget: { criticalRead: 5, criticalWrite: 3 } });
    const id = fake.state.listPeople()[0]!.resourceName as string;
    for (let i = 0; i < 8; i++) await source.get([id]);
    for (let i = 0; i < 4; i++) await source.create(payload(`Paced ${i}`));
    expect(fake.state.counters.log.filter((l) => l.status === 429)).toEqual([]);
    expect(source.stats.pauses.filter((p) => p.why === 'budget').length).toBeGreaterThanOrEqual(2);
    expect(fake.state.listPeople()).toHaveLength(5);
  });
});

describe('sequential mutations', () => {
  test('writes started concurrently are sent one at a time: the concurrent-mutation penalty never fires', async () => {
    const source = await setup({ seed: 4, faults: { mutationLatencyMs: 30 } });
    const existing = (await collect(source.listChanges(null))).changed;
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => source.create(payload(`Parallel ${i}`), { idHint: `p-${i}` })),
      source.update(existing[0]!.id, existing[0]!.etag, payload('Updated')),
      source.delete(existing[1]!.id, existing[1]!.etag),
      source.batchCreate([{ payload: payload('Batch A'), idHint: 'b-a' }, { payload: payload('Batch B'), idHint: 'b-b' }]),
      source.batchDelete([{ id: existing[2]!.id, etag: existing[2]!.etag }]),
      source.ensureGroups(['Friends of Ada']),
    ]);
    expect(fake.state.counters.log.filter((l) => l.status === 409 || l.status === 503)).toEqual([]);
    expect(fake.state.listPeople()).toHaveLength(4 - 2 + 6 + 2);
  });
});

describe('changes made in Google between our read and our write', () => {
  test('a web-UI edit between our read and our update → precondition-failed, and nothing is overwritten', async () => {
    const source = await setup();
    const item = await source.create(payload('Original', { emailAddresses: [{ value: 'o@example.com' }] }));
    const raw = JSON.parse(item.payload) as Person;
    const before = personToCanonical(raw, { groupNames: new Map() }).fields;
    const patch = patchPerson(raw, before, { ...before, formattedName: 'Ours' }, { groups: new Map() });
    fake.state.editInWebUi(item.id, { names: [{ unstructuredName: 'Theirs' }] });
    fake.state.counters.reset();
    const error = await failure(source.update(item.id, item.etag, encodeUpdate(patch)));
    expect(error.kind).toBe('precondition-failed');
    // The envelope carries the mask and the source id: no read before the write.
    expect(fake.state.counters.byMethod).toEqual({ 'people.updateContact': 1 });
    expect(fake.state.getPerson(item.id)?.names).toMatchObject([{ unstructuredName: 'Theirs' }]);
  });

  test('a web-UI edit before our delete → precondition-failed; a web-UI delete before it → not-found', async () => {
    const source = await setup({ seed: 2 });
    const [a, b] = (await collect(source.listChanges(null))).changed as [GoogleChangePage['changed'][number], GoogleChangePage['changed'][number]];
    fake.state.editInWebUi(a.id, { names: [{ unstructuredName: 'Edited' }] });
    fake.state.deleteInWebUi(b.id);
    expect((await failure(source.delete(a.id, a.etag))).kind).toBe('precondition-failed');
    expect((await failure(source.delete(b.id, b.etag))).kind).toBe('not-found');
    expect(fake.state.counters.get('people.deleteContact')).toBe(0);
    expect(fake.state.getPerson(a.id)).toBeDefined();
  });
});

describe('read-after-write: delayed visibility in listings', () => {
  test('a created contact missing from the listing is neither lost nor re-created; an update or delete not yet visible is not undone', async () => {
    const source = await setup({ seed: 3 });
    const base = await collect(source.listChanges(null));
    fake.state.faults.propagation = { delayMs: 120_000, afterListCalls: 0, staleGets: true };
    const created = await source.create(payload('Fresh'), { idHint: 'hub-fresh' });
    const [first, second] = base.changed;
    const updated = await source.update(first!.id, first!.etag, payload('Renamed by Concord'));
    await source.delete(second!.id, second!.etag);

    // Google's own listing does not show any of it yet…
    const raw = await collect(sourceFor(fake).listChanges(null));
    expect(raw.changed.map((i) => i.id)).not.toContain(created.id);
    expect(raw.changed.map((i) => i.id)).toContain(second!.id);
    // …but this source's listings do not contradict its own writes.
    const full = await collect(source.listChanges(null));
    expect(full.changed.map((i) => i.id).sort()).toEqual([first!.id, base.changed[2]!.id, created.id].sort());
    expect(full.changed.find((i) => i.id === first!.id)).toMatchObject({ etag: updated.etag });
    const quiet = await collect(source.listChanges(base.cursor));
    expect(quiet.changed.map((i) => i.id)).not.toContain(created.id);
    // Gets lag too with staleGets: the source still answers with what it wrote.
    const got = await source.get([created.id, first!.id, second!.id]);
    expect(got.map((i) => [i.id, i.etag]).sort()).toEqual([[created.id, created.etag], [first!.id, updated.etag]].sort());

    fake.state.clock.advance(121_000);
    const later = await collect(source.listChanges(base.cursor));
    expect(later.changed.map((i) => [i.id, i.etag]).sort()).toEqual([[created.id, created.etag], [first!.id, updated.etag]].sort());
    expect(later.deleted).toEqual([second!.id]);
    expect(fake.state.counters.get('people.createContact')).toBe(1);
  });
});

describe('ambiguous creates: reconciled by marker, never duplicated', () => {
  test('lost response (client timeout while Google creates): the marker scan finds the contact, no second create', async () => {
    fake = open = await startGoogleFake({ seed: 2, faults: { mutationLatencyMs: 300 } });
    const source = sourceFor(fake, {
      requestTimeoutMs: 100,
      // Pauses advance the fake clock and also let real time pass, so Google's side finishes.
      sleep: async (ms) => {
        fake.state.clock.advance(ms);
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 500)));
      },
    });
    await collect(source.listChanges(null));
    fake.state.counters.reset();
    const item = await source.create(payload('Lost Response'), { idHint: 'hub-lost' });
    expect(nameOf(item.payload)).toBe('Lost Response');
    expect(fake.state.listPeople().filter((p) => JSON.stringify(p.names).includes('Lost Response'))).toHaveLength(1);
    expect(fake.state.counters.byMethod).toEqual({ 'people.createContact': 1, 'people.connections.list': 1 });
    expect(source.createsInDoubt).toEqual([]);
  });

  test('503 on create: in doubt (this contact only); an early retry only scans; after the window it is created exactly once', async () => {
    const source = await setup({ seed: 2 }, { inDoubtWindowMs: 600_000 });
    await collect(source.listChanges(null));
    fake.state.faults.failNext(1, { status: 503, methods: ['people.createContact'] });
    const first = await failure(source.create(payload('Maybe'), { idHint: 'hub-maybe' }));
    expect(first.kind).toBe('in-doubt');
    expect(source.createsInDoubt).toEqual(['hub-maybe']);
    const early = await failure(source.create(payload('Maybe'), { idHint: 'hub-maybe' }));
    expect(early.kind).toBe('in-doubt');
    expect(early.retryAfterMs).toBeGreaterThan(0);
    expect(fake.state.counters.get('people.createContact')).toBe(1);
    fake.state.clock.advance(600_000);
    const item = await source.create(payload('Maybe'), { idHint: 'hub-maybe' });
    expect(nameOf(item.payload)).toBe('Maybe');
    expect(fake.state.counters.get('people.createContact')).toBe(2);
    expect(fake.state.listPeople()).toHaveLength(3);
    expect(source.createsInDoubt).toEqual([]);
  });

  test('lost response while listings lag: in doubt until the contact shows up, then found instead of created again', async () => {
    fake = open = await startGoogleFake({ faults: { mutationLatencyMs: 200, propagation: { delayMs: 0, afterListCalls: 3, staleGets: false } } });
    const source = sourceFor(fake, {
      requestTimeoutMs: 50,
      sleep: async (ms) => {
        fake.state.clock.advance(ms);
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 400)));
      },
    });
    await collect(source.listChanges(null));
    expect((await failure(source.create(payload('Slow'), { idHint: 'hub-slow' }))).kind).toBe('in-doubt');
    let item;
    for (let attempt = 0; attempt < 5 && !item; attempt++) {
      item = await source.create(payload('Slow'), { idHint: 'hub-slow' }).catch((e: unknown) => {
        expect((e as ProviderError).kind).toBe('in-doubt');
        return undefined;
      });
    }
    expect(item && nameOf(item.payload)).toBe('Slow');
    expect(fake.state.counters.get('people.createContact')).toBe(1);
    expect(fake.state.listPeople()).toHaveLength(1);
  });
});

describe('ambiguous batch creates', () => {
  test('a batchCreate whose answer is lost: every marker is found by one incremental scan, nothing is created twice', async () => {
    fake = open = await startGoogleFake({ seed: 5, faults: { mutationLatencyMs: 250 } });
    const source = sourceFor(fake, {
      requestTimeoutMs: 80,
      sleep: async (ms) => {
        fake.state.clock.advance(ms);
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 400)));
      },
    });
    await collect(source.listChanges(null));
    fake.state.counters.reset();
    const results = await source.batchCreate(['A', 'B', 'C'].map((n) => ({ idHint: `hub-${n}`, payload: payload(`Batch ${n}`) })));
    expect(results.map((r) => r.ok && nameOf(r.value.payload))).toEqual(['Batch A', 'Batch B', 'Batch C']);
    expect(fake.state.counters.byMethod).toMatchObject({ 'people.batchCreateContacts': 1, 'people.connections.list': 1 });
    expect(fake.state.listPeople()).toHaveLength(8);
  });

  test('a 503 on batchCreate: each contact is in doubt, none is sent twice before the window', async () => {
    const source = await setup({ seed: 1 }, { inDoubtWindowMs: 300_000 });
    await collect(source.listChanges(null));
    fake.state.faults.failNext(1, { status: 503, methods: ['people.batchCreateContacts'] });
    const entries = ['A', 'B'].map((n) => ({ idHint: `hub-${n}`, payload: payload(`Doubt ${n}`) }));
    const first = await source.batchCreate(entries);
    expect(first.map((r) => !r.ok && r.error.kind)).toEqual(['in-doubt', 'in-doubt']);
    expect(source.createsInDoubt.sort()).toEqual(['hub-A', 'hub-B']);
    const early = await source.batchCreate(entries);
    expect(early.every((r) => !r.ok)).toBe(true);
    expect(fake.state.counters.get('people.batchCreateContacts')).toBe(1);
    fake.state.clock.advance(300_000);
    const late = await source.batchCreate(entries);
    expect(late.every((r) => r.ok)).toBe(true);
    expect(fake.state.listPeople()).toHaveLength(3);
  });
});

describe('cancellation', () => {
  test('an abort during a backoff pause ends the listing as cancelled, without another request', async () => {
    const controller = new AbortController();
    await setup({ seed: 1 });
    const aborting = sourceFor(fake, {
      sleep: async (ms) => {
        fake.state.clock.advance(ms);
        controller.abort();
      },
    });
    fake.state.faults.failNext(1, { status: 503, methods: ['people.connections.list'] });
    const error = await failure(collect(aborting.listChanges(null, { signal: controller.signal })));
    expect(error.kind).toBe('cancelled');
    expect(fake.state.counters.get('people.connections.list')).toBe(1);
  });
});

describe('sign-in problems', () => {
  test('a token server that cannot be reached fails before the API call: the create is not in doubt and not sent', async () => {
    fake = open = await startGoogleFake();
    const closedPort = await getFreePort();
    const source = createGoogleSource({
      env: { CONCORD_GOOGLE_API_ROOT: fake.rootUrl, CONCORD_GOOGLE_TOKEN_URL: `http://127.0.0.1:${closedPort}/token` },
      client: { clientId: fake.clientId, clientSecret: fake.clientSecret },
      refreshToken: fake.state.oauth.issueTokens().refresh_token ?? '',
      clock: fake.state.clock,
      sleep: async (ms) => fake.state.clock.advance(ms),
      retry: { maxAttempts: 2 },
    });
    const error = await failure(source.create(payload('Offline'), { idHint: 'hub-offline' }));
    expect(error.kind).toBe('unavailable');
    expect(source.createsInDoubt).toEqual([]);
    expect(fake.state.counters.get('people.createContact')).toBe(0);
  });

  test('an access token that died early is refreshed silently and the call replayed', async () => {
    const source = await setup({ seed: 1 });
    await collect(source.listChanges(null));
    fake.state.oauth.expireAccessTokens();
    expect((await collect(source.listChanges(null))).changed).toHaveLength(1);
    expect(fake.state.counters.get('oauth.token')).toBe(2);
  });

  test('a revoked grant is auth: "Google sign-in expired: sign in again."', async () => {
    const source = await setup({ seed: 1 });
    await collect(source.listChanges(null));
    fake.state.oauth.revokeGrants();
    const error = await failure(collect(source.listChanges(null)));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('Google sign-in expired: sign in again.');
    const write = await failure(source.create(payload('x')));
    expect(write.kind).toBe('auth');
  });
});
