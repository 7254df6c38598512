// status.get: how the hub stands (contacts, trash, open conflicts and merge suggestions) and each
// account's state, in one call, for `concord status` and the tray. Read-only: it never starts
// anything, so it is safe to call while a sync runs (WAL readers do not block the writer).
import type { RunView } from '../../../shared/api/contract.ts';
import type { SyncSummary } from '../../../shared/model/sync.ts';
import { listAccounts } from '../db/repos/accounts.ts';
import { countOpenConflicts, openConflicts } from '../db/repos/conflicts.ts';
import { countContacts } from '../db/repos/contacts.ts';
import { countOpenSuggestions, countTrash } from '../db/repos/overview.ts';
import { listRuns } from '../db/repos/runs.ts';
import type { RunRow } from '../db/repos/runs.ts';
import { getSyncState, recordCount } from '../db/repos/sync.ts';
import type { DomainHandlers } from './handlers.ts';
import { iso } from './wire-time.ts';


export function runView(r: RunRow): RunView {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    dryRun: r.dryRun,
    startedAt: iso(r.startedAt),
    finishedAt: r.finishedAt === null ? null : iso(r.finishedAt),
    summary: r.report as Partial<SyncSummary>,
  };
}

export const statusHandlers: DomainHandlers<'status.get'> = {
  'status.get': (_p, ctx) => {
    const conflictsByAccount = new Map<string, number>();
    for (const c of openConflicts(ctx.db)) conflictsByAccount.set(c.accountId, (conflictsByAccount.get(c.accountId) ?? 0) + 1);
    const [last] = listRuns(ctx.db, 1);
    return {
      contacts: countContacts(ctx.db),
      trash: countTrash(ctx.db),
      conflicts: countOpenConflicts(ctx.db),
      suggestions: countOpenSuggestions(ctx.db),
      syncing: ctx.sync.running,
      lastRun: last ? runView(last) : null,
      accounts: listAccounts(ctx.db).map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        enabled: a.enabled,
        direction: a.settings.direction,
        status: a.status,
        lastError: a.lastError,
        lastSyncedAt: a.lastSyncedAt,
        records: recordCount(ctx.db, a.id),
        conflicts: conflictsByAccount.get(a.id) ?? 0,
        pausedFor: getSyncState(ctx.db, a.id).pausedFor,
      })),
    };
  },
};
