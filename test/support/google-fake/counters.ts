// Request counters and logs of one fake instance, for asserting request budgets in tests.
// Invariant: every request that reaches a known route is counted exactly once under its googleapis method
// name ('people.connections.list', 'contactGroups.members.modify', 'oauth.token', …) — including requests
// the fake then rejects (auth, quota, injected faults) and each automatic retry the client makes.

export interface RequestLogEntry {
  method: string;
  httpMethod: string;
  path: string;
  status: number;
  /** Why the fake answered with an error (for debugging; never on the wire). */
  why?: string;
  message?: string;
}

export class Counters {
  byMethod: Record<string, number> = {};
  log: RequestLogEntry[] = [];

  count(method: string): void {
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
  }

  get(method: string): number {
    return this.byMethod[method] ?? 0;
  }

  /** Total API requests (OAuth endpoints excluded). */
  get total(): number {
    return Object.entries(this.byMethod)
      .filter(([m]) => !m.startsWith('oauth.'))
      .reduce((sum, [, n]) => sum + n, 0);
  }

  reset(): void {
    this.byMethod = {};
    this.log = [];
  }
}
