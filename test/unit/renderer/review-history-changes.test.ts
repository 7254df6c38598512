// history.changes, the engine method the Activity screen's per-run list reads: a run's journal in
// order with contact and account names, paged, and whether history.undo would still reverse
// anything. Memory accounts (test/support/sync-world.ts), the in-process client the UI's
// transports stand in for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcordError } from '../../../shared/api/errors.ts';
import { card, startWorld } from '../../support/sync-world.ts';
import type { World } from '../../support/sync-world.ts';

let w: World;
beforeEach(() => {
  w = startWorld();
});
afterEach(() => w.close());

describe('history.changes', () => {
  it('lists a sync’s changes with names, pages them, and follows an undo', async () => {
    const { source: phone } = await w.addAccount('Phone');
    await w.addAccount('Laptop');
    phone.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org' }));
    phone.createExternally(card({ fn: 'Bob Stone', email: 'bob@example.org' }));
    const first = await w.client.call('sync.run', {});

    const all = await w.client.call('history.changes', { run: first.run });
    expect(all.undoable).toBe(true);
    expect(all.total).toBe(all.items.length);
    const created = all.items.filter((c) => c.action === 'contact.create').map((c) => c.contactName).sort();
    expect(created).toEqual(['Ann Lee', 'Bob Stone']);
    // Each new contact went out to the other account, named.
    const written = all.items.filter((c) => c.action === 'remote.create');
    expect(written.map((c) => [c.contactName, c.accountName]).sort()).toEqual([
      ['Ann Lee', 'Laptop'],
      ['Bob Stone', 'Laptop'],
    ]);
    expect(all.items.every((c) => !c.undone && !Number.isNaN(Date.parse(c.at)))).toBe(true);

    const page = await w.client.call('history.changes', { run: first.run, offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: all.total, offset: 1 });
    expect(page.items).toEqual(all.items.slice(1, 3));

    // An edit names the fields it changed.
    const ann = phone.snapshot().find((i) => i.payload.includes('Ann Lee'))!;
    phone.editExternally(ann.id, card({ fn: 'Ann Lee', email: 'ann@example.org', note: 'met in Porto' }));
    const second = await w.client.call('sync.run', {});
    const edits = (await w.client.call('history.changes', { run: second.run })).items.filter((c) => c.action === 'contact.update');
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ contactName: 'Ann Lee', fields: ['note'] });

    await w.client.call('history.undo', { run: second.run });
    const after = await w.client.call('history.changes', { run: second.run });
    expect(after.undoable).toBe(false);
    expect(after.items.find((c) => c.action === 'contact.update')?.undone).toBe(true);
  });

  it('answers NOT_FOUND for a run that does not exist', async () => {
    await expect(w.client.call('history.changes', { run: 999 })).rejects.toSatisfy((e: unknown) => e instanceof ConcordError && e.code === 'NOT_FOUND');
  });
});
