// Pull decisions wait in chunks gathered across listing pages, overwrites until the guards have
// passed (sync/pull.ts). An item a listing reports twice — an older version on one page, the item as
// it now is on a later one, as a server may when it changes while being listed — must end as if
// only its later version had been listed: one hub contact, never two; and an older edit that the
// item no longer carries must not reach the hub.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import type { CallOptions, ChangePage } from '../../electron/engine/providers/types.ts';
import { card, startWorld } from '../support/sync-world.ts';
import type { World } from '../support/sync-world.ts';

let w: World;
beforeEach(() => {
  w = startWorld();
});
afterEach(() => w.close());

/** Reports `twice.id` in its next listing first in an older version, then as it is, on a later page. */
class ListsTwice extends MemorySource {
  twice: { id: string; olderPayload: string } | null = null;
  override async *listChanges(cursor: string | null, options: CallOptions = {}): AsyncIterable<ChangePage> {
    const twice = this.twice;
    this.twice = null;
    let first = true;
    for await (const page of super.listChanges(cursor, options)) {
      if (twice && first) {
        const current = this.snapshot().find((i) => i.id === twice.id)!;
        yield { changed: [{ ...current, etag: 'older', payload: twice.olderPayload }], deleted: [], nextCursor: null };
        yield { ...page, changed: [...page.changed.filter((i) => i.id !== twice.id), current] };
      } else yield page;
      first = false;
    }
  }
}

async function accountListingTwice(): Promise<ListsTwice> {
  const { account } = await w.addAccount('Google');
  const source = new ListsTwice();
  w.sources.set(account.id, source);
  return source;
}

const names = async () => (await w.client.call('contacts.list')).items.map((c) => c.displayName).sort();

describe('an item listed twice in one listing', () => {
  it('on a first sync becomes one hub contact with its later version, and one record', async () => {
    const source = await accountListingTwice();
    const ann = source.createExternally(card({ fn: 'Ann Lee-Wong', email: 'ann@example.org', phone: '+1 415 555 0100' }));
    source.createExternally(card({ fn: 'Bob Stone', email: 'bob@example.org' }));
    source.twice = { id: ann.id, olderPayload: card({ fn: 'Ann Lee', email: 'ann@example.org' }) };

    expect((await w.client.call('sync.run', {})).errors).toBe(0);
    expect(await names()).toEqual(['Ann Lee-Wong', 'Bob Stone']);
    expect((await w.client.call('status.get')).accounts.find((a) => a.name === 'Google')?.records).toBe(2);
    // Nothing is left to do: the next sync reads the same two items as echoes.
    const again = await w.client.call('sync.run', {});
    expect([again.created, again.updated, again.deleted]).toEqual([0, 0, 0]);
    expect(await names()).toEqual(['Ann Lee-Wong', 'Bob Stone']);
  });

  it('later, drops an older edit the item no longer carries (it is listed back as stored)', async () => {
    const source = await accountListingTwice();
    const ann = source.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org' }));
    await w.client.call('sync.run', {});
    // The older version is an overwrite of the hub contact (held for the guards until the listing ends).
    source.twice = { id: ann.id, olderPayload: card({ fn: 'Ann Edited', email: 'ann@example.org' }) };

    const run = await w.client.call('sync.run', {});
    expect(run.errors).toBe(0);
    expect(run.updated).toBe(0);
    expect(await names()).toEqual(['Ann Lee']);
  });
});
