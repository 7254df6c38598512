// The fake's clock: real time plus an offset that tests can push forward.
// Invariant: time never goes backwards through advance(); the time-dependent rules of the fake (sync-token
// 7-day expiry §3.3, per-minute quota windows §7, propagation delay §3.3 item 6, refresh-token lifetime,
// updateTime stamps) read this clock, so a test can jump days ahead without waiting. The one exception is
// access-token expiry (oauth.ts), which follows real time like the client library's own expiry_date.

export interface FakeClock {
  /** Milliseconds since the epoch, as the fake sees it. */
  now(): number;
  /** Moves the fake's time forward by ms (ms >= 0). */
  advance(ms: number): void;
}

export function createClock(startMs?: number): FakeClock {
  let offset = startMs === undefined ? 0 : startMs - Date.now();
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!(ms >= 0)) throw new Error(`clock.advance: ms must be >= 0, got ${ms}`);
      offset += ms;
    },
  };
}
