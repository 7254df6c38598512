// people.connections.list: full listings, pagination and the sync-token protocol (doc §3, §11 items 13–27).
// Invariants:
// - Only `people/me`; personFields required; pageSize unset/0 → 100, 1–1000, above → 400 (knob: clamp).
// - Default order LAST_MODIFIED_ASCENDING = publish order; pages continue *after* the last contact served
//   (keyset), so a contact changed during a paginated listing shows up again on a later page (§3.5, §11
//   item 24) and nothing is skipped. Other sort orders page by offset.
// - nextPageToken iff more pages; nextSyncToken only on the last page and only with requestSyncToken=true;
//   totalItems/totalPeople on every page (for incremental pages: the number of changed entries — the doc
//   leaves it undefined, §3.5, so clients must not read it as the contact count).
// - A page token only works with the same parameters as the call that produced it; a sync token only
//   with the same personFields/sources/sortOrder/pageSize (§3.1, §11 items 17, 22) → 400 otherwise.
// - A sync token covers changes published up to the *first* page of the listing that issued it, so
//   changes made while paging are delivered (again) by the next sync rather than lost.
// - Expired sync token (7 days after the chain's full sync, or server-side reset) → §3.4 error body.

import { ApiError, errorInfo, invalidArgument, PEOPLE_DOMAIN } from './errors.ts';
import { DOC_URLS } from './params.ts';
import type { ContactRecord } from './people-store.ts';
import { readSources, requiredReadMask } from './people-common.ts';
import { renderPerson, renderTombstone } from './person-render.ts';
import { costOf } from './quotas.ts';
import type { RequestContext, Route } from './router.ts';
import type { FakeState } from './state.ts';
import { fingerprint } from './sync-tokens.ts';
import type { PageTokenPayload, SyncTokenPayload } from './sync-tokens.ts';

const SORT_ORDERS = ['LAST_MODIFIED_ASCENDING', 'LAST_MODIFIED_DESCENDING', 'FIRST_NAME_ASCENDING', 'LAST_NAME_ASCENDING'] as const;
const EXPIRED_MESSAGE = 'Sync token is expired. Clear local cache and retry call without the sync token.';

export const listConnections: Route = {
  name: 'people.connections.list',
  rpc: 'google.people.v1.PeopleService.ListConnections',
  httpMethod: 'GET',
  pattern: /^(people\/[^/:]+)\/connections$/,
  params: ['pageSize', 'pageToken', 'personFields', 'requestMask.includeField', 'requestSyncToken', 'sortOrder', 'sources', 'syncToken'],
  write: false,
  mutation: false,
  // §3.3 item 5: the first page of a full sync also charges the fixed full-sync bucket.
  costs: (ctx) => costOf('people.connections.list', {
    fullSyncFirstPage: ctx.query.string('syncToken') === undefined && ctx.query.string('pageToken') === undefined,
  }),
  handle: list,
};

/** §3.4: 400 (knob 410), FAILED_PRECONDITION (knob INVALID_ARGUMENT), ErrorInfo EXPIRED_SYNC_TOKEN. */
export function expiredSyncTokenError(state: FakeState): ApiError {
  const { httpStatus, status } = state.faults.expiredSyncToken;
  return new ApiError(httpStatus, status, EXPIRED_MESSAGE, { details: [errorInfo('EXPIRED_SYNC_TOKEN', PEOPLE_DOMAIN)], why: 'expired sync token' });
}

/** Decodes a sync token and applies expiry; undefined token → undefined. */
export function useSyncToken(state: FakeState, kind: string, token: string | undefined, fp: string): SyncTokenPayload | undefined {
  if (token === undefined) return undefined;
  const st = state.tokens.decode<SyncTokenPayload>(kind, token);
  if (!st) throw invalidArgument(undefined, { why: 'forged or corrupted sync token' });
  const from = state.faults.syncTokenExpiryFrom === 'fullSync' ? st.chain : st.iat;
  if (st.ep !== state.faults.syncTokenEpoch || state.clock.now() - from > state.faults.syncTokenTtlMs) throw expiredSyncTokenError(state);
  if (st.fp !== fp) throw invalidArgument(undefined, { why: 'sync token used with different parameters than the call that issued it' });
  return st;
}

export function usePageToken(state: FakeState, kind: string, token: string | undefined, fp: string): PageTokenPayload | undefined {
  if (token === undefined) return undefined;
  const pt = state.tokens.decode<PageTokenPayload>(kind, token);
  if (!pt) throw invalidArgument(undefined, { why: 'forged or corrupted page token' });
  if (pt.fp !== fp) throw invalidArgument(undefined, { why: 'page token used with different parameters than the first call' });
  return pt;
}

function list(ctx: RequestContext): unknown {
  const { state, query } = ctx;
  if (ctx.resourceName !== 'people/me') throw invalidArgument(undefined, { why: 'connections.list: only people/me is valid' });
  const mask = requiredReadMask(query, DOC_URLS.list);
  let pageSize = query.int('pageSize') ?? 0;
  if (pageSize < 0) throw invalidArgument(undefined, { why: 'negative pageSize' });
  if (pageSize === 0) pageSize = 100;
  if (pageSize > 1000) {
    if (state.faults.pageSizeAbove1000 === 'reject') throw invalidArgument(undefined, { why: 'pageSize above 1000' });
    pageSize = 1000;
  }
  const sortOrder = query.enumValue('sortOrder', SORT_ORDERS, 'ListConnectionsRequest.SortOrder') ?? 'LAST_MODIFIED_ASCENDING';
  const sources = readSources(query);
  const requestSyncToken = query.bool('requestSyncToken');
  const syncToken = query.string('syncToken');
  const pageToken = query.string('pageToken');
  if ((syncToken !== undefined || requestSyncToken) && sortOrder !== 'LAST_MODIFIED_ASCENDING' && state.faults.sortOrderWithSync === 'reject') {
    throw invalidArgument(undefined, { why: 'sortOrder other than LAST_MODIFIED_ASCENDING with sync tokens' });
  }

  state.people.listCalls += 1;
  state.people.publish();

  const base = { personFields: [...mask].sort(), sources, sortOrder, pageSize };
  const st = useSyncToken(state, 'sync', syncToken, fingerprint(base));
  const pt = usePageToken(state, 'page', pageToken, fingerprint({ ...base, requestSyncToken, syncToken: syncToken ?? null }));
  if (pt && (pt.base ?? null) !== (st?.seq ?? null)) throw invalidArgument(undefined, { why: 'page token from a different sync' });

  const snap = pt?.snap ?? state.people.currentSeq;
  const chain = pt?.chain ?? st?.chain ?? state.clock.now();
  const all = st ? state.people.changedSince(st.seq) : sorted(state.people.visibleLive(), sortOrder);
  const keyset = sortOrder === 'LAST_MODIFIED_ASCENDING';
  const after = pt?.after ?? 0;
  const remaining = keyset ? all.filter((r) => (r.visible?.publishSeq ?? 0) > after) : all.slice(after);
  let page = remaining.slice(0, pageSize);
  let hasMore = remaining.length > page.length;
  let nextAfter = keyset ? (page[page.length - 1]?.visible?.publishSeq ?? after) : after + page.length;
  if (state.faults.emptyPages > 0 && page.length > 0) {
    // §3.5 / §11 item 25: an empty page that still carries nextPageToken.
    state.faults.emptyPages -= 1;
    page = [];
    hasMore = true;
    nextAfter = after;
  }

  const renderOpts = state.renderOptions(mask, { forList: true, withPreviousNames: st !== undefined });
  const connections = page.map((r) => {
    const v = r.visible;
    if (!v) throw new Error('google-fake: listed a contact without a visible version');
    return v.deleted ? renderTombstone(r, v, renderOpts, state.faults.tombstoneSources) : renderPerson(r, v, renderOpts);
  });
  const response: Record<string, unknown> = { connections };
  if (hasMore) {
    const payload: PageTokenPayload = {
      fp: fingerprint({ ...base, requestSyncToken, syncToken: syncToken ?? null }), after: nextAfter, snap, chain, base: st?.seq ?? null,
    };
    response.nextPageToken = state.tokens.encode('page', payload);
  } else if (requestSyncToken) {
    const payload: SyncTokenPayload = { seq: snap, fp: fingerprint(base), iat: state.clock.now(), chain, ep: state.faults.syncTokenEpoch };
    response.nextSyncToken = state.tokens.encode('sync', payload);
  }
  response.totalItems = all.length;
  response.totalPeople = all.length;
  return response;
}

function sorted(records: ContactRecord[], order: string): ContactRecord[] {
  const name = (r: ContactRecord, key: 'givenName' | 'familyName') =>
    String((r.visible?.data.names?.[0] as Record<string, unknown> | undefined)?.[key] ?? '');
  switch (order) {
    case 'LAST_MODIFIED_DESCENDING':
      return [...records].reverse();
    case 'FIRST_NAME_ASCENDING':
      return [...records].sort((a, b) => name(a, 'givenName').localeCompare(name(b, 'givenName')));
    case 'LAST_NAME_ASCENDING':
      return [...records].sort((a, b) => name(a, 'familyName').localeCompare(name(b, 'familyName')));
    default:
      return records;
  }
}
