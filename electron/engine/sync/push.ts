// Push hub changes out to one account (DESIGN.md §4 steps 3–5), after every account was pulled:
// contacts whose meaning moved away from the pair's base are patched, contacts the account lacks
// are created, trashed contacts are deleted, all with preconditions. The server's version after
// each write becomes the record and the new base, so a server that rewrites cards cannot loop.
// Invariants: every write carries the etag last seen (no unconditional write); under an open
// conflict the account keeps its own value for that field; one failing item never stops the others.
import type { ContactFields } from '../../../shared/model/contact.ts';
import { inTransaction } from '../db/handle.ts';
import { openConflicts } from '../db/repos/conflicts.ts';
import { appendJournal } from '../db/repos/journal.ts';
import { putLink } from '../db/repos/links.ts';
import { deleteRecord, upsertRecord } from '../db/repos/records.ts';
import { contactsChangedSinceBase, contactsMissingIn, recordCount, trashedButPresent } from '../db/repos/sync.ts';
import type { PushRow } from '../db/repos/sync.ts';
import { hubHash } from '../hub/contacts.ts';
import { semanticHash } from '../model/hash.ts';
import { mergeContact } from '../model/merge/index.ts';
import type { RemoteItem } from '../providers/types.ts';
import { ProviderError, isProviderError } from '../providers/types.ts';
import type { AccountRun } from './account-run.ts';
import { guardReason } from './guard.ts';
import { refreshItem } from './pull.ts';

type PushAction =
  | { kind: 'update'; row: PushRow; next: ContactFields }
  | { kind: 'create'; contactId: string; fields: ContactFields }
  | { kind: 'delete'; row: PushRow };

/** Errors after which writing more to this account in this run is pointless. */
const accountWide = new Set(['auth', 'unavailable', 'rate-limited', 'cancelled']);

function plan(run: AccountRun): PushAction[] {
  const actions: PushAction[] = [];
  for (const row of contactsChangedSinceBase(run.db, run.account.id)) {
    // The account's version with the hub's changes merged in; on conflicting fields it keeps its own.
    const next = mergeContact(row.base, row.recordFields, row.contactFields, run.options).merged;
    if (semanticHash(next, run.options) !== semanticHash(row.recordFields, run.options)) actions.push({ kind: 'update', row, next });
  }
  for (const c of contactsMissingIn(run.db, run.account.id)) actions.push({ kind: 'create', contactId: c.id, fields: c.fields });
  for (const row of trashedButPresent(run.db, run.account.id)) actions.push({ kind: 'delete', row });
  return actions;
}

function storeWritten(run: AccountRun, contactId: string, item: RemoteItem, how: 'created' | null, before: ContactFields | null): void {
  const decoded = run.codec.decode(item);
  if (decoded.kind !== 'contact') throw new ProviderError('rejected', `The server stored something Concord cannot read back (${decoded.kind}).`);
  const now = run.now();
  inTransaction(run.db, () => {
    const recordId = upsertRecord(run.db, {
      accountId: run.account.id,
      remoteId: item.id,
      etag: item.etag,
      contentType: item.contentType,
      raw: item.payload,
      fields: decoded.fields,
      contentHash: semanticHash(decoded.fields, run.options),
      remoteUpdatedAt: item.updatedAt,
      fetchedAt: now,
    });
    // While a conflict is open the base keeps its disputed values (plan-pull.ts): leave it alone.
    const disputed = how === null && openConflicts(run.db, { contactId, accountId: run.account.id }).length > 0;
    if (!disputed) putLink(run.db, { recordId, contactId, base: decoded.fields, baseHash: hubHash(decoded.fields), how: how ?? 'created', linkedAt: now });
    appendJournal(run.db, {
      runId: run.runId,
      at: now,
      action: how === 'created' ? 'remote.create' : 'remote.update',
      contactId,
      accountId: run.account.id,
      remoteId: item.id,
      before,
      after: decoded.fields,
    });
  });
}

async function execute(run: AccountRun, action: PushAction): Promise<void> {
  const opts = { signal: run.signal };
  switch (action.kind) {
    case 'update': {
      const { row, next } = action;
      if (!row.etag) throw new ProviderError('precondition-failed', 'No version tag is known for this item; it will be read again first.');
      const payload = run.codec.encodeUpdate(row.raw, row.recordFields, next);
      const written = await run.source.update(row.remoteId, row.etag, payload, opts);
      storeWritten(run, row.contactId, written, null, row.recordFields);
      run.report.remoteUpdated += 1;
      return;
    }
    case 'create': {
      const { payload, idHint } = run.codec.encodeNew(action.fields, action.contactId);
      try {
        const written = await run.source.create(payload, { ...opts, idHint });
        storeWritten(run, action.contactId, written, 'created', null);
        run.report.remoteCreated += 1;
      } catch (error) {
        // An earlier create whose answer was lost: the item exists and carries this contact's id,
        // so the next listing links it (plan-pull.ts "origin") instead of creating a duplicate.
        if (!isProviderError(error, 'precondition-failed')) throw error;
        run.report.notes.push(`A contact already existed in ${run.account.name} from an earlier attempt; it will be linked, not duplicated.`);
      }
      return;
    }
    case 'delete': {
      const { row } = action;
      if (!row.etag) throw new ProviderError('precondition-failed', 'No version tag is known for this item; it will be read again first.');
      try {
        await run.source.delete(row.remoteId, row.etag, opts);
      } catch (error) {
        if (!isProviderError(error, 'not-found')) throw error;
      }
      inTransaction(run.db, () => {
        deleteRecord(run.db, row.recordId);
        appendJournal(run.db, { runId: run.runId, at: run.now(), action: 'remote.delete', contactId: row.contactId, accountId: run.account.id, remoteId: row.remoteId, before: row.recordFields, after: null });
      });
      run.report.remoteDeleted += 1;
      return;
    }
  }
}

async function replan(run: AccountRun, remoteId: string, contactId: string): Promise<void> {
  try {
    if (!(await refreshItem(run, remoteId))) {
      // Gone on the server meanwhile: forget the record; the next run recreates or trashes as the hub says.
      run.report.notes.push(`An item disappeared from ${run.account.name} while Concord was writing it; it will be settled on the next sync.`);
      return;
    }
    const again = plan(run).find((a) => a.kind !== 'create' && a.row.contactId === contactId);
    if (again) await execute(run, again);
  } catch (error) {
    if (isProviderError(error) && accountWide.has(error.kind)) throw error;
    run.report.errors.push({ contactId, remoteId, code: isProviderError(error) ? error.kind : 'internal', message: error instanceof Error ? error.message : String(error) });
  }
}

/** Pushes hub changes to one account. Returns false when a safety guard paused it. */
export async function pushAccount(run: AccountRun): Promise<boolean> {
  const actions = plan(run);
  const reason = guardReason(
    {
      knownRecords: recordCount(run.db, run.account.id),
      listedItems: null,
      deletes: actions.filter((a) => a.kind === 'delete').length,
      overwrites: actions.filter((a) => a.kind === 'update').length,
    },
    run.limits,
  );
  if (reason && !run.approve) {
    run.report.paused = reason;
    return false;
  }
  let done = 0;
  for (const action of actions) {
    run.signal?.throwIfAborted();
    try {
      await execute(run, action);
    } catch (error) {
      const contactId = action.kind === 'create' ? action.contactId : action.row.contactId;
      const remoteId = action.kind === 'create' ? null : action.row.remoteId;
      if (isProviderError(error, 'precondition-failed') && action.kind !== 'create') {
        // Changed on the server since we read it (DESIGN.md §4.4): read it again, merge that change
        // into the hub, and plan this contact's write once more, in this same run.
        await replan(run, action.row.remoteId, action.row.contactId);
      } else if (isProviderError(error, 'precondition-failed')) {
        run.report.notes.push(`An item changed in ${run.account.name} while Concord was writing it; it will be merged on the next sync.`);
      } else if (isProviderError(error) && accountWide.has(error.kind)) {
        throw error;
      } else {
        const code = isProviderError(error) ? error.kind : 'internal';
        run.report.errors.push({ contactId, remoteId, code, message: error instanceof Error ? error.message : String(error) });
      }
    }
    run.progress('execute', ++done, actions.length);
  }
  return true;
}
