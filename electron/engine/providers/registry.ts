// The source factories a host gives the engine: how each kind of account is reached. Google uses
// the stored OAuth grant, CardDAV and iCloud the stored password. The engine asks here; the host
// chooses the environment (endpoint overrides for tests and self-hosting).
// Sources live for the process (one per account): discovery runs once, so a poll with nothing new
// costs one request per address book, and a provider's in-memory state outlives a run. Each
// provider (and its client library: googleapis, tsdav, ~20 MB each) is loaded when the first account
// of its kind syncs, so a sync of CardDAV accounts never loads Google's client, nor the reverse.
import { ConcordError } from '../../../shared/api/errors.ts';
import { groupNamesInUse } from '../db/repos/contacts.ts';
import { listRecords } from '../db/repos/records.ts';
import { etagsByRemoteId } from '../db/repos/sync.ts';
import type { ImagePort } from '../ports.ts';
import { personCodec } from '../sync/codecs/person.ts';
import { vcardCodec } from '../sync/codecs/vcard.ts';
import { folderSourceFactory } from './folder/index.ts';
import type { DiscoveredAddressBook } from './carddav/index.ts';
import type { SourceFactories, SourceFactory } from '../sync/sources.ts';
import type { ContactSource } from './types.ts';
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
    if (!entry || entry.secret !== secret) {
      const { createGoogleSource } = await import('./google/index.ts');
      live.set(account.id, (entry = { secret: secret!, source: createGoogleSource({ env, client, refreshToken }) }));
    }
    const { source } = entry;
    // Labels must exist in Google before a contact can be put in them.
    const groups = await source.ensureGroups(groupNamesInUse(db));
    return { source, codec: personCodec(groups) };
  };
}

/** Picks the address book the account's URL names, else the first one discovered. */
function chooseAddressBook(url: string, books: DiscoveredAddressBook[]): DiscoveredAddressBook | undefined {
  const wanted = url.replace(/\/?$/, '/');
  return books.find((b) => b.url === wanted) ?? books[0];
}

export function carddavFactory(host: { images?: ImagePort } = {}): SourceFactory {
  const live = new Map<string, { secret: string; groupsMode: string; source: ContactSource }>();
  return async (account, secret, { db }) => {
    if (!secret) throw new ConcordError('AUTH_REQUIRED', `${account.name} has no password stored: add the account again.`);
    let entry = live.get(account.id);
    const groupsMode = account.settings.groupsMode;
    if (!entry || entry.secret !== secret || entry.groupsMode !== groupsMode) {
      const { accountCardDavSource, discoverAddressBooks } = await import('./carddav/index.ts');
      const icloud = account.kind === 'icloud';
      const url = account.settings.url ?? '';
      const username = account.settings.username ?? '';
      const found = await discoverAddressBooks({ url, username, password: secret, icloud });
      const book = chooseAddressBook(url, found.addressBooks);
      if (!book) throw new ConcordError('PROVIDER_ERROR', `No address book was found at ${url} for ${username}.`);
      const source = accountCardDavSource({
        groupsMode,
        images: host.images,
        stored: () => new Map(listRecords(db, account.id).map((r) => [r.remoteId, { etag: r.etag ?? '', payload: r.raw }])),
        url: book.url,
        username,
        password: secret,
        icloud,
        trustedHosts: found.trustedHosts,
        supportsSyncCollection: book.supportsSyncCollection,
        knownEtags: () => etagsByRemoteId(db, account.id),
      });
      live.set(account.id, (entry = { secret, groupsMode, source }));
    }
    // iCloud accepts only vCard 3.0 (carddav-icloud.md §4); it is also what Xandikos advertises.
    return { source: entry.source, codec: vcardCodec({ version: '3.0', db }) };
  };
}

/** `host.images`: the host's image port (Electron: nativeImage), for photos over iCloud's limit. */
export function defaultSourceFactories(env: Env, host: { images?: ImagePort } = {}): SourceFactories {
  const carddav = carddavFactory(host);
  return { google: googleFactory(env), carddav, icloud: carddav, folder: folderSourceFactory };
}
