// What a sync run did, as the UI and the CLI's `sync --json` see it. Item errors carry the contact
// so the user can find it; one bad item never fails a run.
export interface ItemError {
  contactId: string | null;
  remoteId: string | null;
  code: string;
  message: string;
}

export interface AccountReport {
  accountId: string;
  name: string;
  hubCreated: number;
  hubUpdated: number;
  hubTrashed: number;
  restored: number;
  linked: number;
  suggested: number;
  remoteCreated: number;
  remoteUpdated: number;
  remoteDeleted: number;
  conflicts: number;
  errors: ItemError[];
  /** Why a safety guard paused this account; null when it was not paused. */
  paused: string | null;
  /** Notes a person should read ("kept the edit to Ann: it was deleted in iCloud"). */
  notes: string[];
}

export interface SyncSummary {
  /** The run's id, for history and undo. */
  run: number;
  dryRun: boolean;
  created: number;
  updated: number;
  deleted: number;
  conflicts: number;
  errors: number;
  /** True when a safety stop holds at least one account (approve with sync --yes or in the UI). */
  paused: boolean;
  accounts: AccountReport[];
}
