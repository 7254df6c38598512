// An account's trouble in plain words with the fix: "iCloud rejected the password: create an
// app-specific password". The engine's status and error code decide which message (never its
// English message text); the message itself is kept as a detail for people who want it.
// Invariant: pure and total: every (kind, status) gives a message key or null for "no problem".
import type { ErrorCode } from '../../../../shared/api/errors.ts';
import type { Account, AccountKind } from '../../../../shared/model/account.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** Why credentials were refused, by account kind: the fix differs (app-specific password, sign in, check). */
export function authProblemKey(kind: AccountKind): MessageKey {
  switch (kind) {
    case 'icloud':
      return 'setup.problem.icloudAuth';
    case 'google':
      return 'setup.problem.googleAuth';
    default:
      return 'setup.problem.auth';
  }
}

/** The problem an account shows in the list and settings panel; null when it is fine. */
export function accountProblemKey(account: Pick<Account, 'kind' | 'status' | 'lastError' | 'enabled'>): MessageKey | null {
  if (!account.enabled) return null;
  switch (account.status) {
    case 'auth-required':
      return authProblemKey(account.kind);
    case 'paused':
      return 'setup.problem.paused';
    case 'error':
      return 'setup.problem.error';
    default:
      return account.lastError ? 'setup.problem.error' : null;
  }
}

/** What the add form says when discovery or adding failed, by the engine's error code. */
export function discoveryProblemKey(kind: AccountKind, code: ErrorCode): MessageKey {
  switch (code) {
    case 'AUTH_REQUIRED':
      return authProblemKey(kind);
    case 'PROVIDER_ERROR':
      return 'setup.problem.noServer';
    case 'RATE_LIMITED':
      return 'error.RATE_LIMITED';
    case 'ALREADY_EXISTS':
      return 'error.ALREADY_EXISTS';
    case 'UNAVAILABLE':
      return 'error.UNAVAILABLE';
    default:
      return 'setup.problem.error';
  }
}
