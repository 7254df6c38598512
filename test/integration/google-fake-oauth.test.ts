// The Google fake's OAuth endpoints, driven by the real google-auth-library OAuth2Client (doc §9, §11 55–58)
// and the real @googleapis/people client for the 401 paths (§8.3 "Auth interplay").
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { connect, consent, oauthClientFor, peopleApi } from '../support/google-fake/client.ts';
import { clientError } from '../support/google-fake/errors-of.ts';
import type { OAuthErrorBody } from '../support/google-fake/errors-of.ts';
import { CONTACTS_READONLY_SCOPE, CONTACTS_SCOPE } from '../support/google-fake/oauth.ts';

const LIST = { resourceName: 'people/me', personFields: 'names,metadata' } as const;

let fake: GoogleFake;
beforeEach(async () => {
  fake = await startGoogleFake({ seed: 2 });
});
afterEach(async () => {
  await fake.close();
});

describe('authorization code flow with PKCE (desktop app)', () => {
  test('consent redirects to the loopback URI with code, state and scope; the exchange returns Google-shaped tokens', async () => {
    const { tokens, callback, api } = await connect(fake);
    expect(callback.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(callback.searchParams.get('code')).toMatch(/^4\/0A/);
    expect(callback.searchParams.get('scope')).toBe(CONTACTS_SCOPE);
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\/0/);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toBe(CONTACTS_SCOPE);
    // google-auth-library converts expires_in (3599) into expiry_date.
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 3_500_000);
    const res = await api.people.connections.list(LIST);
    expect(res.data.connections).toHaveLength(2);
  });

  test('the auth URL the library builds carries exactly Google\'s parameters', async () => {
    let seen: URLSearchParams | undefined;
    await consent(async (redirectUri) => {
      const auth = oauthClientFor(fake, redirectUri);
      const { codeChallenge } = await auth.generateCodeVerifierAsync();
      const url = auth.generateAuthUrl({
        access_type: 'offline', prompt: 'consent', state: 's1', scope: [CONTACTS_SCOPE],
        code_challenge_method: CodeChallengeMethod.S256, code_challenge: codeChallenge,
      });
      seen = new URL(url).searchParams;
      expect(url.startsWith(fake.authUrl)).toBe(true);
      return url;
    });
    expect(Object.fromEntries(seen ?? [])).toMatchObject({
      access_type: 'offline', prompt: 'consent', scope: CONTACTS_SCOPE, code_challenge_method: 'S256',
      state: 's1', response_type: 'code', client_id: fake.clientId,
    });
    expect(seen?.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('the token exchange without client_secret fails: 400 invalid_request "client_secret is missing."', async () => {
    let verifier = '';
    let redirect = '';
    const callback = await consent(async (redirectUri) => {
      redirect = redirectUri;
      const auth = oauthClientFor(fake, redirectUri);
      const pkce = await auth.generateCodeVerifierAsync();
      verifier = pkce.codeVerifier;
      return auth.generateAuthUrl({ scope: [CONTACTS_SCOPE], code_challenge_method: CodeChallengeMethod.S256, code_challenge: pkce.codeChallenge });
    });
    const code = callback.searchParams.get('code') ?? '';
    // A desktop client configured without its secret (PKCE alone is not enough for Google, §9.1).
    const noSecret = new OAuth2Client({ clientId: fake.clientId, redirectUri: redirect, endpoints: { oauth2TokenUrl: fake.tokenUrl } });
    const err = await clientError<OAuthErrorBody>(noSecret.getToken({ code, codeVerifier: verifier }));
    expect(err.response?.status).toBe(400);
    expect(err.response?.data).toEqual({ error: 'invalid_request', error_description: 'client_secret is missing.' });
    expect(err.message).toBe('invalid_request');
  });

  test('PKCE: a wrong verifier is invalid_grant, and a code works only once', async () => {
    let auth = oauthClientFor(fake, 'http://127.0.0.1:1');
    let verifier = '';
    const callback = await consent(async (redirectUri) => {
      auth = oauthClientFor(fake, redirectUri);
      const pkce = await auth.generateCodeVerifierAsync();
      verifier = pkce.codeVerifier;
      return auth.generateAuthUrl({ scope: [CONTACTS_SCOPE], code_challenge_method: CodeChallengeMethod.S256, code_challenge: pkce.codeChallenge });
    });
    const code = callback.searchParams.get('code') ?? '';
    const wrong = await clientError<OAuthErrorBody>(auth.getToken({ code, codeVerifier: `${verifier.slice(0, -1)}x` }));
    expect(wrong.response?.data).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    // The failed attempt consumed the code (single use).
    const again = await clientError<OAuthErrorBody>(auth.getToken({ code, codeVerifier: verifier }));
    expect(again.response?.data.error).toBe('invalid_grant');
  });

  test('the user denying consent comes back as error=access_denied with the state', async () => {
    fake.state.oauth.nextAuthorization = { deny: true };
    await expect(connect(fake)).rejects.toThrow(/consent failed: .*error=access_denied/);
  });

  test('partial grant: the granted scope is reported, and a read-only token cannot write (403 PERMISSION_DENIED)', async () => {
    fake.state.oauth.nextAuthorization = { grantScopes: [CONTACTS_READONLY_SCOPE] };
    const { tokens, api } = await connect(fake, { scopes: [CONTACTS_SCOPE, CONTACTS_READONLY_SCOPE] });
    expect(tokens.scope).toBe(CONTACTS_READONLY_SCOPE);
    await api.people.connections.list(LIST);
    const err = await clientError(api.people.createContact({ requestBody: { names: [{ givenName: 'X' }] } }));
    expect(err.status).toBe(403);
    expect(err.response?.data.error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED', message: 'Request had insufficient authentication scopes.' });
    expect(err.response?.data.error.details?.[0]?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    expect(err.response?.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  test('a second authorisation without prompt=consent issues no new refresh token', async () => {
    await connect(fake);
    const second = await connect(fake, { prompt: null });
    expect(second.tokens.refresh_token).toBeUndefined();
    expect(second.tokens.access_token).toMatch(/^ya29\./);
  });
});

describe('bearer tokens on the People API', () => {
  test('no Authorization header → 401 UNAUTHENTICATED in Google\'s shape', async () => {
    const res = await fetch(`${fake.url}/v1/people/me/connections?personFields=names`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const body = (await res.json()) as { error: { code: number; status: string; message: string; details: { reason: string }[] } };
    expect(body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    expect(body.error.message).toMatch(/^Request is missing required authentication credential/);
    expect(body.error.details[0]?.reason).toBe('CREDENTIALS_MISSING');
  });

  test('expired access token with a known expiry_date: the client does NOT refresh on 401 (it surfaces the error)', async () => {
    const { api } = await connect(fake);
    fake.state.oauth.expireAccessTokens();
    const tokenCalls = fake.state.counters.get('oauth.token');
    const err = await clientError(api.people.connections.list(LIST));
    expect(err.status).toBe(401);
    expect(err.code).toBe(401);
    expect(err.response?.data.error.status).toBe('UNAUTHENTICATED');
    expect(err.response?.data.error.message).toMatch(/^Request had invalid authentication credentials\./);
    expect(err.response?.data.error.details?.[0]?.reason).toBe('ACCESS_TOKEN_EXPIRED');
    expect(fake.state.counters.get('oauth.token')).toBe(tokenCalls);
    // 401 is not in gaxios' retry list either: one request.
    expect(fake.state.counters.get('people.connections.list')).toBe(1);
  });

  test('token refresh on 401 with forceRefreshOnFailure: refresh once, replay, succeed', async () => {
    const { api, auth } = await connect(fake, { forceRefreshOnFailure: true });
    const refreshed: unknown[] = [];
    auth.on('tokens', (t) => refreshed.push(t));
    fake.state.oauth.expireAccessTokens();
    const res = await api.people.connections.list(LIST);
    expect(res.data.connections).toHaveLength(2);
    expect(fake.state.counters.get('people.connections.list')).toBe(2); // the 401, then the replay
    expect(refreshed).toHaveLength(1);
    // The refresh response carries no refresh token; the client keeps the old one.
    expect(auth.credentials.refresh_token).toMatch(/^1\/\/0/);
  });

  test('the refresh_token grant on the wire: new access token, no new refresh token', async () => {
    const { tokens } = await connect(fake);
    const res = await fetch(fake.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', client_id: fake.clientId, client_secret: fake.clientSecret }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(body.expires_in).toBe(3599);
  });

  test('token refresh on 401 when the stored credentials carry no expiry_date', async () => {
    const { auth, tokens } = await connect(fake);
    auth.setCredentials({ access_token: tokens.access_token, refresh_token: tokens.refresh_token });
    fake.state.oauth.expireAccessTokens();
    const res = await peopleApi(fake, auth).people.connections.list(LIST);
    expect(res.status).toBe(200);
    expect(fake.state.counters.get('people.connections.list')).toBe(2);
  });

  test('short-lived access tokens are refreshed eagerly before the call (5-minute threshold)', async () => {
    fake.state.oauth.accessTokenTtlSeconds = 120;
    const { api } = await connect(fake);
    const before = fake.state.counters.get('oauth.token');
    await api.people.connections.list(LIST);
    await api.people.connections.list(LIST);
    expect(fake.state.counters.get('oauth.token') - before).toBe(2);
    expect(fake.state.counters.get('people.connections.list')).toBe(2);
  });

  test('a revoked grant: refresh → 400 invalid_grant "Token has been expired or revoked."', async () => {
    const { auth } = await connect(fake);
    fake.state.oauth.revokeGrants();
    const err = await clientError<OAuthErrorBody>(auth.refreshAccessToken());
    expect(err.response?.status).toBe(400);
    expect(err.response?.data).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect(err.message).toBe('invalid_grant');
    // Through the API client with forced refresh the same invalid_grant surfaces from the API call.
    const forced = await connect(fake, { forceRefreshOnFailure: true });
    fake.state.oauth.revokeGrants();
    const apiErr = await clientError<OAuthErrorBody>(forced.api.people.connections.list(LIST));
    expect(apiErr.response?.data.error).toBe('invalid_grant');
  });

  test('refresh tokens of an app in "Testing" status die after 7 days', async () => {
    fake.state.oauth.refreshTokenTtlMs = 7 * 24 * 3600_000;
    const { auth } = await connect(fake);
    fake.state.clock.advance(7 * 24 * 3600_000 + 1);
    const err = await clientError<OAuthErrorBody>(auth.refreshAccessToken());
    expect(err.response?.data.error).toBe('invalid_grant');
  });

  test('revokeCredentials() revokes the grant: the access token stops working', async () => {
    const { auth, tokens } = await connect(fake);
    await auth.revokeCredentials();
    const res = await fetch(`${fake.url}/v1/people/me/connections?personFields=names`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(401);
    auth.setCredentials({ refresh_token: tokens.refresh_token });
    expect((await clientError<OAuthErrorBody>(auth.refreshAccessToken())).response?.data.error).toBe('invalid_grant');
  });

  test('getTokenInfo reports scope and expiry', async () => {
    const { auth, tokens } = await connect(fake);
    const info = await auth.getTokenInfo(tokens.access_token ?? '');
    expect(info.scopes).toEqual([CONTACTS_SCOPE]);
    expect(info.aud).toBe(fake.clientId);
    expect(info.expiry_date).toBeGreaterThan(Date.now());
  });
});
