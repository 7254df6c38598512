// Google sign-in for the desktop app, end to end against the fake's consent and token endpoints
// (google-people-api.md §9, §12 items 26–29): signInWithBrowser with an `openUrl` that plays the
// browser (fetches the consent URL and follows the 302 to our loopback listener), then the refresh
// token driving a GoogleSource; denial, partial grants, timeouts, revocation and expiry; the env
// overrides of config.ts.
import http from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import {
  createAuthClient,
  createGoogleSource,
  googleConfigFromEnv,
  googleEndpointsFromEnv,
  revokeGrant,
  signInWithBrowser,
  verifyGrant,
} from '../../electron/engine/providers/google/index.ts';
import type { GoogleConfig } from '../../electron/engine/providers/google/index.ts';
import { ProviderError } from '../../electron/engine/providers/types.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';

let fake: GoogleFake;
let open: GoogleFake | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

const envFor = (f: GoogleFake) => ({
  CONCORD_GOOGLE_API_ROOT: f.rootUrl,
  CONCORD_GOOGLE_TOKEN_URL: f.tokenUrl,
  CONCORD_GOOGLE_AUTH_URL: f.authUrl,
});

function configFor(f: GoogleFake): GoogleConfig {
  return googleConfigFromEnv(envFor(f), { clientId: f.clientId, clientSecret: f.clientSecret });
}

/** The "system browser": loads the consent page, which redirects to the loopback listener. */
function browser(opened: string[]): (url: string) => Promise<void> {
  return async (url) => {
    opened.push(url);
    const res = await fetch(url);
    await res.text();
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('signInWithBrowser', () => {
  test('loopback + PKCE S256 + client secret; the refresh token then drives a GoogleSource', async () => {
    fake = open = await startGoogleFake({ seed: 3 });
    const opened: string[] = [];
    const grant = await signInWithBrowser(configFor(fake), { openUrl: browser(opened) });
    expect(grant.refreshToken).toMatch(/^1\/\/0/);
    expect(grant.scopes).toEqual(['https://www.googleapis.com/auth/contacts']);
    expect(grant.expiryDate).toBeGreaterThan(Date.now());

    const auth = new URL(opened[0]!);
    expect(`${auth.origin}${auth.pathname}`).toBe(fake.authUrl);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      scope: 'https://www.googleapis.com/auth/contacts',
      code_challenge_method: 'S256',
      response_type: 'code',
      client_id: fake.clientId,
    });
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    const redirect = new URL(auth.searchParams.get('redirect_uri') ?? '');
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(Number(redirect.port)).toBeGreaterThan(0);
    // The listener is gone once the one callback arrived.
    await expect(fetch(redirect)).rejects.toThrow();

    const source = createGoogleSource({ env: envFor(fake), client: { clientId: fake.clientId, clientSecret: fake.clientSecret }, refreshToken: grant.refreshToken });
    let contacts = 0;
    for await (const page of source.listChanges(null)) contacts += page.changed.length;
    expect(contacts).toBe(3);
    // One exchange at sign-in; the source refreshes silently with the stored refresh token.
    expect(fake.state.counters.get('oauth.authorize')).toBe(1);
    expect(fake.state.counters.get('oauth.token')).toBe(2);
  });

  test('the person declines in the browser → auth, with what to do', async () => {
    fake = open = await startGoogleFake();
    fake.state.oauth.nextAuthorization = { deny: true };
    const error = await failure(signInWithBrowser(configFor(fake), { openUrl: browser([]) }));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/access_denied.*sign in again/);
  });

  test('a partial grant without the contacts scope → auth, naming the missing permission', async () => {
    fake = open = await startGoogleFake();
    fake.state.oauth.nextAuthorization = { grantScopes: [] };
    const error = await failure(signInWithBrowser(configFor(fake), { openUrl: browser([]) }));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('did not grant access to your contacts');
  });

  test('nobody finishes in the browser: a timeout is auth; an abort is cancelled; the listener closes either way', async () => {
    fake = open = await startGoogleFake();
    const opened: string[] = [];
    const timedOut = await failure(signInWithBrowser(configFor(fake), { openUrl: (url) => void opened.push(url), timeoutMs: 150 }));
    expect(timedOut.kind).toBe('auth');
    expect(timedOut.message).toContain('timed out');
    await expect(fetch(new URL(opened[0]!).searchParams.get('redirect_uri') ?? '')).rejects.toThrow();

    const controller = new AbortController();
    const pending = signInWithBrowser(configFor(fake), { openUrl: () => controller.abort(), signal: controller.signal });
    expect((await failure(pending)).kind).toBe('cancelled');
  });

  test('a stray request to the listener (favicon, a scanner) does not end the flow', async () => {
    fake = open = await startGoogleFake();
    const grant = await signInWithBrowser(configFor(fake), {
      openUrl: async (url) => {
        const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
        expect((await fetch(`${redirect}/favicon.ico`)).status).toBe(404);
        await browser([])(url);
      },
    });
    expect(grant.refreshToken).toBeTruthy();
  });
});

describe('stored grants', () => {
  test('revoked at Google → "Google sign-in expired: sign in again." (verifyGrant and API calls alike)', async () => {
    fake = open = await startGoogleFake({ seed: 1 });
    const grant = await signInWithBrowser(configFor(fake), { openUrl: browser([]) });
    const client = createAuthClient(configFor(fake), grant.refreshToken);
    await verifyGrant(client);
    fake.state.oauth.revokeGrants();
    const error = await failure(verifyGrant(client));
    expect(error).toMatchObject({ kind: 'auth', message: 'Google sign-in expired: sign in again.' });
  });

  test('a refresh token that expired (app in Testing: 7 days) → auth on the next sync', async () => {
    fake = open = await startGoogleFake({ seed: 1, refreshTokenTtlMs: 7 * 24 * 60 * 60 * 1000 });
    const grant = await signInWithBrowser(configFor(fake), { openUrl: browser([]) });
    fake.state.clock.advance(7 * 24 * 60 * 60 * 1000 + 1);
    const source = createGoogleSource({ env: envFor(fake), client: { clientId: fake.clientId, clientSecret: fake.clientSecret }, refreshToken: grant.refreshToken });
    const error = await failure((async () => {
      for await (const _ of source.listChanges(null)) void _;
    })());
    expect(error).toMatchObject({ kind: 'auth', message: 'Google sign-in expired: sign in again.' });
  });

  test('revokeGrant disconnects (and is idempotent); onRefreshToken only hears of a new token', async () => {
    fake = open = await startGoogleFake();
    const grant = await signInWithBrowser(configFor(fake), { openUrl: browser([]) });
    const rotated: string[] = [];
    const client = createAuthClient(configFor(fake), grant.refreshToken, { onRefreshToken: (t) => void rotated.push(t) });
    await verifyGrant(client);
    await client.getAccessToken();
    expect(rotated).toEqual([]);
    await revokeGrant(configFor(fake), grant.refreshToken);
    await revokeGrant(configFor(fake), grant.refreshToken);
    expect((await failure(verifyGrant(createAuthClient(configFor(fake), grant.refreshToken)))).kind).toBe('auth');
  });
});

describe('configuration from the env object', () => {
  test('defaults are Google; each variable overrides one endpoint; revocation follows an overridden token server', () => {
    expect(googleEndpointsFromEnv({})).toEqual({
      apiRoot: 'https://people.googleapis.com/',
      authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      revokeUrl: 'https://oauth2.googleapis.com/revoke',
    });
    expect(googleEndpointsFromEnv({ CONCORD_GOOGLE_API_ROOT: 'http://127.0.0.1:8787', CONCORD_GOOGLE_TOKEN_URL: 'http://127.0.0.1:8787/token', CONCORD_GOOGLE_AUTH_URL: 'http://127.0.0.1:8787/o/oauth2/v2/auth' })).toEqual({
      apiRoot: 'http://127.0.0.1:8787/',
      authUrl: 'http://127.0.0.1:8787/o/oauth2/v2/auth',
      tokenUrl: 'http://127.0.0.1:8787/token',
      revokeUrl: 'http://127.0.0.1:8787/revoke',
    });
  });

  test('an API root with a path is refused (the People client would silently drop the path, §9.3)', () => {
    expect(() => googleEndpointsFromEnv({ CONCORD_GOOGLE_API_ROOT: 'http://127.0.0.1:8787/prefix/' })).toThrow(/origin/);
    expect(() => googleEndpointsFromEnv({ CONCORD_GOOGLE_TOKEN_URL: 'not a url' })).toThrow(/CONCORD_GOOGLE_TOKEN_URL/);
    expect(() => googleConfigFromEnv({}, { clientId: 'id', clientSecret: '' })).toThrow(/secret/);
    expect(googleConfigFromEnv({ CONCORD_GOOGLE_CLIENT_ID: 'other' }, { clientId: 'id', clientSecret: 's' })).toMatchObject({ clientId: 'other', clientSecret: 's' });
  });

  test('only the loopback interface listens during sign-in', async () => {
    fake = open = await startGoogleFake();
    let port = 0;
    const grant = signInWithBrowser(configFor(fake), {
      openUrl: async (url) => {
        port = Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? '').port);
        // Not reachable on another interface address of this host (0.0.0.0 would accept this).
        const other = await new Promise<boolean>((resolve) => {
          const req = http.get({ host: '127.0.0.2', port, path: '/', timeout: 500 }, () => resolve(true));
          req.on('error', () => resolve(false));
          req.on('timeout', () => {
            req.destroy();
            resolve(false);
          });
        });
        expect(other).toBe(false);
        await browser([])(url);
      },
    });
    await grant;
    expect(port).toBeGreaterThan(0);
  });
});
