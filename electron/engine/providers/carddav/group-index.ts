// What the group cards of one address book say: group card href → name and member UIDs, and which
// href holds which contact UID (members are referenced by UID, `urn:uuid:<UID>`, carddav-icloud.md
// §4.1). Kept by GroupCardSource for the life of the process and rebuilt from the engine's stored
// records after a restart.
// Invariant: groupsOf(uid) is sorted and free of duplicates, so its hash only changes when the
// membership does; a member UID without a card (dangling, iCloud tolerates them) is simply unknown.
import { createHash } from 'node:crypto';
import { readVCard } from '../../model/vcard/index.ts';
import { vcardUid } from './hrefs.ts';

export interface GroupCard {
  href: string;
  etag: string;
  /** The group card's text exactly as the server sent it (patched, never rebuilt, on writes). */
  text: string;
  name: string;
  uid: string | null;
  members: string[];
}

const GROUP_KIND = /^(?:[A-Za-z0-9-]+\.)?(?:X-ADDRESSBOOKSERVER-KIND|KIND)[;:](?:[^\r\n]*:)?\s*group\s*$/im;

/** Whether a vCard text is a group card (checked on the text: cheap for 10,000 contact cards). */
export function looksLikeGroupCard(text: string): boolean {
  return GROUP_KIND.test(text);
}

/** The group card in `text`, or null when it is not one. */
export function readGroup(href: string, etag: string, text: string): GroupCard | null {
  if (!looksLikeGroupCard(text)) return null;
  const read = readVCard(text);
  if (!read.ok || read.result.kind !== 'group') return null;
  const g = read.result;
  return { href, etag, text, name: g.name.trim(), uid: g.uid, members: [...g.members] };
}

/** A short, stable hash of a sorted list of group names. */
export function groupsHash(groups: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(groups)).digest('base64url').slice(0, 12);
}

export class GroupIndex {
  readonly groups = new Map<string, GroupCard>();
  private readonly hrefByUid = new Map<string, string>();
  private readonly uidByHref = new Map<string, string>();
  loaded = false;

  groupsOf(uid: string): string[] {
    const names = new Set<string>();
    for (const g of this.groups.values()) if (g.name !== '' && g.members.includes(uid)) names.add(g.name);
    return [...names].sort();
  }

  byName(name: string): GroupCard | undefined {
    for (const g of this.groups.values()) if (g.name === name) return g;
    return undefined;
  }

  /** Stores a group card; returns the member UIDs whose memberships this changed. */
  setGroup(g: GroupCard): string[] {
    const old = this.groups.get(g.href);
    this.groups.set(g.href, g);
    if (!old) return g.members;
    if (old.name !== g.name) return [...new Set([...old.members, ...g.members])];
    const before = new Set(old.members);
    const after = new Set(g.members);
    return [...new Set([...old.members.filter((m) => !after.has(m)), ...g.members.filter((m) => !before.has(m))])];
  }

  /** Forgets a deleted href (group or contact); returns the UIDs whose memberships changed. */
  remove(href: string): string[] {
    const group = this.groups.get(href);
    this.groups.delete(href);
    const uid = this.uidByHref.get(href);
    if (uid !== undefined) {
      this.uidByHref.delete(href);
      if (this.hrefByUid.get(uid) === href) this.hrefByUid.delete(uid);
    }
    return group ? group.members : [];
  }

  /** Remembers which href holds a contact card; returns its UID. */
  noteContact(href: string, text: string): string | null {
    const uid = vcardUid(text);
    if (uid !== null) {
      this.hrefByUid.set(uid, href);
      this.uidByHref.set(href, uid);
    }
    return uid;
  }

  hrefOf(uid: string): string | undefined {
    return this.hrefByUid.get(uid);
  }

  uidOf(href: string): string | undefined {
    return this.uidByHref.get(href);
  }

  clearGroups(): void {
    this.groups.clear();
  }
}
