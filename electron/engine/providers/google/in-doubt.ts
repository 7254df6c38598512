// Creates whose outcome is unknown and whose contact a marker scan has not found yet.
// Why: a listing shows a new contact only after a propagation delay of "several minutes"
// (google-people-api.md §3.3 item 6), so a scan that misses the marker right after a lost response
// does not prove the create failed; creating again at once is how duplicates happen (§10 item 9).
// Invariants: while a marker is in doubt it is never created again; each later create() of it scans
// first (from the cursor taken before the first attempt, reconcile.ts); only once `windowMs` has
// passed since the failure and a scan still finds nothing is the create sent again. Memory only: an
// engine restart forgets the doubt, which is why the engine also links by marker on every listing.

export interface Doubt {
  failedAt: number;
  /** Cursor from before the ambiguous create: scans start here. */
  scanFrom: string | null;
}

export class InDoubtCreates {
  private readonly doubts = new Map<string, Doubt>();
  readonly windowMs: number;
  private readonly now: () => number;

  constructor(windowMs: number, now: () => number) {
    this.windowMs = windowMs;
    this.now = now;
  }

  add(marker: string, scanFrom: string | null): void {
    if (!this.doubts.has(marker)) this.doubts.set(marker, { failedAt: this.now(), scanFrom });
  }

  get(marker: string): Doubt | undefined {
    return this.doubts.get(marker);
  }

  resolve(marker: string): void {
    this.doubts.delete(marker);
  }

  /** Milliseconds until a marker that is still not found may be created again (0 = now). */
  remainingMs(marker: string): number {
    const doubt = this.doubts.get(marker);
    return doubt ? Math.max(0, doubt.failedAt + this.windowMs - this.now()) : 0;
  }

  markers(): string[] {
    return [...this.doubts.keys()];
  }
}
