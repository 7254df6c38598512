// Named sync scenarios on memory accounts (the list): the engine end to end — listing,
// linking, field-level merge, conflicts under each policy, deletions, guards, directions, faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { card, fieldsOf, startWorld } from '../support/sync-world.ts';
import type { World } from '../support/sync-world.ts';

let w: World;
beforeEach(() => {
  w = startWorld();
});
afterEach(() => w.close());

const sync = (params: { approve?: boolean; dryRun?: boolean } = {}) => w.client.call('sync.run', params);
const itemNamed = (source: MemorySource, fn: string) => source.snapshot().find((i) => fieldsOf(i.payload).formattedName === fn)!;

async function twoLinkedAccounts() {
  const a = await w.addAccount('Google');
  const b = await w.addAccount('iCloud');
  a.source.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100' }));
  b.source.createExternally(card({ fn: 'Ann Lee', email: 'ANN@example.org' }));
  await sync();
  return { a, b };
}

describe('first sync', () => {
  it('links the same person across two accounts and fills each account with what it lacks', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100' }));
    a.source.createExternally(card({ fn: 'Bob Stone', email: 'bob@example.org' }));
    b.source.createExternally(card({ fn: 'Ann Lee', email: 'Ann@Example.org', note: 'met in Lisbon' }));
    b.source.createExternally(card({ fn: 'Carol Díaz', phone: '+34 600 000 000' }));

    const preview = await sync({ dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, errors: 0, paused: false });
    expect(await w.hubNames()).toEqual([]);
    expect(a.source.calls.create + b.source.calls.create).toBe(0);

    const first = await sync();
    expect(first).toMatchObject({ errors: 0, paused: false, conflicts: 0 });
    expect(preview.created).toBe(first.created);
    expect(await w.hubNames()).toEqual(['Ann Lee', 'Bob Stone', 'Carol Díaz']);
    expect(w.names(a.source)).toEqual(['Ann Lee', 'Bob Stone', 'Carol Díaz']);
    expect(w.names(b.source)).toEqual(['Ann Lee', 'Bob Stone', 'Carol Díaz']);
    // Ann's two records were linked, not duplicated, and each side got the other's fields.
    const annA = fieldsOf(itemNamed(a.source, 'Ann Lee').payload);
    expect(annA.note).toBe('met in Lisbon');
    expect(fieldsOf(itemNamed(b.source, 'Ann Lee').payload).phones.map((p) => p.value)).toEqual(['+1 415 555 0100']);
    expect(annA.emails).toHaveLength(1);

    const second = await sync();
    expect(second).toMatchObject({ created: 0, updated: 0, deleted: 0, conflicts: 0, errors: 0 });
  });
});

describe('two-way edits', () => {
  it('carries an edit made in one account to the hub and the other account in the same run', async () => {
    const { a, b } = await twoLinkedAccounts();
    const ann = itemNamed(a.source, 'Ann Lee');
    a.source.editExternally(ann.id, card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100', title: 'Architect' }));
    const r = await sync();
    expect(r).toMatchObject({ conflicts: 0, errors: 0 });
    expect(fieldsOf(itemNamed(b.source, 'Ann Lee').payload).organizations[0]?.title).toBe('Architect');
    expect(await sync()).toMatchObject({ created: 0, updated: 0 });
  });

  it('merges edits to different fields made on both sides', async () => {
    const { a, b } = await twoLinkedAccounts();
    a.source.editExternally(itemNamed(a.source, 'Ann Lee').id, card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100', title: 'Architect' }));
    const annB = itemNamed(b.source, 'Ann Lee');
    const bFields = fieldsOf(annB.payload);
    expect(bFields.phones).toHaveLength(1);
    b.source.editExternally(annB.id, card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100', note: 'prefers email' }));
    expect(await sync()).toMatchObject({ conflicts: 0, errors: 0 });
    for (const s of [a.source, b.source]) {
      const f = fieldsOf(itemNamed(s, 'Ann Lee').payload);
      expect(f.organizations[0]?.title).toBe('Architect');
      expect(f.note).toBe('prefers email');
    }
  });

  it('keeps additions made on both sides to the same list', async () => {
    const { a, b } = await twoLinkedAccounts();
    const annA = itemNamed(a.source, 'Ann Lee');
    a.source.editExternally(annA.id, annA.payload.replace('END:VCARD', 'EMAIL;TYPE=WORK:ann@work.example\r\nEND:VCARD'));
    const annB = itemNamed(b.source, 'Ann Lee');
    b.source.editExternally(annB.id, annB.payload.replace('END:VCARD', 'EMAIL;TYPE=HOME:ann.lee@home.example\r\nEND:VCARD'));
    await sync();
    for (const s of [a.source, b.source]) {
      const emails = fieldsOf(itemNamed(s, 'Ann Lee').payload).emails.map((e) => e.value.toLowerCase()).sort();
      expect(emails).toEqual(['ann.lee@home.example', 'ann@example.org', 'ann@work.example']);
    }
  });
});

describe('same-field conflicts', () => {
  async function conflicting(policy: 'ask' | 'newest' | 'priority') {
    const a = await w.addAccount('Google', { conflictPolicy: policy, priority: 2 });
    const b = await w.addAccount('iCloud', { conflictPolicy: policy, priority: 1 });
    a.source.createExternally(card({ fn: 'Dan Wu', email: 'dan@example.org', note: 'original' }));
    await sync();
    const danA = itemNamed(a.source, 'Dan Wu');
    const danB = itemNamed(b.source, 'Dan Wu');
    w.ports.clock.now = (() => {
      let t = Date.UTC(2026, 5, 1);
      return () => (t += 1000);
    })();
    a.source.editExternally(danA.id, card({ fn: 'Dan Wu', email: 'dan@example.org', note: 'from Google' }));
    b.source.editExternally(danB.id, card({ fn: 'Dan Wu', email: 'dan@example.org', note: 'from iCloud' }));
    return { a, b };
  }

  it('ask: records the conflict, overwrites neither account, and applies the user’s choice', async () => {
    const { a, b } = await conflicting('ask');
    const r = await sync();
    expect(r.conflicts).toBeGreaterThan(0);
    const [conflict, ...more] = await w.client.call('conflicts.list');
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({ field: 'note', hubValue: 'from Google', accountValue: 'from iCloud', accountName: 'iCloud' });
    expect(fieldsOf(itemNamed(b.source, 'Dan Wu').payload).note).toBe('from iCloud');
    // Syncing again keeps the conflict open and still writes nothing over it.
    await sync();
    expect(await w.client.call('conflicts.list')).toHaveLength(1);
    expect(fieldsOf(itemNamed(b.source, 'Dan Wu').payload).note).toBe('from iCloud');

    await w.client.call('conflicts.resolve', { id: conflict!.id, keep: 'account' });
    await sync();
    expect(await w.client.call('conflicts.list')).toEqual([]);
    for (const s of [a.source, b.source]) expect(fieldsOf(itemNamed(s, 'Dan Wu').payload).note).toBe('from iCloud');
  });

  it('newest wins: the later edit is taken everywhere', async () => {
    const { a, b } = await conflicting('newest');
    await sync();
    await sync();
    expect(await w.client.call('conflicts.list')).toEqual([]);
    for (const s of [a.source, b.source]) expect(fieldsOf(itemNamed(s, 'Dan Wu').payload).note).toBe('from iCloud');
  });

  it('account priority: the higher-priority account wins', async () => {
    const { a, b } = await conflicting('priority');
    await sync();
    await sync();
    expect(await w.client.call('conflicts.list')).toEqual([]);
    for (const s of [a.source, b.source]) expect(fieldsOf(itemNamed(s, 'Dan Wu').payload).note).toBe('from Google');
  });
});

describe('deletions', () => {
  it('a deletion in one account trashes the hub contact and deletes it in the others', async () => {
    const { a, b } = await twoLinkedAccounts();
    a.source.deleteExternally(itemNamed(a.source, 'Ann Lee').id);
    const r = await sync();
    expect(r.deleted).toBe(2);
    expect(await w.hubNames()).toEqual([]);
    expect(w.names(b.source)).toEqual([]);
  });

  it('delete vs edit keeps the edit and says so', async () => {
    const { a, b } = await twoLinkedAccounts();
    a.source.deleteExternally(itemNamed(a.source, 'Ann Lee').id);
    const annB = itemNamed(b.source, 'Ann Lee');
    b.source.editExternally(annB.id, card({ fn: 'Ann Lee', email: 'ann@example.org', note: 'still here' }));
    const r = await sync();
    await sync();
    expect(await w.hubNames()).toEqual(['Ann Lee']);
    expect(w.names(a.source)).toEqual(['Ann Lee']);
    expect(fieldsOf(itemNamed(a.source, 'Ann Lee').payload).note).toBe('still here');
    expect(r.accounts.flatMap((x) => x.notes).join(' ')).toMatch(/Restored|Kept/);
  });
});

describe('safety guards', () => {
  it('pauses when an account that had contacts lists none, deletes nothing, and continues when approved', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    for (let i = 0; i < 30; i++) a.source.createExternally(card({ fn: `Person ${i}`, email: `p${i}@example.org` }));
    await sync();
    expect(w.names(b.source)).toHaveLength(30);
    for (const item of a.source.snapshot()) a.source.deleteExternally(item.id);
    a.source.expireCursors();

    const paused = await sync();
    expect(paused.paused).toBe(true);
    expect(paused.accounts.find((x) => x.name === 'Google')?.paused).toMatch(/listed no contacts/);
    expect(w.names(b.source)).toHaveLength(30);
    expect(await w.hubNames()).toHaveLength(30);
    const accounts = await w.client.call('accounts.list');
    expect(accounts.find((x) => x.name === 'Google')?.status).toBe('paused');

    const approved = await sync({ approve: true });
    expect(approved.paused).toBe(false);
    expect(w.names(b.source)).toEqual([]);
    // Everything deleted is in the trash and in the journal: restorable.
    expect((await w.client.call('contacts.list')).total).toBe(0);
  });
});

describe('cards without FN', () => {
  it('link and spread without pausing for "overwrites" or writing the derived FN back to their account', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    for (let i = 0; i < 30; i++) a.source.createExternally(`BEGIN:VCARD\r\nVERSION:3.0\r\nUID:nofn-${i}\r\nN:Lee${i};Ann;;;\r\nFN:\r\nEMAIL:ann${i}@example.org\r\nEND:VCARD\r\n`);
    const first = await sync();
    expect(first).toMatchObject({ paused: false, errors: 0 });
    expect(a.source.calls.update).toBe(0);
    expect(w.names(b.source)).toContain('Ann Lee7');
    const again = await sync();
    expect(again).toMatchObject({ created: 0, updated: 0, deleted: 0, paused: false });
    expect(a.source.calls.update).toBe(0);
  });
});

describe('safety guards while listing page by page', () => {
  it('holds back every overwrite until the guard has passed; a new contact in the same listing still arrives', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    for (let i = 0; i < 40; i++) a.source.createExternally(card({ fn: `Person ${i}`, email: `p${i}@example.org` }));
    await sync();
    // A bulk edit in Google touches 30 of 40 contacts (over 10 and over 5%), and one person is new.
    for (const item of a.source.snapshot().slice(0, 30)) a.source.editExternally(item.id, item.payload.replace('END:VCARD', 'NOTE:bulk\r\nEND:VCARD'));
    a.source.createExternally(card({ fn: 'Newcomer', email: 'new@example.org' }));

    const paused = await sync();
    expect(paused.paused).toBe(true);
    expect(paused.accounts.find((x) => x.name === 'Google')?.paused).toMatch(/30 contacts would be overwritten/);
    const notes = b.source.snapshot().filter((i) => fieldsOf(i.payload).note === 'bulk');
    expect(notes).toHaveLength(0);
    const hub = await w.client.call('contacts.overview', { query: 'bulk' });
    expect(hub.total).toBe(0);
    expect(await w.hubNames()).toContain('Newcomer');

    const approved = await sync({ approve: true });
    expect(approved.paused).toBe(false);
    expect(b.source.snapshot().filter((i) => fieldsOf(i.payload).note === 'bulk')).toHaveLength(30);
    expect(w.names(b.source)).toContain('Newcomer');
  });
});

describe('directions and faults', () => {
  it('never writes to a pull-only account', async () => {
    const a = await w.addAccount('Work directory', { direction: 'pull' });
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Eve Park', email: 'eve@example.org' }));
    b.source.createExternally(card({ fn: 'Finn Moss', email: 'finn@example.org' }));
    await sync();
    const annB = itemNamed(b.source, 'Eve Park');
    b.source.editExternally(annB.id, card({ fn: 'Eve Park', email: 'eve@example.org', note: 'edited in iCloud' }));
    await sync();
    expect(a.source.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
    expect(w.names(a.source)).toEqual(['Eve Park']);
    expect(w.names(b.source)).toEqual(['Eve Park', 'Finn Moss']);
  });

  it('a failing account is reported and the others still sync; the next run catches up without duplicates', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Gus Grant', email: 'gus@example.org' }));
    b.source.failNext('unavailable', 1);
    const r = await sync();
    expect(r.errors).toBeGreaterThan(0);
    expect(await w.hubNames()).toEqual(['Gus Grant']);
    expect((await w.client.call('accounts.list')).find((x) => x.name === 'iCloud')?.status).toBe('error');
    const again = await sync();
    expect(again.errors).toBe(0);
    expect(w.names(b.source)).toEqual(['Gus Grant']);
    await sync();
    expect(w.names(b.source)).toEqual(['Gus Grant']);
  });

  it('a create whose answer was lost is linked on the next run, not duplicated', async () => {
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Hana Ito', email: 'hana@example.org' }));
    // The server stores the card, then the connection drops before the answer arrives.
    const create = b.source.create.bind(b.source);
    b.source.create = async (payload, options) => {
      await create(payload, options);
      throw Object.assign(new Error('socket hang up'), {});
    };
    const r = await sync();
    expect(r.errors).toBe(1);
    b.source.create = create;
    await sync();
    await sync();
    expect(w.names(b.source)).toEqual(['Hana Ito']);
    expect(await w.hubNames()).toEqual(['Hana Ito']);
    expect(await sync()).toMatchObject({ created: 0, updated: 0, errors: 0 });
  });
});

describe('writes that race another client', () => {
  it('412 on update: reads the item again, merges the other client’s change and writes once more, in the same run', async () => {
    const { a, b } = await twoLinkedAccounts();
    const annA = itemNamed(a.source, 'Ann Lee');
    a.source.editExternally(annA.id, card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100', title: 'Architect' }));
    // Between Concord's read of iCloud and its write, another client edits the same card.
    const update = b.source.update.bind(b.source);
    let raced = false;
    b.source.update = async (id, etag, payload, options) => {
      if (!raced) {
        raced = true;
        const current = b.source.snapshot().find((i) => i.id === id)!;
        b.source.editExternally(id, current.payload.replace('END:VCARD', 'NOTE:edited on the phone\r\nEND:VCARD'));
      }
      return update(id, etag, payload, options);
    };
    const r = await sync();
    expect(r).toMatchObject({ errors: 0, conflicts: 0 });
    expect(raced).toBe(true);
    const inB = fieldsOf(itemNamed(b.source, 'Ann Lee').payload);
    expect(inB.organizations[0]?.title).toBe('Architect');
    expect(inB.note).toBe('edited on the phone');
    // Google was written before the race was seen; it gets the phone's note on the next run.
    await sync();
    expect(fieldsOf(itemNamed(a.source, 'Ann Lee').payload).note).toBe('edited on the phone');
  });
});

describe('history and undo', () => {
  it('undoes a run: the hub returns to its earlier state and the accounts follow; history lists each field', async () => {
    const { a, b } = await twoLinkedAccounts();
    const annA = itemNamed(a.source, 'Ann Lee');
    a.source.editExternally(annA.id, card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+1 415 555 0100', note: 'wrong note' }));
    a.source.createExternally(card({ fn: 'Ivy Chen', email: 'ivy@example.org' }));
    const bad = await sync();
    expect(w.names(b.source)).toEqual(['Ann Lee', 'Ivy Chen']);

    const undone = await w.client.call('history.undo', { run: bad.run });
    expect(undone.reversed).toBe(2);
    // Ivy, created by that run, is trashed and deleted from both accounts; Ann's note is gone again.
    expect(await w.hubNames()).toEqual(['Ann Lee']);
    expect(w.names(a.source)).toEqual(['Ann Lee']);
    expect(w.names(b.source)).toEqual(['Ann Lee']);
    for (const s of [a.source, b.source]) expect(fieldsOf(itemNamed(s, 'Ann Lee').payload).note).toBe('');

    const contactId = (await w.client.call('contacts.list', { query: 'Ann' })).items[0]!.id;
    const history = await w.client.call('contacts.history', { id: contactId });
    expect(history.filter((h) => h.field === 'note' && h.action === 'contact.update').map((h) => [h.before, h.after])).toEqual([
      ['wrong note', ''],
      ['', 'wrong note'],
    ]);
    const runs = await w.client.call('history.runs');
    expect(runs.map((r) => r.trigger).slice(0, 2)).toEqual(['undo', 'undo']);
    await expect(w.client.call('history.undo', { run: bad.run })).rejects.toThrow(/already undone/);
  });
});

describe('dry run', () => {
  it('refuses writes while a preview holds its transaction, so nothing the user does is rolled back with it', async () => {
    const a = await w.addAccount('Google');
    a.source.createExternally(card({ fn: 'Kim Park', email: 'kim@example.org' }));
    // Hold the listing open until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const list = a.source.listChanges.bind(a.source);
    a.source.listChanges = async function* (cursor, options) {
      await gate;
      yield* list(cursor, options);
    };
    const preview = sync({ dryRun: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(w.client.call('accounts.add', { kind: 'memory', name: 'During preview' })).rejects.toThrow(/preview is running/);
    expect(await w.client.call('contacts.list')).toMatchObject({ total: 0 });
    release();
    expect((await preview).created).toBeGreaterThan(0);
    expect(await w.hubNames()).toEqual([]);
    await w.client.call('accounts.add', { kind: 'memory', name: 'After preview' });
    expect((await w.client.call('accounts.list')).map((x) => x.name)).toContain('After preview');
  });
});
