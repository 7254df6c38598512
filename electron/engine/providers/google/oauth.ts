// Google sign-in for a desktop app, and the authorised client GoogleSource uses afterwards
// (google-people-api.md §9, §12 items 26–29).
// Flow (signInWithBrowser): a loopback listener on 127.0.0.1 at a random port (loopback.ts); PKCE
// S256 via generateCodeVerifierAsync plus a random `state`; the consent page opened in the system
// browser through the injected `openUrl` (the engine never imports electron: the host passes
// shell.openExternal, the CLI prints or opens the URL, tests fetch it); access_type=offline and
// prompt=consent so Google issues a refresh token every time; the code exchanged with the client
// secret (Google requires it for Desktop clients even with PKCE, §9.1). The refresh token is
// returned; the engine keeps it behind the SecretStore port, never in the database.
// Invariants: the granted scopes must include …/auth/contacts (granular consent can drop it, §9.1);
// a denied consent, a state mismatch, a missing refresh token, a revoked or expired grant
// (invalid_grant, §9.1) all become ProviderError 'auth' with a message a person can act on; token
// objects from the library's 'tokens' event are copied at once, because the library adds the old
// refresh token to that same object after emitting it (oauth2client.js getRequestMetadataAsync).
import { randomBytes } from 'node:crypto';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { Credentials } from 'google-auth-library';
import { ProviderError } from '../types.ts';
import type { GoogleConfig } from './config.ts';
import { describeFailure, signInAgain, toProviderError } from './failure.ts';
import { startLoopback } from './loopback.ts';

export const contactsScope = 'https://www.googleapis.com/auth/contacts';

export interface GoogleGrant {
  refreshToken: string;
  accessToken: string | null;
  /** ms epoch when the access token expires. */
  expiryDate: number | null;
  scopes: string[];
}

export interface SignInOptions {
  /** Opens the consent URL in the system browser (host-provided). */
  openUrl: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  /** How long to wait for the person to finish in the browser (default 5 minutes). */
  timeoutMs?: number;
}

/** An OAuth2Client for `config`'s endpoints; `redirectUri` only for the sign-in itself. */
export function oauthClient(config: GoogleConfig, redirectUri?: string): OAuth2Client {
  return new OAuth2Client({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ...(redirectUri ? { redirectUri } : {}),
    endpoints: {
      oauth2AuthBaseUrl: config.authUrl,
      oauth2TokenUrl: config.tokenUrl,
      oauth2RevokeUrl: config.revokeUrl,
      tokenInfoUrl: new URL('/tokeninfo', config.tokenUrl).toString(),
    },
    // Refresh and replay once on a 401 even though expiry_date is known (§8.3): an access token can
    // die before its time (revocation, password change, the fake's expireAccessTokens()).
    forceRefreshOnFailure: true,
  });
}

function authError(message: string, cause?: unknown): ProviderError {
  return new ProviderError('auth', message, cause === undefined ? {} : { cause });
}

export async function signInWithBrowser(config: GoogleConfig, options: SignInOptions): Promise<GoogleGrant> {
  const listener = await startLoopback({ timeoutMs: options.timeoutMs ?? 5 * 60_000, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    const client = oauthClient(config, listener.redirectUri);
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const state = randomBytes(24).toString('base64url');
    const url = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: [contactsScope],
      state,
      code_challenge_method: CodeChallengeMethod.S256,
      code_challenge: codeChallenge,
    });
    // The browser may finish before openUrl resolves (or openUrl may never resolve): wait for both.
    const [callback] = await Promise.all([
      listener.callback.catch((reason: unknown) => {
        if (options.signal?.aborted) throw new ProviderError('cancelled', 'Google sign-in was cancelled.', { cause: reason });
        throw authError('Google sign-in timed out: sign in again and finish in the browser.', reason);
      }),
      Promise.resolve(options.openUrl(url)),
    ]);
    if (callback.searchParams.get('state') !== state) throw authError('Google sign-in answered for another request: sign in again.');
    const denied = callback.searchParams.get('error');
    if (denied !== null) throw authError(`Google sign-in was not completed (${denied}): sign in again and allow Concord access to your contacts.`);
    const code = callback.searchParams.get('code');
    if (!code) throw authError('Google sign-in returned no authorization code: sign in again.');

    let tokens: Credentials;
    try {
      ({ tokens } = await client.getToken({ code, codeVerifier, redirect_uri: listener.redirectUri }));
    } catch (error) {
      throw toProviderError(describeFailure(error, Date.now(), options.signal), error);
    }
    const scopes = (tokens.scope ?? callback.searchParams.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (!scopes.includes(contactsScope)) {
      throw authError('Google sign-in did not grant access to your contacts: sign in again and tick "See, edit, download and delete your contacts".');
    }
    if (!tokens.refresh_token) throw authError('Google did not issue a refresh token: sign in again.');
    return { refreshToken: tokens.refresh_token, accessToken: tokens.access_token ?? null, expiryDate: tokens.expiry_date ?? null, scopes };
  } finally {
    await listener.close();
  }
}

export interface AuthClientOptions {
  /** Called when Google rotates the refresh token (rare); store it through the SecretStore port. */
  onRefreshToken?: (refreshToken: string) => void | Promise<void>;
}

/** The authorised client for a stored grant: refreshes access tokens silently before they expire. */
export function createAuthClient(config: GoogleConfig, refreshToken: string, options: AuthClientOptions = {}): OAuth2Client {
  const client = oauthClient(config);
  client.setCredentials({ refresh_token: refreshToken });
  let current = refreshToken;
  client.on('tokens', (event: Credentials) => {
    const tokens = { ...event }; // copy now: the library mutates this object after emitting it
    if (tokens.refresh_token && tokens.refresh_token !== current) {
      current = tokens.refresh_token;
      void Promise.resolve(options.onRefreshToken?.(current)).catch(() => undefined);
    }
  });
  return client;
}

/**
 * Checks that the grant still works by refreshing the access token now. A revoked or expired grant
 * (invalid_grant) is ProviderError 'auth' "Google sign-in expired: sign in again."
 */
export async function verifyGrant(client: OAuth2Client): Promise<void> {
  try {
    await client.refreshAccessToken();
  } catch (error) {
    const mapped = toProviderError(describeFailure(error, Date.now()), error);
    throw mapped.kind === 'rejected' ? authError(signInAgain, error) : mapped;
  }
}

/** Disconnects: revokes the grant at Google (both tokens die, §11 item 58). */
export async function revokeGrant(config: GoogleConfig, refreshToken: string): Promise<void> {
  try {
    await oauthClient(config).revokeToken(refreshToken);
  } catch (error) {
    const f = describeFailure(error, Date.now());
    // Already revoked or expired: the goal is reached.
    if (f.httpStatus === 400 && (f.oauthError === 'invalid_token' || f.oauthError === 'invalid_grant')) return;
    throw toProviderError(f, error);
  }
}
