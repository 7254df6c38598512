// Contact groups and memberships of the Google fake through the real @googleapis/people client (doc §6, §11 47–52).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { people_v1 } from '@googleapis/people';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { connect } from '../support/google-fake/client.ts';
import { clientError } from '../support/google-fake/errors-of.ts';

let fake: GoogleFake;
let api: people_v1.People;
beforeEach(async () => {
  fake = await startGoogleFake({ quotas: false });
  ({ api } = await connect(fake));
});
afterEach(async () => {
  await fake.close();
});

const membershipsOf = async (name: string) =>
  (await api.people.get({ resourceName: name, personFields: 'memberships' })).data.memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName);

describe('contactGroups', () => {
  test('list: the system groups with default fields, members never listed, a sync token on the last page', async () => {
    fake.state.seed(2);
    const { data } = await api.contactGroups.list();
    const byName = new Map(data.contactGroups?.map((g) => [g.resourceName, g]));
    for (const id of ['myContacts', 'starred', 'friends', 'family', 'coworkers', 'chatBuddies', 'all', 'blocked']) {
      expect(byName.get(`contactGroups/${id}`)?.groupType).toBe('SYSTEM_CONTACT_GROUP');
    }
    expect(byName.get('contactGroups/myContacts')).toMatchObject({ name: 'myContacts', formattedName: 'My Contacts', memberCount: 2, metadata: { updateTime: expect.any(String) } });
    expect(byName.get('contactGroups/myContacts')?.memberResourceNames).toBeUndefined();
    expect(data.totalItems).toBe(8);
    expect(data.nextSyncToken).toBeTruthy();
    const paged = await api.contactGroups.list({ pageSize: 5 });
    expect(paged.data.contactGroups).toHaveLength(5);
    expect(paged.data.nextPageToken).toBeTruthy();
    expect(paged.data.nextSyncToken).toBeUndefined();
    const rest = await api.contactGroups.list({ pageSize: 5, pageToken: paged.data.nextPageToken ?? '' });
    expect(rest.data.contactGroups).toHaveLength(3);
    expect(rest.data.nextPageToken).toBeUndefined();
    expect(rest.data.nextSyncToken).toBeTruthy();
    const drift = await clientError(api.contactGroups.list({ pageSize: 6, pageToken: paged.data.nextPageToken ?? '' }));
    expect(drift.status).toBe(400);
  });

  test('create, duplicate name → 409, rename, get with maxMembers, group sync returns changes and deletions', async () => {
    const first = await api.contactGroups.list();
    const { data: g } = await api.contactGroups.create({ requestBody: { contactGroup: { name: 'Climbing' } } });
    expect(g).toMatchObject({ name: 'Climbing', formattedName: 'Climbing', groupType: 'USER_CONTACT_GROUP', resourceName: expect.stringMatching(/^contactGroups\/[0-9a-f]+$/) });
    const dup = await clientError(api.contactGroups.create({ requestBody: { contactGroup: { name: 'Climbing' } } }));
    expect(dup.status).toBe(409);
    const renamed = await api.contactGroups.update({ resourceName: g.resourceName ?? '', requestBody: { contactGroup: { name: 'Bouldering' } } });
    expect(renamed.data.name).toBe('Bouldering');
    expect(renamed.data.etag).not.toBe(g.etag);
    const [p] = fake.state.seed(1);
    await api.contactGroups.members.modify({ resourceName: g.resourceName ?? '', requestBody: { resourceNamesToAdd: [p ?? ''] } });
    const noMembers = await api.contactGroups.get({ resourceName: g.resourceName ?? '' });
    expect(noMembers.data.memberResourceNames).toBeUndefined();
    expect(noMembers.data.memberCount).toBe(1);
    const withMembers = await api.contactGroups.get({ resourceName: g.resourceName ?? '', maxMembers: 10 });
    expect(withMembers.data.memberResourceNames).toEqual([p]);

    const other = await api.contactGroups.create({ requestBody: { contactGroup: { name: 'Temp' } } });
    await api.contactGroups.delete({ resourceName: other.data.resourceName ?? '' });
    const changes = await api.contactGroups.list({ syncToken: first.data.nextSyncToken ?? '' });
    const changed = new Map(changes.data.contactGroups?.map((x) => [x.resourceName, x]));
    expect(changed.get(g.resourceName)?.name).toBe('Bouldering');
    expect(changed.get(other.data.resourceName)?.metadata?.deleted).toBe(true);
    expect(changed.has('contactGroups/myContacts')).toBe(false);
  });

  test('system groups cannot be renamed or deleted', async () => {
    expect((await clientError(api.contactGroups.update({ resourceName: 'contactGroups/myContacts', requestBody: { contactGroup: { name: 'x' } } }))).status).toBe(400);
    expect((await clientError(api.contactGroups.delete({ resourceName: 'contactGroups/starred' }))).status).toBe(400);
  });

  test('delete without deleteContacts drops the membership (new etag, in contact sync); with it deletes the members', async () => {
    const g1 = (await api.contactGroups.create({ requestBody: { contactGroup: { name: 'One' } } })).data.resourceName ?? '';
    const g2 = (await api.contactGroups.create({ requestBody: { contactGroup: { name: 'Two' } } })).data.resourceName ?? '';
    const [a, b] = fake.state.seed(2);
    await api.contactGroups.members.modify({ resourceName: g1, requestBody: { resourceNamesToAdd: [a ?? ''] } });
    await api.contactGroups.members.modify({ resourceName: g2, requestBody: { resourceNamesToAdd: [b ?? ''] } });
    const full = await api.people.connections.list({ resourceName: 'people/me', personFields: 'memberships,metadata', requestSyncToken: true });
    await api.contactGroups.delete({ resourceName: g1 });
    await api.contactGroups.delete({ resourceName: g2, deleteContacts: true });
    expect(await membershipsOf(a ?? '')).toEqual(['contactGroups/myContacts']);
    expect((await clientError(api.people.get({ resourceName: b ?? '', personFields: 'names' }))).status).toBe(404);
    const inc = await api.people.connections.list({ resourceName: 'people/me', personFields: 'memberships,metadata', requestSyncToken: true, syncToken: full.data.nextSyncToken ?? '' });
    const byName = new Map(inc.data.connections?.map((p) => [p.resourceName, p]));
    expect(byName.get(a)?.memberships).toHaveLength(1);
    expect(byName.get(b)?.metadata?.deleted).toBe(true);
  });
});

describe('members.modify and memberships', () => {
  test('reports unknown names, refuses to remove the last group, rejects adding to friends; changes show on the Person', async () => {
    const [a, b] = fake.state.seed(2);
    const before = (await api.people.get({ resourceName: a ?? '', personFields: 'metadata' })).data.etag;
    const { data } = await api.contactGroups.members.modify({
      resourceName: 'contactGroups/starred',
      requestBody: { resourceNamesToAdd: [a ?? '', 'people/c42'] },
    });
    expect(data.notFoundResourceNames).toEqual(['people/c42']);
    expect(await membershipsOf(a ?? '')).toEqual(['contactGroups/myContacts', 'contactGroups/starred']);
    expect((await api.people.get({ resourceName: a ?? '', personFields: 'metadata' })).data.etag).not.toBe(before);

    const last = await api.contactGroups.members.modify({ resourceName: 'contactGroups/myContacts', requestBody: { resourceNamesToRemove: [b ?? ''] } });
    expect(last.data.canNotRemoveLastContactGroupResourceNames).toEqual([b]);
    expect(await membershipsOf(b ?? '')).toEqual(['contactGroups/myContacts']);

    const friends = await clientError(api.contactGroups.members.modify({ resourceName: 'contactGroups/friends', requestBody: { resourceNamesToAdd: [a ?? ''] } }));
    expect(friends.status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `people/c${i + 1}`);
    expect((await clientError(api.contactGroups.members.modify({ resourceName: 'contactGroups/starred', requestBody: { resourceNamesToAdd: tooMany } }))).status).toBe(400);
  });

  test('memberships via updateContact replace the whole list (dropping myContacts is allowed)', async () => {
    const g = (await api.contactGroups.create({ requestBody: { contactGroup: { name: 'Work' } } })).data.resourceName ?? '';
    const created = (await api.people.createContact({ personFields: 'memberships', requestBody: { names: [{ givenName: 'W' }] } })).data;
    const { data } = await api.people.updateContact({
      resourceName: created.resourceName ?? '', updatePersonFields: 'memberships', personFields: 'memberships',
      requestBody: { etag: created.etag ?? '', memberships: [{ contactGroupMembership: { contactGroupResourceName: g } }] },
    });
    expect(data.memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName)).toEqual([g]);
  });
});
