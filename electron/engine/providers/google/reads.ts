// people.getBatchGet as the engine's get(ids): current versions by resource name, 200 per call
// (google-people-api.md §4, §5.4).
// Invariants: ids that are unknown or deleted are left out (per-item status 5 = NOT_FOUND); a
// contact Google renamed comes back under its new id with the asked one in previousIds (§2.1,
// `requestedResourceName`); Concord's own recent writes are laid over the answer (recent-writes.ts),
// including a contact this source created or updated moments ago that a lagging read does not show
// yet (the fake's staleGets, §10 item 3) — claiming it exists costs at worst a not-found on the next
// write, while claiming it is gone would make the engine delete it elsewhere.
import type { CallOptions } from '../types.ts';
import { callCosts } from './budget.ts';
import type { GoogleContext } from './context.ts';
import { requestOptions } from './context.ts';
import { batchLimits, readMask, readSources } from './person-fields.ts';
import type { GoogleRemoteItem } from './remote-item.ts';
import { toRemoteItem } from './remote-item.ts';

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function getPeople(ctx: GoogleContext, ids: readonly string[], options: CallOptions = {}): Promise<GoogleRemoteItem[]> {
  const { signal } = options;
  const items: GoogleRemoteItem[] = [];
  for (const slice of chunks([...new Set(ids)], batchLimits.get)) {
    const res = await ctx.caller.call({ label: 'people.getBatchGet', costs: callCosts.read(), repeatable: true, signal }, () =>
      ctx.api.people.getBatchGet({ resourceNames: slice, personFields: readMask, sources: readSources }, requestOptions(ctx, signal)),
    );
    for (const response of res.data.responses ?? []) {
      const person = response.person;
      if (!person?.resourceName || person.metadata?.deleted) continue;
      const item = toRemoteItem(person);
      const asked = response.requestedResourceName;
      if (asked && asked !== item.id && !item.previousIds.includes(asked)) item.previousIds.push(asked);
      const seen = ctx.recent.overlay(item);
      if (seen) items.push(seen);
    }
  }
  const returned = new Set(items.flatMap((i) => [i.id, ...i.previousIds]));
  items.push(...ctx.recent.unseen(returned).filter((i) => ids.includes(i.id)));
  return items;
}

/** One contact, or null when it is gone. */
export async function getPerson(ctx: GoogleContext, id: string, options: CallOptions = {}): Promise<GoogleRemoteItem | null> {
  const [item] = await getPeople(ctx, [id], options);
  return item ?? null;
}
