// Fault switches and behaviour knobs of one fake instance (doc §10 gotchas, §11 "Knob" items).
// Invariant: every knob defaults to the *harsher* documented reading of Google's behaviour where the doc
// gives one (expired tokens 400 FAILED_PRECONDITION, tokens expire 7 days after the chain's full sync,
// overlapping mutations fail, person etags depend on the mask, batch results not in request order), and
// to "off" where the doc says Google does not do something (no Retry-After unless a test asks for one).
// Tests may change any field at any time; the router reads them per request.

import { ApiError } from './errors.ts';

export interface FailNextOptions {
  /** 429 RESOURCE_EXHAUSTED or 503 UNAVAILABLE. */
  status: 429 | 503;
  /** Only these methods (googleapis names, e.g. 'people.connections.list'); default every API method. */
  methods?: readonly string[];
  /** Adds `Retry-After: <s>`. Google does not document one for the People API (§7.3): off by default. */
  retryAfterSeconds?: number;
}

interface FailureRule extends FailNextOptions {
  remaining: number;
}

export class Faults {
  /** §3.3 item 4: "Sync tokens expire 7 days after the full sync". */
  syncTokenTtlMs = 7 * 24 * 60 * 60 * 1000;
  /** What the 7 days count from (§3.5, ambiguous): the chain's full sync (strict, default) or the token's issue. */
  syncTokenExpiryFrom: 'fullSync' | 'issue' = 'fullSync';
  /** Shape of the expired-sync-token error (§3.4): default 400 FAILED_PRECONDITION; 410 = the old guide. */
  expiredSyncToken: { httpStatus: 400 | 410; status: 'FAILED_PRECONDITION' | 'INVALID_ARGUMENT' } = {
    httpStatus: 400,
    status: 'FAILED_PRECONDITION',
  };
  /** Bumped by expireSyncTokens(); tokens of older epochs are expired (§11 item 21). */
  syncTokenEpoch = 0;

  /** §5: "Mutate requests for the same user should be sent sequentially to avoid … failures" (§11 item 43). */
  concurrentMutations: 'abort409' | 'unavailable503' | 'allow' = 'abort409';
  /** How long a mutation is in flight on the server; overlapping mutations are detected in this window. */
  mutationLatencyMs = 20;

  /** §3.3 item 6 / §11 item 23: writes reach connections.list after delayMs AND afterListCalls list calls. */
  propagation = { delayMs: 0, afterListCalls: 0, staleGets: false };

  /** §11 item 25: the next N listing pages that would carry contacts come back empty (still with nextPageToken). */
  emptyPages = 0;
  /** §3.1: behaviour above 1000 is undocumented; reject (default) or clamp. */
  pageSizeAbove1000: 'reject' | 'clamp' = 'reject';
  /** §3.1 [UNVERIFIED]: non-default sortOrder together with sync tokens is rejected. */
  sortOrderWithSync: 'reject' | 'allow' = 'reject';
  /** §3.5: tombstones carry only resourceName, etag, metadata.deleted unless this is on. */
  tombstoneSources = false;
  /** §2.1 / §11 item 8: person etag depends on the requested field mask. */
  personEtagDependsOnMask = true;
  /** §5.4: order of createdPeople is undocumented; default shuffled so clients must correlate by clientData. */
  batchCreateOrder: 'shuffled' | 'request' = 'shuffled';

  /** §7.4 / §11 item 35: contacts per account (25,000); creates beyond it fail. Error shape [UNVERIFIED]. */
  maxContacts = 25_000;

  private rules: FailureRule[] = [];

  /** The next n matching People API calls fail with 429 or 503 (each call, retries included, consumes one). */
  failNext(n: number, options: FailNextOptions): void {
    this.rules.push({ ...options, remaining: n });
  }

  /** Every sync token issued so far (people and groups) is expired from now on (server-side reset). */
  expireSyncTokens(): void {
    this.syncTokenEpoch += 1;
  }

  clearFailures(): void {
    this.rules = [];
  }

  /** Consumes one matching failure rule, if any, and returns the error to answer with. */
  takeFailure(method: string): ApiError | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (!r.methods || r.methods.includes(method)));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    const headers: Record<string, string> = rule.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(rule.retryAfterSeconds) };
    return rule.status === 429
      // The People 429 variant quoted in §7.3 (php-google-people-api#45).
      ? new ApiError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', { headers, why: 'faults.failNext' })
      : new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.', { headers, why: 'faults.failNext' });
  }
}
