// GoogleSource against the ContactSource contract, on the People API fake (test/support/google-fake)
// through the real @googleapis/people and google-auth-library clients. Payloads are Person JSON.
// The page size is 3 so the contract's "across pages" case needs only five contacts; the fake's
// quotas stay on, and the source's pauses run on the fake's clock (no real waiting).
import { createGoogleSource } from '../../electron/engine/providers/google/index.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import { contactSourceContract } from './contact-source.suite.ts';
import type { SourceFixture } from './contact-source.suite.ts';

function person(name: string): string {
  const [given = '', ...rest] = name.split(' ');
  return JSON.stringify({ names: [{ givenName: given, familyName: rest.join(' '), unstructuredName: name }] });
}

function hasName(payload: string, name: string): boolean {
  const parsed = JSON.parse(payload) as { names?: { unstructuredName?: string }[] };
  return (parsed.names ?? []).some((n) => n.unstructuredName === name);
}

contactSourceContract('google (People API fake)', async (): Promise<SourceFixture> => {
  const fake = await startGoogleFake();
  const { refresh_token: refreshToken } = fake.state.oauth.issueTokens();
  const source = createGoogleSource({
    env: { CONCORD_GOOGLE_API_ROOT: fake.rootUrl, CONCORD_GOOGLE_TOKEN_URL: fake.tokenUrl, CONCORD_GOOGLE_AUTH_URL: fake.authUrl },
    client: { clientId: fake.clientId, clientSecret: fake.clientSecret },
    refreshToken: refreshToken ?? '',
    pageSize: 3,
    clock: fake.state.clock,
    sleep: async (ms) => fake.state.clock.advance(ms),
  });
  return {
    source,
    makePayload: person,
    hasName,
    // An edit elsewhere happens after ours: Google's updateTime has millisecond resolution, and an
    // edit in the same millisecond would be indistinguishable from Concord's own write.
    editElsewhere: async (item, name) => {
      fake.state.clock.advance(1_000);
      fake.state.editInWebUi(item.id, { names: [{ unstructuredName: name }] });
    },
    cleanup: () => fake.close(),
  };
});
