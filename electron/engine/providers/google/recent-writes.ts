// Read-your-writes for listings: what this source wrote recently, laid over what Google lists.
// Why: "Writes may have a propagation delay of several minutes for sync requests" (google-people-
// api.md §3.3 item 6, §10 item 8). Without this, a contact Concord just created is missing from a
// full listing (and the engine would take it for deleted), one it just updated shows its old
// version (and the engine would take the old values for a remote edit and revert), and one it just
// deleted is still listed (and would come back). `get` is not affected on Google, but the fake's
// staleGets knob shows it can be, so gets use the overlay too.
// Invariants: an entry lives until Google lists the same or a newer version of that contact, or
// until `windowMs` has passed; a listed version older than the one Concord wrote (by the CONTACT
// source updateTime, a different etag) is replaced by Concord's; a newer one (someone edited after
// Concord) always wins; a full listing ends with every live recent write it did not see.
import type { GoogleRemoteItem } from './remote-item.ts';

interface Entry {
  /** The version Concord wrote, or null for a delete. */
  item: GoogleRemoteItem | null;
  id: string;
  writtenAt: number;
  /** updateTime of the written version (ms), when known; deletes: the time of the delete. */
  versionTime: number | null;
}

export class RecentWrites {
  private readonly entries = new Map<string, Entry>();
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(windowMs: number, now: () => number) {
    this.windowMs = windowMs;
    this.now = now;
  }

  wrote(item: GoogleRemoteItem): void {
    this.entries.set(item.id, { id: item.id, item, writtenAt: this.now(), versionTime: item.updatedAt });
  }

  deleted(id: string): void {
    this.entries.set(id, { id, item: null, writtenAt: this.now(), versionTime: this.now() });
  }

  get size(): number {
    this.expire();
    return this.entries.size;
  }

  /**
   * What the engine should see instead of a listed/fetched live item: the item itself, Concord's
   * newer version of it, or null when Concord deleted it since.
   */
  overlay(listed: GoogleRemoteItem): GoogleRemoteItem | null {
    this.expire();
    const entry = this.entries.get(listed.id);
    if (!entry) return listed;
    if (entry.item === null) {
      // Listed after Concord deleted it: only a later re-creation elsewhere could explain that, and
      // resource names are never reused, so it is the stale pre-delete version.
      return null;
    }
    if (listed.etag === entry.item.etag) {
      this.entries.delete(listed.id); // Google caught up.
      return listed;
    }
    if (listed.updatedAt !== null && entry.versionTime !== null && listed.updatedAt > entry.versionTime) {
      this.entries.delete(listed.id); // Edited after Concord wrote: Google's version wins.
      return listed;
    }
    return entry.item;
  }

  /** A tombstone arrived for `id`: nothing of Concord's write is pending any more. */
  tombstone(id: string): void {
    this.entries.delete(id);
  }

  /** Live recent writes not among `seen`: appended to the end of a full listing. */
  unseen(seen: ReadonlySet<string>): GoogleRemoteItem[] {
    this.expire();
    return [...this.entries.values()].flatMap((e) => (e.item !== null && !seen.has(e.id) ? [e.item] : []));
  }

  private expire(): void {
    const limit = this.now() - this.windowMs;
    for (const [id, entry] of this.entries) if (entry.writtenAt <= limit) this.entries.delete(id);
  }
}
