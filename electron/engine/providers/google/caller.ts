// Every request Concord sends to the People API goes through here: paced by the Budget, retried
// with backoff.ts, cancelled by the caller's AbortSignal, and — for mutations — one at a time.
// Why: "Mutate requests for the same user should be sent sequentially" (google-people-api.md §5,
// §12 item 13), and the client library's own retries are switched off on every call (the source
// passes `retry: false`): gaxios retries GET/PUT/DELETE but ignores Retry-After and never retries
// POST/PATCH (§8.3), so keeping it on would multiply attempts on reads and still leave writes bare.
// Invariants: at most one mutation is in flight per GoogleCaller (one per account); a failure that
// may have been applied (5xx, timeout, reset) is retried only when the caller says the call is safe
// to repeat (an etag-guarded update, a delete, a read) — otherwise it surfaces as AmbiguousOutcome
// for the caller to reconcile; every wait can be cut short by the signal.
import type { Logger } from '../../ports.ts';
import { ProviderError, throwIfAborted } from '../types.ts';
import type { RetryPolicy } from './backoff.ts';
import { retryDelay } from './backoff.ts';
import type { Budget, Costs } from './budget.ts';
import type { GoogleFailure } from './failure.ts';
import { definitelyNotApplied, describeFailure, isTransient, toProviderError } from './failure.ts';

/** A non-idempotent call failed in a way that may or may not have taken effect (§5.1, §10 item 9). */
export class AmbiguousOutcome extends Error {
  readonly failure: GoogleFailure;
  constructor(failure: GoogleFailure, cause: unknown) {
    super(`The outcome of the request is unknown (${failure.httpStatus ?? 'no response'}: ${failure.message})`, { cause });
    this.name = 'AmbiguousOutcome';
    this.failure = failure;
  }
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface CallerOptions {
  budget: Budget;
  policy: RetryPolicy;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  logger?: Logger;
}

export interface CallStats {
  /** Requests sent, by label ('people.connections.list', …), retries included. */
  requests: Record<string, number>;
  retries: number;
  /** Pauses taken, in order: budget waits and backoffs (tests assert on them). */
  pauses: { label: string; ms: number; why: 'budget' | 'backoff' }[];
}

export interface CallSpec {
  /** googleapis method name, for stats and logs. */
  label: string;
  costs: Costs;
  /** Whether repeating the call after a possibly-applied failure is harmless. */
  repeatable: boolean;
  signal?: AbortSignal;
}

export class GoogleCaller {
  readonly stats: CallStats = { requests: {}, retries: 0, pauses: [] };
  private readonly options: CallerOptions;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: CallerOptions) {
    this.options = options;
  }

  /** Runs `work` after every mutation queued before it has finished. Never nest: it would wait on itself. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** One logical call: paced, sent, and retried while that is safe and useful. */
  async call<T>(spec: CallSpec, send: () => Promise<T>): Promise<T> {
    const { policy, now, random } = this.options;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(spec.signal);
      await this.pace(spec);
      this.stats.requests[spec.label] = (this.stats.requests[spec.label] ?? 0) + 1;
      try {
        return await send();
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        const failure = describeFailure(error, now(), spec.signal);
        if (failure.cancelled) throw toProviderError(failure, error);
        if (!isTransient(failure)) throw toProviderError(failure, error);
        if (!spec.repeatable && !definitelyNotApplied(failure)) throw new AmbiguousOutcome(failure, error);
        const delay = retryDelay(failure, attempt, now(), policy, random);
        if (attempt >= policy.maxAttempts || delay > policy.maxWaitMs) {
          // Out of patience here: tell the engine when trying again makes sense.
          const mapped = toProviderError(failure, error);
          throw new ProviderError(mapped.kind, mapped.message, {
            cause: error,
            retryAfterMs: mapped.retryAfterMs ?? delay,
            ...(mapped.status !== null ? { status: mapped.status } : {}),
          });
        }
        this.options.logger?.warn('google: retrying after a transient failure', {
          call: spec.label, attempt, status: failure.httpStatus, message: failure.message, delayMs: delay,
        });
        this.stats.retries += 1;
        await this.pause(spec, delay, 'backoff');
      }
    }
  }

  private async pace(spec: CallSpec): Promise<void> {
    const { budget } = this.options;
    for (let wait = budget.waitFor(spec.costs); wait > 0; wait = budget.waitFor(spec.costs)) {
      await this.pause(spec, wait, 'budget');
    }
    budget.charge(spec.costs);
  }

  private async pause(spec: CallSpec, ms: number, why: 'budget' | 'backoff'): Promise<void> {
    this.stats.pauses.push({ label: spec.label, ms, why });
    try {
      await this.options.sleep(ms, spec.signal);
    } catch (reason) {
      throw new ProviderError('cancelled', 'The operation was cancelled.', { cause: reason });
    }
    throwIfAborted(spec.signal);
  }
}
