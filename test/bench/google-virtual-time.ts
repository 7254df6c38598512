// The Google fake with its quotas ON, reached by Concord's Google provider on the fake's clock: every
// pause the provider's request budget asks for (google-people-api.md §7.2: 60 Critical reads and 30
// Critical writes a minute) advances the fake clock instead of sleeping, so a benchmark finishes in
// seconds and still reports how long the same requests would take against Google ("paced time").
// Invariant: the source, the engine factory and the fake share one clock; nothing here bypasses the
// provider's own pacing or the fake's quota checks.
import { groupNamesInUse } from '../../electron/engine/db/repos/contacts.ts';
import { createGoogleSource } from '../../electron/engine/providers/google/index.ts';
import type { GoogleSource } from '../../electron/engine/providers/google/index.ts';
import { personCodec } from '../../electron/engine/sync/codecs/person.ts';
import type { SourceFactory } from '../../electron/engine/sync/sources.ts';
import { fakeGoogleEnv } from '../support/engine-accounts.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';

export interface PacedGoogle {
  source: GoogleSource;
  /** Fake-clock milliseconds the provider waited for its request budget so far. */
  pacedMs(): number;
}

/** A GoogleSource for the fake's only user whose budget waits advance the fake clock. */
export function pacedGoogleSource(fake: GoogleFake, refreshToken = fake.state.oauth.issueTokens().refresh_token ?? ''): PacedGoogle {
  let paced = 0;
  const source = createGoogleSource({
    env: fakeGoogleEnv(fake),
    client: { clientId: fake.clientId, clientSecret: fake.clientSecret },
    refreshToken,
    clock: fake.state.clock,
    sleep: async (ms) => {
      paced += ms;
      fake.state.clock.advance(ms);
    },
  });
  return { source, pacedMs: () => paced };
}

/**
 * The engine's `google` source factory (providers/registry.ts googleFactory) with the source above:
 * one source per process, labels ensured before each run, the Person codec.
 */
export function pacedGoogleFactory(fake: GoogleFake): { factory: SourceFactory; pacedMs(): number } {
  let paced: PacedGoogle | null = null;
  const factory: SourceFactory = async (_account, secret, { db }) => {
    const { refreshToken } = JSON.parse(secret ?? '{}') as { refreshToken?: string };
    paced ??= pacedGoogleSource(fake, refreshToken ?? '');
    const groups = await paced.source.ensureGroups(groupNamesInUse(db));
    return { source: paced.source, codec: personCodec(groups) };
  };
  return { factory, pacedMs: () => paced?.pacedMs() ?? 0 };
}
