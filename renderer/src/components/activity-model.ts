// The Activity screen's view model, pure: a run's counts and errors from its stored report, which
// runs can be undone, the accounts a safety stop holds and why, in words the catalogue can
// translate (the engine's guard writes English: sync/guard.ts guardReason).
// Invariant: nothing here guesses a count; a report that lacks one shows nothing for it.
import type { RunView, StatusView } from '../../../shared/api/contract.ts';
import type { AccountReport, ItemError } from '../../../shared/model/sync.ts';

export interface RunCounts {
  created: number;
  updated: number;
  deleted: number;
  conflicts: number;
  errors: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The counts a run reported; merges and undos report other numbers, mapped onto the same five. */
export function runCounts(run: Pick<RunView, 'summary' | 'trigger'>): RunCounts {
  const s = run.summary as Record<string, unknown>;
  if (run.trigger === 'merge') return { created: 0, updated: 1, deleted: num(s.merged), conflicts: 0, errors: 0 };
  // The reversal itself (sync/undo.ts reports { undid, reversed }): every reversed change rewrote a contact.
  if (run.trigger === 'undo' && typeof s.undid === 'number') return { created: 0, updated: num(s.reversed), deleted: 0, conflicts: 0, errors: 0 };
  return { created: num(s.created), updated: num(s.updated), deleted: num(s.deleted), conflicts: num(s.conflicts), errors: num(s.errors) };
}

export interface RunError extends ItemError {
  account: string;
}

/** Every error of a run with the name of its account, in report order. */
export function runErrors(run: Pick<RunView, 'summary'>): RunError[] {
  const accounts = (run.summary.accounts ?? []) as AccountReport[];
  return accounts.flatMap((a) => (a.errors ?? []).map((e) => ({ ...e, account: a.name })));
}

/** Notes a person should read, per account ("compared the whole address book …"). */
export function runNotes(run: Pick<RunView, 'summary'>): { account: string; note: string }[] {
  const accounts = (run.summary.accounts ?? []) as AccountReport[];
  return accounts.flatMap((a) => (a.notes ?? []).map((note) => ({ account: a.name, note })));
}

/** The accounts a safety stop paused in this run, with the reason read back into parts. */
export function runPauses(run: Pick<RunView, 'summary'>): { account: string; reason: StopReason }[] {
  const accounts = (run.summary.accounts ?? []) as AccountReport[];
  return accounts.filter((a) => typeof a.paused === 'string').map((a) => ({ account: a.name, reason: parseStopReason(a.paused!) }));
}

/** Triggers with their own message key (`review.trigger.<trigger>`); anything else reads as a sync. */
export const knownTriggers = ['manual', 'schedule', 'startup', 'resume', 'online', 'cli', 'import', 'merge', 'undo'] as const;
export type KnownTrigger = (typeof knownTriggers)[number];
export const triggerOf = (trigger: string): KnownTrigger => ((knownTriggers as readonly string[]).includes(trigger) ? (trigger as KnownTrigger) : 'manual');

/**
 * What to call a run: its trigger, except that history.undo makes two runs with trigger 'undo' —
 * the reversal (its report says which run it undid) and the sync that carries it to the accounts.
 */
export function runKind(run: Pick<RunView, 'trigger' | 'summary'>): KnownTrigger | 'undoSync' {
  const kind = triggerOf(run.trigger);
  return kind === 'undo' && typeof (run.summary as Record<string, unknown>).undid !== 'number' ? 'undoSync' : kind;
}

export const knownStatuses = ['running', 'ok', 'partial', 'failed', 'paused', 'cancelled'] as const;
export type KnownStatus = (typeof knownStatuses)[number];
export const statusOf = (status: string): KnownStatus => ((knownStatuses as readonly string[]).includes(status) ? (status as KnownStatus) : 'partial');

/** Whether to offer Undo before asking the engine (history.changes then says exactly). */
export function mayUndo(run: Pick<RunView, 'dryRun' | 'status'>): boolean {
  return !run.dryRun && run.status !== 'running';
}

export type StopReason =
  | { kind: 'empty'; known: number }
  | { kind: 'deletes'; count: number; limit: number }
  | { kind: 'overwrites'; count: number; limit: number }
  | { kind: 'other'; text: string };

/** Reads the guard's reason back into parts (sync/guard.ts writes exactly these three sentences). */
export function parseStopReason(text: string): StopReason {
  let m = /listed no contacts although it had (\d+)/.exec(text);
  if (m) return { kind: 'empty', known: Number(m[1]) };
  m = /(\d+) contacts would be (deleted|overwritten) \(limit (\d+)\)/.exec(text);
  if (m) return { kind: m[2] === 'deleted' ? 'deletes' : 'overwrites', count: Number(m[1]), limit: Number(m[3]) };
  return { kind: 'other', text };
}

export interface SafetyStop {
  accountId: string;
  accountName: string;
  reason: StopReason;
}

/** The accounts a safety stop holds right now. */
export function pendingStops(status: Pick<StatusView, 'accounts'> | null): SafetyStop[] {
  if (!status) return [];
  return status.accounts
    .filter((a) => a.enabled && a.pausedFor !== null)
    .map((a) => ({ accountId: a.id, accountName: a.name, reason: parseStopReason(a.pausedFor!) }));
}

/** Journal actions with their own message key (`review.action.<action>`). */
export const knownActions = [
  'contact.create',
  'contact.update',
  'contact.trash',
  'contact.restore',
  'remote.create',
  'remote.update',
  'remote.delete',
  'link',
  'unlink',
  'merge',
  'account.add',
  'account.remove',
] as const;
export type KnownAction = (typeof knownActions)[number];
export const actionOf = (action: string): KnownAction | null => ((knownActions as readonly string[]).includes(action) ? (action as KnownAction) : null);
