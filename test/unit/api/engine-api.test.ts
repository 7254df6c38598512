// The contract as the UI and CLI use it: typed client → in-process transport → dispatcher →
// handlers → SQLite. Checks validation, error envelopes, secrets kept out of the database, events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ErrorCode } from '../../../shared/api/errors.ts';
import { createDispatcher } from '../../../electron/engine/api/dispatch.ts';
import { handlers } from '../../../electron/engine/index.ts';
import { latestVersion } from '../../../electron/engine/db/migrations/index.ts';
import { createContact, trashContact } from '../../../electron/engine/hub/contacts.ts';
import { journalOfContact } from '../../../electron/engine/db/repos/journal.ts';
import { memoryLogger, memoryPorts, memorySecrets, memorySettings } from '../../../electron/engine/ports-memory.ts';
import { person, startTestEngine } from '../../support/engine.ts';
import type { TestEngine } from '../../support/engine.ts';

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcordError);
  return (error as ConcordError).code;
}

let t: TestEngine;
beforeEach(() => {
  t = startTestEngine();
});
afterEach(() => t.close());

describe('dispatch', () => {
  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    expect(await t.engine.dispatch('contacts.explode', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method: contacts.explode' } });
  });

  it('rejects invalid params with INVALID_PARAMS naming the field, before any handler runs', async () => {
    const r = await t.engine.dispatch('accounts.add', { kind: 'exchange', name: 'Work' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_PARAMS');
      expect(r.error.message).toMatch(/^accounts\.add: kind:/);
    }
    const extra = await t.engine.dispatch('contacts.list', { query: '', sneaky: true });
    expect(extra.ok === false && extra.error.code).toBe('INVALID_PARAMS');
    const tooMany = await t.engine.dispatch('contacts.list', { limit: 100_000 });
    expect(tooMany.ok === false && tooMany.error.code).toBe('INVALID_PARAMS');
    expect(await t.client.call('accounts.list')).toEqual([]);
  });

  it('hides unexpected errors behind INTERNAL and logs the details', async () => {
    const logger = memoryLogger();
    const dispatch = createDispatcher(
      {
        ...handlers,
        'app.info': () => {
          throw new Error('ENOENT /home/someone/private/path');
        },
      },
      { ...t.engine.context, ports: memoryPorts({ logger }) },
    );
    const r = await dispatch('app.info', {});
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Concord. The details are in the log.' } });
    expect(JSON.stringify(logger.lines)).toContain('/home/someone/private/path');
  });

  it('answers UNAVAILABLE once the engine is closed', async () => {
    const other = startTestEngine();
    other.close();
    expect(await codeOf(other.client.call('app.info'))).toBe('UNAVAILABLE');
  });

  it('reports facts about the engine', async () => {
    expect(await t.client.call('app.info')).toEqual({ version: '0.0.0-test', dataDir: t.dataDir, schemaVersion: latestVersion, host: 'test' });
  });
});

describe('accounts', () => {
  const carddav = { kind: 'carddav', name: 'Home server', url: 'https://dav.example.org/', username: 'ann', secret: 'pä55wörd-秘密' } as const;

  it('adds a CardDAV account, keeps its password in the SecretStore and never in the database', async () => {
    const account = await t.client.call('accounts.add', carddav);
    expect(account).toMatchObject({ kind: 'carddav', name: 'Home server', enabled: true, status: 'idle', settings: { direction: 'two-way', url: carddav.url, username: 'ann' } });
    expect(await t.ports.secrets.get(`account/${account.id}`)).toBe(carddav.secret);
    const everything = t.engine.context.db.prepare(`SELECT group_concat(settings || name) AS s FROM accounts`).get() as { s: string };
    const journal = t.engine.context.db.prepare(`SELECT group_concat(coalesce(after, '')) AS s FROM journal`).get() as { s: string };
    expect(everything.s + journal.s).not.toContain(carddav.secret);
    expect(t.events.at(-1)).toEqual({ event: 'accounts.changed', payload: { accounts: [account] } });
    expect(await t.client.call('accounts.list')).toEqual([account]);
  });

  it('says what is missing for each kind', async () => {
    const missingPassword = t.client.call('accounts.add', { ...carddav, secret: null });
    await expect(missingPassword).rejects.toThrow(/needs a password/);
    await expect(t.client.call('accounts.add', { kind: 'carddav', name: 'X', username: 'u', secret: 's' })).rejects.toThrow(/needs the server URL/);
    await expect(t.client.call('accounts.add', { kind: 'icloud', name: 'iCloud', username: 'ann@icloud.com' })).rejects.toThrow(/app-specific password/);
    await expect(t.client.call('accounts.add', { kind: 'carddav', name: 'X', url: 'ftp://x/', username: 'u', secret: 's' })).rejects.toThrow(/url/);
  });

  it('defaults iCloud to Apple’s CardDAV endpoint', async () => {
    const a = await t.client.call('accounts.add', { kind: 'icloud', name: 'iCloud', username: 'ann@icloud.com', secret: 'abcd-efgh-ijkl-mnop' });
    expect(a.settings.url).toBe('https://contacts.icloud.com/');
  });

  it('refuses a second account with the same name, whatever its case', async () => {
    await t.client.call('accounts.add', carddav);
    expect(await codeOf(t.client.call('accounts.add', { ...carddav, name: 'HOME SERVER' }))).toBe('ALREADY_EXISTS');
  });

  it('renames, changes direction and disables; unknown ids are NOT_FOUND', async () => {
    const a = await t.client.call('accounts.add', carddav);
    const b = await t.client.call('accounts.update', { id: a.id, name: 'Nextcloud', direction: 'pull', enabled: false, defaultRegion: 'DE' });
    expect(b).toMatchObject({ name: 'Nextcloud', enabled: false, settings: { direction: 'pull', defaultRegion: 'DE', url: carddav.url } });
    expect(await codeOf(t.client.call('accounts.update', { id: 'nope', name: 'x' }))).toBe('NOT_FOUND');
    expect(await codeOf(t.client.call('accounts.update', { id: a.id, defaultRegion: 'germany' }))).toBe('INVALID_PARAMS');
  });

  it('removes an account and its secret, journals it, and keeps every hub contact', async () => {
    const a = await t.client.call('accounts.add', carddav);
    createContact({ db: t.engine.context.db, now: 1, runId: null }, person({ given: 'Kept' }));
    expect(await t.client.call('accounts.remove', { id: a.id })).toEqual({ removed: true });
    expect(await t.ports.secrets.get(`account/${a.id}`)).toBeNull();
    expect(await t.client.call('accounts.list')).toEqual([]);
    expect((await t.client.call('contacts.list')).total).toBe(1);
    const removed = t.engine.context.db.prepare(`SELECT before FROM journal WHERE action = 'account.remove'`).get() as { before: string };
    expect(JSON.parse(removed.before)).toMatchObject({ id: a.id, name: 'Home server' });
  });
});

describe('contacts', () => {
  it('pages through contacts in sort order and searches them; the trash is excluded', async () => {
    const ctx = { db: t.engine.context.db, now: 1000, runId: null };
    const names = ['Émile Zola', 'anna Karenina', 'Bob Dylan', '张伟', 'Zhang Wei'];
    const ids = names.map((fn) => createContact(ctx, person({ fn, email: `${fn.length}@example.org` })).id);
    trashContact(ctx, ids[2]!, 'user');

    const page1 = await t.client.call('contacts.list', { limit: 2 });
    expect(page1.total).toBe(4);
    expect(page1.items.map((i) => i.displayName)).toEqual(['anna Karenina', 'Émile Zola']);
    const page2 = await t.client.call('contacts.list', { offset: 2, limit: 2 });
    expect(page2.items.map((i) => i.displayName)).toEqual(['Zhang Wei', '张伟']);

    expect((await t.client.call('contacts.list', { query: 'emi' })).items.map((i) => i.displayName)).toEqual(['Émile Zola']);
    expect((await t.client.call('contacts.list', { query: 'dylan' })).total).toBe(0);
    // FTS5 syntax in user input is taken literally, never as an operator or a syntax error.
    expect((await t.client.call('contacts.list', { query: '" OR NEAR( *' })).total).toBe(0);
    expect((await t.client.call('contacts.list', { query: 'AND' })).total).toBe(0);

    const one = await t.client.call('contacts.get', { id: ids[0]! });
    expect(one).toMatchObject({ id: ids[0], displayName: 'Émile Zola', createdAt: new Date(1000).toISOString() });
    expect(await codeOf(t.client.call('contacts.get', { id: ids[2]! }))).toBe('NOT_FOUND');
    expect(journalOfContact(t.engine.context.db, ids[2]!).map((j) => j.action)).toEqual(['contact.create', 'contact.trash']);
  });
});

describe('settings', () => {
  it('saves through the SettingsStore port and announces the change', async () => {
    const settings = memorySettings();
    const e = startTestEngine({ ports: memoryPorts({ settings }) });
    const next = await e.client.call('settings.update', { language: 'zh-CN', syncIntervalMinutes: 30 });
    expect(next).toMatchObject({ language: 'zh-CN', syncIntervalMinutes: 30, startAtLogin: false });
    expect(settings.saved).toEqual(next);
    expect(e.events.at(-1)).toEqual({ event: 'settings.changed', payload: next });
    expect(await codeOf(e.client.call('settings.update', { syncIntervalMinutes: 0 }))).toBe('INVALID_PARAMS');
    e.close();
  });

  it('runs on defaults when stored settings are invalid, without overwriting them', async () => {
    const settings = memorySettings({ language: 'klingon' });
    const logger = memoryLogger();
    const e = startTestEngine({ ports: memoryPorts({ settings, logger, secrets: memorySecrets() }) });
    expect((await e.client.call('settings.get')).language).toBe('system');
    expect(settings.saved).toBeUndefined();
    expect(logger.lines.some((l) => l.level === 'warn' && /settings are invalid/.test(l.message))).toBe(true);
    e.close();
  });
});
