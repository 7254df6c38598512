// Test helper: the REAL google-auth-library OAuth2Client and @googleapis/people client, pointed at a fake
// and authorised through the fake's consent endpoint exactly as a desktop app does it (doc §9.2): loopback
// server on 127.0.0.1:<ephemeral>, PKCE S256, random state, access_type=offline, prompt=consent, token
// exchange with the client secret. Nothing in the client libraries is mocked.
// Invariant: the loopback server is closed after its one callback (or on failure).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { Credentials } from 'google-auth-library';
import { people } from '@googleapis/people';
import type { people_v1 } from '@googleapis/people';
import type { GoogleFake } from './index.ts';
import { CONTACTS_SCOPE } from './oauth.ts';

export interface ConnectOptions {
  scopes?: string[];
  /** Default 'consent'; null omits prompt (a repeat authorisation then gets no refresh token, §9.1). */
  prompt?: 'consent' | 'none' | null;
  /** google-auth-library: refresh and replay once on 401/403 even when expiry_date is known (§8.3). */
  forceRefreshOnFailure?: boolean;
  eagerRefreshThresholdMillis?: number;
}

export interface Connected {
  auth: OAuth2Client;
  api: people_v1.People;
  tokens: Credentials;
  /** The redirect the consent endpoint sent the browser to (code, state, scope or error). */
  callback: URL;
}

/** An OAuth2Client configured with the fake's endpoints (option names of google-auth-library 11). */
export function oauthClientFor(fake: GoogleFake, redirectUri: string, opts: ConnectOptions = {}): OAuth2Client {
  return new OAuth2Client({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: fake.authUrl,
      oauth2TokenUrl: fake.tokenUrl,
      oauth2RevokeUrl: fake.revokeUrl,
      tokenInfoUrl: fake.tokenInfoUrl,
    },
    ...(opts.forceRefreshOnFailure !== undefined ? { forceRefreshOnFailure: opts.forceRefreshOnFailure } : {}),
    ...(opts.eagerRefreshThresholdMillis !== undefined ? { eagerRefreshThresholdMillis: opts.eagerRefreshThresholdMillis } : {}),
  });
}

export function peopleApi(fake: GoogleFake, auth: OAuth2Client): people_v1.People {
  return people({ version: 'v1', auth, rootUrl: fake.rootUrl });
}

/** Runs the browser part of the flow: opens the consent URL, returns what reached the loopback server. */
export async function consent(authUrlFor: (redirectUri: string) => Promise<string>): Promise<URL> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  try {
    const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const received = new Promise<URL>((resolve) => {
      server.on('request', (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>You can close this window.</p>');
        resolve(new URL(req.url ?? '/', redirectUri));
      });
    });
    // The "browser": follows the fake's 302 to the loopback server.
    const response = await fetch(await authUrlFor(redirectUri));
    await response.text();
    if (!response.ok) throw new Error(`consent page answered ${response.status}`);
    return await received;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Full desktop-app authorisation against the fake; returns authorised real clients. */
export async function connect(fake: GoogleFake, opts: ConnectOptions = {}): Promise<Connected> {
  const state = randomBytes(16).toString('hex');
  let auth: OAuth2Client | undefined;
  let codeVerifier = '';
  const prompt = opts.prompt === undefined ? 'consent' : opts.prompt;
  const callback = await consent(async (redirectUri) => {
    auth = oauthClientFor(fake, redirectUri, opts);
    const pkce = await auth.generateCodeVerifierAsync();
    codeVerifier = pkce.codeVerifier;
    return auth.generateAuthUrl({
      access_type: 'offline',
      ...(prompt ? { prompt } : {}),
      scope: opts.scopes ?? [CONTACTS_SCOPE],
      state,
      code_challenge_method: CodeChallengeMethod.S256,
      code_challenge: pkce.codeChallenge,
    });
  });
  if (!auth) throw new Error('connect: no OAuth2Client');
  if (callback.searchParams.get('state') !== state) throw new Error('connect: state mismatch');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`connect: consent failed: ${callback.search}`);
  const { tokens } = await auth.getToken({ code, codeVerifier });
  auth.setCredentials(tokens);
  return { auth, api: peopleApi(fake, auth), tokens, callback };
}
