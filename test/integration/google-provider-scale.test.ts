// A 25,000-contact Google account (the product limit, google-people-api.md §7.4) read and written
// by GoogleSource within the batch rules, with request counts asserted against the minimum:
//   full read            = ceil(25,000 / 1,000) = 25 connections.list calls (pageSize 1000, §3.1)
//   no-change poll       = 1 connections.list call with the sync token
//   creating 1,000       = ceil(1,000 / 200)    = 5 batchCreateContacts calls (§5.4)
// The fake's quotas stay ON at their defaults (§7.2 numbers) and so does the source's own budget:
// the whole scenario costs 25 + 1 + 5×6 + 1 = 57 Critical reads and 30 Critical writes, inside one
// minute's 60 / 30. Only the account cap is raised (25,000 → 26,000) so that 1,000 more fit.
// Wall times are printed for the report; they are not asserted (machines differ).
import { describe, expect, test } from 'vitest';
import { createGoogleSource } from '../../electron/engine/providers/google/index.ts';
import type { GoogleChangePage } from '../../electron/engine/providers/google/index.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';

async function collect(pages: AsyncIterable<GoogleChangePage>): Promise<{ changed: number; ids: Set<string>; cursor: string }> {
  const out = { changed: 0, ids: new Set<string>(), cursor: '' };
  for await (const page of pages) {
    out.changed += page.changed.length;
    for (const item of page.changed) out.ids.add(item.id);
    if (page.nextCursor) out.cursor = page.nextCursor;
  }
  return out;
}

describe('a 25,000-contact account', () => {
  test('full read, quiet poll and 1,000 creates use the minimum number of requests', { timeout: 120_000 }, async () => {
    const fake = await startGoogleFake({ faults: { maxContacts: 26_000, mutationLatencyMs: 20 } });
    try {
      let started = performance.now();
      fake.state.seed(25_000);
      const seedMs = performance.now() - started;
      fake.state.clock.advance(60_000 - (fake.state.clock.now() % 60_000));
      const source = createGoogleSource({
        env: { CONCORD_GOOGLE_API_ROOT: fake.rootUrl, CONCORD_GOOGLE_TOKEN_URL: fake.tokenUrl, CONCORD_GOOGLE_AUTH_URL: fake.authUrl },
        client: { clientId: fake.clientId, clientSecret: fake.clientSecret },
        refreshToken: fake.state.oauth.issueTokens().refresh_token ?? '',
        clock: fake.state.clock,
        sleep: async (ms) => fake.state.clock.advance(ms),
      });
      const api = (): number => fake.state.counters.total;

      started = performance.now();
      const full = await collect(source.listChanges(null));
      const fullMs = performance.now() - started;
      expect(full.changed).toBe(25_000);
      expect(full.ids.size).toBe(25_000);
      // The one token request is the first access token for the stored refresh token.
      expect(fake.state.counters.byMethod).toEqual({ 'people.connections.list': 25, 'oauth.token': 1 });
      expect(api()).toBe(25);

      fake.state.counters.reset();
      started = performance.now();
      const quiet = await collect(source.listChanges(full.cursor));
      const pollMs = performance.now() - started;
      expect(quiet.changed).toBe(0);
      expect(fake.state.counters.byMethod).toEqual({ 'people.connections.list': 1 });

      fake.state.counters.reset();
      const entries = Array.from({ length: 1_000 }, (_, i) => ({
        idHint: `hub-${i}`,
        payload: JSON.stringify({ names: [{ givenName: `New${i}`, familyName: 'Bulk', unstructuredName: `New${i} Bulk` }], emailAddresses: [{ value: `new${i}@example.com` }] }),
      }));
      started = performance.now();
      const results = await source.batchCreate(entries);
      const createMs = performance.now() - started;
      expect(results.every((r) => r.ok)).toBe(true);
      expect(fake.state.counters.byMethod).toEqual({ 'people.batchCreateContacts': 5 });
      expect(api()).toBe(5);
      expect(fake.state.listPeople()).toHaveLength(26_000);

      fake.state.counters.reset();
      const delta = await collect(source.listChanges(quiet.cursor));
      expect(delta.changed).toBe(1_000);
      expect(fake.state.counters.byMethod).toEqual({ 'people.connections.list': 1 });
      expect(fake.state.counters.log.filter((l) => l.status !== 200)).toEqual([]);
      expect(source.stats.pauses).toEqual([]);

      console.log(
        `[google-scale] seed 25,000: ${seedMs.toFixed(0)} ms | full read: 25 requests, ${fullMs.toFixed(0)} ms | ` +
          `no-change poll: 1 request, ${pollMs.toFixed(0)} ms | create 1,000: 5 requests, ${createMs.toFixed(0)} ms | ` +
          `quota used: criticalRead ${fake.state.quotas.usage('criticalRead')}, criticalWrite ${fake.state.quotas.usage('criticalWrite')}`,
      );
    } finally {
      await fake.close();
    }
  });
});
