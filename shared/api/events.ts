// Push events from engine to UI (DESIGN.md §2). Payloads are JSON-safe; a UI that missed events
// can always re-query, so events say what changed, not the whole new state.
import type { ErrorCode } from './errors.ts';
import type { Account } from '../model/account.ts';
import type { Settings } from '../model/settings.ts';

export const syncPhases = ['snapshot', 'plan', 'guard', 'execute', 'commit', 'done'] as const;
export type SyncPhase = (typeof syncPhases)[number];

/** Why a Google sign-in ended without an account (the UI words each one). */
export const signInFailureReasons = ['denied', 'timeout', 'cancelled', 'failed'] as const;
export type SignInFailureReason = (typeof signInFailureReasons)[number];

export interface EventMap {
  'sync.progress': { runId: number; accountId: string | null; phase: SyncPhase; done: number; total: number };
  /** ids of changed contacts; null when too many changed to list (re-query everything). */
  'contacts.changed': { ids: string[] | null };
  'accounts.changed': { accounts: Account[] };
  'conflicts.changed': { open: number };
  'settings.changed': Settings;
  /** accounts.signInGoogle finished: the account was added (its first sync has not run). */
  'account.signedIn': { signInId: string; account: Account };
  /** accounts.signInGoogle ended without an account; `message` is the engine's English detail. */
  'account.signInFailed': { signInId: string; reason: SignInFailureReason; code: ErrorCode; message: string };
}

export type EventName = keyof EventMap;

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

export type AnyEventMessage = { [E in EventName]: EventMessage<E> }[EventName];
