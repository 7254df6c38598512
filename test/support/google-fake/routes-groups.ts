// contactGroups.list/get/batchGet/create/update/delete and contactGroups.members.modify (doc §6, §11 47–52).
// Invariants: list pageSize default 30, max 1000, default groupFields metadata,groupType,memberCount,name,
// members never listed, nextSyncToken on the last page, syncs return changed groups and deleted ones with
// metadata.deleted; get/batchGet list members only up to maxMembers (default 0); names of user groups are
// unique (409); system groups cannot be renamed or deleted; members.modify adds only to user groups,
// myContacts and starred, reports unknown names and refuses to remove a contact's last group; every
// membership change is a new contact version (new etag, visible to contact syncs).

import { ApiError, invalidArgument, NOT_FOUND_MESSAGE, notFound, unknownField } from './errors.ts';
import type { GroupRecord } from './groups-store.ts';
import { ADDABLE_SYSTEM_GROUPS } from './groups-store.ts';
import { DOC_URLS, parseMask } from './params.ts';
import { violation } from './contact-input.ts';
import { prune } from './person-render.ts';
import type { RequestContext, Route } from './router.ts';
import type { FakeState } from './state.ts';
import { usePageToken, useSyncToken } from './routes-list.ts';
import { fingerprint } from './sync-tokens.ts';

const GROUP_FIELDS = ['clientData', 'groupType', 'memberCount', 'metadata', 'name'] as const;
const DEFAULT_GROUP_FIELDS = new Set(['metadata', 'groupType', 'memberCount', 'name']);
const GROUP_KEYS = ['clientData', 'etag', 'formattedName', 'groupType', 'memberCount', 'memberResourceNames', 'metadata', 'name', 'resourceName'];

function groupMask(raw: string | undefined, param: string): Set<string> {
  return parseMask(raw, GROUP_FIELDS, param, DOC_URLS.groups) ?? DEFAULT_GROUP_FIELDS;
}

function render(state: FakeState, g: GroupRecord, mask: ReadonlySet<string>, maxMembers = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { resourceName: g.resourceName, etag: g.etag };
  if (g.deleted) return { ...out, metadata: { updateTime: g.updateTime, deleted: true } };
  if (mask.has('metadata')) out.metadata = { updateTime: g.updateTime };
  if (mask.has('groupType')) out.groupType = g.groupType;
  if (mask.has('name')) Object.assign(out, { name: g.name, formattedName: g.formattedName });
  if (mask.has('clientData')) out.clientData = g.clientData;
  const members = state.memberNames(g);
  if (mask.has('memberCount')) out.memberCount = members.length;
  if (maxMembers > 0) out.memberResourceNames = members.slice(0, maxMembers);
  return prune(out) as Record<string, unknown>;
}

function findGroup(state: FakeState, resourceName: string): GroupRecord {
  if (!/^contactGroups\/[^/]+$/.test(resourceName)) throw invalidArgument(undefined, { why: `bad group name ${resourceName}` });
  const group = state.groups.find(resourceName);
  if (!group) throw notFound(`no group ${resourceName}`);
  return group;
}

function maxMembersOf(ctx: RequestContext): number {
  const n = ctx.query.int('maxMembers') ?? 0;
  if (n < 0) throw invalidArgument(undefined, { why: 'negative maxMembers' });
  return n;
}

/** The `contactGroup` of a create/update body, schema-checked; name trimmed and required. */
function groupInput(body: Record<string, unknown>, allowedTop: readonly string[]): { name?: string; clientData?: GroupRecord['clientData'] } {
  for (const key of Object.keys(body)) if (!allowedTop.includes(key)) throw unknownField(key, '');
  const group = body.contactGroup;
  if (typeof group !== 'object' || group === null || Array.isArray(group)) throw violation('contact_group', 'contactGroup is required.');
  for (const key of Object.keys(group)) if (!GROUP_KEYS.includes(key)) throw unknownField(key, 'contact_group');
  const { name, clientData } = group as { name?: unknown; clientData?: unknown };
  const data = Array.isArray(clientData) ? clientData.map((c: { key?: string; value?: string }) => ({ key: c.key, value: c.value })) : undefined;
  return { name: typeof name === 'string' ? name.trim() : undefined, ...(data ? { clientData: data } : {}) };
}

function duplicate(): ApiError {
  // §6.2: duplicate name → HTTP 409; status ALREADY_EXISTS is the AIP-193 mapping [INFER]; text unknown.
  return new ApiError(409, 'ALREADY_EXISTS', 'Contact group name already exists.', { why: 'duplicate group name' });
}

const base = { write: false, mutation: false } as const;

export const listGroups: Route = {
  ...base,
  name: 'contactGroups.list',
  rpc: 'google.people.v1.ContactGroupService.ListContactGroups',
  httpMethod: 'GET',
  pattern: /^contactGroups$/,
  params: ['groupFields', 'pageSize', 'pageToken', 'syncToken'],
  handle(ctx: RequestContext) {
    const { state, query } = ctx;
    const mask = groupMask(query.string('groupFields'), 'groupFields');
    let pageSize = query.int('pageSize') ?? 0;
    if (pageSize < 0) throw invalidArgument(undefined, { why: 'negative pageSize' });
    if (pageSize === 0) pageSize = 30;
    if (pageSize > 1000) {
      if (state.faults.pageSizeAbove1000 === 'reject') throw invalidArgument(undefined, { why: 'pageSize above 1000' });
      pageSize = 1000;
    }
    const syncToken = query.string('syncToken');
    const fp = fingerprint({ groupFields: [...mask].sort(), pageSize });
    const st = useSyncToken(state, 'gsync', syncToken, fp);
    const pt = usePageToken(state, 'gpage', query.string('pageToken'), fingerprint({ fp, syncToken: syncToken ?? null }));
    const all = st ? state.groups.changedSince(st.seq) : state.groups.live();
    const after = pt?.after ?? 0;
    const page = all.slice(after, after + pageSize);
    const snap = pt?.snap ?? state.groups.currentSeq;
    const chain = pt?.chain ?? st?.chain ?? state.clock.now();
    const response: Record<string, unknown> = { contactGroups: page.map((g) => render(state, g, mask)), totalItems: all.length };
    if (after + page.length < all.length) {
      response.nextPageToken = state.tokens.encode('gpage', { fp: fingerprint({ fp, syncToken: syncToken ?? null }), after: after + page.length, snap, chain, base: st?.seq ?? null });
    } else {
      response.nextSyncToken = state.tokens.encode('gsync', { seq: snap, fp, iat: state.clock.now(), chain, ep: state.faults.syncTokenEpoch });
    }
    return response;
  },
};

export const getGroup: Route = {
  ...base,
  name: 'contactGroups.get',
  rpc: 'google.people.v1.ContactGroupService.GetContactGroup',
  httpMethod: 'GET',
  pattern: /^(contactGroups\/[^/:]+)$/,
  params: ['groupFields', 'maxMembers'],
  handle(ctx: RequestContext) {
    const mask = groupMask(ctx.query.string('groupFields'), 'groupFields');
    return render(ctx.state, findGroup(ctx.state, ctx.resourceName), mask, maxMembersOf(ctx));
  },
};

export const batchGetGroups: Route = {
  ...base,
  name: 'contactGroups.batchGet',
  rpc: 'google.people.v1.ContactGroupService.BatchGetContactGroups',
  httpMethod: 'GET',
  pattern: /^contactGroups:batchGet$/,
  params: ['groupFields', 'maxMembers', 'resourceNames'],
  handle(ctx: RequestContext) {
    const names = ctx.query.all('resourceNames');
    if (names.length === 0 || names.length > 200) throw invalidArgument(undefined, { why: `contactGroups.batchGet: ${names.length} names` });
    const mask = groupMask(ctx.query.string('groupFields'), 'groupFields');
    const maxMembers = maxMembersOf(ctx);
    const responses = names.map((name) => {
      const group = ctx.state.groups.find(name);
      return group
        ? { requestedResourceName: name, contactGroup: render(ctx.state, group, mask, maxMembers), status: {} }
        : { requestedResourceName: name, status: { code: 5, message: NOT_FOUND_MESSAGE } };
    });
    return { responses };
  },
};

const mutation = { write: true, mutation: true } as const;

export const createGroup: Route = {
  ...mutation,
  name: 'contactGroups.create',
  rpc: 'google.people.v1.ContactGroupService.CreateContactGroup',
  httpMethod: 'POST',
  pattern: /^contactGroups$/,
  params: [],
  handle(ctx: RequestContext) {
    const { state, body } = ctx;
    const input = groupInput(body, ['contactGroup', 'readGroupFields']);
    const mask = groupMask(typeof body.readGroupFields === 'string' ? body.readGroupFields : undefined, 'readGroupFields');
    if (!input.name) throw violation('contact_group.name', 'contactGroup.name is required.');
    if (state.groups.nameTaken(input.name)) throw duplicate();
    return render(state, state.groups.create(input.name, input.clientData ?? []), mask);
  },
};

export const updateGroup: Route = {
  ...mutation,
  name: 'contactGroups.update',
  rpc: 'google.people.v1.ContactGroupService.UpdateContactGroup',
  httpMethod: 'PUT',
  pattern: /^(contactGroups\/[^/:]+)$/,
  params: [],
  handle(ctx: RequestContext) {
    const { state, body } = ctx;
    const input = groupInput(body, ['contactGroup', 'updateGroupFields', 'readGroupFields']);
    const fields = parseMask(typeof body.updateGroupFields === 'string' ? body.updateGroupFields : undefined, ['name', 'clientData'], 'updateGroupFields', DOC_URLS.groups) ?? new Set(['name']);
    const mask = groupMask(typeof body.readGroupFields === 'string' ? body.readGroupFields : undefined, 'readGroupFields');
    const group = findGroup(state, ctx.resourceName);
    if (group.groupType === 'SYSTEM_CONTACT_GROUP') throw violation('contact_group', 'System contact groups cannot be modified.');
    const change: { name?: string; clientData?: GroupRecord['clientData'] } = {};
    if (fields.has('name')) {
      if (!input.name) throw violation('contact_group.name', 'contactGroup.name is required.');
      if (state.groups.nameTaken(input.name, group.id)) throw duplicate();
      change.name = input.name;
    }
    if (fields.has('clientData')) change.clientData = input.clientData ?? [];
    state.groups.update(group, change);
    return render(state, group, mask);
  },
};

export const deleteGroup: Route = {
  ...mutation,
  name: 'contactGroups.delete',
  rpc: 'google.people.v1.ContactGroupService.DeleteContactGroup',
  httpMethod: 'DELETE',
  pattern: /^(contactGroups\/[^/:]+)$/,
  params: ['deleteContacts'],
  handle(ctx: RequestContext) {
    const { state } = ctx;
    const deleteContacts = ctx.query.bool('deleteContacts');
    const group = findGroup(state, ctx.resourceName);
    if (group.groupType === 'SYSTEM_CONTACT_GROUP') throw violation('resource_name', 'System contact groups cannot be deleted.');
    for (const record of state.people.allLive().filter((r) => r.latest.groups.includes(group.resourceName))) {
      if (deleteContacts) state.people.remove(record);
      else state.people.write(record, { ...record.latest, groups: record.latest.groups.filter((g) => g !== group.resourceName) });
    }
    state.groups.remove(group);
    return {};
  },
};

export const modifyMembers: Route = {
  ...mutation,
  name: 'contactGroups.members.modify',
  rpc: 'google.people.v1.ContactGroupService.ModifyContactGroupMembers',
  httpMethod: 'POST',
  pattern: /^(contactGroups\/[^/:]+)\/members:modify$/,
  params: [],
  handle(ctx: RequestContext) {
    const { state, body } = ctx;
    for (const key of Object.keys(body)) if (!['resourceNamesToAdd', 'resourceNamesToRemove'].includes(key)) throw unknownField(key, '');
    const toAdd = Array.isArray(body.resourceNamesToAdd) ? body.resourceNamesToAdd.map(String) : [];
    const toRemove = Array.isArray(body.resourceNamesToRemove) ? body.resourceNamesToRemove.map(String) : [];
    if (toAdd.length + toRemove.length > 1000) throw violation('resource_names_to_add', `At most 1000 resource names can be modified at once; got ${toAdd.length + toRemove.length}.`);
    const group = findGroup(state, ctx.resourceName);
    if (toAdd.length > 0 && group.groupType === 'SYSTEM_CONTACT_GROUP' && !ADDABLE_SYSTEM_GROUPS.includes(group.resourceName)) {
      throw violation('resource_name', `Contacts cannot be added to the system contact group "${group.resourceName}"; only user groups, myContacts and starred.`);
    }
    const notFoundNames: string[] = [];
    const lastGroup: string[] = [];
    for (const name of toAdd) {
      const record = state.people.findLive(name);
      if (!record) notFoundNames.push(name);
      else if (!record.latest.groups.includes(group.resourceName)) {
        state.people.write(record, { ...record.latest, groups: [...record.latest.groups, group.resourceName] });
      }
    }
    for (const name of toRemove) {
      const record = state.people.findLive(name);
      if (!record) notFoundNames.push(name);
      else if (record.latest.groups.includes(group.resourceName)) {
        const remaining = record.latest.groups.filter((g) => g !== group.resourceName);
        if (remaining.length === 0) lastGroup.push(name);
        else state.people.write(record, { ...record.latest, groups: remaining });
      }
    }
    return { notFoundResourceNames: notFoundNames, canNotRemoveLastContactGroupResourceNames: lastGroup };
  },
};
