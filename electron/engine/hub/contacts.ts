// Writes to hub contacts. Every write derives the denormalised columns (display name, sort key,
// search text, hash) from the fields in one place and journals before/after in the same
// transaction, so no change to a user's contact exists without the entry that can undo it.
import type { ContactFields } from '../../../shared/model/contact.ts';
import type { WritableDb } from '../db/handle.ts';
import { atomically } from '../db/handle.ts';
import { getContact, insertContact, updateContact } from '../db/repos/contacts.ts';
import type { ContactRow } from '../db/repos/contacts.ts';
import { appendJournal } from '../db/repos/journal.ts';
import { restoreContact as untrash, trashContact as addToTrash } from '../db/repos/trash.ts';
import type { TrashReason } from '../db/repos/trash.ts';
import { displayName, sortKey, withFormattedName } from '../model/display.ts';
import { semanticHash } from '../model/hash.ts';
import type { NormalizeOptions } from '../model/normalize/index.ts';
import { insertContactKeys, replaceContactKeys } from '../db/repos/contact-keys.ts';
import { blockingKeys, contactKeys } from '../match/keys.ts';
import { contactSearchText } from '../model/search-text.ts';
import { newContactId } from './contact-id.ts';

export interface WriteContext {
  db: WritableDb;
  now: number;
  runId: number | null;
}

/**
 * The hub has no phone region of its own: hashes and keys read numbers as written (E.164 when they
 * carry a country code). Links compare against the same function, so it only has to be consistent.
 */
export const hubNormalize: NormalizeOptions = { defaultRegion: null };

export function hubHash(fields: ContactFields): string {
  return semanticHash(fields, hubNormalize);
}

function derive(fields: ContactFields): Pick<ContactRow, 'displayName' | 'sortKey' | 'searchText' | 'contentHash'> {
  const name = displayName(fields);
  return { displayName: name, sortKey: sortKey(name), searchText: contactSearchText(fields), contentHash: hubHash(fields) };
}

function keysOf(fields: ContactFields): string[] {
  return blockingKeys(contactKeys(fields, hubNormalize));
}

export function createContact(ctx: WriteContext, entered: ContactFields, id: string = newContactId()): ContactRow {
  const fields = withFormattedName(entered);
  const row: ContactRow = { id, fields, ...derive(fields), createdAt: ctx.now, updatedAt: ctx.now };
  atomically(ctx.db, () => {
    insertContact(ctx.db, row);
    // A new contact has no keys yet: nothing to delete first.
    insertContactKeys(ctx.db, id, keysOf(fields));
    appendJournal(ctx.db, {
      runId: ctx.runId,
      at: ctx.now,
      action: 'contact.create',
      contactId: id,
      accountId: null,
      remoteId: null,
      before: null,
      after: fields,
    });
  });
  return row;
}

/**
 * Returns false when the contact does not exist; a no-op (same meaning) writes nothing.
 * `modifiedAt` is when the change was made where it was made (a provider's update time), so the
 * "newest wins" policy compares edits, not the moments Concord copied them.
 */
export function changeContact(ctx: WriteContext, id: string, entered: ContactFields, modifiedAt: number = ctx.now): boolean {
  const fields = withFormattedName(entered);
  return atomically(ctx.db, () => {
    const current = getContact(ctx.db, id);
    if (!current) return false;
    const next: ContactRow = { ...current, fields, ...derive(fields), updatedAt: modifiedAt };
    if (next.contentHash === current.contentHash) return true;
    updateContact(ctx.db, next);
    replaceContactKeys(ctx.db, id, keysOf(fields));
    appendJournal(ctx.db, {
      runId: ctx.runId,
      at: ctx.now,
      action: 'contact.update',
      contactId: id,
      accountId: null,
      remoteId: null,
      before: current.fields,
      after: fields,
    });
    return true;
  });
}

export function trashContact(ctx: WriteContext, id: string, reason: TrashReason): boolean {
  return atomically(ctx.db, () => {
    const current = getContact(ctx.db, id);
    if (!current || current.trashed) return false;
    addToTrash(ctx.db, { contactId: id, deletedAt: ctx.now, runId: ctx.runId, reason });
    appendJournal(ctx.db, {
      runId: ctx.runId,
      at: ctx.now,
      action: 'contact.trash',
      contactId: id,
      accountId: null,
      remoteId: null,
      before: current.fields,
      after: null,
    });
    return true;
  });
}

/** Takes a contact out of the trash (delete-vs-edit keeps the edit; undo of a deletion). */
export function restoreFromTrash(ctx: WriteContext, id: string): boolean {
  return atomically(ctx.db, () => {
    const current = getContact(ctx.db, id);
    if (!current?.trashed) return false;
    untrash(ctx.db, id);
    appendJournal(ctx.db, {
      runId: ctx.runId,
      at: ctx.now,
      action: 'contact.restore',
      contactId: id,
      accountId: null,
      remoteId: null,
      before: null,
      after: current.fields,
    });
    return true;
  });
}
