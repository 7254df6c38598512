// Memberships ⇄ canonical groups (google-people-api.md §6).
// Choices: a canonical group is a Google user contact group, by name. Of the system groups only
// `starred` is a canonical group, named "Starred" (starredGroupName; the API's own name for it,
// and a group name iCloud/CardDAV can carry as a category); `myContacts` is not a user label (every
// contact is in it) and neither are the legacy friends/family/coworkers/chatBuddies/all/blocked,
// to which nothing may be added (§6.2). Those, and groups the caller does not know, are invisible
// to the canonical model and kept as they are on every write.
// Invariants: a written body always has at least one contact-group membership ("a contact must
// always have at least one", §6.3) and a new contact is in myContacts (§10 item 12, §12 item 17);
// a group name with no resource name is never dropped silently: it is reported (missingGroups)
// and writing it throws UnknownGroupsError, so the provider creates the group first.
import { contactItems, writableMetadata } from './source.ts';
import type { GroupNamesByResource, GroupResourcesByName, Membership, Person } from './types.ts';
import type { Warn } from './field-spec.ts';

export const starredGroupName = 'Starred';

const starred = 'contactGroups/starred';
const myContacts = 'contactGroups/myContacts';
const systemGroupIds = new Set(['myContacts', 'starred', 'friends', 'family', 'coworkers', 'chatBuddies', 'all', 'blocked']);

/** Names of groups Concord would have to create before writing these groups. */
export class UnknownGroupsError extends Error {
  readonly names: string[];
  constructor(names: string[]) {
    super(`Unknown Google contact groups (create them first): ${names.join(', ')}`);
    this.name = 'UnknownGroupsError';
    this.names = names;
  }
}

export function isSystemGroup(resourceName: string): boolean {
  return resourceName.startsWith('contactGroups/') && systemGroupIds.has(resourceName.slice('contactGroups/'.length));
}

/** The group a membership points to; null for domain memberships (output only, §6.3). */
export function membershipGroup(membership: Membership): string | null {
  const group = membership.contactGroupMembership;
  if (group?.contactGroupResourceName) return group.contactGroupResourceName;
  return group?.contactGroupId ? `contactGroups/${group.contactGroupId}` : null;
}

/** Group names as a set: first occurrence kept, empty names dropped (Google cannot name a group ''). */
export function normalizeGroupNames(names: readonly string[]): string[] {
  return [...new Set(names.filter((name) => name !== ''))];
}

export function groupsFromMemberships(memberships: readonly Membership[] | null | undefined, groupNames: GroupNamesByResource, warn: Warn): string[] {
  const names: string[] = [];
  for (const membership of contactItems(memberships)) {
    const group = membershipGroup(membership);
    if (group === null) continue;
    if (group === starred) names.push(starredGroupName);
    else if (isSystemGroup(group)) continue;
    else {
      const name = groupNames.get(group);
      if (name === undefined) warn(`memberships: contact group ${group} is not among the known groups; not mapped`);
      else names.push(name);
    }
  }
  return normalizeGroupNames(names);
}

/** The resource name a canonical group is written as; system groups other than starred are never targets. */
function resourceOf(name: string, groups: GroupResourcesByName): string | undefined {
  if (name === starredGroupName) return starred;
  const resource = groups.get(name);
  return resource !== undefined && !isSystemGroup(resource) ? resource : undefined;
}

/** Group names that have no contact group yet (the provider creates them before writing). */
export function missingGroups(names: readonly string[], groups: GroupResourcesByName): string[] {
  return normalizeGroupNames(names).filter((name) => resourceOf(name, groups) === undefined);
}

/**
 * The memberships to write for `names`: the base's memberships Concord does not model stay as they
 * are (myContacts, legacy system groups, unknown groups); modelled ones follow `names`.
 */
export function membershipsFor(names: readonly string[], base: Person | undefined, groups: GroupResourcesByName): Membership[] {
  const missing = missingGroups(names, groups);
  if (missing.length > 0) throw new UnknownGroupsError(missing);
  const wanted = new Set(normalizeGroupNames(names).map((name) => resourceOf(name, groups) as string));
  const known = new Set(groups.values());
  const modelled = (group: string): boolean => group === starred || (!isSystemGroup(group) && known.has(group));

  const kept = new Map<string, Membership>();
  for (const membership of contactItems(base?.memberships)) {
    const group = membershipGroup(membership);
    if (group === null || kept.has(group) || (modelled(group) && !wanted.has(group))) continue;
    // contactGroupId is deprecated and output only, domainMembership output only (§6.3).
    const { domainMembership: _domain, metadata, contactGroupMembership, ...rest } = membership;
    const { contactGroupId: _id, ...membershipRest } = contactGroupMembership ?? {};
    const clean: Membership = { ...rest, contactGroupMembership: { ...membershipRest, contactGroupResourceName: group } };
    const meta = writableMetadata(metadata, null);
    kept.set(group, meta ? { metadata: meta, ...clean } : clean);
  }
  // Memberships Concord does not model first (in Google's order), then the groups in `names` order.
  const out = [...kept].filter(([group]) => !wanted.has(group)).map(([, membership]) => membership);
  for (const group of wanted) out.push(kept.get(group) ?? { contactGroupMembership: { contactGroupResourceName: group } });
  const present = new Set(out.map(membershipGroup));
  // Without a base (a new contact, or a person read without memberships) keep it in My Contacts.
  const unknownBase = base?.memberships === undefined || base.memberships === null;
  if ((unknownBase || out.length === 0) && !present.has(myContacts)) {
    out.unshift({ contactGroupMembership: { contactGroupResourceName: myContacts } });
  }
  return out;
}
