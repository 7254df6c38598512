// accounts.*: add, change and remove accounts. Secrets go to the SecretStore port under
// `account/<id>`, never into the database. Removing an account drops its cached records and links
// but never a hub contact: those stay until the user deletes them.
import { randomUUID } from 'node:crypto';
import type { ValidParams } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { AccountSettings } from '../../../shared/model/account.ts';
import { defaultGroupsMode } from '../../../shared/model/account.ts';
import { inTransaction } from '../db/handle.ts';
import { deleteAccount, getAccount, getAccountByName, insertAccount, listAccounts, updateAccount } from '../db/repos/accounts.ts';
import { appendJournal } from '../db/repos/journal.ts';
import { folderUrl, prepareFolder } from '../providers/folder/index.ts';
import type { EngineContext } from './context.ts';
import type { DomainHandlers } from './handlers.ts';

/** iCloud's CardDAV entry point; discovery moves to the account's pNN-contacts.icloud.com host. */
export const ICLOUD_CARDDAV_URL = 'https://contacts.icloud.com/';

export const secretKey = (accountId: string): string => `account/${accountId}`;

function requireField<T>(value: T | null, message: string): T {
  if (value === null) throw new ConcordError('INVALID_PARAMS', message);
  return value;
}

function settingsFor(p: ValidParams<'accounts.add'>): AccountSettings {
  const common = { direction: p.direction, defaultRegion: p.defaultRegion, conflictPolicy: p.conflictPolicy, priority: p.priority, groupsMode: p.groupsMode ?? defaultGroupsMode(p.kind) };
  switch (p.kind) {
    case 'carddav':
      requireField(p.secret, 'A CardDAV account needs a password.');
      return {
        ...common,
        url: requireField(p.url, 'A CardDAV account needs the server URL.'),
        username: requireField(p.username, 'A CardDAV account needs a user name.'),
      };
    case 'icloud':
      requireField(p.secret, 'An iCloud account needs an app-specific password (appleid.apple.com → Sign-In and Security → App-Specific Passwords).');
      return {
        ...common,
        url: p.url ?? ICLOUD_CARDDAV_URL,
        username: requireField(p.username, 'An iCloud account needs the Apple ID (email address) it signs in with.'),
      };
    case 'folder': {
      const path = requireField(p.path, 'A folder account needs the path of its folder (--path DIR).');
      try {
        return { ...common, url: folderUrl(prepareFolder(path)), username: null };
      } catch (error) {
        throw new ConcordError('INVALID_PARAMS', error instanceof Error ? error.message : String(error));
      }
    }
    case 'google':
    case 'memory':
      return { ...common, url: null, username: p.username };
  }
}

function announce(ctx: EngineContext): void {
  ctx.emit('accounts.changed', { accounts: listAccounts(ctx.db) });
}

function mustExist(ctx: EngineContext, id: string) {
  const account = getAccount(ctx.db, id);
  if (!account) throw new ConcordError('NOT_FOUND', `No account with id ${id}.`);
  return account;
}

function assertNameFree(ctx: EngineContext, name: string, exceptId?: string): void {
  const holder = getAccountByName(ctx.db, name);
  if (holder && holder.id !== exceptId) throw new ConcordError('ALREADY_EXISTS', `An account named “${name}” already exists.`);
}

export const accountHandlers: DomainHandlers<'accounts.list' | 'accounts.add' | 'accounts.update' | 'accounts.remove'> = {
  'accounts.list': (_p, ctx) => listAccounts(ctx.db),

  'accounts.add': async (p, ctx) => {
    assertNameFree(ctx, p.name);
    const settings = settingsFor(p);
    const id = randomUUID();
    if (p.secret !== null) await ctx.ports.secrets.set(secretKey(id), p.secret);
    const now = ctx.ports.clock.now();
    const account = inTransaction(ctx.db, () => {
      const added = insertAccount(ctx.db, { id, kind: p.kind, name: p.name, settings, createdAt: now });
      appendJournal(ctx.db, { runId: null, at: now, action: 'account.add', contactId: null, accountId: id, remoteId: null, before: null, after: added });
      return added;
    });
    announce(ctx);
    return account;
  },

  'accounts.update': (p, ctx) => {
    const current = mustExist(ctx, p.id);
    if (p.name !== undefined) assertNameFree(ctx, p.name, p.id);
    const settings: AccountSettings = {
      ...current.settings,
      ...(p.direction !== undefined && { direction: p.direction }),
      ...(p.defaultRegion !== undefined && { defaultRegion: p.defaultRegion }),
      ...(p.conflictPolicy !== undefined && { conflictPolicy: p.conflictPolicy }),
      ...(p.priority !== undefined && { priority: p.priority }),
      ...(p.groupsMode !== undefined && { groupsMode: p.groupsMode }),
    };
    const updated = updateAccount(ctx.db, p.id, {
      settings,
      ...(p.name !== undefined && { name: p.name }),
      ...(p.enabled !== undefined && { enabled: p.enabled }),
    });
    announce(ctx);
    return updated!;
  },

  'accounts.remove': async (p, ctx) => {
    const current = mustExist(ctx, p.id);
    const now = ctx.ports.clock.now();
    inTransaction(ctx.db, () => {
      appendJournal(ctx.db, { runId: null, at: now, action: 'account.remove', contactId: null, accountId: p.id, remoteId: null, before: current, after: null });
      deleteAccount(ctx.db, p.id);
    });
    await ctx.ports.secrets.delete(secretKey(p.id));
    announce(ctx);
    return { removed: true };
  },
};
