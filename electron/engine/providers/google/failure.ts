// What went wrong in one call to Google, read from whatever the client libraries threw, and the
// ProviderError the engine gets for it (providers/types.ts).
// Why a separate reading step: the Node client throws a GaxiosError whose `code` is a number for API
// errors but a string for network failures, and the gRPC status and ErrorInfo reasons are only in
// `response.data.error` (google-people-api.md §8.3, §12 item 3); the OAuth token endpoint answers
// in a different shape, `{error: "invalid_grant", error_description}` (§9.1).
// Invariants: decisions key on HTTP status, ErrorInfo reason and documented message text, never on
// the status string alone (§3.4: the expired-token status is FAILED_PRECONDITION or
// INVALID_ARGUMENT depending on who you ask, and formerly HTTP 410); every message a ProviderError
// carries is one a person can act on.
import { ProviderError } from '../types.ts';

export interface GoogleFailure {
  /** HTTP status, or null when no response arrived (network failure, timeout). */
  httpStatus: number | null;
  /** google.rpc.Code name from the AIP-193 body (§8.1), when there is one. */
  status: string | null;
  message: string;
  /** ErrorInfo reasons in `details` (§8.1), plus legacy `errors[].reason`. */
  reasons: string[];
  /** From a Retry-After header (seconds or HTTP date); Google documents none (§7.3). */
  retryAfterMs: number | null;
  /** OAuth endpoint error code such as 'invalid_grant' (§9.1). */
  oauthError: string | null;
  /** The caller's AbortSignal fired. */
  cancelled: boolean;
  /** No response: refused, reset, timed out. The request may or may not have reached Google. */
  noResponse: boolean;
  /**
   * The failing request was not a People API call (it was the access-token refresh the client makes
   * first), so the API call itself was never sent.
   */
  beforeApiCall: boolean;
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  name?: unknown;
  config?: { url?: unknown };
  response?: { status?: unknown; data?: unknown; headers?: unknown };
}

/** People API paths all start with /v1/ (§1.1); the OAuth endpoints do not. */
function isApiUrl(url: unknown): boolean | null {
  if (url === undefined || url === null) return null;
  try {
    return new URL(String(url)).pathname.startsWith('/v1/');
  } catch {
    return null;
  }
}

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? record[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
}

/** Retry-After as delta-seconds or an HTTP date, relative to `now`. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function describeFailure(error: unknown, now: number, signal?: AbortSignal): GoogleFailure {
  const e = (error && typeof error === 'object' ? error : {}) as ErrorLike;
  const response = e.response;
  const httpStatus = typeof response?.status === 'number' ? response.status : null;
  const data = response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const apiError = data && typeof data.error === 'object' && data.error !== null ? (data.error as Record<string, unknown>) : null;
  const oauthError = data && typeof data.error === 'string' ? data.error : null;
  const reasons: string[] = [];
  if (apiError) {
    for (const detail of Array.isArray(apiError.details) ? apiError.details : []) {
      const reason = (detail as { reason?: unknown }).reason;
      if (typeof reason === 'string') reasons.push(reason);
    }
    for (const legacy of Array.isArray(apiError.errors) ? apiError.errors : []) {
      const reason = (legacy as { reason?: unknown }).reason;
      if (typeof reason === 'string') reasons.push(reason);
    }
  }
  const message =
    (apiError && typeof apiError.message === 'string' ? apiError.message : null) ??
    (data && typeof data.error_description === 'string' ? data.error_description : null) ??
    (typeof e.message === 'string' ? e.message : String(error));
  return {
    httpStatus,
    status: apiError && typeof apiError.status === 'string' ? apiError.status : null,
    message,
    reasons,
    retryAfterMs: parseRetryAfter(header(response?.headers, 'retry-after'), now),
    oauthError,
    // Only the caller's own signal counts: a request timeout also surfaces as an abort.
    cancelled: signal?.aborted === true,
    noResponse: httpStatus === null,
    beforeApiCall: isApiUrl(e.config?.url) === false || oauthError !== null,
  };
}

/** §3.4, §10 item 1, §12 item 9: reason EXPIRED_SYNC_TOKEN or the documented message, on 400 or 410. */
export function isExpiredSyncToken(f: GoogleFailure): boolean {
  return (f.httpStatus === 400 || f.httpStatus === 410) && (f.reasons.includes('EXPIRED_SYNC_TOKEN') || /^Sync token is expired/i.test(f.message));
}

/** §5.2 / §5.4: a stale or missing etag is a 400 whose message names the etag. */
export function isEtagMismatch(f: GoogleFailure): boolean {
  return f.httpStatus === 400 && /etag/i.test(f.message);
}

/** §7.3: 429, or the legacy 403 rateLimitExceeded / userRateLimitExceeded. */
export function isRateLimited(f: GoogleFailure): boolean {
  return f.httpStatus === 429 || (f.httpStatus === 403 && f.reasons.some((r) => /rateLimitExceeded|RATE_LIMIT_EXCEEDED|quotaExceeded/i.test(r)));
}

/** Worth retrying after a pause: quota, overload, server errors, lost responses, 409 ABORTED (§5, §8.1). */
export function isTransient(f: GoogleFailure): boolean {
  if (f.cancelled) return false;
  if (isRateLimited(f)) return true;
  if (f.noResponse) return true;
  const s = f.httpStatus ?? 0;
  return s === 408 || (s === 409 && f.status === 'ABORTED') || s >= 500;
}

/**
 * Whether Google definitely did not carry the request out, so even a non-idempotent POST may be
 * sent again: quota and rate rejections are decided before the call runs (§7.2 "rejected calls"),
 * as is a 409 ABORTED for an overlapping mutation. A 5xx, a timeout or a reset may come after the
 * work was done (§5.1: "a timeout leaves it unknown whether the contact exists").
 */
export function definitelyNotApplied(f: GoogleFailure): boolean {
  return f.beforeApiCall || isRateLimited(f) || (f.httpStatus === 409 && f.status === 'ABORTED') || (f.httpStatus !== null && f.httpStatus < 500 && f.httpStatus !== 408);
}

export const signInAgain = 'Google sign-in expired: sign in again.';

/** The ProviderError for a failure no retry resolved (or that no retry can resolve). */
export function toProviderError(f: GoogleFailure, cause: unknown): ProviderError {
  const details = { cause, ...(f.httpStatus !== null ? { status: f.httpStatus } : {}) };
  if (f.cancelled) return new ProviderError('cancelled', 'The operation was cancelled.', details);
  if (f.oauthError === 'invalid_grant') return new ProviderError('auth', signInAgain, details);
  if (f.oauthError !== null) {
    return new ProviderError('auth', `Google refused Concord's sign-in (${f.oauthError}): sign in again.`, details);
  }
  if (f.httpStatus === 401) return new ProviderError('auth', signInAgain, details);
  if (isRateLimited(f)) {
    return new ProviderError('rate-limited', 'Google asks Concord to slow down (quota reached); it will retry later.', {
      ...details,
      ...(f.retryAfterMs !== null ? { retryAfterMs: f.retryAfterMs } : {}),
    });
  }
  if (f.httpStatus === 403) {
    return new ProviderError('auth', 'Concord may not change your Google contacts: sign in again and allow access to contacts.', details);
  }
  if (isExpiredSyncToken(f)) return new ProviderError('cursor-invalid', 'Google no longer accepts the sync token; a full listing follows.', details);
  if (isEtagMismatch(f)) return new ProviderError('precondition-failed', 'The contact changed in Google since Concord last read it.', details);
  if (f.httpStatus === 404) return new ProviderError('not-found', 'The contact no longer exists in Google.', details);
  if (isTransient(f)) {
    return new ProviderError('unavailable', `Google is not reachable right now (${f.httpStatus ?? 'no response'}: ${f.message}); Concord will retry.`, {
      ...details,
      ...(f.retryAfterMs !== null ? { retryAfterMs: f.retryAfterMs } : {}),
    });
  }
  return new ProviderError('rejected', `Google refused the change: ${f.message}`, details);
}
