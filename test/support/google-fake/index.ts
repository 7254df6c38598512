// startGoogleFake(): a faithful local stand-in for the Google People API v1 and Google's OAuth endpoints,
// on 127.0.0.1 with a random port, for tests and manual runs (doc /work/shared/docs/google-people-api.md).
// Invariants: node:http only; one fake = one Google account with its own in-memory state; the People API is
// served at the host root (`/v1/...`, §9.3: googleapis drops any path prefix of rootUrl); close() ends every
// open connection so no socket outlives the fake.
//
// Point the real clients at it:
//   new OAuth2Client({ clientId, clientSecret, redirectUri, endpoints: { oauth2AuthBaseUrl: fake.authUrl,
//     oauth2TokenUrl: fake.tokenUrl, oauth2RevokeUrl: fake.revokeUrl, tokenInfoUrl: fake.tokenInfoUrl } })
//   people({ version: 'v1', auth: oauth2Client, rootUrl: fake.rootUrl })

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock } from './clock.ts';
import type { PersonJson } from './contact-input.ts';
import type { Faults } from './faults.ts';
import { readBody, sendHtml, sendJson } from './http.ts';
import { Quotas } from './quotas.ts';
import type { Bucket } from './quotas.ts';
import { dispatchApi } from './router.ts';
import { ROUTES } from './routes.ts';
import { servePhoto } from './routes-photos.ts';
import { FakeState } from './state.ts';

export type { FakeState } from './state.ts';
export type { PersonJson } from './contact-input.ts';
export type { Bucket } from './quotas.ts';
export { CONTACTS_READONLY_SCOPE, CONTACTS_SCOPE } from './oauth.ts';

type FaultKnobs = Omit<Faults, 'failNext' | 'expireSyncTokens' | 'clearFailures' | 'takeFailure'>;

export interface GoogleFakeOptions {
  /** Contacts present before the test: a count (generated) or createContact-style Person bodies. */
  seed?: number | PersonJson[];
  /** Start the fake clock at this epoch time (default: now). */
  startTimeMs?: number;
  /** Per-bucket limit overrides, or false to switch quotas off (default on, §7.2 numbers). */
  quotas?: false | Partial<Record<Bucket, number>>;
  /** Initial values of fault knobs (all can also be changed later on fake.state.faults). */
  faults?: Partial<FaultKnobs>;
  /** Access-token lifetime in seconds (default 3599, as Google). */
  accessTokenTtlSeconds?: number;
  /** Refresh-token lifetime in ms (default unlimited; 7 days = an app in "Testing" status). */
  refreshTokenTtlMs?: number;
  /** Fixed port (manual runs); default a random free port. */
  port?: number;
}

export interface GoogleFake {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `http://127.0.0.1:PORT/` — the `rootUrl` for googleapis clients. */
  rootUrl: string;
  tokenUrl: string;
  authUrl: string;
  revokeUrl: string;
  tokenInfoUrl: string;
  clientId: string;
  clientSecret: string;
  state: FakeState;
  close(): Promise<void>;
}

export async function startGoogleFake(options: GoogleFakeOptions = {}): Promise<GoogleFake> {
  const clock = createClock(options.startTimeMs);
  const quotas = new Quotas(clock, options.quotas === false ? {} : options.quotas);
  if (options.quotas === false) quotas.enabled = false;
  const state = new FakeState(clock, quotas);
  Object.assign(state.faults, options.faults ?? {});
  if (options.accessTokenTtlSeconds !== undefined) state.oauth.accessTokenTtlSeconds = options.accessTokenTtlSeconds;
  if (options.refreshTokenTtlMs !== undefined) state.oauth.refreshTokenTtlMs = options.refreshTokenTtlMs;

  const server = http.createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      console.error('google-fake: internal error', error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1' }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  state.baseUrl = url;
  if (options.seed !== undefined) state.seed(options.seed);

  return {
    url,
    rootUrl: `${url}/`,
    tokenUrl: `${url}/token`,
    authUrl: `${url}/o/oauth2/v2/auth`,
    revokeUrl: `${url}/revoke`,
    tokenInfoUrl: `${url}/tokeninfo`,
    clientId: state.oauth.clientId,
    clientSecret: state.oauth.clientSecret,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(state: FakeState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', state.baseUrl);
  const route = `${req.method} ${url.pathname}`;
  if (url.pathname.startsWith('/v1/')) return dispatchApi(ROUTES, state, req, res, url, body);
  if (route === 'GET /o/oauth2/v2/auth') {
    state.counters.count('oauth.authorize');
    return state.oauth.authorize(url, res);
  }
  if (route === 'POST /token') {
    state.counters.count('oauth.token');
    return state.oauth.token(req, body, res);
  }
  if (route === 'POST /revoke') {
    state.counters.count('oauth.revoke');
    return state.oauth.revoke(req, url, body, res);
  }
  if (route === 'GET /tokeninfo' || route === 'POST /tokeninfo') {
    state.counters.count('oauth.tokeninfo');
    return state.oauth.tokenInfo(req, url, body, res);
  }
  if (req.method === 'GET' && url.pathname.startsWith('/photos/')) return servePhoto(state, url.pathname, res);
  sendHtml(res, 404, 'Error 404 (Not Found)', `The requested URL ${url.pathname} was not found on this server.`);
}
