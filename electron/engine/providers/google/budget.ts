// Concord's own per-user request budget for the People API, so a sync paces itself instead of
// running into Google's quotas (google-people-api.md §7.2, §12 item 23).
// Why client-side: Google's per-minute buckets are per user and per project, unpublished
// [UNVERIFIED] and answered with a bare 429 (no Retry-After, §7.3); a client that only reacts to
// 429s wastes calls and, for POSTs, learns nothing about whether to retry (§8.3).
// Invariants: every call is charged to the buckets of §7.2 before it is sent (updates and batch
// writes also charge Critical read; a batch create/update is 6 units; batchDelete 10); a bucket's
// window is *sliding*, so whatever minute boundaries Google uses, no fixed minute ever sees more
// than the limit; a single call larger than a whole limit still goes out once the window is empty
// (waiting longer cannot help it). Limits are configuration, defaulting to the one complete set
// developers reported (§7.2) — read your project's Quotas page and raise them there.

export type QuotaBucket = 'criticalRead' | 'criticalWrite' | 'writeRequests' | 'groupReads' | 'fullSyncFirstPage' | 'dailyContactWrites';

export type Costs = Partial<Record<QuotaBucket, number>>;

export type BudgetLimits = Record<QuotaBucket, number>;

export const defaultBudget: BudgetLimits = {
  criticalRead: 60,
  criticalWrite: 30,
  writeRequests: 30,
  groupReads: 90,
  // "The first page of a full sync request has an additional quota … fixed" (§3.3 item 5); unpublished.
  fullSyncFirstPage: 10,
  dailyContactWrites: 100_000,
};

const windowMs: Record<QuotaBucket, number> = {
  criticalRead: 60_000,
  criticalWrite: 60_000,
  writeRequests: 60_000,
  groupReads: 60_000,
  fullSyncFirstPage: 60_000,
  dailyContactWrites: 86_400_000,
};

/** Costs per call, §7.2. */
export const callCosts = {
  list: (firstPageOfFullSync: boolean): Costs => (firstPageOfFullSync ? { criticalRead: 1, fullSyncFirstPage: 1 } : { criticalRead: 1 }),
  read: (): Costs => ({ criticalRead: 1 }),
  createOrUpdate: (): Costs => ({ criticalRead: 1, criticalWrite: 1, dailyContactWrites: 1 }),
  batchWrite: (contacts: number): Costs => ({ criticalRead: 6, criticalWrite: 6, dailyContactWrites: contacts }),
  delete: (): Costs => ({ writeRequests: 1 }),
  batchDelete: (): Costs => ({ writeRequests: 10 }),
  groupRead: (): Costs => ({ groupReads: 1 }),
  groupWrite: (): Costs => ({ writeRequests: 1 }),
};

interface Charge {
  at: number;
  units: number;
}

export class Budget {
  readonly limits: BudgetLimits | null;
  private readonly now: () => number;
  private readonly charges = new Map<QuotaBucket, Charge[]>();

  /** `limits` false switches pacing off (Google's 429s are then the only brake). */
  constructor(limits: Partial<BudgetLimits> | false, now: () => number) {
    this.limits = limits === false ? null : { ...defaultBudget, ...limits };
    this.now = now;
  }

  /** Milliseconds until `costs` fits into every bucket (0 = now). */
  waitFor(costs: Costs): number {
    if (!this.limits) return 0;
    const now = this.now();
    let wait = 0;
    for (const [bucket, units] of Object.entries(costs) as [QuotaBucket, number][]) {
      if (!(units > 0)) continue;
      const live = this.live(bucket, now);
      const limit = this.limits[bucket];
      let used = live.reduce((sum, c) => sum + c.units, 0);
      // Oldest charges leave the window first; find when enough have left.
      for (const charge of live) {
        if (used + units <= limit || used === 0) break;
        used -= charge.units;
        wait = Math.max(wait, charge.at + windowMs[bucket] - now);
      }
    }
    return wait;
  }

  charge(costs: Costs): void {
    if (!this.limits) return;
    const now = this.now();
    for (const [bucket, units] of Object.entries(costs) as [QuotaBucket, number][]) {
      if (!(units > 0)) continue;
      const live = this.live(bucket, now);
      live.push({ at: now, units });
      this.charges.set(bucket, live);
    }
  }

  /** Units charged to a bucket within its current window. */
  used(bucket: QuotaBucket): number {
    return this.live(bucket, this.now()).reduce((sum, c) => sum + c.units, 0);
  }

  private live(bucket: QuotaBucket, now: number): Charge[] {
    const all = this.charges.get(bucket) ?? [];
    const live = all.filter((c) => c.at > now - windowMs[bucket]);
    if (live.length !== all.length) this.charges.set(bucket, live);
    return live;
  }
}
