// createContact and batchCreateContacts, with reconciliation instead of duplicates when the outcome
// of a create is unknown (google-people-api.md §5.1, §5.4, §10 item 9, §12 item 18).
// Invariants:
// - a create is sent again only when Google certainly did not apply it (429, 409 ABORTED: the
//   caller retries those) or when a marker scan did not find it and the propagation window of
//   in-doubt.ts has passed; otherwise the engine gets `unavailable` (retry later, nothing lost);
// - the scan after an ambiguous failure starts from the cursor taken *before* the create;
// - batch results are matched to requests by marker, never by position (createdPeople order is
//   undocumented and the fake shuffles it); every batch request needs its own marker;
// - a 400 for a batch is narrowed down by halving it until the refused contact is alone, so one bad
//   contact does not fail 199 good ones (Google treats a batch as all-or-nothing, §5.4);
// - chunks of ≤200 go out strictly one after another (the caller's serial queue is held by the
//   public method that called in here).
import { clientMarkerOf } from '../../model/person/index.ts';
import type { Person } from '../../model/person/types.ts';
import type { CallOptions } from '../types.ts';
import { isProviderError, ProviderError } from '../types.ts';
import { callCosts } from './budget.ts';
import { AmbiguousOutcome } from './caller.ts';
import type { GoogleContext } from './context.ts';
import { requestOptions } from './context.ts';
import type { InDoubtCreates } from './in-doubt.ts';
import { batchLimits, readMask, readSources } from './person-fields.ts';
import { findByMarkers } from './reconcile.ts';
import { chunks } from './reads.ts';
import type { GoogleRemoteItem } from './remote-item.ts';
import { toRemoteItem } from './remote-item.ts';
import type { WriteResult } from './results.ts';
import { failed, stopsEverything, succeeded } from './results.ts';

export interface CreateDeps {
  ctx: GoogleContext;
  doubts: InDoubtCreates;
  /** Pause before scanning after a lost response, so a request still running at Google can finish. */
  settleMs: number;
  pause: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

export interface CreateRequest {
  /** The createContact body (bodies.ts createBody). */
  body: Person;
  /** Concord's marker on it, or null. */
  marker: string | null;
}

function stillInDoubt(marker: string, retryAfterMs: number): ProviderError {
  return new ProviderError(
    'in-doubt',
    `Google may or may not have created the contact for ${marker}; Concord will look for it again before creating it.`,
    { retryAfterMs: Math.max(1, retryAfterMs) },
  );
}

/** Markers in doubt: found ones resolve to their contact, early ones to an error; the rest may be created. */
async function settleDoubts(deps: CreateDeps, markers: readonly string[], signal: AbortSignal | undefined): Promise<Map<string, WriteResult<GoogleRemoteItem>>> {
  const settled = new Map<string, WriteResult<GoogleRemoteItem>>();
  const bySince = new Map<string | null, Set<string>>();
  for (const marker of markers) {
    const doubt = deps.doubts.get(marker);
    if (!doubt) continue;
    const group = bySince.get(doubt.scanFrom) ?? new Set<string>();
    group.add(marker);
    bySince.set(doubt.scanFrom, group);
  }
  for (const [since, group] of bySince) {
    const found = await findByMarkers(deps.ctx, group, since, { signal });
    for (const marker of group) {
      const item = found.get(marker);
      if (item) {
        deps.doubts.resolve(marker);
        deps.ctx.recent.wrote(item);
        settled.set(marker, succeeded(item));
      } else if (deps.doubts.remainingMs(marker) > 0) {
        settled.set(marker, failed(stillInDoubt(marker, deps.doubts.remainingMs(marker))));
      } else {
        deps.doubts.resolve(marker); // Not there after the propagation window: create it.
      }
    }
  }
  return settled;
}

/** After an ambiguous failure: the created contacts a scan finds, doubts for the others. */
async function reconcile(
  deps: CreateDeps,
  requests: readonly CreateRequest[],
  scanFrom: string | null,
  outcome: AmbiguousOutcome,
  signal: AbortSignal | undefined,
): Promise<WriteResult<GoogleRemoteItem>[]> {
  deps.ctx.logger?.warn('google: a create may or may not have been applied; looking for its marker', {
    contacts: requests.length, status: outcome.failure.httpStatus, message: outcome.failure.message,
  });
  const markers = new Set(requests.flatMap((r) => (r.marker === null ? [] : [r.marker])));
  for (const marker of markers) deps.doubts.add(marker, scanFrom);
  let found = new Map<string, GoogleRemoteItem>();
  if (markers.size > 0) {
    await deps.pause(deps.settleMs, signal);
    try {
      found = await findByMarkers(deps.ctx, markers, scanFrom, { signal });
    } catch (error) {
      if (isProviderError(error) && stopsEverything(error)) throw error;
      deps.ctx.logger?.warn('google: the marker scan failed; the creates stay in doubt', { message: String(error) });
    }
  }
  return requests.map((r) => {
    if (r.marker === null) {
      return failed(new ProviderError('unavailable', 'Google may or may not have created the contact, and without a marker Concord cannot tell.', { cause: outcome }));
    }
    const item = found.get(r.marker);
    if (!item) return failed(stillInDoubt(r.marker, deps.doubts.windowMs));
    deps.doubts.resolve(r.marker);
    deps.ctx.recent.wrote(item);
    return succeeded(item);
  });
}

export async function createOne(deps: CreateDeps, request: CreateRequest, options: CallOptions = {}): Promise<GoogleRemoteItem> {
  const { ctx } = deps;
  const { signal } = options;
  if (request.marker !== null) {
    const settled = (await settleDoubts(deps, [request.marker], signal)).get(request.marker);
    if (settled?.ok) return settled.value;
    if (settled) throw settled.error;
  }
  const scanFrom = ctx.latestCursor;
  let sent = false;
  try {
    const res = await ctx.caller.call({ label: 'people.createContact', costs: callCosts.createOrUpdate(), repeatable: false, signal }, () => {
      sent = true;
      return ctx.api.people.createContact({ personFields: readMask, sources: readSources, requestBody: request.body }, requestOptions(ctx, signal));
    });
    const item = toRemoteItem(res.data);
    ctx.recent.wrote(item);
    return item;
  } catch (error) {
    // Cancelled while the request was out: it may still be applied, so the marker is in doubt.
    if (sent && request.marker !== null && isProviderError(error, 'cancelled')) deps.doubts.add(request.marker, scanFrom);
    if (!(error instanceof AmbiguousOutcome)) throw error;
    const [result] = await reconcile(deps, [request], scanFrom, error, signal);
    if (result?.ok) return result.value;
    throw result?.error ?? error;
  }
}

/** batchCreateContacts in chunks of ≤200; `requests` must each carry a distinct marker. */
export async function createMany(deps: CreateDeps, requests: readonly CreateRequest[], options: CallOptions = {}): Promise<WriteResult<GoogleRemoteItem>[]> {
  const { signal } = options;
  const results: (WriteResult<GoogleRemoteItem> | undefined)[] = requests.map(() => undefined);
  const seen = new Set<string>();
  requests.forEach((r, i) => {
    if (r.marker === null) results[i] = failed(new ProviderError('rejected', 'Every contact in a batch create needs an idHint (Concord matches results by it).'));
    else if (seen.has(r.marker)) results[i] = failed(new ProviderError('rejected', `The idHint ${r.marker} appears twice in one batch.`));
    else seen.add(r.marker);
  });
  const settled = await settleDoubts(deps, [...seen], signal);
  requests.forEach((r, i) => {
    const s = r.marker === null ? undefined : settled.get(r.marker);
    if (s && !results[i]) results[i] = s;
  });

  const pending = requests.flatMap((r, i) => (results[i] ? [] : [{ request: r, index: i }]));
  let stop: ProviderError | null = null;
  for (const chunk of chunks(pending, batchLimits.create)) {
    if (stop) {
      for (const { index } of chunk) results[index] = failed(stop);
      continue;
    }
    try {
      await sendChunk(deps, chunk, results, signal);
    } catch (error) {
      if (!isProviderError(error) || stopsEverything(error)) throw error;
      stop = error;
      for (const { index } of chunk) results[index] ??= failed(error);
    }
  }
  return results.map((r) => r ?? failed(new ProviderError('unavailable', 'The contact was not sent.')));
}

async function sendChunk(
  deps: CreateDeps,
  chunk: readonly { request: CreateRequest; index: number }[],
  results: (WriteResult<GoogleRemoteItem> | undefined)[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const { ctx } = deps;
  const scanFrom = ctx.latestCursor;
  try {
    const res = await ctx.caller.call({ label: 'people.batchCreateContacts', costs: callCosts.batchWrite(chunk.length), repeatable: false, signal }, () =>
      ctx.api.people.batchCreateContacts(
        { requestBody: { contacts: chunk.map(({ request }) => ({ contactPerson: request.body })), readMask, sources: readSources } },
        requestOptions(ctx, signal),
      ),
    );
    const byMarker = new Map<string, GoogleRemoteItem>();
    for (const created of res.data.createdPeople ?? []) {
      const person = created.person;
      const marker = person ? clientMarkerOf(person) : null;
      if (person && marker !== null) byMarker.set(marker, toRemoteItem(person));
    }
    for (const { request, index } of chunk) {
      const item = request.marker === null ? undefined : byMarker.get(request.marker);
      if (item) {
        ctx.recent.wrote(item);
        results[index] = succeeded(item);
      } else {
        // Not in the answer: treat like a lost response for this contact.
        if (request.marker !== null) deps.doubts.add(request.marker, scanFrom);
        results[index] = failed(stillInDoubt(request.marker ?? '(no marker)', deps.doubts.windowMs));
      }
    }
  } catch (error) {
    if (error instanceof AmbiguousOutcome) {
      const reconciled = await reconcile(deps, chunk.map((c) => c.request), scanFrom, error, signal);
      chunk.forEach(({ index }, i) => {
        results[index] = reconciled[i];
      });
      return;
    }
    if (isProviderError(error, 'rejected') && chunk.length > 1) {
      const half = Math.ceil(chunk.length / 2);
      await sendChunk(deps, chunk.slice(0, half), results, signal);
      await sendChunk(deps, chunk.slice(half), results, signal);
      return;
    }
    if (isProviderError(error, 'rejected')) {
      for (const { index } of chunk) results[index] = failed(error);
      return;
    }
    throw error;
  }
}
