// Which members of an address book to fetch, which are gone, and the cursor to store afterwards —
// one "plan" per listChanges call; CardDavSource then fetches the bodies with multiget.
// Two read paths (carddav-icloud.md §2):
// - sync-collection (RFC 6578), looping while the server truncates with 507 (§3.6);
// - getctag + PROPFIND Depth 1 (§2.6) for servers without it: the ctag answers "anything changed?"
//   in one request, the etag listing is diffed against the etags the engine holds (knownEtags).
// Invariants: a poll with nothing new costs one request (a sync-collection with no entries, or a
// Depth-0 PROPFIND whose ctag matches); a full listing reports no deletions (RFC 6578 §3.4 — Radicale
// reports removed items anyway, §2.2) and ignores the collection itself and non-members; a refused
// token is `cursor-invalid` (403/409/412 with DAV:valid-sync-token; Xandikos 0.2.8's bare 500, §2.3).
import { ProviderError } from '../types.ts';
import type { CardDavCursor } from './cursor.ts';
import { DavHttpError, httpFailure } from './http-errors.ts';
import { isMember } from './hrefs.ts';
import { containsElement, propfindRequest, syncCollectionRequest, text } from './multistatus.ts';
import type { DavEntry } from './multistatus.ts';
import type { DavTransport } from './transport.ts';

export interface ListingEnv {
  transport: DavTransport;
  /** Collection URL (ends in '/'). */
  url: string;
  /** Its canonical path. */
  collection: string;
  icloud: boolean;
  signal?: AbortSignal;
  knownEtags?: () => Promise<ReadonlyMap<string, string>> | ReadonlyMap<string, string>;
}

export interface ListingPlan {
  /** Members whose bodies to fetch, in server order. */
  fetch: string[];
  /** Ids deleted since the cursor (always empty for a full listing). */
  deleted: string[];
  cursor: CardDavCursor;
  /** The etag the listing gave for each member in `fetch`, where it gave one. */
  etags: Map<string, string>;
}

export interface Capabilities {
  syncCollection: boolean;
  syncToken: string | null;
  ctag: string | null;
}

/** Rounds of 507-truncated sync answers we follow before leaving the rest to the next poll. */
const MAX_SYNC_ROUNDS = 1000;

function readFailure(env: ListingEnv, error: unknown, action: string): unknown {
  return error instanceof DavHttpError ? httpFailure(error, { action, write: false, icloud: env.icloud }) : error;
}

/** PROPFIND Depth 0 for what the collection supports (used once, when discovery did not say). */
export async function probeCapabilities(env: ListingEnv): Promise<Capabilities> {
  const action = 'reading the address book properties';
  try {
    const ms = await propfindRequest(env.transport, env.url, { 'd:supported-report-set': {}, 'd:sync-token': {}, 'cs:getctag': {} }, '0', { signal: env.signal, action });
    const self = ms.entries.find((e) => e.path === env.collection) ?? ms.entries[0];
    const props = self?.props ?? {};
    const syncToken = text(props['syncToken']);
    // Xandikos 0.2.8 lists reports without the <report> wrapper (tsdav #74), so look for the element
    // anywhere inside supported-report-set rather than at a fixed depth.
    return { syncCollection: containsElement(props['supportedReportSet'], 'syncCollection'), syncToken, ctag: text(props['getctag']) };
  } catch (error) {
    throw readFailure(env, error, action);
  }
}

/** sync-collection from `token` (null: initial sync = full listing). */
export async function syncPlan(env: ListingEnv, token: string | null): Promise<ListingPlan> {
  const full = token === null;
  const action = full ? 'listing the address book' : 'asking the address book for changes';
  const state = new Map<string, 'changed' | 'deleted'>();
  const etags = new Map<string, string>();
  let current = token;
  for (let round = 0; ; round++) {
    let ms;
    try {
      ms = await syncCollectionRequest(env.transport, env.url, current, { signal: env.signal, action });
    } catch (error) {
      if (current !== null && error instanceof DavHttpError && isRefusedToken(error)) {
        throw new ProviderError('cursor-invalid', `The server no longer accepts the sync token (${error.status}); a full listing follows.`, { status: error.status, cause: error });
      }
      throw readFailure(env, error, action);
    }
    let truncated = false;
    for (const entry of ms.entries) {
      if (entry.status === 507) {
        truncated = true;
        continue;
      }
      if (!isMember(entry.path, env.collection) || isCollection(entry)) continue;
      if (entry.status === 404 || entry.status === 410) {
        // Only a 404 means "removed" (§2.2). In a full listing there is nothing to remove from:
        // drop it, even if an earlier 507 round reported it as changed.
        if (full) state.delete(entry.path);
        else state.set(entry.path, 'deleted');
      } else if (entry.status >= 200 && entry.status < 300) {
        state.set(entry.path, 'changed');
        const etag = text(entry.props['getetag']);
        if (etag) etags.set(entry.path, etag);
      }
    }
    const next = ms.syncToken ?? current;
    if (next === null || next === '') throw new ProviderError('unavailable', `The server's sync-collection answer carried no sync token (${env.url}).`);
    // RFC 6578 §3.6: a 507 for the collection means "more to come, ask again with this token". A
    // server that truncates without moving the token would loop forever: keep what we have, the
    // next poll asks again (carddavclient does the same).
    if (truncated && next !== current && round < MAX_SYNC_ROUNDS) {
      current = next;
      continue;
    }
    let fetch = [...state].filter(([, s]) => s === 'changed').map(([p]) => p);
    const deleted = [...state].filter(([, s]) => s === 'deleted').map(([p]) => p);
    if (!full && fetch.length > 0 && env.knownEtags) {
      // The report lists every change since the token, our own writes included (RFC 6578 §3.2): a
      // member whose etag is the one the engine stored after writing it is not downloaded again.
      const known = await env.knownEtags();
      fetch = fetch.filter((path) => {
        const etag = etags.get(path);
        return etag === undefined || known.get(path) !== etag;
      });
    }
    return { fetch, deleted, cursor: { mode: 'sync', token: next, collection: env.collection }, etags };
  }
}

function isRefusedToken(error: DavHttpError): boolean {
  if ([403, 409, 412].includes(error.status) && /valid-sync-token/i.test(error.body)) return true;
  // Xandikos 0.2.8 answers an unknown token with a bare 500 (fixed in 0.2.10); a 400 on a request
  // whose only variable part is the token means the same. A genuinely broken server then fails the
  // full listing that follows too, and that failure is reported as 'unavailable'.
  return error.status === 500 || error.status === 400;
}

/**
 * A full listing: the initial sync-collection where the server has it, else (or when the server
 * refuses an empty token, as Google does with 400, §2.2) PROPFIND Depth 1, whose cursor then keeps
 * the collection's sync token if it has one (carddavclient's fallback) or its ctag.
 */
export async function fullPlan(env: ListingEnv, syncCollection: boolean): Promise<ListingPlan> {
  if (syncCollection) {
    try {
      return await syncPlan(env, null);
    } catch (error) {
      const cause = error instanceof ProviderError ? error.cause : null;
      const status = cause instanceof DavHttpError ? cause.status : null;
      if (status === null || ![400, 403, 405, 415, 422, 501].includes(status)) throw error;
    }
  }
  return propfindFullPlan(env, syncCollection);
}

/**
 * Full listing by PROPFIND Depth 1. The cursor is the ctag, or — when the server does support
 * sync-collection and only refused the empty token — the collection's sync token.
 */
async function propfindFullPlan(env: ListingEnv, syncCollection: boolean): Promise<ListingPlan> {
  const action = 'listing the address book';
  const { members, self } = await listMembers(env, action, true);
  const token = syncCollection ? text(self?.props['syncToken']) : null;
  const ctag = text(self?.props['getctag']);
  const cursor: CardDavCursor = token ? { mode: 'sync', token, collection: env.collection } : { mode: 'ctag', ctag, collection: env.collection };
  return { fetch: [...members.keys()], deleted: [], cursor, etags: new Map([...members].filter(([, etag]) => etag !== '')) };
}

/** Changes since `ctag`: one Depth-0 PROPFIND when nothing changed, else an etag listing diffed against knownEtags. */
export async function ctagDeltaPlan(env: ListingEnv, ctag: string | null): Promise<ListingPlan> {
  const action = 'asking the address book for changes';
  let current: string | null;
  try {
    const ms = await propfindRequest(env.transport, env.url, { 'cs:getctag': {} }, '0', { signal: env.signal, action });
    current = text((ms.entries.find((e) => e.path === env.collection) ?? ms.entries[0])?.props['getctag']);
  } catch (error) {
    throw readFailure(env, error, action);
  }
  const cursor: CardDavCursor = { mode: 'ctag', ctag: current, collection: env.collection };
  if (current !== null && current === ctag) return { fetch: [], deleted: [], cursor, etags: new Map() };
  if (!env.knownEtags) {
    // Without the previous etags we cannot tell which cards changed or went away; the engine's full
    // listing reconciles instead (and deletes nothing before it completed).
    throw new ProviderError('cursor-invalid', 'The address book changed and this server has no sync-collection; a full listing follows.');
  }
  const known = await env.knownEtags();
  const { members } = await listMembers(env, action, false);
  const fetch = [...members].filter(([path, etag]) => known.get(path) !== etag).map(([path]) => path);
  const deleted = [...known.keys()].filter((path) => isMember(path, env.collection) && !members.has(path));
  return { fetch, deleted, cursor, etags: new Map(fetch.map((path) => [path, members.get(path) ?? ''])) };
}

async function listMembers(env: ListingEnv, action: string, withCollectionState: boolean): Promise<{ members: Map<string, string>; self: DavEntry | undefined }> {
  const props = withCollectionState
    ? { 'd:getetag': {}, 'd:resourcetype': {}, 'd:sync-token': {}, 'cs:getctag': {} }
    : { 'd:getetag': {}, 'd:resourcetype': {} };
  let entries: DavEntry[];
  try {
    entries = (await propfindRequest(env.transport, env.url, props, '1', { signal: env.signal, action })).entries;
  } catch (error) {
    throw readFailure(env, error, action);
  }
  const members = new Map<string, string>();
  let self: DavEntry | undefined;
  for (const entry of entries) {
    if (entry.path === env.collection) {
      self = entry;
      continue;
    }
    // Both test servers list the collection itself (Radicale even as text/vcard, §2.6); skip it,
    // sub-collections and duplicate hrefs (Zimbra, DavMail: vdirsyncer skips them too).
    if (!isMember(entry.path, env.collection) || isCollection(entry) || entry.status < 200 || entry.status > 299 || members.has(entry.path)) continue;
    members.set(entry.path, text(entry.props['getetag']) ?? '');
  }
  return { members, self };
}

function isCollection(entry: DavEntry): boolean {
  return containsElement(entry.props['resourcetype'], 'collection');
}
