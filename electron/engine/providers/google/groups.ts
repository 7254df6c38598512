// Contact groups ("labels"): the user's groups by name and resource name, and creating the ones a
// write needs (google-people-api.md §6; model/person/groups.ts maps memberships ⇄ names).
// Invariants: only user groups are in the maps — system groups are the mapping's business
// (`Starred` ⇄ contactGroups/starred, myContacts on every contact, the legacy ones invisible);
// the whole list is re-read when asked (Sailfish's rule, §10 item 19 (e): no group sync token to go
// stale); a group is created only when the fresh list lacks it, and a 409 "name already exists"
// (someone created it meanwhile, §6.2) is answered by reading the list again, never by a second
// name; creates go one at a time (the caller's serial queue is held by the public method).
import type { people_v1 } from '@googleapis/people';
import { missingGroups } from '../../model/person/index.ts';
import type { GroupNamesByResource, GroupResourcesByName } from '../../model/person/index.ts';
import type { CallOptions } from '../types.ts';
import { isProviderError, ProviderError } from '../types.ts';
import { callCosts } from './budget.ts';
import type { GoogleContext } from './context.ts';
import { requestOptions } from './context.ts';

export interface GroupMaps {
  /** contactGroups/… → name, for personToCanonical. */
  namesByResource: GroupNamesByResource;
  /** name → contactGroups/…, for canonicalToPerson / patchPerson. */
  resourcesByName: GroupResourcesByName;
}

const groupFields = 'groupType,metadata,name';

export async function listGroups(ctx: GoogleContext, options: CallOptions = {}): Promise<GroupMaps> {
  const { signal } = options;
  const namesByResource = new Map<string, string>();
  const resourcesByName = new Map<string, string>();
  let pageToken: string | undefined;
  do {
    const params: people_v1.Params$Resource$Contactgroups$List = { pageSize: 1000, groupFields, ...(pageToken ? { pageToken } : {}) };
    const res = await ctx.caller.call({ label: 'contactGroups.list', costs: callCosts.groupRead(), repeatable: true, signal }, () =>
      ctx.api.contactGroups.list(params, requestOptions(ctx, signal)),
    );
    for (const group of res.data.contactGroups ?? []) {
      if (group.groupType !== 'USER_CONTACT_GROUP' || group.metadata?.deleted || !group.resourceName || !group.name) continue;
      namesByResource.set(group.resourceName, group.name);
      if (!resourcesByName.has(group.name)) resourcesByName.set(group.name, group.resourceName);
    }
    pageToken = res.data.nextPageToken ?? undefined;
  } while (pageToken);
  return { namesByResource, resourcesByName };
}

/** The maps after creating every group of `names` the account does not have yet. */
export async function ensureGroups(ctx: GoogleContext, names: readonly string[], options: CallOptions = {}): Promise<GroupMaps> {
  const { signal } = options;
  const listed = await listGroups(ctx, options);
  const missing = missingGroups(names, listed.resourcesByName);
  if (missing.length === 0) return listed;
  const namesByResource = new Map(listed.namesByResource);
  const resourcesByName = new Map(listed.resourcesByName);
  let relist = false;
  for (const name of missing) {
    try {
      const res = await ctx.caller.call({ label: 'contactGroups.create', costs: callCosts.groupWrite(), repeatable: true, signal }, () =>
        ctx.api.contactGroups.create({ requestBody: { contactGroup: { name }, readGroupFields: groupFields } }, requestOptions(ctx, signal)),
      );
      const created = res.data.resourceName;
      if (created) {
        namesByResource.set(created, res.data.name ?? name);
        resourcesByName.set(res.data.name ?? name, created);
      } else relist = true;
    } catch (error) {
      // 409: the name exists after all (created meanwhile, or a repeated create whose answer was lost).
      if (!(isProviderError(error) && error.status === 409)) throw error;
      ctx.logger?.info('google: the contact group already exists', { name });
      relist = true;
    }
  }
  const maps = relist ? await listGroups(ctx, options) : { namesByResource, resourcesByName };
  const still = missingGroups(names, maps.resourcesByName);
  if (still.length > 0) throw new ProviderError('unavailable', `Google did not list the new contact groups yet (${still.join(', ')}); Concord will retry.`);
  return maps;
}
