// deleteContact and batchDeleteContacts, with the precondition Google does not offer.
// Why a read first: Google's deletes take no etag (google-people-api.md §5.3, §5.4), but the engine
// must never delete a contact changed since it last saw it (providers/types.ts: "no unconditional
// write"). So the source reads the contact (getBatchGet, 200 per call) and deletes only when its
// CONTACT source etag is still the one the engine holds. Honest limits: a change made in the
// window between that read and the delete (one round trip) is not caught; a delete costs one extra
// Critical read (a batch of 500: three getBatchGet calls, then one batchDeleteContacts).
// Invariants: a gone contact is `not-found`, a changed one `precondition-failed`, and neither is
// sent; a 404 on a *repeated* delete (the first answer was lost, §5.3, §12 item 19) is success; a
// batch Google refuses for one name that vanished meanwhile is re-checked and sent again without it.
import type { CallOptions } from '../types.ts';
import { isProviderError, ProviderError } from '../types.ts';
import { callCosts } from './budget.ts';
import type { GoogleContext } from './context.ts';
import { requestOptions } from './context.ts';
import { batchLimits } from './person-fields.ts';
import { chunks, getPeople, getPerson } from './reads.ts';
import type { WriteResult } from './results.ts';
import { contactChanged, contactGone, failed, stopsEverything, succeeded } from './results.ts';

export interface DeleteRequest {
  id: string;
  etag: string;
}

export async function deleteOne(ctx: GoogleContext, request: DeleteRequest, options: CallOptions = {}): Promise<void> {
  const { signal } = options;
  const current = await getPerson(ctx, request.id, { signal });
  if (current === null) throw contactGone(request.id);
  if (current.etag !== request.etag) throw contactChanged(request.id);
  let attempts = 0;
  try {
    await ctx.caller.call({ label: 'people.deleteContact', costs: callCosts.delete(), repeatable: true, signal }, () => {
      attempts += 1;
      return ctx.api.people.deleteContact({ resourceName: request.id }, requestOptions(ctx, signal));
    });
  } catch (error) {
    if (!(isProviderError(error, 'not-found') && attempts > 1)) throw error;
  }
  ctx.recent.deleted(request.id);
}

export async function deleteMany(ctx: GoogleContext, requests: readonly DeleteRequest[], options: CallOptions = {}): Promise<WriteResult<void>[]> {
  const { signal } = options;
  const results: (WriteResult<void> | undefined)[] = requests.map(() => undefined);
  let stop: ProviderError | null = null;
  for (const chunk of chunks(requests.map((request, index) => ({ request, index })), batchLimits.delete)) {
    if (stop) {
      for (const { index } of chunk) results[index] = failed(stop);
      continue;
    }
    try {
      await deleteChunk(ctx, chunk, results, signal);
    } catch (error) {
      if (!isProviderError(error) || stopsEverything(error)) throw error;
      stop = error;
      for (const { index } of chunk) results[index] ??= failed(error);
    }
  }
  return results.map((r) => r ?? failed(new ProviderError('unavailable', 'The contact was not deleted.')));
}

async function deleteChunk(
  ctx: GoogleContext,
  chunk: readonly { request: DeleteRequest; index: number }[],
  results: (WriteResult<void> | undefined)[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const current = new Map((await getPeople(ctx, chunk.map((c) => c.request.id), { signal })).map((i) => [i.id, i]));
  let entries = chunk.filter(({ request, index }) => {
    const item = current.get(request.id);
    if (!item) results[index] = failed(contactGone(request.id));
    else if (item.etag !== request.etag) results[index] = failed(contactChanged(request.id));
    return item?.etag === request.etag;
  });
  while (entries.length > 0) {
    let attempts = 0;
    try {
      const resourceNames = [...new Set(entries.map((e) => e.request.id))];
      await ctx.caller.call({ label: 'people.batchDeleteContacts', costs: callCosts.batchDelete(), repeatable: true, signal }, () => {
        attempts += 1;
        return ctx.api.people.batchDeleteContacts({ requestBody: { resourceNames } }, requestOptions(ctx, signal));
      });
      for (const { request, index } of entries) {
        ctx.recent.deleted(request.id);
        results[index] = succeeded(undefined);
      }
      return;
    } catch (error) {
      if (!isProviderError(error, 'not-found')) throw error;
      // One name vanished (or a repeated batch already deleted them all): re-check and go on.
      const still = new Set((await getPeople(ctx, entries.map((e) => e.request.id), { signal })).map((i) => i.id));
      for (const { request, index } of entries) {
        if (still.has(request.id)) continue;
        if (attempts > 1) {
          ctx.recent.deleted(request.id);
          results[index] = succeeded(undefined);
        } else results[index] = failed(contactGone(request.id));
      }
      const before = entries.length;
      entries = entries.filter((e) => still.has(e.request.id));
      if (entries.length === before) {
        for (const { index } of entries) results[index] = failed(error);
        return;
      }
    }
  }
}
