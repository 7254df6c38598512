// What the pieces of GoogleSource share: the People client, the request pacer, the read-your-writes
// overlay, the clock, and the newest sync token seen (the cheap starting point for marker scans).
// Invariant: every request option set comes from requestOptions(), so no call ever runs with the
// client library's own retries on (caller.ts says why) or without the request timeout.
import type { MethodOptions, people_v1 } from '@googleapis/people';
import type { Logger } from '../../ports.ts';
import type { GoogleCaller } from './caller.ts';
import type { RecentWrites } from './recent-writes.ts';

export interface GoogleContext {
  api: people_v1.People;
  caller: GoogleCaller;
  recent: RecentWrites;
  now: () => number;
  pageSize: number;
  requestTimeoutMs: number;
  logger: Logger | undefined;
  /** The newest cursor any listing of this source produced (engine's or a marker scan's). */
  latestCursor: string | null;
}

export function requestOptions(ctx: GoogleContext, signal: AbortSignal | undefined): MethodOptions {
  return { retry: false, timeout: ctx.requestTimeoutMs, ...(signal ? { signal } : {}) };
}
