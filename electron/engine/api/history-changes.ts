// history.changes: what one run changed, entry by entry, for the Activity screen's per-run list.
// Read-only: it reads the run's journal (db/repos/journal.ts) and names the contacts and accounts
// it touched. Invariant: the list is the journal in its own order; nothing is summarised away, so
// what the user sees is exactly what `history.undo` would reverse (the contact.* entries).
import { ConcordError } from '../../../shared/api/errors.ts';
import type { RunChangeView } from '../../../shared/api/contract.ts';
import { getAccount } from '../db/repos/accounts.ts';
import { getContact } from '../db/repos/contacts.ts';
import { journalOfRun } from '../db/repos/journal.ts';
import type { JournalRow } from '../db/repos/journal.ts';
import { getRun } from '../db/repos/runs.ts';
import type { EngineContext } from './context.ts';
import type { DomainHandlers } from './handlers.ts';
import { iso } from './wire-time.ts';

/** Top-level fields whose JSON differs between before and after (updates only). */
function changedFields(e: JournalRow): string[] {
  if (e.action !== 'contact.update' && e.action !== 'remote.update') return [];
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  if (typeof before !== 'object' || typeof after !== 'object') return [];
  return Object.keys({ ...before, ...after }).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function view(ctx: EngineContext, e: JournalRow, names: Map<string, string | null>): RunChangeView {
  const named = (key: string, find: () => string | null) => {
    if (!names.has(key)) names.set(key, find());
    return names.get(key) ?? null;
  };
  return {
    at: iso(e.at),
    action: e.action,
    contactId: e.contactId,
    contactName: e.contactId === null ? '' : (named(`c:${e.contactId}`, () => getContact(ctx.db, e.contactId!)?.displayName ?? null) ?? ''),
    accountId: e.accountId,
    accountName: e.accountId === null ? null : named(`a:${e.accountId}`, () => getAccount(ctx.db, e.accountId!)?.name ?? null),
    fields: changedFields(e),
    undone: e.undoneBy !== null,
  };
}

export const historyChangeHandlers: DomainHandlers<'history.changes'> = {
  'history.changes': (p, ctx) => {
    if (!getRun(ctx.db, p.run)) throw new ConcordError('NOT_FOUND', `There is no run ${p.run}.`);
    const entries = journalOfRun(ctx.db, p.run);
    const names = new Map<string, string | null>();
    return {
      total: entries.length,
      offset: p.offset,
      items: entries.slice(p.offset, p.offset + p.limit).map((e) => view(ctx, e, names)),
      // The same test undo.ts applies before it reverses anything.
      undoable: entries.some((e) => e.contactId !== null && e.undoneBy === null && e.action.startsWith('contact.')),
    };
  },
};
