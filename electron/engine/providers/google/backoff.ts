// How long to wait before trying a failed Google call again (google-people-api.md §7.3, §12 item 24).
// Invariants: a Retry-After is honoured — never retried earlier, only a little jitter later; a quota
// 429 without one waits at least until the next minute window, because Google's buckets are per
// minute and retrying inside the same minute only burns another call; everything else backs off
// exponentially with jitter, so many clients that failed together do not return together. Delays
// are capped; a wait longer than `maxWaitMs` is not slept but handed to the engine as retryAfterMs.
import type { GoogleFailure } from './failure.ts';
import { isRateLimited } from './failure.ts';

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** First exponential step (doubles per attempt). */
  baseDelayMs: number;
  /** Cap of one exponential step. */
  maxDelayMs: number;
  /** Longest single pause taken inside a call; longer ones become a rate-limited/unavailable error. */
  maxWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
  maxWaitMs: 120_000,
};

/** `attempt` counts failures so far (1 after the first). `random` is in [0, 1). */
export function retryDelay(f: GoogleFailure, attempt: number, now: number, policy: RetryPolicy, random: () => number): number {
  if (f.retryAfterMs !== null) {
    // Honour it, plus up to 10 % (at most 1 s) so clients told the same instant spread out.
    return f.retryAfterMs + Math.round(random() * Math.min(1_000, f.retryAfterMs * 0.1));
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  if (isRateLimited(f)) {
    // Per-minute windows (§7.2): the next window is the earliest moment a retry can succeed.
    const nextMinute = 60_000 - (now % 60_000);
    return Math.max(nextMinute, step) + Math.round(random() * 1_000);
  }
  // "Equal jitter": half the step fixed, half random.
  return Math.round(step / 2 + (random() * step) / 2);
}
