// The contract every ContactSource passes (vdirsyncer's StorageTests pattern): memory today,
// CardDAV on real Radicale/Xandikos and Google on the People API fake as they land. A provider
// that passes it can be trusted by the sync engine's assumptions in providers/types.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangePage, ContactSource, RemoteItem } from '../../electron/engine/providers/types.ts';
import { ProviderError } from '../../electron/engine/providers/types.ts';

export interface SourceFixture {
  source: ContactSource;
  /** A payload this source accepts, for a contact called `name` (unique per call). */
  makePayload(name: string): string;
  /** Whether a stored payload still carries `name` (servers may rewrite the rest). */
  hasName(payload: string, name: string): boolean;
  /** Changes the item as the user would in the provider's own app. */
  editElsewhere(item: RemoteItem, name: string): Promise<void>;
  cleanup(): Promise<void>;
}

async function collect(pages: AsyncIterable<ChangePage>): Promise<{ changed: RemoteItem[]; deleted: string[]; cursor: string; pages: number }> {
  const changed: RemoteItem[] = [];
  const deleted: string[] = [];
  let cursor: string | null = null;
  let count = 0;
  for await (const page of pages) {
    count += 1;
    expect(cursor, 'only the last page carries the cursor').toBeNull();
    changed.push(...page.changed);
    deleted.push(...page.deleted);
    cursor = page.nextCursor;
  }
  expect(cursor, 'the last page carries the cursor').toEqual(expect.any(String));
  return { changed, deleted, cursor: cursor!, pages: count };
}

async function expectProviderError(promise: Promise<unknown>, kind: ProviderError['kind']): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).kind).toBe(kind);
}

export function contactSourceContract(name: string, makeFixture: () => Promise<SourceFixture>): void {
  describe(`ContactSource contract: ${name}`, () => {
    let f: SourceFixture;
    beforeEach(async () => {
      f = await makeFixture();
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it('lists nothing in an empty address book, and returns a cursor', async () => {
      const first = await collect(f.source.listChanges(null));
      expect(first.changed).toEqual([]);
      expect(first.deleted).toEqual([]);
    });

    it('creates an item and returns the server version with id and etag', async () => {
      const item = await f.source.create(f.makePayload('Ada Lovelace'));
      expect(item.id).toBeTruthy();
      expect(item.etag).toBeTruthy();
      expect(f.hasName(item.payload, 'Ada Lovelace')).toBe(true);
      const [again] = await f.source.get([item.id]);
      expect(again?.etag).toBe(item.etag);
      expect(f.hasName(again!.payload, 'Ada Lovelace')).toBe(true);
    });

    it('lists every item exactly once in a full listing, across pages', async () => {
      const names = Array.from({ length: f.source.capabilities.maxBatch + 2 }, (_, i) => `Person ${i}`);
      for (const n of names) await f.source.create(f.makePayload(n));
      const all = await collect(f.source.listChanges(null));
      expect(all.changed).toHaveLength(names.length);
      expect(new Set(all.changed.map((i) => i.id)).size).toBe(names.length);
      expect(all.pages).toBeGreaterThan(1);
      for (const n of names) expect(all.changed.some((i) => f.hasName(i.payload, n))).toBe(true);
    });

    it('reports only what changed since a cursor: nothing, then an edit, a new item and a deletion', async () => {
      const a = await f.source.create(f.makePayload('Alice'));
      const b = await f.source.create(f.makePayload('Bob'));
      const base = await collect(f.source.listChanges(null));

      const quiet = await collect(f.source.listChanges(base.cursor));
      expect(quiet.changed).toEqual([]);
      expect(quiet.deleted).toEqual([]);

      await f.editElsewhere(a, 'Alice Edited');
      const c = await f.source.create(f.makePayload('Carol'));
      await f.source.delete(b.id, b.etag);
      const delta = await collect(f.source.listChanges(quiet.cursor));
      expect(delta.changed.map((i) => i.id).sort()).toEqual([a.id, c.id].sort());
      expect(f.hasName(delta.changed.find((i) => i.id === a.id)!.payload, 'Alice Edited')).toBe(true);
      expect(delta.deleted).toEqual([b.id]);
    });

    it('updates with the current etag, and the etag changes', async () => {
      const item = await f.source.create(f.makePayload('Grace Hopper'));
      const updated = await f.source.update(item.id, item.etag, f.makePayload('Grace Brewster Hopper'));
      expect(updated.id).toBe(item.id);
      expect(updated.etag).not.toBe(item.etag);
      expect(f.hasName(updated.payload, 'Grace Brewster Hopper')).toBe(true);
    });

    it('refuses an update with a stale etag and changes nothing', async () => {
      const item = await f.source.create(f.makePayload('Katherine Johnson'));
      await f.editElsewhere(item, 'Katherine G. Johnson');
      await expectProviderError(f.source.update(item.id, item.etag, f.makePayload('Overwritten')), 'precondition-failed');
      const [current] = await f.source.get([item.id]);
      expect(f.hasName(current!.payload, 'Katherine G. Johnson')).toBe(true);
    });

    it('refuses a delete with a stale etag and keeps the item', async () => {
      const item = await f.source.create(f.makePayload('Dorothy Vaughan'));
      await f.editElsewhere(item, 'Dorothy J. Vaughan');
      await expectProviderError(f.source.delete(item.id, item.etag), 'precondition-failed');
      expect(await f.source.get([item.id])).toHaveLength(1);
    });

    it('reports not-found for writes to an item that is gone, and get leaves it out', async () => {
      const item = await f.source.create(f.makePayload('Mary Jackson'));
      await f.source.delete(item.id, item.etag);
      await expectProviderError(f.source.update(item.id, item.etag, f.makePayload('Mary')), 'not-found');
      await expectProviderError(f.source.delete(item.id, item.etag), 'not-found');
      expect(await f.source.get([item.id])).toEqual([]);
    });

    it('rejects a cursor it does not know as cursor-invalid', async () => {
      await f.source.create(f.makePayload('Hedy Lamarr'));
      await expectProviderError(collect(f.source.listChanges('not-a-cursor-this-server-issued')), 'cursor-invalid');
    });

    it('does not duplicate an item when a create is retried with the same id', async () => {
      if (!f.source.capabilities.clientChosenIds) return expect(f.source.capabilities.clientChosenIds).toBe(false);
      const first = await f.source.create(f.makePayload('Joan Clarke'), { idHint: 'joan-clarke-uid' });
      await expectProviderError(f.source.create(f.makePayload('Joan Clarke'), { idHint: 'joan-clarke-uid' }), 'precondition-failed');
      const all = await collect(f.source.listChanges(null));
      expect(all.changed.filter((i) => i.id === first.id)).toHaveLength(1);
      expect(all.changed).toHaveLength(1);
    });

    it('stops when cancelled', async () => {
      const controller = new AbortController();
      controller.abort();
      await expectProviderError(f.source.create(f.makePayload('Cancelled'), { signal: controller.signal }), 'cancelled');
      expect((await collect(f.source.listChanges(null))).changed).toEqual([]);
    });
  });
}
