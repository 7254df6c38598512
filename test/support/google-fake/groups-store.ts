// Contact groups ("labels") of the fake account (doc §6.1, §6.2, §11 items 47–52).
// Invariants: the eight system groups always exist and cannot be renamed or deleted; user group names are
// unique among live user groups; every group change bumps etag/updateTime and a group sequence number
// that contactGroups.list sync tokens are defined on; deleted groups stay as tombstones for group syncs.
// Membership itself lives on the contacts (people-store.ts); counts are derived from there.

import { randomBytes } from 'node:crypto';
import type { FakeClock } from './clock.ts';

export interface GroupRecord {
  readonly id: string;
  readonly resourceName: string;
  readonly groupType: 'USER_CONTACT_GROUP' | 'SYSTEM_CONTACT_GROUP';
  name: string;
  /** Localised display name; for user groups the name itself (§6.1). */
  formattedName: string;
  clientData: { key?: string; value?: string }[];
  etag: string;
  updateTime: string;
  deleted: boolean;
  seq: number;
}

/** System groups seen in the wild (§6.1), with English formatted names. */
export const SYSTEM_GROUPS: Record<string, string> = {
  myContacts: 'My Contacts', starred: 'Starred', friends: 'Friends', family: 'Family', coworkers: 'Coworkers',
  chatBuddies: 'Chat contacts', all: 'All Contacts', blocked: 'Blocked',
};

/** The only system groups contacts may be added to (§6.2, §11 item 52). */
export const ADDABLE_SYSTEM_GROUPS = ['contactGroups/myContacts', 'contactGroups/starred'];

export class GroupsStore {
  private readonly clock: FakeClock;
  private readonly groups: GroupRecord[] = [];
  private seq = 0;

  constructor(clock: FakeClock) {
    this.clock = clock;
    for (const [id, formattedName] of Object.entries(SYSTEM_GROUPS)) {
      this.add({ id, groupType: 'SYSTEM_CONTACT_GROUP', name: id, formattedName, clientData: [] });
    }
  }

  get currentSeq(): number {
    return this.seq;
  }

  find(resourceName: string): GroupRecord | undefined {
    return this.groups.find((g) => g.resourceName === resourceName && !g.deleted);
  }

  live(): GroupRecord[] {
    return this.groups.filter((g) => !g.deleted);
  }

  changedSince(seq: number): GroupRecord[] {
    return this.groups.filter((g) => g.seq > seq).sort((a, b) => a.seq - b.seq);
  }

  nameTaken(name: string, exceptId?: string): boolean {
    return this.groups.some((g) => !g.deleted && g.groupType === 'USER_CONTACT_GROUP' && g.id !== exceptId && g.name === name);
  }

  create(name: string, clientData: GroupRecord['clientData']): GroupRecord {
    let id: string;
    do {
      id = randomBytes(7).toString('hex').replace(/^0+/, '');
    } while (this.groups.some((g) => g.id === id));
    return this.add({ id, groupType: 'USER_CONTACT_GROUP', name, formattedName: name, clientData });
  }

  update(group: GroupRecord, change: { name?: string; clientData?: GroupRecord['clientData'] }): void {
    if (change.name !== undefined) {
      group.name = change.name;
      group.formattedName = change.name;
    }
    if (change.clientData !== undefined) group.clientData = change.clientData;
    this.touch(group);
  }

  remove(group: GroupRecord): void {
    group.deleted = true;
    this.touch(group);
  }

  private add(init: Pick<GroupRecord, 'id' | 'groupType' | 'name' | 'formattedName' | 'clientData'>): GroupRecord {
    const group: GroupRecord = {
      ...init,
      resourceName: `contactGroups/${init.id}`,
      etag: '',
      updateTime: '',
      deleted: false,
      seq: 0,
    };
    this.groups.push(group);
    this.touch(group);
    return group;
  }

  private touch(group: GroupRecord): void {
    group.etag = randomBytes(8).toString('base64');
    group.updateTime = new Date(this.clock.now()).toISOString();
    group.seq = ++this.seq;
  }
}
