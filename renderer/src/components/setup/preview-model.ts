// The first-sync preview as rows a person can read: for each account of a dry run, what would be
// linked (the same person already in Concord), created in Concord, written to the account, and
// what needs a decision. Pure: the numbers come from sync.run { dryRun: true } unchanged.
// Invariant: nothing is invented or dropped: every count shown is a sum of the report's counts.
import type { SyncSummary } from '../../../../shared/model/sync.ts';

export interface PreviewRow {
  accountId: string;
  name: string;
  /** People found in the account who are already in Concord (linked, not copied). */
  linked: number;
  /** New contacts Concord would take from the account. */
  toConcord: number;
  /** Contacts Concord would write into the account (new there). */
  toAccount: number;
  /** Existing contacts that would change (in Concord or in the account). */
  changed: number;
  /** Contacts that would be removed (in Concord or in the account). */
  removed: number;
  suggestions: number;
  conflicts: number;
  errors: number;
  paused: string | null;
}

export interface PreviewModel {
  rows: PreviewRow[];
  totals: Omit<PreviewRow, 'accountId' | 'name' | 'paused'>;
  /** True when the run would write nothing at all (still worth starting: it records the link). */
  nothingToDo: boolean;
  paused: boolean;
}

export function previewModel(summary: SyncSummary): PreviewModel {
  const rows = summary.accounts.map(
    (a): PreviewRow => ({
      accountId: a.accountId,
      name: a.name,
      linked: a.linked,
      toConcord: a.hubCreated,
      toAccount: a.remoteCreated,
      changed: a.hubUpdated + a.remoteUpdated + a.restored,
      removed: a.hubTrashed + a.remoteDeleted,
      suggestions: a.suggested,
      conflicts: a.conflicts,
      errors: a.errors.length,
      paused: a.paused,
    }),
  );
  const sum = (key: keyof PreviewModel['totals']) => rows.reduce((n, r) => n + r[key], 0);
  const totals = {
    linked: sum('linked'),
    toConcord: sum('toConcord'),
    toAccount: sum('toAccount'),
    changed: sum('changed'),
    removed: sum('removed'),
    suggestions: sum('suggestions'),
    conflicts: sum('conflicts'),
    errors: sum('errors'),
  };
  const nothingToDo = Object.values(totals).every((n) => n === 0);
  return { rows, totals, nothingToDo, paused: summary.paused };
}
