// The source factories a host gives the engine: how each kind of account is reached. Google uses
// the stored OAuth grant; CardDAV and iCloud arrive with their provider. The engine asks here;
// the host chooses the environment (endpoint overrides for tests and self-hosting).
import { ConcordError } from '../../../shared/api/errors.ts';
import { groupNamesInUse } from '../db/repos/contacts.ts';
import { personCodec } from '../sync/codecs/person.ts';
import type { SourceFactories, SourceFactory } from '../sync/sources.ts';
import { createGoogleSource } from './google/index.ts';
import type { GoogleSource } from './google/index.ts';
import type { Env, GoogleClientCredentials } from './google/index.ts';

/** What the SecretStore holds for a Google account: the OAuth client and the user's grant. */
export interface GoogleSecret extends GoogleClientCredentials {
  refreshToken: string;
}

export function parseGoogleSecret(secret: string | null): GoogleSecret {
  try {
    const value = JSON.parse(secret ?? '') as Partial<GoogleSecret>;
    if (typeof value.clientId === 'string' && typeof value.clientSecret === 'string' && typeof value.refreshToken === 'string') {
      return { clientId: value.clientId, clientSecret: value.clientSecret, refreshToken: value.refreshToken };
    }
  } catch {
    // fall through
  }
  throw new ConcordError('AUTH_REQUIRED', 'This Google account is not signed in: sign in again.');
}

/**
 * One GoogleSource per account for the life of the process: its write queue, recent-write overlay
 * and in-doubt creates must outlive a single run (providers/google explains why).
 */
export function googleFactory(env: Env): SourceFactory {
  const live = new Map<string, { secret: string; source: GoogleSource }>();
  return async (account, secret, { db }) => {
    const { refreshToken, ...client } = parseGoogleSecret(secret);
    let entry = live.get(account.id);
    if (!entry || entry.secret !== secret) live.set(account.id, (entry = { secret: secret!, source: createGoogleSource({ env, client, refreshToken }) }));
    const { source } = entry;
    // Labels must exist in Google before a contact can be put in them.
    const groups = await source.ensureGroups(groupNamesInUse(db));
    return { source, codec: personCodec(groups) };
  };
}

export function defaultSourceFactories(env: Env): SourceFactories {
  return { google: googleFactory(env) };
}
