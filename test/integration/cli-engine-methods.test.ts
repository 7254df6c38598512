// The engine methods added for the CLI, through the contract (in-process transport, real SQLite,
// memory accounts): status.get, contacts.overview, contacts.show (which account holds which value,
// compared by meaning), conflicts.choose (another account's value, a typed value, wrong shapes),
// trash.list / trash.restore, and folder accounts in accounts.add.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcordError } from '../../shared/api/errors.ts';
import { memorySourceFactory } from '../../electron/engine/providers/memory/factory.ts';
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { card, fieldsOf } from '../support/sync-world.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';

let t: TestEngine;
let books: Record<'a' | 'b' | 'c', MemorySource>;
let ids: Record<'a' | 'b' | 'c', string>;

async function failure(promise: Promise<unknown>): Promise<ConcordError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcordError);
  return error as ConcordError;
}

beforeEach(async () => {
  const sources = new Map<string, MemorySource>();
  t = startTestEngine({ sources: { memory: memorySourceFactory(sources) } });
  books = { a: new MemorySource(), b: new MemorySource(), c: new MemorySource() };
  ids = { a: '', b: '', c: '' };
  for (const [key, name, region] of [
    ['a', 'Phone', 'CN'],
    ['b', 'Laptop', null],
    ['c', 'Tablet', null],
  ] as const) {
    const account = await t.client.call('accounts.add', { kind: 'memory', name, defaultRegion: region });
    ids[key] = account.id;
    sources.set(account.id, books[key]);
  }
});
afterEach(() => t.close());

/** Ann in all three books; the note differs in B, the birthday in C. */
async function annInThree(): Promise<string> {
  books.a.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+86 138 0013 8000', note: 'from A', bday: '1990-04-15' }), 'ann-a');
  await t.client.call('sync.run', { accountIds: [ids.a] });
  books.b.createExternally(card({ fn: 'Ann Lee', email: 'ANN@example.org', phone: '+86 138-0013-8000', note: 'from B', bday: '1990-04-15' }), 'ann-b');
  books.c.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+86 13800138000', note: 'from A', bday: '1991-01-01' }), 'ann-c');
  await t.client.call('sync.run', {});
  const [ann] = (await t.client.call('contacts.list')).items;
  return ann!.id;
}

describe('status.get and contacts.overview', () => {
  it('count contacts, trash, conflicts and suggestions, and say which accounts hold each contact', async () => {
    expect(await t.client.call('status.get')).toMatchObject({ contacts: 0, trash: 0, conflicts: 0, suggestions: 0, lastRun: null, syncing: false });
    const ann = await annInThree();
    const status = await t.client.call('status.get');
    expect(status).toMatchObject({ contacts: 1, conflicts: 2, lastRun: { status: 'ok' } });
    expect(status.accounts.map((a) => [a.name, a.records, a.conflicts])).toEqual([
      ['Phone', 1, 0],
      ['Laptop', 1, 1],
      ['Tablet', 1, 1],
    ]);
    const page = await t.client.call('contacts.overview', {});
    expect(page).toEqual({
      total: 1,
      totalIsLowerBound: false,
      offset: 0,
      items: [{ id: ann, displayName: 'Ann Lee', emails: ['ann@example.org'], phones: ['+86 138 0013 8000'], organization: null, accounts: ['Phone', 'Laptop', 'Tablet'] }],
    });
    expect((await t.client.call('contacts.overview', { query: 'nobody' })).items).toEqual([]);
  });
});

describe('contacts.show', () => {
  it('lists every value with the accounts holding it, compared by meaning', async () => {
    const ann = await annInThree();
    const c = await t.client.call('contacts.show', { id: ann });
    expect(c).toMatchObject({ id: ann, displayName: 'Ann Lee', trashed: false });
    expect(c.records.map((r) => [r.accountName, r.remoteId, r.kind])).toEqual([
      ['Phone', 'ann-a', 'memory'],
      ['Laptop', 'ann-b', 'memory'],
      ['Tablet', 'ann-c', 'memory'],
    ]);
    const by = (field: string) => c.values.filter((v) => v.field === field).map((v) => [v.value, v.inHub, v.accounts]);
    expect(by('note')).toEqual([
      ['from A', true, ['Phone', 'Tablet']],
      ['from B', false, ['Laptop']],
    ]);
    expect(by('birthday')).toEqual([
      [{ year: 1990, month: 4, day: 15 }, true, ['Phone', 'Laptop']],
      [{ year: 1991, month: 1, day: 1 }, false, ['Tablet']],
    ]);
    // "+86 138 0013 8000", "+86 138-0013-8000" and "+86 13800138000" are one number; the address's case does not count.
    expect(by('phones')).toEqual([[expect.objectContaining({ value: '+86 138 0013 8000' }), true, ['Phone', 'Laptop', 'Tablet']]]);
    expect(by('emails')).toEqual([[expect.objectContaining({ value: 'ann@example.org' }), true, ['Phone', 'Laptop', 'Tablet']]]);
    expect((await failure(t.client.call('contacts.show', { id: 'nope' }))).code).toBe('NOT_FOUND');
  });
});

describe('conflicts.choose', () => {
  it('takes the value of an account that is not part of the conflict, and the next sync writes it everywhere', async () => {
    await annInThree();
    const conflict = (await t.client.call('conflicts.list', {})).find((c) => c.field === 'note')!;
    expect(conflict.accountName).toBe('Laptop');
    books.c.editExternally('ann-c', card({ fn: 'Ann Lee', email: 'ann@example.org', phone: '+86 13800138000', note: 'from C', bday: '1991-01-01' }));
    await t.client.call('sync.run', { accountIds: [ids.c] });
    await t.client.call('conflicts.choose', { id: conflict.id, accountId: ids.c });
    await t.client.call('sync.run', {});
    for (const book of Object.values(books)) expect(fieldsOf(book.snapshot()[0]!.payload).note).toBe('from C');
    expect(t.events.some((e) => e.event === 'conflicts.changed')).toBe(true);
  });

  it('sets a typed value, checks its shape, and refuses what cannot be typed', async () => {
    await annInThree();
    const conflicts = await t.client.call('conflicts.list', {});
    const noteId = conflicts.find((c) => c.field === 'note')!.id;
    const birthdayId = conflicts.find((c) => c.field === 'birthday')!.id;
    expect((await failure(t.client.call('conflicts.choose', { id: noteId, value: 42 }))).message).toBe('The value for note must be text.');
    expect((await failure(t.client.call('conflicts.choose', { id: birthdayId, value: { year: 1990, month: 13 } }))).code).toBe('INVALID_PARAMS');
    expect((await failure(t.client.call('conflicts.choose', { id: noteId, accountId: 'no-such-account' }))).code).toBe('NOT_FOUND');
    const both = await t.engine.dispatch('conflicts.choose', { id: noteId, accountId: ids.a, value: 'x' });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });

    await t.client.call('conflicts.choose', { id: noteId, value: 'typed by hand' });
    await t.client.call('conflicts.choose', { id: birthdayId, value: { year: null, month: 4, day: 15 } });
    expect((await failure(t.client.call('conflicts.choose', { id: noteId, value: 'again' }))).code).toBe('NOT_FOUND');
    await t.client.call('sync.run', {});
    for (const book of Object.values(books)) {
      const fields = fieldsOf(book.snapshot()[0]!.payload);
      expect(fields.note).toBe('typed by hand');
      expect(fields.birthday).toEqual({ year: null, month: 4, day: 15 });
    }
    expect((await t.client.call('status.get')).conflicts).toBe(0);
  });

  it('sets one part of a list item (a label), or removes a disputed item with null', async () => {
    books.a.createExternally(card({ fn: 'Bob Stone', email: 'bob@example.org', title: 'Engineer' }), 'bob-a');
    await t.client.call('sync.run', { accountIds: [ids.a] });
    books.b.createExternally(card({ fn: 'Bob Stone', email: 'bob@example.org', title: 'Engineer' }), 'bob-b');
    await t.client.call('sync.run', { accountIds: [ids.a, ids.b] });
    // Both sides change the email's label differently.
    books.a.editExternally('bob-a', card({ fn: 'Bob Stone', email: 'bob@example.org', title: 'Engineer' }).replace('TYPE=INTERNET,HOME', 'TYPE=INTERNET,WORK'));
    books.b.editExternally('bob-b', card({ fn: 'Bob Stone', email: 'bob@example.org', title: 'Engineer' }).replace('TYPE=INTERNET,HOME', 'TYPE=INTERNET,OTHER'));
    await t.client.call('sync.run', { accountIds: [ids.a, ids.b] });
    const [label] = await t.client.call('conflicts.list', {});
    expect(label?.field).toBe('emails[bob@example.org].label');
    expect((await failure(t.client.call('conflicts.choose', { id: label!.id, value: 7 }))).message).toBe('The value for emails[bob@example.org].label must be text or null.');
    await t.client.call('conflicts.choose', { id: label!.id, value: 'school' });
    await t.client.call('sync.run', { accountIds: [ids.a, ids.b] });
    for (const book of [books.a, books.b]) expect(fieldsOf(book.snapshot()[0]!.payload).emails).toEqual([expect.objectContaining({ value: 'bob@example.org', label: 'school' })]);
  });
});

describe('trash.list and trash.restore', () => {
  it('lists what was deleted elsewhere and restores it, journaled, into every account at the next sync', async () => {
    books.a.createExternally(card({ fn: 'Dan Wu', email: 'dan@example.org' }), 'dan-a');
    await t.client.call('sync.run', {});
    const [dan] = (await t.client.call('contacts.list')).items;
    books.a.deleteExternally('dan-a');
    await t.client.call('sync.run', {});
    expect(books.b.snapshot()).toEqual([]);
    const trash = await t.client.call('trash.list');
    expect(trash).toEqual([expect.objectContaining({ id: dan!.id, displayName: 'Dan Wu', reason: 'remote', runId: expect.any(Number) })]);
    expect(Date.parse(trash[0]!.purgeAfter) - Date.parse(trash[0]!.deletedAt)).toBe(30 * 24 * 3600 * 1000);
    expect((await t.client.call('status.get')).trash).toBe(1);
    expect((await t.client.call('contacts.show', { id: dan!.id })).trashed).toBe(true);

    await t.client.call('trash.restore', { id: dan!.id });
    expect((await failure(t.client.call('trash.restore', { id: dan!.id }))).message).toBe('Dan Wu is not in the trash.');
    expect((await failure(t.client.call('trash.restore', { id: 'nope' }))).code).toBe('NOT_FOUND');
    expect((await t.client.call('contacts.history', { id: dan!.id }))[0]).toMatchObject({ action: 'contact.restore' });
    await t.client.call('sync.run', {});
    for (const book of Object.values(books)) expect(book.snapshot().map((i) => fieldsOf(i.payload).formattedName)).toEqual(['Dan Wu']);
    expect(await t.client.call('trash.list')).toEqual([]);
  });
});

describe('accounts.add for folder accounts', () => {
  it('needs an absolute path that is a folder or can become one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'concord-folder-account-'));
    try {
      const account = await t.client.call('accounts.add', { kind: 'folder', name: 'Backup', path: join(root, 'new', 'dir') });
      expect(account).toMatchObject({ kind: 'folder', settings: { url: `file://${join(root, 'new', 'dir')}`, username: null } });
      expect((await failure(t.client.call('accounts.add', { kind: 'folder', name: 'Rel', path: 'relative/dir' }))).message).toBe('The folder must be an absolute path, not relative/dir.');
      expect((await failure(t.client.call('accounts.add', { kind: 'folder', name: 'None' }))).message).toMatch(/needs the path of its folder/);
      writeFileSync(join(root, 'file'), 'x');
      expect((await failure(t.client.call('accounts.add', { kind: 'folder', name: 'File', path: join(root, 'file') }))).message).toBe(`${join(root, 'file')} is a file, not a folder.`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
