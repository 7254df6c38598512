// Where Concord's Google account talks to: the People API root, Google's OAuth endpoints and the
// desktop OAuth client. Read once, where the source is constructed, from an env object the host
// passes in (never process.env deep inside), so tests and `npm run google-fake` can point a real
// build at the local fake (google-people-api.md §9.3).
// Invariants: the API root is an origin only — the People client rewrites every call as
// `new URL('/v1/…', rootUrl)` and silently drops any path prefix (§9.3), so a prefix is refused
// here instead of being ignored; every URL is absolute http(s); the client secret travels with the
// id because Google's token endpoint requires it for Desktop clients even with PKCE (§9.1).

export interface GoogleEndpoints {
  /** Origin of the People API, ending in '/': 'https://people.googleapis.com/'. */
  apiRoot: string;
  /** Consent page (§9.2 default https://accounts.google.com/o/oauth2/v2/auth). */
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
}

export interface GoogleClientCredentials {
  clientId: string;
  /** Not a secret for installed apps (§9.1), but required by the token endpoint. */
  clientSecret: string;
}

export interface GoogleConfig extends GoogleEndpoints, GoogleClientCredentials {}

export const googleDefaults: GoogleEndpoints = {
  apiRoot: 'https://people.googleapis.com/',
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
};

/** The environment variables this module reads (documented for the host and the README). */
export const googleEnvVars = {
  apiRoot: 'CONCORD_GOOGLE_API_ROOT',
  tokenUrl: 'CONCORD_GOOGLE_TOKEN_URL',
  authUrl: 'CONCORD_GOOGLE_AUTH_URL',
  revokeUrl: 'CONCORD_GOOGLE_REVOKE_URL',
  clientId: 'CONCORD_GOOGLE_CLIENT_ID',
  clientSecret: 'CONCORD_GOOGLE_CLIENT_SECRET',
} as const;

export type Env = Readonly<Record<string, string | undefined>>;

function absoluteUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL: ${value}`);
  return url;
}

/** The API root as the People client needs it: an origin with a trailing slash (§9.3). */
export function apiRootOf(value: string, name: string = googleEnvVars.apiRoot): string {
  const url = absoluteUrl(name, value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`${name} must be an origin such as http://127.0.0.1:8787/ — the People client drops any path (${value})`);
  }
  return `${url.origin}/`;
}

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

/**
 * Endpoints from `env`, each variable overriding Google's default. When only the token URL is
 * overridden, revocation goes to the same server's /revoke, so a test setup never revokes at Google.
 */
export function googleEndpointsFromEnv(env: Env): GoogleEndpoints {
  const apiRoot = nonEmpty(env[googleEnvVars.apiRoot]);
  const tokenUrl = nonEmpty(env[googleEnvVars.tokenUrl]);
  const authUrl = nonEmpty(env[googleEnvVars.authUrl]);
  const revokeUrl = nonEmpty(env[googleEnvVars.revokeUrl]);
  return {
    apiRoot: apiRoot === undefined ? googleDefaults.apiRoot : apiRootOf(apiRoot),
    authUrl: authUrl === undefined ? googleDefaults.authUrl : absoluteUrl(googleEnvVars.authUrl, authUrl).toString(),
    tokenUrl: tokenUrl === undefined ? googleDefaults.tokenUrl : absoluteUrl(googleEnvVars.tokenUrl, tokenUrl).toString(),
    revokeUrl:
      revokeUrl !== undefined
        ? absoluteUrl(googleEnvVars.revokeUrl, revokeUrl).toString()
        : tokenUrl !== undefined
          ? new URL('/revoke', absoluteUrl(googleEnvVars.tokenUrl, tokenUrl)).toString()
          : googleDefaults.revokeUrl,
  };
}

/**
 * The full configuration: endpoints from `env`, the OAuth client from `client` (the app's built-in
 * Desktop client) unless CONCORD_GOOGLE_CLIENT_ID / _SECRET override it.
 */
export function googleConfigFromEnv(env: Env, client: GoogleClientCredentials): GoogleConfig {
  const clientId = nonEmpty(env[googleEnvVars.clientId]) ?? client.clientId;
  const clientSecret = nonEmpty(env[googleEnvVars.clientSecret]) ?? client.clientSecret;
  if (!clientId) throw new Error('No Google OAuth client id configured.');
  if (!clientSecret) throw new Error('No Google OAuth client secret configured (Google requires it for desktop apps).');
  return { ...googleEndpointsFromEnv(env), clientId, clientSecret };
}
