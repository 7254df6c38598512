// Finding contacts by Concord's marker (clientData concord.contactId = hub contact id) after a
// create whose outcome is unknown: a 5xx, a timeout or a lost response to a POST the client library
// never retries (google-people-api.md §5.1, §8.3, §10 item 9, §12 item 18).
// How, given that the API has no lookup by clientData and searchContacts is prefix-only, lazily
// indexed and "not proof that a contact doesn't exist" (§10 item 18, §12 item 22): a listing pass.
// Cost, honestly: when this source had a cursor before the create was sent (every completed
// listing leaves one in ctx.latestCursor), it is an incremental listing since that cursor — usually
// ONE request, since the lost create is among the few changes after it; otherwise a full listing,
// ceil(N / 1000) requests (25 for a 25,000-contact account). The scan always starts from a cursor
// older than the create (never from a later one, whose changes would no longer include it).
// Limits: a listing only shows a write after its propagation delay ("several minutes", §3.3 item 6),
// so "not found" is not "not created"; the caller keeps such markers in doubt (in-doubt.ts) and does
// not create again until the scan still finds nothing after the propagation window.
import { clientMarkerOf } from '../../model/person/index.ts';
import type { CallOptions } from '../types.ts';
import { isProviderError } from '../types.ts';
import type { GoogleContext } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { GoogleCursor } from './cursor.ts';
import { fetchPages } from './listing.ts';
import { listingFingerprint } from './person-fields.ts';
import type { GoogleRemoteItem } from './remote-item.ts';
import { toRemoteItem } from './remote-item.ts';

/**
 * Live contacts carrying one of `markers`, by marker (the newest version if listed twice). `since`
 * is a cursor taken before the writes being reconciled were sent, or null for a full scan.
 */
export async function findByMarkers(
  ctx: GoogleContext,
  markers: ReadonlySet<string>,
  since: string | null,
  options: CallOptions = {},
): Promise<Map<string, GoogleRemoteItem>> {
  const found = new Map<string, GoogleRemoteItem>();
  if (markers.size === 0) return found;
  let from: GoogleCursor | null = null;
  if (since !== null) {
    try {
      from = decodeCursor(since, listingFingerprint(ctx.pageSize), ctx.now());
    } catch {
      from = null;
    }
  }
  try {
    await scan(ctx, from, markers, found, options);
  } catch (error) {
    if (from === null || !isProviderError(error, 'cursor-invalid')) throw error;
    ctx.logger?.info('google: the marker scan\'s sync token expired; scanning the full listing');
    found.clear();
    await scan(ctx, null, markers, found, options);
  }
  return found;
}

async function scan(
  ctx: GoogleContext,
  from: GoogleCursor | null,
  markers: ReadonlySet<string>,
  found: Map<string, GoogleRemoteItem>,
  options: CallOptions,
): Promise<void> {
  const chainStartedAt = from?.chainStartedAt ?? ctx.now();
  for await (const page of fetchPages(ctx, from?.syncToken ?? null, options.signal)) {
    for (const person of page.persons) {
      const marker = person.metadata?.deleted ? null : clientMarkerOf(person);
      if (marker !== null && markers.has(marker)) found.set(marker, toRemoteItem(person));
      else if (person.metadata?.deleted && person.resourceName) {
        for (const [m, item] of found) if (item.id === person.resourceName) found.delete(m);
      }
    }
    if (page.last && page.syncToken !== null) {
      ctx.latestCursor = encodeCursor({ fingerprint: listingFingerprint(ctx.pageSize), chainStartedAt, syncToken: page.syncToken });
    }
  }
}
