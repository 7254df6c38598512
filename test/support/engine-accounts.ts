// Wiring an engine to the test servers the way a user would: the Google fake as a Google account
// (endpoints from the environment, a grant issued by the fake) and real CardDAV servers as CardDAV
// accounts. Shared by the sync, duplicate and CLI-free integration tests.
import type { ConcordClient } from '../../shared/api/client.ts';
import type { Account } from '../../shared/model/account.ts';
import type { CardDavServer } from './carddav-servers.ts';
import type { GoogleFake } from './google-fake/index.ts';

/** The host environment that points Concord's Google provider at the fake. */
export function fakeGoogleEnv(fake: GoogleFake): Record<string, string> {
  return { CONCORD_GOOGLE_API_ROOT: fake.rootUrl, CONCORD_GOOGLE_TOKEN_URL: fake.tokenUrl, CONCORD_GOOGLE_AUTH_URL: fake.authUrl };
}

export function addFakeGoogleAccount(client: ConcordClient, fake: GoogleFake, name = 'Google'): Promise<Account> {
  const tokens = fake.state.oauth.issueTokens();
  return client.call('accounts.add', {
    kind: 'google',
    name,
    secret: JSON.stringify({ clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: tokens.refresh_token }),
  });
}

export function addCardDavAccount(client: ConcordClient, server: CardDavServer, name: string): Promise<Account> {
  return client.call('accounts.add', { kind: 'carddav', name, url: server.url, username: server.username, secret: server.password });
}

/** The Authorization header another CardDAV client would send. */
export function basicAuth(server: CardDavServer): string {
  return `Basic ${Buffer.from(`${server.username}:${server.password}`).toString('base64')}`;
}
