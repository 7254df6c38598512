// Google request economy (issue 12): requests Concord spends against the People API limits of
// /work/shared/docs/google-people-api.md, with the Google fake's quotas ON and the provider's own
// request budget pacing on the fake's clock (google-virtual-time.ts), so "paced time" is how long the
// same requests would take against Google's per-minute quotas.
//   provider: a full listing of N (pageSize 1000 → ceil(N/1000) connections.list, §3.1), a
//             no-change poll (1 call with the sync token), batchCreate of M (≤200 a call → ceil(M/200), §5.4);
//   engine:   a Google account holding N beside an empty memory account: the first sync (N read
//             into the hub), a no-change sync, then M new contacts in the memory account pushed to
//             Google the way the engine actually pushes them, and the echo sync after it.
// N = 25,000, M = 1,000 (2,500 / 200 with --quick). Minimums: ceil(N/1000) lists, ceil(M/200)
// batchCreateContacts, 1 contactGroups.list (labels, §6.2 pageSize ≤1000) and 1 oauth.token per process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcessTransport } from '../../electron/engine/api/in-process.ts';
import { createEngine } from '../../electron/engine/index.ts';
import { serialize } from '../../electron/engine/model/vcard/index.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { memorySourceFactory } from '../../electron/engine/providers/memory/factory.ts';
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import type { RemoteItem } from '../../electron/engine/providers/types.ts';
import { createClient } from '../../shared/api/client.ts';
import type { SyncSummary } from '../../shared/model/sync.ts';
import { addFakeGoogleAccount } from '../support/engine-accounts.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { generatedPeople } from './generate.ts';
import type { BenchRow, BenchSuite } from './harness.ts';
import { measure } from './harness.ts';
import { pacedGoogleFactory, pacedGoogleSource } from './google-virtual-time.ts';

type Record = (row: Omit<BenchRow, 'suite'>) => void;

const LIST_PAGE = 1000; // connections.list pageSize maximum, §3.1
const CREATE_BATCH = 200; // batchCreateContacts maximum, §5.4

/** "people.connections.list 25, oauth.token 1" — what the fake counted, for the note column. */
function byMethod(fake: GoogleFake): string {
  return Object.entries(fake.state.counters.byMethod)
    .sort(([, a], [, b]) => b - a)
    .map(([m, n]) => `${m.replace(/^people\./, '')} ${n}`)
    .join(', ');
}

/** Requests of every kind, OAuth included (a token request is a request too). */
function allRequests(fake: GoogleFake): number {
  return Object.values(fake.state.counters.byMethod).reduce((a, b) => a + b, 0);
}

async function drain(pages: AsyncIterable<{ changed: RemoteItem[]; nextCursor: string | null }>): Promise<{ changed: number; cursor: string }> {
  const out = { changed: 0, cursor: '' };
  for await (const page of pages) {
    out.changed += page.changed.length;
    if (page.nextCursor) out.cursor = page.nextCursor;
  }
  return out;
}

function startOfMinute(fake: GoogleFake): void {
  fake.state.clock.advance(60_000 - (fake.state.clock.now() % 60_000));
}

async function providerPhase(n: number, m: number, record: Record): Promise<void> {
  const fake = await startGoogleFake({ faults: { maxContacts: n + m } });
  try {
    fake.state.seed(n);
    startOfMinute(fake);
    const { source, pacedMs } = pacedGoogleSource(fake);
    const N = n.toLocaleString('en-US');
    const M = m.toLocaleString('en-US');

    const full = await measure(() => drain(source.listChanges(null)));
    if (full.result.changed !== n) throw new Error(`full listing returned ${full.result.changed} of ${n}`);
    const fullMin = Math.ceil(n / LIST_PAGE) + 1;
    record({ metric: `provider: full read of ${N}, requests (minimum ${fullMin})`, value: allRequests(fake), unit: 'requests', note: byMethod(fake) });
    record({ metric: `provider: full read of ${N}, wall`, value: full.ms, unit: 'ms', note: `peak RSS ${Math.round(full.peakRssMiB)} MiB, paced ${Math.round(pacedMs() / 1000)} s` });

    fake.state.counters.reset();
    const quiet = await measure(() => drain(source.listChanges(full.result.cursor)));
    if (quiet.result.changed !== 0) throw new Error(`no-change poll returned ${quiet.result.changed} changes`);
    record({ metric: 'provider: no-change poll, requests (minimum 1)', value: allRequests(fake), unit: 'requests', note: `${byMethod(fake)}; ${Math.round(quiet.ms)} ms` });

    fake.state.counters.reset();
    const pacedBefore = pacedMs();
    const entries = Array.from({ length: m }, (_, i) => ({
      idHint: `hub-${i}`,
      payload: JSON.stringify({ names: [{ givenName: `New${i}`, familyName: 'Bulk', unstructuredName: `New${i} Bulk` }], emailAddresses: [{ value: `new${i}@example.com` }] }),
    }));
    const created = await measure(() => source.batchCreate(entries));
    const refused = created.result.filter((r) => !r.ok).length;
    if (refused > 0) throw new Error(`batchCreate refused ${refused} of ${m}`);
    record({ metric: `provider: batchCreate of ${M}, requests (minimum ${Math.ceil(m / CREATE_BATCH)})`, value: allRequests(fake), unit: 'requests', note: byMethod(fake) });
    record({
      metric: `provider: batchCreate of ${M}, wall`,
      value: created.ms,
      unit: 'ms',
      note: `peak RSS ${Math.round(created.peakRssMiB)} MiB, paced ${Math.round((pacedMs() - pacedBefore) / 1000)} s`,
    });
  } finally {
    await fake.close();
  }
}

/** M people unlike each other and unlike the fake's "GivenNNNN FamilyNNNN", so none is a match suggestion. */
function newCards(m: number): string[] {
  return generatedPeople(m, 11).map((f, i) => {
    f.name.family = `${f.name.family} ${i}`;
    return serialize(f, { version: '3.0', uid: `bench-new-${i}` });
  });
}

function reportErrors(summary: SyncSummary): number {
  let errors = 0;
  for (const a of summary.accounts) {
    for (const e of a.errors) process.stderr.write(`google bench: ${a.name}: ${e.code}: ${e.message}\n`);
    errors += a.errors.length;
  }
  return errors;
}

/**
 * Reading and creating are measured in separate runs: in one run the engine applies N pulled
 * contacts (seconds of synchronous SQLite work) between its last listing and its first create, and
 * the fake's idle keep-alive sockets (Node's 5 s default) are then closed under the client — see
 * the suite's report for what that does to a create.
 */
async function enginePhase(n: number, m: number, record: Record): Promise<void> {
  const fake = await startGoogleFake({ faults: { maxContacts: n + m } });
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-google-'));
  const memories = new Map<string, MemorySource>();
  const google = pacedGoogleFactory(fake);
  const engine = createEngine(memoryPorts({ clock: { now: () => Date.now() } }), {
    dataDir: dir,
    host: 'test',
    version: 'bench',
    sources: { memory: memorySourceFactory(memories), google: google.factory },
  });
  try {
    fake.state.seed(n);
    startOfMinute(fake);
    const client = createClient(inProcessTransport(engine));
    const account = await addFakeGoogleAccount(client, fake);
    const phone = await client.call('accounts.add', { kind: 'memory', name: 'Phone' });
    const memory = new MemorySource({ pageSize: 1000 });
    memories.set(phone.id, memory);
    fake.state.counters.reset();
    const N = n.toLocaleString('en-US');
    const M = m.toLocaleString('en-US');

    const first = await measure(() => client.call('sync.run', { approve: true }));
    const readMin = Math.ceil(n / LIST_PAGE) + 2;
    record({ metric: `engine: first sync reading ${N}, requests (minimum ${readMin})`, value: allRequests(fake), unit: 'requests', note: `${byMethod(fake)}; errors ${reportErrors(first.result)}` });
    record({ metric: `engine: first sync reading ${N}, wall`, value: first.ms, unit: 'ms', note: `peak RSS ${Math.round(first.peakRssMiB)} MiB (also writes the ${N} to the memory account)` });

    fake.state.counters.reset();
    const quiet = await measure(() => client.call('sync.run', {}));
    record({ metric: 'engine: no-change sync, requests (minimum 1)', value: allRequests(fake), unit: 'requests', note: `${byMethod(fake)}; ${Math.round(quiet.ms)} ms` });

    for (const card of newCards(m)) memory.createExternally(card);
    fake.state.counters.reset();
    const pacedBefore = google.pacedMs();
    const push = await measure(() => client.call('sync.run', {}));
    const creates = fake.state.counters.get('people.createContact') + fake.state.counters.get('people.batchCreateContacts');
    const created = push.result.accounts.find((a) => a.accountId === account.id)?.remoteCreated ?? 0;
    record({
      metric: `engine: push of ${M} new contacts, create requests (minimum ${Math.ceil(m / CREATE_BATCH)})`,
      value: creates,
      unit: 'requests',
      note: `all: ${byMethod(fake)}; created ${created}, errors ${reportErrors(push.result)}`,
    });
    record({
      metric: `engine: push of ${M} new contacts, wall`,
      value: push.ms,
      unit: 'ms',
      note: `paced ${Math.round((google.pacedMs() - pacedBefore) / 1000)} s by the quota budget (batchCreate: ${Math.ceil(m / CREATE_BATCH) * 6} Critical writes, §7.2)`,
    });

    fake.state.counters.reset();
    const echo = await measure(() => client.call('sync.run', {}));
    record({ metric: `engine: echo sync after the push, requests`, value: allRequests(fake), unit: 'requests', note: `${byMethod(fake)}; ${Math.round(echo.ms)} ms` });
  } finally {
    engine.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const googleSuite: BenchSuite = {
  name: 'google',
  async run({ quick }, record) {
    const n = quick ? 2_500 : 25_000;
    const m = quick ? 200 : 1_000;
    await providerPhase(n, m, record);
    await enginePhase(n, m, record);
  },
};
