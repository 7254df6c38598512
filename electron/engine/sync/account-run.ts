// Everything one account's share of a run needs, built once by the runner (run.ts).
import type { SyncPhase } from '../../../shared/api/events.ts';
import type { Account } from '../../../shared/model/account.ts';
import type { WritableDb } from '../db/handle.ts';
import type { NormalizeOptions } from '../model/normalize/index.ts';
import type { ContactSource } from '../providers/types.ts';
import type { RecordCodec } from './codec.ts';
import type { GuardLimits } from './guard.ts';
import type { ConflictPolicy } from './plan-pull.ts';
import type { AccountReport } from './report.ts';

export interface AccountRun {
  db: WritableDb;
  account: Account;
  source: ContactSource;
  codec: RecordCodec;
  options: NormalizeOptions;
  policy: ConflictPolicy;
  /** Priority policy: whether this account's version wins for a contact. */
  outranks(contactId: string): boolean;
  limits: GuardLimits;
  /** The user approved a pending safety stop for this run (`sync --yes`). */
  approve: boolean;
  runId: number;
  now(): number;
  signal: AbortSignal | undefined;
  report: AccountReport;
  progress(phase: SyncPhase, done: number, total: number): void;
  /**
   * The first and last hub contact ids this account's pull created in this run. Contact ids are
   * time-ordered (hub/contact-id.ts), so these contacts sit together at the end of every key block
   * and candidate lookup skips them as one index range instead of reading each one's links (they
   * are all held by this account already). Set by the pull; absent until it creates a contact.
   */
  createdHere?: { first: string; last: string };
  /**
   * Whether the hub held contacts besides createdHere, as last checked; unset when not known. The
   * pull clears it at every page and every commit (a contact added meanwhile elsewhere is seen from
   * the next page on), so the check costs two seeks per page instead of per item.
   */
  othersInHub?: boolean;
}
