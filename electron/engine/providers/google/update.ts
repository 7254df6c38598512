// updateContact and batchUpdateContacts (google-people-api.md §5.2, §5.4, §12 items 14–15).
// Invariants:
// - the precondition is the etag the caller last saw, sent as the CONTACT source etag (bodies.ts);
//   a stale one is `precondition-failed` and changes nothing;
// - exactly the fields of the mask are replaced (replacement semantics, §10 item 12): the mask
//   comes with the payload (bodies.ts, encodeUpdate) or is computed against one fresh read;
// - a retry after a lost response is safe: if the first attempt was applied the etag moved and the
//   retry is refused as `precondition-failed` — the engine re-reads and finds its own change;
// - batchUpdateContacts takes one mask for all contacts, so requests are grouped by mask, ≤200 per
//   call, one call after another; when Google refuses a whole batch for one stale or deleted
//   contact (it is all-or-nothing), one getBatchGet finds the culprits and the rest is sent again.
import type { Person } from '../../model/person/types.ts';
import type { CallOptions } from '../types.ts';
import { isProviderError, ProviderError } from '../types.ts';
import { diffMask, maskParam, updateBody } from './bodies.ts';
import { callCosts } from './budget.ts';
import type { GoogleContext } from './context.ts';
import { requestOptions } from './context.ts';
import { batchLimits, readMask, readSources } from './person-fields.ts';
import { chunks, getPeople, getPerson } from './reads.ts';
import type { GoogleRemoteItem } from './remote-item.ts';
import { contactSourceOf, parsePerson, toRemoteItem } from './remote-item.ts';
import type { WriteResult } from './results.ts';
import { contactChanged, contactGone, failed, stopsEverything, succeeded } from './results.ts';

export interface UpdateRequest {
  id: string;
  etag: string;
  person: Person;
  /** updatePersonFields; null = compute it from a fresh read (bodies.ts diffMask). */
  mask: string[] | null;
}

interface Ready {
  id: string;
  etag: string;
  person: Person;
  mask: string[];
  sourceId: string;
}

/** What can be sent at once, or the outcome when no write is needed (or possible). */
function prepare(request: UpdateRequest, current: GoogleRemoteItem | null | undefined): Ready | WriteResult<GoogleRemoteItem> {
  let sourceId = contactSourceOf(request.person)?.id ?? null;
  let mask = request.mask;
  if (current !== undefined) {
    if (current === null) return failed(contactGone(request.id));
    if (current.etag !== request.etag) return failed(contactChanged(request.id));
    const currentPerson = parsePerson(current.payload);
    sourceId ??= contactSourceOf(currentPerson)?.id ?? null;
    mask ??= diffMask(request.person, currentPerson);
    if (mask.length === 0) return succeeded(current);
  }
  if (mask === null || sourceId === null) throw new Error('prepare: a read is needed first');
  return { id: request.id, etag: request.etag, person: request.person, mask, sourceId };
}

const needsRead = (r: UpdateRequest): boolean => r.mask === null || r.mask.length === 0 || !contactSourceOf(r.person)?.id;

export async function updateOne(ctx: GoogleContext, request: UpdateRequest, options: CallOptions = {}): Promise<GoogleRemoteItem> {
  const { signal } = options;
  const prepared = prepare(request, needsRead(request) ? await getPerson(ctx, request.id, { signal }) : undefined);
  if ('ok' in prepared) {
    if (prepared.ok) return prepared.value;
    throw prepared.error;
  }
  const res = await ctx.caller.call({ label: 'people.updateContact', costs: callCosts.createOrUpdate(), repeatable: true, signal }, () =>
    ctx.api.people.updateContact(
      {
        resourceName: prepared.id,
        updatePersonFields: maskParam(prepared.mask),
        personFields: readMask,
        sources: readSources,
        requestBody: updateBody(prepared.person, prepared.id, prepared.etag, prepared.sourceId),
      },
      requestOptions(ctx, signal),
    ),
  );
  const item = toRemoteItem(res.data);
  ctx.recent.wrote(item);
  return item;
}

export async function updateMany(ctx: GoogleContext, requests: readonly UpdateRequest[], options: CallOptions = {}): Promise<WriteResult<GoogleRemoteItem>[]> {
  const { signal } = options;
  const results: (WriteResult<GoogleRemoteItem> | undefined)[] = requests.map(() => undefined);
  const reads = requests.filter(needsRead).map((r) => r.id);
  const current = new Map<string, GoogleRemoteItem>();
  if (reads.length > 0) for (const item of await getPeople(ctx, reads, { signal })) current.set(item.id, item);

  const groups = new Map<string, { ready: Ready; index: number }[]>();
  requests.forEach((request, index) => {
    const prepared = prepare(request, needsRead(request) ? (current.get(request.id) ?? null) : undefined);
    if ('ok' in prepared) {
      results[index] = prepared;
      return;
    }
    const key = maskParam(prepared.mask);
    groups.set(key, [...(groups.get(key) ?? []), { ready: prepared, index }]);
  });

  let stop: ProviderError | null = null;
  for (const [mask, entries] of groups) {
    for (const chunk of chunks(entries, batchLimits.update)) {
      if (stop) {
        for (const { index } of chunk) results[index] = failed(stop);
        continue;
      }
      try {
        await sendChunk(ctx, mask, chunk, results, signal);
      } catch (error) {
        if (!isProviderError(error) || stopsEverything(error)) throw error;
        stop = error;
        for (const { index } of chunk) results[index] ??= failed(error);
      }
    }
  }
  return results.map((r) => r ?? failed(new ProviderError('unavailable', 'The contact was not sent.')));
}

async function sendChunk(
  ctx: GoogleContext,
  mask: string,
  chunk: readonly { ready: Ready; index: number }[],
  results: (WriteResult<GoogleRemoteItem> | undefined)[],
  signal: AbortSignal | undefined,
): Promise<void> {
  let entries = [...chunk];
  while (entries.length > 0) {
    try {
      const contacts = Object.fromEntries(entries.map(({ ready: r }) => [r.id, updateBody(r.person, r.id, r.etag, r.sourceId)]));
      const res = await ctx.caller.call(
        { label: 'people.batchUpdateContacts', costs: callCosts.batchWrite(entries.length), repeatable: true, signal },
        () => ctx.api.people.batchUpdateContacts({ requestBody: { contacts, updateMask: mask, readMask, sources: readSources } }, requestOptions(ctx, signal)),
      );
      for (const { ready, index } of entries) {
        const person = res.data.updateResult?.[ready.id]?.person;
        if (person) {
          const item = toRemoteItem(person);
          ctx.recent.wrote(item);
          results[index] = succeeded(item);
        } else {
          results[index] = failed(new ProviderError('unavailable', `Google did not confirm the update of ${ready.id}; Concord will re-read it.`));
        }
      }
      return;
    } catch (error) {
      if (isProviderError(error, 'precondition-failed') || isProviderError(error, 'not-found')) {
        // All-or-nothing batch (§5.4): find who is stale or gone, send the others again.
        const now = new Map((await getPeople(ctx, entries.map((e) => e.ready.id), { signal })).map((i) => [i.id, i]));
        const culprits = entries.filter(({ ready }) => now.get(ready.id)?.etag !== ready.etag);
        if (culprits.length === 0) {
          for (const { index } of entries) results[index] = failed(error);
          return;
        }
        for (const { ready, index } of culprits) results[index] = failed(now.has(ready.id) ? contactChanged(ready.id) : contactGone(ready.id));
        entries = entries.filter((e) => !culprits.includes(e));
        continue;
      }
      if (isProviderError(error, 'rejected') && entries.length > 1) {
        const half = Math.ceil(entries.length / 2);
        await sendChunk(ctx, mask, entries.slice(0, half), results, signal);
        await sendChunk(ctx, mask, entries.slice(half), results, signal);
        return;
      }
      if (isProviderError(error, 'rejected')) {
        for (const { index } of entries) results[index] = failed(error);
        return;
      }
      throw error;
    }
  }
}
