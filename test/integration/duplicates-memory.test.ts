// Duplicates end to end on memory accounts: scan and list through the API, merge a cluster and let
// the next sync carry it out (the redundant card deleted only after the survivor's card was
// rewritten; a card the survivor lacked moved to it and patched in place), undo the merge, and
// "not the same person" surviving edits and syncs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalOfRun } from '../../electron/engine/db/repos/journal.ts';
import { isHeld } from '../../electron/engine/db/repos/holds.ts';
import type { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { card, fieldsOf, startWorld } from '../support/sync-world.ts';
import type { World } from '../support/sync-world.ts';

let w: World;
beforeEach(() => {
  w = startWorld();
});
afterEach(() => w.close());

const sync = () => w.client.call('sync.run', {});
const cards = (s: MemorySource) =>
  s
    .snapshot()
    .map((i) => {
      const f = fieldsOf(i.payload);
      return `${f.formattedName} <${f.emails.map((e) => e.value).join(',')}> [${f.phones.map((p) => p.value).join(',')}]`;
    })
    .sort();

describe('duplicates over the API', () => {
  it('finds two cards of one person in one account, merges them, and the next sync leaves one card in every account', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Robert Stone', email: 'rstone@example.org', phone: '+1 415 555 0100' }));
    a.source.createExternally(card({ fn: 'Bob Stone', phone: '(415) 555-0100', note: 'chess on Tuesdays' }));
    a.source.createExternally(card({ fn: 'Mary Major', email: 'mary@example.org' }));
    await sync();
    expect(w.names(b.source)).toEqual(['Bob Stone', 'Mary Major', 'Robert Stone']);

    const scan = await w.client.call('duplicates.scan', {});
    expect(scan).toMatchObject({ contacts: 3, clusters: 1 });
    const list = await w.client.call('duplicates.list', {});
    expect(list.total).toBe(1);
    const [cluster] = list.items;
    expect(cluster!.contacts.map((c) => c.displayName).sort()).toEqual(['Bob Stone', 'Robert Stone']);
    // Which card is "a" depends on the (random) contact ids, so the wording is checked either way round.
    expect(cluster!.reasons).toHaveLength(2);
    expect(cluster!.reasons[0]).toMatch(/^same mobile (\+1 415 555 0100 = \(415\) 555-0100|\(415\) 555-0100 = \+1 415 555 0100) \(written differently\)$/);
    expect(cluster!.reasons[1]).toMatch(/^(Robert Stone ≈ Bob Stone \(nickname robert \/ bob\)|Bob Stone ≈ Robert Stone \(nickname bob \/ robert\))$/);
    expect(cluster!.tier).toBe('medium');

    const merged = await w.client.call('duplicates.merge', { id: cluster!.id });
    expect(merged.merged).toHaveLength(1);
    expect((await w.client.call('duplicates.list', {})).total).toBe(0);
    await expect(w.client.call('duplicates.merge', { id: cluster!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const after = await sync();
    expect(after.errors).toBe(0);
    for (const s of [a.source, b.source]) expect(cards(s)).toEqual(['Mary Major <mary@example.org> []', 'Robert Stone <rstone@example.org> [+1 415 555 0100]']);
    expect(fieldsOf(a.source.snapshot().find((i) => fieldsOf(i.payload).formattedName === 'Robert Stone')!.payload).note).toBe('chess on Tuesdays');
    // In each account the survivor's card was rewritten before the redundant one was deleted.
    const remote = journalOfRun(w.engine.context.db, after.run).filter((e) => e.action.startsWith('remote.'));
    for (const account of [a.account.id, b.account.id]) {
      const order = remote.filter((e) => e.accountId === account).map((e) => e.action);
      expect(order).toEqual(['remote.update', 'remote.delete']);
    }
    expect(await sync()).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });

  it('moves the card of an account the survivor was not in, and undo brings both contacts back everywhere', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org' }));
    b.source.createExternally(card({ fn: 'Ann Lee', phone: '+1 415 555 0100' }));
    await sync();
    // Linking saw a possible match: B's card waits in the hub (held) and A got nothing from B.
    expect(cards(a.source)).toEqual(['Ann Lee <ann@example.org> []']);
    expect(cards(b.source)).toEqual(['Ann Lee <> [+1 415 555 0100]', 'Ann Lee <ann@example.org> []']);
    const [cluster] = (await w.client.call('duplicates.list', {})).items;
    expect(cluster!.origin).toBe('link');
    const held = cluster!.contactIds.find((id) => isHeld(w.engine.context.db, id))!;
    const aItem = a.source.snapshot()[0]!.id;

    // Keep the held card: A's card moves to it, B's copy of the other one becomes redundant.
    const merged = await w.client.call('duplicates.merge', { id: cluster!.id, survivorId: held });
    expect(merged.movedLinks).toBe(1);
    expect(isHeld(w.engine.context.db, held)).toBe(false);
    await sync();
    expect(cards(a.source)).toEqual(['Ann Lee <ann@example.org> [+1 415 555 0100]']);
    expect(a.source.snapshot()[0]!.id).toBe(aItem);
    expect(cards(b.source)).toEqual(['Ann Lee <ann@example.org> [+1 415 555 0100]']);
    expect(await w.hubNames()).toEqual(['Ann Lee']);

    const undo = await w.client.call('history.undo', { run: merged.run });
    expect(undo.errors).toBe(0);
    await sync();
    expect(await w.hubNames()).toEqual(['Ann Lee', 'Ann Lee']);
    for (const s of [a.source, b.source]) expect(cards(s)).toEqual(['Ann Lee <> [+1 415 555 0100]', 'Ann Lee <ann@example.org> []']);
    expect(await sync()).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });

  it('remembers "not the same person" through edits and syncs, and splits one card off a cluster', async () => {
    const a = await w.addAccount('Google');
    a.source.createExternally(card({ fn: 'Wei Zhang', phone: '+86 138 0013 8000' }));
    a.source.createExternally(card({ fn: '张伟', phone: '138 0013 8000', uid: 'zw-2' }));
    a.source.createExternally(card({ fn: 'Zhang Wei', phone: '0086 138 0013 8000', uid: 'zw-3' }));
    await sync();
    await w.client.call('duplicates.scan', {});
    const [three] = (await w.client.call('duplicates.list', {})).items;
    expect(three!.contactIds).toHaveLength(3);
    expect(three!.tier).toBe('high');
    const zw = three!.contacts.find((c) => c.displayName === '张伟')!.id;

    expect(await w.client.call('duplicates.dismiss', { id: three!.id, contactId: zw })).toEqual({ dismissed: 2 });
    const [two] = (await w.client.call('duplicates.list', {})).items;
    expect(two!.contacts.map((c) => c.displayName).sort()).toEqual(['Wei Zhang', 'Zhang Wei']);
    expect(await w.client.call('duplicates.dismiss', { id: two!.id })).toEqual({ dismissed: 1 });
    expect((await w.client.call('duplicates.list', {})).total).toBe(0);

    // Both sides edited (now sharing an e-mail too), synced, rescanned: still not suggested.
    for (const item of a.source.snapshot()) a.source.editExternally(item.id, item.payload.replace('END:VCARD', 'EMAIL:zw@example.cn\r\nEND:VCARD'));
    await sync();
    await w.client.call('duplicates.scan', {});
    expect((await w.client.call('duplicates.list', {})).total).toBe(0);
  });
});
