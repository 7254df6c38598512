// Per-account report of a run (types shared with the UI and CLI in shared/model/sync.ts).
import type { AccountReport } from '../../../shared/model/sync.ts';

export type { AccountReport, ItemError, SyncSummary } from '../../../shared/model/sync.ts';

export function emptyAccountReport(accountId: string, name: string): AccountReport {
  return {
    accountId,
    name,
    hubCreated: 0,
    hubUpdated: 0,
    hubTrashed: 0,
    restored: 0,
    linked: 0,
    suggested: 0,
    remoteCreated: 0,
    remoteUpdated: 0,
    remoteDeleted: 0,
    conflicts: 0,
    errors: [],
    paused: null,
    notes: [],
  };
}
