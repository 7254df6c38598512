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
import { contactsChangedSinceBase, contactsMissingIn, countContactsMissingIn, getSyncState, hubTick, recordCount, setSyncState, trashedButPresent } from '../db/repos/sync.ts';
import type { MissingPage, PushRow } from '../db/repos/sync.ts';
import { hubHash } from '../hub/contacts.ts';
import { displayName } from '../model/display.ts';
import { semanticHash } from '../model/hash.ts';
import { mergeContact } from '../model/merge/index.ts';
import type { ContactSource, RemoteItem } from '../providers/types.ts';
import { ProviderError, isProviderError } from '../providers/types.ts';
import type { AccountRun } from './account-run.ts';
import { guardReason } from './guard.ts';
import { refreshItem } from './pull.ts';

type PushAction =
  | { kind: 'update'; row: PushRow; next: ContactFields }
  | { kind: 'create'; contactId: string; fields: ContactFields; changeTick: number }
  | { kind: 'delete'; row: PushRow };

/**
 * Writes per transaction. The rows of a window's completed writes commit together (one commit per
 * contact dominated a first sync); a crash before that commit only means the next run meets its
 * own writes again: a create is refused by If-None-Match / recognised by the contact id in the
 * card and linked, an update's stale etag leads to a re-read that is an echo.
 */
const PUSH_WINDOW = 1000;

/** Errors after which writing more to this account in this run is pointless. */
const accountWide = new Set(['auth', 'unavailable', 'rate-limited', 'cancelled']);

/**
 * The account's patches and deletions since its last complete push, planned up front: the safety
 * guard counts them before anything is written. Creates are not counted by the guard and are read
 * page by page as they are written (createPages), so a first push of 100,000 contacts does not hold
 * every contact's fields at once.
 */
function planChanges(run: AccountRun): { updates: PushAction[]; deletes: PushAction[] } {
  const since = getSyncState(run.db, run.account.id).pushedTick;
  const updates: PushAction[] = [];
  for (const row of contactsChangedSinceBase(run.db, run.account.id, since)) {
    // The account's version with the hub's changes merged in; on conflicting fields it keeps its own.
    const next = mergeContact(row.base, row.recordFields, row.contactFields, run.options).merged;
    if (semanticHash(next, run.options) !== semanticHash(row.recordFields, run.options)) updates.push({ kind: 'update', row, next });
  }
  const deletes = trashedButPresent(run.db, run.account.id, since).map((row): PushAction => ({ kind: 'delete', row }));
  return { updates, deletes };
}

/** Contacts the account lacks, changed after its pushed tick and up to `untilTick`, a window at a time. */
function* createPages(run: AccountRun, sinceTick: number, untilTick: number): Generator<CreateAction[]> {
  let after: MissingPage['after'] = null;
  for (;;) {
    const rows = contactsMissingIn(run.db, run.account.id, { sinceTick, untilTick, after, limit: PUSH_WINDOW });
    if (rows.length === 0) return;
    after = { changeTick: rows.at(-1)!.changeTick, seq: rows.at(-1)!.seq };
    yield rows.map((c) => ({ kind: 'create', contactId: c.id, fields: c.fields, changeTick: c.changeTick }));
  }
}

/** The database side of a completed remote write, applied later in its window's transaction. */
type Settle = () => void;

/**
 * Reads the server's version back (outside any transaction: parsing is the slow part) and returns
 * the rows to commit: record, link base and journal entry together.
 */
function written(run: AccountRun, contactId: string, item: RemoteItem, how: 'created' | null, before: ContactFields | null): Settle {
  const decoded = run.codec.decode(item);
  if (decoded.kind !== 'contact') throw new ProviderError('rejected', `The server stored something Concord cannot read back (${decoded.kind}).`);
  const fields = decoded.fields;
  const contentHash = semanticHash(fields, run.options);
  const baseHash = hubHash(fields);
  const now = run.now();
  return () => {
    const recordId = upsertRecord(run.db, {
      accountId: run.account.id,
      remoteId: item.id,
      etag: item.etag,
      contentType: item.contentType,
      raw: item.payload,
      fields,
      contentHash,
      remoteUpdatedAt: item.updatedAt,
      fetchedAt: now,
    });
    // While a conflict is open the base keeps its disputed values (plan-pull.ts): leave it alone.
    const disputed = how === null && openConflicts(run.db, { contactId, accountId: run.account.id }).length > 0;
    if (!disputed) putLink(run.db, { recordId, contactId, base: fields, baseHash, how: how ?? 'created', linkedAt: now });
    appendJournal(run.db, {
      runId: run.runId,
      at: now,
      action: how === 'created' ? 'remote.create' : 'remote.update',
      contactId,
      accountId: run.account.id,
      remoteId: item.id,
      before,
      after: fields,
    });
  };
}

async function execute(run: AccountRun, action: PushAction): Promise<Settle | null> {
  const opts = { signal: run.signal };
  switch (action.kind) {
    case 'update': {
      const { row, next } = action;
      if (!row.etag) throw new ProviderError('precondition-failed', 'No version tag is known for this item; it will be read again first.');
      const payload = run.codec.encodeUpdate(row.raw, row.recordFields, next);
      const item = await run.source.update(row.remoteId, row.etag, payload, opts);
      run.report.remoteUpdated += 1;
      return written(run, row.contactId, item, null, row.recordFields);
    }
    case 'create': {
      const { payload, idHint } = run.codec.encodeNew(action.fields, action.contactId);
      const item = await run.source.create(payload, { ...opts, idHint });
      run.report.remoteCreated += 1;
      return written(run, action.contactId, item, 'created', null);
    }
    case 'delete': {
      const { row } = action;
      if (!row.etag) throw new ProviderError('precondition-failed', 'No version tag is known for this item; it will be read again first.');
      try {
        await run.source.delete(row.remoteId, row.etag, opts);
      } catch (error) {
        if (!isProviderError(error, 'not-found')) throw error;
      }
      run.report.remoteDeleted += 1;
      const at = run.now();
      return () => {
        deleteRecord(run.db, row.recordId);
        appendJournal(run.db, { runId: run.runId, at, action: 'remote.delete', contactId: row.contactId, accountId: run.account.id, remoteId: row.remoteId, before: row.recordFields, after: null });
      };
    }
  }
}

/** Re-reads, merges and writes one item again after a 412; false when it is left for the next run. */
async function replan(run: AccountRun, remoteId: string, contactId: string): Promise<boolean> {
  try {
    if (!(await refreshItem(run, remoteId))) {
      // Gone on the server meanwhile: forget the record; the next run recreates or trashes as the hub says.
      run.report.notes.push(`An item disappeared from ${run.account.name} while Concord was writing it; it will be settled on the next sync.`);
      return false;
    }
    const { updates, deletes } = planChanges(run);
    const again = [...updates, ...deletes].find((a) => a.kind !== 'create' && a.row.contactId === contactId);
    const settle = again ? await execute(run, again) : null;
    if (settle) inTransaction(run.db, settle);
    return true;
  } catch (error) {
    if (isProviderError(error) && accountWide.has(error.kind)) throw error;
    run.report.errors.push({ contactId, remoteId, code: isProviderError(error) ? error.kind : 'internal', message: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

/** Pushes hub changes to one account. Returns false when a safety guard paused it. */
export async function pushAccount(run: AccountRun): Promise<boolean> {
  const { updates, deletes } = planChanges(run);
  const reason = guardReason(
    { knownRecords: recordCount(run.db, run.account.id), listedItems: null, deletes: deletes.length, overwrites: updates.length },
    run.limits,
  );
  if (reason && !run.approve) {
    run.report.paused = reason;
    return false;
  }
  // Changes stamped up to here are what this push looks at; later ones (a pull's merges, the
  // user's edits meanwhile, our own link updates) are looked at next time.
  const since = getSyncState(run.db, run.account.id).pushedTick;
  const tick = hubTick(run.db);
  const progress = { done: 0, total: updates.length + countContactsMissingIn(run.db, run.account.id, since, tick) + deletes.length };
  let resumeAfter = tick;
  const retryLater = (changeTick: number) => (resumeAfter = Math.min(resumeAfter, changeTick - 1));
  // Patches first, then creates, then deletions: a merge writes its survivor before the records it
  // replaces are deleted (issue #10).
  for (let start = 0; start < updates.length; start += PUSH_WINDOW) await pushWindow(run, updates.slice(start, start + PUSH_WINDOW), progress, retryLater);
  for (const window of createPages(run, since, tick)) await pushWindow(run, window, progress, retryLater);
  for (let start = 0; start < deletes.length; start += PUSH_WINDOW) await pushWindow(run, deletes.slice(start, start + PUSH_WINDOW), progress, retryLater);
  inTransaction(run.db, () => {
    const state = getSyncState(run.db, run.account.id);
    setSyncState(run.db, run.account.id, { ...state, pushedTick: Math.max(state.pushedTick, resumeAfter) });
  });
  return true;
}

/** Writes one window of actions and commits what the server accepted in one transaction. */
async function pushWindow(
  run: AccountRun,
  window: readonly PushAction[],
  progress: { done: number; total: number },
  retryLater: (changeTick: number) => void,
): Promise<void> {
  run.signal?.throwIfAborted();
  const settled: Settle[] = [];
  const take = ({ action, settle, retry }: Outcome) => {
    if (settle) settled.push(settle);
    // What the provider had to change to write it (iCloud: a reduced photo), said of this contact.
    const who = displayName(action.kind === 'create' ? action.fields : action.kind === 'update' ? action.next : action.row.recordFields);
    for (const w of run.source.takeWarnings?.() ?? []) run.report.notes.push(`${who}: ${w.message}`);
    // An item that did not reach the account is looked at again next time.
    if (retry) retryLater(action.kind === 'create' ? action.changeTick : action.row.changeTick);
  };
  const batchCreate = run.source.batchCreate?.bind(run.source);
  const creates = batchCreate ? window.filter((a): a is CreateAction => a.kind === 'create') : [];
  const singles = batchCreate && creates.length > 1 ? window.filter((a) => a.kind !== 'create') : window;
  try {
    if (batchCreate && creates.length > 1) {
      (await createInBatch(run, creates, batchCreate)).forEach(take);
      progress.done += creates.length;
      run.progress('execute', progress.done, progress.total);
    }
    await forEachLimited(singles, run.source.capabilities.writeConcurrency ?? 1, async (action) => {
      take({ action, ...(await attempt(run, action)) });
      run.progress('execute', ++progress.done, progress.total);
    });
  } finally {
    // What the server accepted is recorded even when the window stopped on an account-wide error.
    if (settled.length > 0) inTransaction(run.db, () => settled.forEach((settle) => settle()));
  }
}

/**
 * One action with its error handling: an item's failure is reported (retry: look at it again next
 * run); account-wide failures stop the push, and the pushed tick then stays where it was.
 */
async function attempt(run: AccountRun, action: PushAction): Promise<{ settle: Settle | null; retry: boolean }> {
  try {
    return { settle: await execute(run, action), retry: false };
  } catch (error) {
    return { settle: null, retry: await failed(run, action, error) };
  }
}

/** Handles one action's failure; true when the item is to be looked at again next run. */
async function failed(run: AccountRun, action: PushAction, error: unknown): Promise<boolean> {
  const contactId = action.kind === 'create' ? action.contactId : action.row.contactId;
  const remoteId = action.kind === 'create' ? null : action.row.remoteId;
  if (isProviderError(error, 'precondition-failed') && action.kind !== 'create') {
    // Changed on the server since we read it (DESIGN.md §4.4): read it again, merge that change
    // into the hub, and plan this contact's write once more, in this same run.
    return !(await replan(run, action.row.remoteId, action.row.contactId));
  }
  if (isProviderError(error, 'in-doubt')) {
    // Only this contact waits (the provider checks whether it arrived before sending it again);
    // the account's other writes go on.
    run.report.notes.push(error.message);
  } else if (isProviderError(error, 'precondition-failed')) {
    // An earlier create whose answer was lost: the item exists and carries this contact's id,
    // so the next listing links it (plan-pull.ts "origin") instead of creating a duplicate.
    run.report.notes.push(`A contact already existed in ${run.account.name} from an earlier attempt; it will be linked, not duplicated.`);
  } else if (isProviderError(error) && accountWide.has(error.kind)) {
    throw error;
  } else {
    const code = isProviderError(error) ? error.kind : 'internal';
    run.report.errors.push({ contactId, remoteId, code, message: error instanceof Error ? error.message : String(error) });
  }
  return true;
}

type CreateAction = Extract<PushAction, { kind: 'create' }>;
type Outcome = { action: PushAction; settle: Settle | null; retry: boolean };

/**
 * A window's creates through the source's batch call (Google: 200 per request instead of one,
 * which its per-minute write quota would otherwise make take half an hour per thousand).
 */
async function createInBatch(run: AccountRun, creates: readonly CreateAction[], batchCreate: NonNullable<ContactSource['batchCreate']>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const sent: { action: CreateAction; payload: string; idHint: string }[] = [];
  for (const action of creates) {
    try {
      const { payload, idHint } = run.codec.encodeNew(action.fields, action.contactId);
      sent.push({ action, payload, idHint: idHint ?? action.contactId });
    } catch (error) {
      outcomes.push({ action, settle: null, retry: await failed(run, action, error) });
    }
  }
  if (sent.length === 0) return outcomes;
  const results = await batchCreate(
    sent.map(({ payload, idHint }) => ({ payload, idHint })),
    { signal: run.signal },
  );
  for (const [i, { action }] of sent.entries()) {
    const result = results[i];
    try {
      if (!result) throw new ProviderError('unavailable', 'The server did not answer for this contact.');
      if (!result.ok) throw result.error;
      const settle = written(run, action.contactId, result.value, 'created', null);
      run.report.remoteCreated += 1;
      outcomes.push({ action, settle, retry: false });
    } catch (error) {
      outcomes.push({ action, settle: null, retry: await failed(run, action, error) });
    }
  }
  return outcomes;
}

/** Runs fn over items with at most `limit` in flight; the first thrown error stops new starts and is rethrown. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}
