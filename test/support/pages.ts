// Collects a ContactSource listing into one result: every changed item, every deleted id, and the
// cursor of the last page (tests compare whole listings; the contract suite checks page rules itself).
import type { ChangePage, RemoteItem } from '../../electron/engine/providers/types.ts';

export async function collectPages(pages: AsyncIterable<ChangePage>): Promise<{ changed: RemoteItem[]; deleted: string[]; cursor: string }> {
  const changed: RemoteItem[] = [];
  const deleted: string[] = [];
  let cursor: string | null = null;
  for await (const page of pages) {
    changed.push(...page.changed);
    deleted.push(...page.deleted);
    cursor = page.nextCursor ?? cursor;
  }
  if (cursor === null) throw new Error('the listing ended without a cursor');
  return { changed, deleted, cursor };
}
