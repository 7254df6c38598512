// Building a GoogleSource for a stored account: configuration from the env object the host passes
// (config.ts), the authorised client for the stored refresh token (oauth.ts), and the source.
// Invariant: this is the only place that turns an env object into live clients, so the overrides
// CONCORD_GOOGLE_API_ROOT / _TOKEN_URL / _AUTH_URL apply to the API calls and the token refreshes
// alike; the engine reads the refresh token from its SecretStore and passes it in.
import { googleConfigFromEnv } from './config.ts';
import type { Env, GoogleClientCredentials } from './config.ts';
import { GoogleSource } from './google-source.ts';
import type { GoogleSourceOptions } from './google-source.ts';
import { createAuthClient } from './oauth.ts';
import type { AuthClientOptions } from './oauth.ts';

export interface GoogleAccountOptions extends Omit<GoogleSourceOptions, 'auth' | 'apiRoot'>, AuthClientOptions {
  /** The host's environment (process.env in the app, a literal in tests). */
  env: Env;
  /** Concord's built-in Desktop OAuth client, unless the env overrides it. */
  client: GoogleClientCredentials;
  refreshToken: string;
}

export function createGoogleSource(options: GoogleAccountOptions): GoogleSource {
  const { env, client, refreshToken, onRefreshToken, ...tuning } = options;
  const config = googleConfigFromEnv(env, client);
  const auth = createAuthClient(config, refreshToken, onRefreshToken ? { onRefreshToken } : {});
  return new GoogleSource({ ...tuning, auth, apiRoot: config.apiRoot });
}
