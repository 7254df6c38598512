// In-memory contacts of one Google account, with versions and delayed visibility (doc §2.1, §3.3).
// Invariants:
// - Every mutation (fields, memberships, photo, delete) creates a new ContactVersion with a fresh source
//   etag and updateTime (§11 item 7); the record's `latest` is what writes, etag checks and (by default)
//   people.get see.
// - A version becomes *visible* to connections.list only when its propagation condition is met (§3.3
//   item 6: "Writes may have a propagation delay … for sync requests"; §11 item 23). Visible versions get a
//   strictly increasing `publishSeq` in commit order; sync tokens and LAST_MODIFIED_ASCENDING order are
//   defined on publishSeq, so a write that becomes visible late is still delivered by the next sync.
// - Deleted contacts stay as tombstones forever (sync tokens are bounded by their 7-day expiry anyway).

import { randomBytes } from 'node:crypto';
import type { FakeClock } from './clock.ts';
import type { Item, WriteField } from './person-schema.ts';

/** Writable contact data except memberships (kept as group resource names in `groups`). */
export type PersonData = Partial<Record<Exclude<WriteField, 'memberships'>, Item[]>>;

export interface ContactVersion {
  readonly data: PersonData;
  readonly groups: readonly string[];
  readonly photoId: string | null;
  readonly deleted: boolean;
  /** Base64 core of the CONTACT source etag (`#core`) and of the person etag (§2.1). */
  readonly etagCore: string;
  readonly updateTime: string;
  readonly readyAtMs: number;
  readonly readyAtListCall: number;
  /** 0 until visible to connections.list. */
  publishSeq: number;
}

export interface ContactRecord {
  /** Unsigned 64-bit id as decimal; resourceName is `people/c<id>` (§2.1). */
  id: string;
  resourceName: string;
  /** CONTACT source id: lowercase hex of the same number (§2.1 [INFER]). */
  readonly sourceId: string;
  latest: ContactVersion;
  visible: ContactVersion | null;
  previousResourceNames: string[];
}

export interface VersionContent {
  data: PersonData;
  groups: readonly string[];
  photoId: string | null;
}

export interface Visibility {
  delayMs: number;
  afterListCalls: number;
}

export class PeopleStore {
  private readonly clock: FakeClock;
  private readonly visibility: () => Visibility;
  private readonly byName = new Map<string, ContactRecord>();
  private readonly records: ContactRecord[] = [];
  private readonly pending: { record: ContactRecord; version: ContactVersion }[] = [];
  private seq = 0;
  /** Number of connections.list calls so far (the "N subsequent list calls" propagation knob). */
  listCalls = 0;

  constructor(clock: FakeClock, visibility: () => Visibility) {
    this.clock = clock;
    this.visibility = visibility;
  }

  get currentSeq(): number {
    return this.seq;
  }

  /** Creates a contact; `immediate` skips the propagation delay (seeding). */
  create(content: VersionContent, immediate = false): ContactRecord {
    let id: bigint;
    do {
      id = randomBytes(8).readBigUInt64BE() | (1n << 59n);
    } while (this.byName.has(`people/c${id}`));
    const record: ContactRecord = {
      id: id.toString(),
      resourceName: `people/c${id}`,
      sourceId: id.toString(16),
      latest: undefined as unknown as ContactVersion,
      visible: null,
      previousResourceNames: [],
    };
    this.byName.set(record.resourceName, record);
    this.records.push(record);
    this.commit(record, content, false, immediate);
    return record;
  }

  /** Writes a new version of a live contact. */
  write(record: ContactRecord, content: VersionContent, immediate = false): ContactVersion {
    return this.commit(record, content, false, immediate);
  }

  remove(record: ContactRecord, immediate = false): void {
    const { data, groups, photoId } = record.latest;
    this.commit(record, { data, groups, photoId }, true, immediate);
  }

  /** Gives the contact a new resource name, as when Google links it to a profile (§2.1, §10 item 14). */
  relink(record: ContactRecord): string {
    let id: bigint;
    do {
      id = randomBytes(8).readBigUInt64BE() | (1n << 59n);
    } while (this.byName.has(`people/c${id}`));
    record.previousResourceNames.push(record.resourceName);
    record.id = id.toString();
    record.resourceName = `people/c${id}`;
    this.byName.set(record.resourceName, record);
    const { data, groups, photoId } = record.latest;
    this.commit(record, { data, groups, photoId }, false, false);
    return record.resourceName;
  }

  /** The record a resource name (current or previous) points to, deleted or not. */
  lookup(resourceName: string): ContactRecord | undefined {
    return this.byName.get(resourceName);
  }

  /** Live (not deleted) contact by its current resource name, as writes see it. */
  findLive(resourceName: string): ContactRecord | undefined {
    const record = this.byName.get(resourceName);
    return record && record.resourceName === resourceName && !record.latest.deleted ? record : undefined;
  }

  allLive(): ContactRecord[] {
    return this.records.filter((r) => !r.latest.deleted);
  }

  /** Makes every pending version whose propagation condition is met visible, in commit order. */
  publish(): void {
    const now = this.clock.now();
    while (this.pending.length > 0) {
      const head = this.pending[0];
      if (!head || head.version.readyAtMs > now || head.version.readyAtListCall > this.listCalls) break;
      this.pending.shift();
      head.version.publishSeq = ++this.seq;
      head.record.visible = head.version;
    }
  }

  /** Contacts live in the visible state, in LAST_MODIFIED_ASCENDING order (publishSeq). */
  visibleLive(): ContactRecord[] {
    return this.visibleSorted().filter((r) => r.visible && !r.visible.deleted);
  }

  /** Contacts (live or tombstones) whose visible version was published after `seq`, ascending. */
  changedSince(seq: number): ContactRecord[] {
    return this.visibleSorted().filter((r) => (r.visible?.publishSeq ?? 0) > seq);
  }

  private visibleSorted(): ContactRecord[] {
    return this.records
      .filter((r) => r.visible !== null)
      .sort((a, b) => (a.visible?.publishSeq ?? 0) - (b.visible?.publishSeq ?? 0));
  }

  private commit(record: ContactRecord, content: VersionContent, deleted: boolean, immediate: boolean): ContactVersion {
    const now = this.clock.now();
    const { delayMs, afterListCalls } = immediate ? { delayMs: 0, afterListCalls: 0 } : this.visibility();
    const version: ContactVersion = {
      data: structuredClone(content.data),
      groups: [...new Set(content.groups)],
      photoId: content.photoId,
      deleted,
      etagCore: randomBytes(8).toString('base64'),
      updateTime: new Date(now).toISOString(),
      readyAtMs: now + delayMs,
      readyAtListCall: afterListCalls > 0 ? this.listCalls + afterListCalls + 1 : 0,
      publishSeq: 0,
    };
    record.latest = version;
    this.pending.push({ record, version });
    this.publish();
    return version;
  }
}
