// The in-memory world of one fake instance (one Google account) and the test-facing helpers on it:
// seeding, changes "made in Google's web UI", inspection, fault switches, quotas, counters, clock.
// Invariant: helpers change data only through the same stores the API uses, so a web-UI edit gets a new
// etag/updateTime and shows up in the next incremental sync (subject to the propagation knob) exactly
// like an API write — but it is not counted, not charged to quotas and not subject to fault injection.

import type { FakeClock } from './clock.ts';
import { checkPerson, presentFields, takeFields } from './contact-input.ts';
import type { PersonJson } from './contact-input.ts';
import { Counters } from './counters.ts';
import { Faults } from './faults.ts';
import { GroupsStore } from './groups-store.ts';
import type { GroupRecord } from './groups-store.ts';
import { OAuthServer } from './oauth.ts';
import { PeopleStore } from './people-store.ts';
import type { ContactRecord, ContactVersion } from './people-store.ts';
import { READ_FIELDS } from './person-schema.ts';
import { renderPerson } from './person-render.ts';
import type { RenderOptions } from './person-render.ts';
import type { Quotas } from './quotas.ts';
import { TokenCodec } from './sync-tokens.ts';

export interface StoredPhoto {
  bytes: Buffer;
  contentType: string;
}

export class FakeState {
  readonly clock: FakeClock;
  readonly faults = new Faults();
  readonly counters = new Counters();
  readonly quotas: Quotas;
  readonly oauth: OAuthServer;
  readonly people: PeopleStore;
  readonly groups: GroupsStore;
  readonly tokens = new TokenCodec();
  readonly photos = new Map<string, StoredPhoto>();
  /** `http://127.0.0.1:PORT`, set once the server listens (photo URLs point here). */
  baseUrl = '';
  /** Mutations currently being processed (concurrent-mutation penalty, §11 item 43). */
  inFlightMutations = 0;

  constructor(clock: FakeClock, quotas: Quotas) {
    this.clock = clock;
    this.quotas = quotas;
    this.oauth = new OAuthServer(clock);
    this.people = new PeopleStore(clock, () => this.faults.propagation);
    this.groups = new GroupsStore(clock);
  }

  renderOptions(mask: ReadonlySet<string>, extra: Partial<RenderOptions> = {}): RenderOptions {
    return {
      mask,
      forList: false,
      withPreviousNames: false,
      etagDependsOnMask: this.faults.personEtagDependsOnMask,
      photoUrl: (id) => `${this.baseUrl}/photos/${id}`,
      defaultPhotoUrl: (sourceId) => `${this.baseUrl}/photos/default/${sourceId}`,
      ...extra,
    };
  }

  /**
   * Adds contacts that exist before the test starts: immediately visible, not counted, no quota.
   * A number generates "Given0001 Family0001" style contacts with one email each.
   * Persons are createContact bodies; without memberships they go to myContacts.
   */
  seed(people: number | PersonJson[]): string[] {
    const list = typeof people === 'number' ? generated(people) : people;
    return list.map((person) => this.createContact(person, true).resourceName);
  }

  /** A contact created by the user in Google Contacts (not through the API). */
  createInWebUi(person: PersonJson): string {
    return this.createContact(person, false).resourceName;
  }

  /** The user edits a contact in Google Contacts: fields present in `patch` are replaced wholesale. */
  editInWebUi(resourceName: string, patch: PersonJson): void {
    const record = this.mustFind(resourceName);
    checkPerson(patch, 'person');
    this.people.write(record, takeFields(patch, presentFields(patch), record.latest, this.groups, 'person'));
  }

  /** The user deletes a contact in Google Contacts. */
  deleteInWebUi(resourceName: string): void {
    this.people.remove(this.mustFind(resourceName));
  }

  /** Google links the contact to a profile and it gets a new resource name (§2.1, §10 item 14). */
  relinkInWebUi(resourceName: string): string {
    return this.people.relink(this.mustFind(resourceName));
  }

  /** The user creates a label in Google Contacts. */
  createGroupInWebUi(name: string): string {
    return this.groups.create(name, []).resourceName;
  }

  /** The latest state of a live contact with every field, as people.get with all fields would show it. */
  getPerson(resourceName: string): PersonJson | undefined {
    const record = this.people.findLive(resourceName);
    return record ? this.render(record, record.latest) : undefined;
  }

  /** Every live contact (latest state, all fields), in creation order. */
  listPeople(): PersonJson[] {
    return this.people.allLive().map((r) => this.render(r, r.latest));
  }

  memberNames(group: GroupRecord): string[] {
    if (group.resourceName === 'contactGroups/all') return this.people.allLive().map((r) => r.resourceName);
    return this.people.allLive().filter((r) => r.latest.groups.includes(group.resourceName)).map((r) => r.resourceName);
  }

  private render(record: ContactRecord, version: ContactVersion): PersonJson {
    return renderPerson(record, version, this.renderOptions(new Set(READ_FIELDS)));
  }

  private createContact(person: PersonJson, immediate: boolean): ContactRecord {
    checkPerson(person, 'person');
    const content = takeFields(person, presentFields(person), { data: {}, groups: [], photoId: null }, this.groups, 'person');
    if (content.groups.length === 0) content.groups = ['contactGroups/myContacts'];
    return this.people.create(content, immediate);
  }

  private mustFind(resourceName: string): ContactRecord {
    const record = this.people.findLive(resourceName);
    if (!record) throw new Error(`google-fake: no live contact ${resourceName}`);
    return record;
  }
}

function generated(n: number): PersonJson[] {
  const width = String(n).length;
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(Math.max(4, width), '0');
    return {
      names: [{ givenName: `Given${k}`, familyName: `Family${k}` }],
      emailAddresses: [{ value: `contact${k}@example.com`, type: 'home' }],
    };
  });
}
