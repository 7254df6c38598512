// people.connections.list as the engine's listChanges: a full listing or the changes since a cursor
// (google-people-api.md §3, §12 items 4–9).
// Invariants:
// - the same parameters on every page and every call (person-fields.ts), `requestSyncToken=true`
//   also on incremental calls (§3.5), no sortOrder (§3.1);
// - pagination follows nextPageToken to its end, through empty pages (§3.5, §10 item 2); only the
//   last page carries the cursor, built from its nextSyncToken;
// - a contact listed twice in one listing (edited while paging, §3.5) is passed on again only if
//   its version changed, so the last version wins and an unchanged repeat is not a second item;
// - tombstones (metadata.deleted) become `deleted` ids in incremental listings and are ignored in a
//   full one; a live person is never reported deleted;
// - an expired token (ErrorInfo EXPIRED_SYNC_TOKEN or its message, 400 or 410) and any other 400 on
//   a tokenised call are `cursor-invalid` (§12 item 9: param drift or corruption also means "do a
//   full listing"), logged so drift is visible;
// - recent writes of this source are laid over what Google lists (recent-writes.ts), and a full
//   listing ends with the ones Google does not list yet (§10 item 8).
import type { people_v1 } from '@googleapis/people';
import type { Person } from '../../model/person/types.ts';
import type { CallOptions, ChangePage } from '../types.ts';
import { isProviderError, ProviderError, throwIfAborted } from '../types.ts';
import { callCosts } from './budget.ts';
import type { GoogleContext } from './context.ts';
import { requestOptions } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { listingFingerprint, readMask, readSources } from './person-fields.ts';
import type { GoogleRemoteItem } from './remote-item.ts';
import { toRemoteItem } from './remote-item.ts';

export interface GoogleChangePage extends ChangePage {
  changed: GoogleRemoteItem[];
}

interface RawPage {
  persons: Person[];
  last: boolean;
  syncToken: string | null;
}

/** The raw pages of one listing: from scratch (syncToken null) or since a sync token. */
export async function* fetchPages(ctx: GoogleContext, syncToken: string | null, signal: AbortSignal | undefined): AsyncGenerator<RawPage> {
  let pageToken: string | undefined;
  do {
    throwIfAborted(signal);
    const params: people_v1.Params$Resource$People$Connections$List = {
      resourceName: 'people/me',
      personFields: readMask,
      pageSize: ctx.pageSize,
      sources: readSources,
      requestSyncToken: true,
      ...(syncToken !== null ? { syncToken } : {}),
      ...(pageToken !== undefined ? { pageToken } : {}),
    };
    const firstPageOfFullSync = syncToken === null && pageToken === undefined;
    let data: people_v1.Schema$ListConnectionsResponse;
    try {
      const res = await ctx.caller.call(
        { label: 'people.connections.list', costs: callCosts.list(firstPageOfFullSync), repeatable: true, signal },
        () => ctx.api.people.connections.list(params, requestOptions(ctx, signal)),
      );
      data = res.data;
    } catch (error) {
      if (syncToken !== null && isProviderError(error, 'rejected') && error.status === 400) {
        ctx.logger?.warn('google: a sync token was refused as an invalid argument; falling back to a full listing', { message: error.message });
        throw new ProviderError('cursor-invalid', 'Google refused the sync token; a full listing follows.', { cause: error, status: 400 });
      }
      throw error;
    }
    pageToken = data.nextPageToken ?? undefined;
    yield { persons: data.connections ?? [], last: pageToken === undefined, syncToken: data.nextSyncToken ?? null };
  } while (pageToken !== undefined);
}

/** The engine's listChanges. */
export async function* listChanges(ctx: GoogleContext, cursor: string | null, options: CallOptions = {}): AsyncGenerator<GoogleChangePage> {
  const { signal } = options;
  throwIfAborted(signal);
  const fingerprint = listingFingerprint(ctx.pageSize);
  const from = cursor === null ? null : decodeCursor(cursor, fingerprint, ctx.now());
  const chainStartedAt = from?.chainStartedAt ?? ctx.now();
  const full = from === null;
  const versions = new Map<string, string>();

  for await (const page of fetchPages(ctx, from?.syncToken ?? null, signal)) {
    const changed: GoogleRemoteItem[] = [];
    const deleted: string[] = [];
    for (const person of page.persons) {
      if (!person.resourceName) continue;
      if (person.metadata?.deleted) {
        ctx.recent.tombstone(person.resourceName);
        if (!full) deleted.push(person.resourceName);
        continue;
      }
      const item = ctx.recent.overlay(toRemoteItem(person));
      if (item === null || versions.get(item.id) === item.etag) continue;
      versions.set(item.id, item.etag);
      changed.push(item);
    }
    if (!page.last) {
      yield { changed, deleted, nextCursor: null };
      continue;
    }
    if (page.syncToken === null) throw new ProviderError('unavailable', 'Google ended the listing without a sync token; Concord will retry.');
    if (full) changed.push(...ctx.recent.unseen(new Set(versions.keys())));
    const nextCursor = encodeCursor({ fingerprint, chainStartedAt, syncToken: page.syncToken });
    ctx.latestCursor = nextCursor;
    yield { changed, deleted, nextCursor };
  }
}
