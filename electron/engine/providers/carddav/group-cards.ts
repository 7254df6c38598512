// Groups as group cards (the account's groupsMode 'group-cards'; iCloud's only way, carddav-icloud.md
// §4.1): a ContactSource around CardDavSource that lets the sync engine see groups as it sees them
// everywhere else — as the contact's CATEGORIES — while the server keeps them in separate group cards
// (`X-ADDRESSBOOKSERVER-KIND:group` + `X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:<UID>`, or vCard 4
// `KIND:group` + `MEMBER`).
// Reading: every contact card is handed up with its memberships folded in (model/vcard/group-fold.ts)
// and a version of `<etag> groups=<hash>`, so a membership change on the server is a change of the
// contact to the engine; when a group card changes, the contacts it gained or lost are fetched and
// handed up again. Group cards themselves go up unchanged (the codec reads them as 'other': stored,
// never shown as contacts) — their stored copies rebuild the group index after a restart.
// Writing: the card goes to the server without the folded line (and is not sent at all when only its
// groups changed); each gained or lost group is one conditional write of that group card (If-Match,
// patchGroup keeps all its other lines; a new group is a new card with If-None-Match), retried after
// re-reading it on 412.
// Invariants: no unconditional write; a group card is only ever changed in its member lines; the
// version handed up changes exactly when the card or its memberships change; a write whose
// memberships changed on the server since the engine read them is precondition-failed.
import { createHash, randomUUID } from 'node:crypto';
import { foldGroups, unfoldGroups } from '../../model/vcard/group-fold.ts';
import { patchGroup, serializeGroup } from '../../model/vcard/index.ts';
import type { CallOptions, ChangePage, ContactSource, RemoteItem, SourceCapabilities } from '../types.ts';
import { ProviderError, isProviderError } from '../types.ts';
import type { CardDavSource, StoredItem } from './carddav-source.ts';
import { GroupIndex, groupsHash, readGroup } from './group-index.ts';
import type { GroupCard } from './group-index.ts';
import { vcardUid } from './hrefs.ts';

const SUFFIX = ' groups=';
/** Attempts at one group-card write that keeps meeting 412 (another client writing the same group). */
const GROUP_WRITE_ATTEMPTS = 4;

/** The server's etag inside a version this source handed up. */
export function serverEtag(version: string): string {
  const at = version.lastIndexOf(SUFFIX);
  return at < 0 ? version : version.slice(0, at);
}

function versionOf(etag: string, groups: readonly string[]): string {
  return groups.length === 0 ? etag : `${etag}${SUFFIX}${groupsHash(groups)}`;
}

function groupsPart(version: string): string {
  const at = version.lastIndexOf(SUFFIX);
  return at < 0 ? groupsHash([]) : version.slice(at + SUFFIX.length);
}

const sha = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** What the engine stored, as the server has it: versions and payloads with the folding taken out. */
export function unfoldStored(stored: ReadonlyMap<string, StoredItem>): Map<string, StoredItem> {
  const out = new Map<string, StoredItem>();
  for (const [id, item] of stored) {
    const folded = item.etag.includes(SUFFIX) || item.payload.includes('X-CONCORD-OWN-');
    out.set(id, { etag: serverEtag(item.etag), payload: folded ? unfoldGroups(item.payload).text : item.payload });
  }
  return out;
}

export interface GroupCardSourceOptions {
  inner: CardDavSource;
  /** The engine's stored items of this account (rebuilds the group index after a restart). */
  stored?: () => Promise<ReadonlyMap<string, StoredItem>> | ReadonlyMap<string, StoredItem>;
  /** vCard version of new group cards ('3.0': iCloud's Apple form). */
  version?: '3.0' | '4.0';
}

export class GroupCardSource implements ContactSource {
  readonly capabilities: SourceCapabilities;
  readonly index = new GroupIndex();
  private readonly inner: CardDavSource;
  private readonly options: GroupCardSourceOptions;
  /** href → server etag and hash of the card text last handed up: a groups-only change sends no PUT. */
  private readonly seen = new Map<string, { etag: string; hash: string }>();

  constructor(options: GroupCardSourceOptions) {
    this.inner = options.inner;
    this.options = options;
    this.capabilities = options.inner.capabilities;
  }

  takeWarnings(): { id: string; message: string }[] {
    return this.inner.takeWarnings();
  }

  async *listChanges(cursor: string | null, options: CallOptions = {}): AsyncIterable<ChangePage> {
    await this.load();
    const changed: RemoteItem[] = [];
    const deleted: string[] = [];
    let next: string | null = null;
    // Every page first: a contact can only be folded once every group card of the listing is known.
    for await (const page of this.inner.listChanges(cursor, options)) {
      changed.push(...page.changed);
      deleted.push(...page.deleted);
      next = page.nextCursor ?? next;
    }
    const full = cursor === null;
    if (full) this.index.clearGroups();
    const affected = new Set<string>();
    const contacts: RemoteItem[] = [];
    const groups: RemoteItem[] = [];
    for (const item of changed) {
      const group = readGroup(item.id, item.etag, item.payload);
      if (group) {
        for (const uid of this.index.setGroup(group)) affected.add(uid);
        groups.push(item);
      } else {
        this.index.noteContact(item.id, item.payload);
        contacts.push(item);
      }
    }
    for (const id of deleted) for (const uid of this.index.remove(id)) affected.add(uid);
    if (!full && affected.size > 0) {
      // Contacts whose card did not change but whose memberships did: hand them up again.
      const listed = new Set([...contacts.map((c) => c.id), ...deleted]);
      const extra = [...affected].flatMap((uid) => this.index.hrefOf(uid) ?? []).filter((href) => !listed.has(href));
      if (extra.length > 0) contacts.push(...(await this.inner.get([...new Set(extra)], options)));
    }
    const out = [...groups, ...contacts.map((c) => this.folded(c))];
    const size = this.capabilities.maxBatch;
    for (let i = 0; i < out.length || i === 0; i += size) {
      const last = i + size >= out.length;
      yield { changed: out.slice(i, i + size), deleted: last ? deleted : [], nextCursor: last ? next : null };
    }
  }

  async get(ids: readonly string[], options: CallOptions = {}): Promise<RemoteItem[]> {
    await this.load();
    const items = await this.inner.get(ids, options);
    return items.map((item) => {
      const group = readGroup(item.id, item.etag, item.payload);
      if (group) {
        this.index.setGroup(group);
        return item;
      }
      this.index.noteContact(item.id, item.payload);
      return this.folded(item);
    });
  }

  async create(payload: string, options: CallOptions & { idHint?: string } = {}): Promise<RemoteItem> {
    await this.load();
    const { text, groups } = unfoldGroups(payload);
    const written = await this.inner.create(text, options);
    const uid = this.index.noteContact(written.id, written.payload) ?? vcardUid(text);
    if (uid !== null) await this.writeMemberships(uid, groups, options);
    return this.folded(written);
  }

  async update(id: string, etag: string, payload: string, options: CallOptions = {}): Promise<RemoteItem> {
    await this.load();
    const { text, groups } = unfoldGroups(payload);
    const uid = vcardUid(text);
    if (uid !== null && groupsHash(this.index.groupsOf(uid)) !== groupsPart(etag)) {
      throw new ProviderError('precondition-failed', `The groups of ${id} changed on the server since it was read; it has to be fetched again.`, { status: 412 });
    }
    if (uid === null && groups.length > 0) {
      throw new ProviderError('rejected', `${id} has no UID, so it cannot be a member of a group card; it was left unchanged.`);
    }
    const etagOnServer = serverEtag(etag);
    let written: RemoteItem | null = null;
    let same: boolean;
    const seen = this.seen.get(id);
    if (seen && seen.etag === etagOnServer) same = seen.hash === sha(text);
    else {
      // Not read in this process: one multiget tells whether the card itself changed.
      const [current] = await this.inner.get([id], options);
      if (!current) throw new ProviderError('not-found', `The card ${id} no longer exists on the server.`, { status: 404 });
      if (current.etag !== etagOnServer) throw new ProviderError('precondition-failed', `The card ${id} changed on the server since it was read; it has to be fetched again.`, { status: 412 });
      same = current.payload === text || sha(current.payload) === sha(text);
      written = current;
    }
    if (!same) written = await this.inner.update(id, etagOnServer, text, options);
    written ??= { id, etag: etagOnServer, payload: text, contentType: 'text/vcard', updatedAt: null };
    if (uid !== null) await this.writeMemberships(uid, groups, options);
    return this.folded(written);
  }

  async delete(id: string, etag: string, options: CallOptions = {}): Promise<void> {
    // Group cards keep the UID as a dangling member (iCloud tolerates them, §4.1): deleting a
    // contact never rewrites lists the user did not touch.
    await this.inner.delete(id, serverEtag(etag), options);
    this.index.remove(id);
    this.seen.delete(id);
  }

  // ── internals ───────────────────────────────────────────────────────────────

  private folded(item: RemoteItem): RemoteItem {
    const uid = this.index.uidOf(item.id) ?? vcardUid(item.payload);
    const groups = uid === null ? [] : this.index.groupsOf(uid);
    this.seen.set(item.id, { etag: item.etag, hash: sha(item.payload) });
    return { ...item, etag: versionOf(item.etag, groups), payload: foldGroups(item.payload, groups) };
  }

  /** The group index from the engine's stored records, once per process. */
  private async load(): Promise<void> {
    if (this.index.loaded) return;
    this.index.loaded = true;
    if (!this.options.stored) return;
    for (const [id, item] of await this.options.stored()) {
      const group = readGroup(id, item.etag, item.payload);
      if (group) this.index.setGroup(group);
      else this.index.noteContact(id, item.payload);
    }
  }

  /** Makes the group cards hold `uid` in exactly the groups named `wanted`. */
  private async writeMemberships(uid: string, wanted: readonly string[], options: CallOptions): Promise<void> {
    const have = new Set(this.index.groupsOf(uid));
    const want = new Set(wanted);
    for (const name of want) {
      if (have.has(name)) continue;
      const group = this.index.byName(name);
      if (group) await this.changeGroup(group.href, (members) => (members.includes(uid) ? members : [...members, uid]), options);
      else await this.createGroup(name, uid, options);
    }
    for (const name of have) {
      if (want.has(name)) continue;
      for (const group of [...this.index.groups.values()].filter((g) => g.name === name && g.members.includes(uid))) {
        await this.changeGroup(group.href, (members) => members.filter((m) => m !== uid), options);
      }
    }
  }

  private async createGroup(name: string, member: string, options: CallOptions): Promise<void> {
    const uid = randomUUID();
    const text = serializeGroup({ name, members: [member] }, { version: this.options.version ?? '3.0', uid });
    const written = await this.inner.create(text, { ...options, idHint: uid });
    this.remember(written);
  }

  /** One conditional write of a group card's member lines; on 412 it is read again and the change re-applied. */
  private async changeGroup(href: string, change: (members: string[]) => string[], options: CallOptions): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const group = this.index.groups.get(href);
      if (!group) return; // deleted meanwhile: nothing left to change
      const members = change(group.members);
      if (members.length === group.members.length && members.every((m, i) => m === group.members[i])) return;
      const patched = patchGroup(group.text, { name: group.name, members });
      if (!patched.ok) throw new ProviderError('rejected', `The group card “${group.name}” (${href}) could not be changed: ${patched.error.message}`);
      try {
        this.remember(await this.inner.update(href, group.etag, patched.text, options));
        return;
      } catch (error) {
        if (!isProviderError(error, 'precondition-failed') && !isProviderError(error, 'not-found')) throw error;
        if (attempt >= GROUP_WRITE_ATTEMPTS) throw error;
        const [fresh] = await this.inner.get([href], options);
        if (fresh) this.remember(fresh);
        else this.index.remove(href);
      }
    }
  }

  private remember(item: RemoteItem): GroupCard | null {
    const group = readGroup(item.id, item.etag, item.payload);
    if (group) this.index.setGroup(group);
    return group;
  }
}
