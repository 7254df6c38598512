// Per-user quota buckets of the People API (doc §7.2, §7.3, §11 items 27, 53, 54).
// Invariants: each API call charges the buckets of §7.2 (updates also charge Critical read; batch
// create/update charge 6 units per call and one Daily Contact Write per contact; batchDelete charges 10
// Write requests) all-or-nothing before it runs; a call that would exceed any bucket is answered 429
// RESOURCE_EXHAUSTED naming the metric, with no Retry-After unless a test sets one; per-minute windows
// reset on minute boundaries of the fake clock, the daily one on day boundaries. Rejected calls are free.

import type { FakeClock } from './clock.ts';
import { ApiError, errorInfo } from './errors.ts';

export type Bucket =
  | 'criticalRead' | 'criticalWrite' | 'writeRequests' | 'groupReads' | 'photoWrites' | 'dailyContactWrites'
  | 'fullSyncFirstPage';

export type Costs = Partial<Record<Bucket, number>>;

/** Metric names as Google's error messages spell them (§7.2). Metric ids are [INFER]. */
const METRICS: Record<Bucket, { metric: string; id: string; perDay?: true }> = {
  criticalRead: { metric: 'Critical read requests (Contact and Profile Reads)', id: 'critical_read_requests' },
  criticalWrite: { metric: 'Critical write requests (Contact Creates and Updates)', id: 'critical_write_requests' },
  writeRequests: { metric: 'Write requests (Contact Deletes and Contact Group Writes)', id: 'write_requests' },
  groupReads: { metric: 'Read requests (Contact Group Reads)', id: 'read_requests' },
  photoWrites: { metric: 'Photo write requests (Photo Updates)', id: 'photo_write_requests' },
  dailyContactWrites: { metric: 'Daily Contact Writes (Total)', id: 'daily_contact_writes', perDay: true },
  fullSyncFirstPage: { metric: 'Full sync first page', id: 'full_sync_first_page' },
};

/**
 * Default limits: the one complete set reported in §7.2 (60 critical reads, 30 critical writes, 50 photo
 * writes, 90 group reads, 30 deletes/group writes per minute per user, 100,000 daily contact writes).
 * Google publishes no numbers [UNVERIFIED]; the full-sync first-page bucket is "fixed" but unpublished — 10/min.
 */
export const DEFAULT_LIMITS: Record<Bucket, number> = {
  criticalRead: 60,
  criticalWrite: 30,
  writeRequests: 30,
  groupReads: 90,
  photoWrites: 50,
  dailyContactWrites: 100_000,
  fullSyncFirstPage: 10,
};

export class Quotas {
  enabled = true;
  limits: Record<Bucket, number>;
  /** Adds Retry-After to quota 429s; Google documents none (§7.3), so off by default. */
  retryAfterSeconds: number | undefined = undefined;
  readonly projectNumber = '1048576001';
  private readonly clock: FakeClock;
  private used = new Map<string, number>();

  constructor(clock: FakeClock, limits: Partial<Record<Bucket, number>> = {}) {
    this.clock = clock;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Units used in the current window of a bucket. */
  usage(bucket: Bucket): number {
    return this.used.get(this.windowKey(bucket)) ?? 0;
  }

  reset(): void {
    this.used = new Map();
  }

  /** Charges every bucket or none; throws the 429 of the first bucket that would overflow. */
  charge(costs: Costs): void {
    if (!this.enabled) return;
    const entries = Object.entries(costs) as [Bucket, number][];
    for (const [bucket, units] of entries) {
      if (units > 0 && this.usage(bucket) + units > this.limits[bucket]) throw this.exceeded(bucket);
    }
    for (const [bucket, units] of entries) this.used.set(this.windowKey(bucket), this.usage(bucket) + units);
  }

  private windowKey(bucket: Bucket): string {
    const span = METRICS[bucket].perDay ? 86_400_000 : 60_000;
    return `${bucket}:${Math.floor(this.clock.now() / span)}`;
  }

  private exceeded(bucket: Bucket): ApiError {
    const headers: Record<string, string> = this.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(this.retryAfterSeconds) };
    const why = `quota ${bucket} (${this.limits[bucket]})`;
    if (bucket === 'fullSyncFirstPage') {
      // The fixed, non-increasable full-sync limiter (§3.3 item 5) — the QuotaFailure variant of §7.3.
      return new ApiError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', {
        headers,
        why,
        details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ subject: 'QUOTA_EXCEEDED', description: 'FBS quota limit exceeded' }] }],
      });
    }
    const { metric, id, perDay } = METRICS[bucket];
    const per = perDay ? 'per day per user' : 'per minute per user';
    const limitId = `${id.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}${perDay ? 'PerDayPerUser' : 'PerMinutePerUser'}`;
    return new ApiError(
      429,
      'RESOURCE_EXHAUSTED',
      `Quota exceeded for quota metric '${metric}' and limit '${metric} ${per}' of service 'people.googleapis.com' for consumer 'project_number:${this.projectNumber}'.`,
      {
        headers,
        why,
        details: [
          errorInfo('RATE_LIMIT_EXCEEDED', 'googleapis.com', {
            quota_metric: `people.googleapis.com/${id}`,
            quota_limit: limitId,
            quota_limit_value: String(this.limits[bucket]),
            quota_location: 'global',
            consumer: `projects/${this.projectNumber}`,
            service: 'people.googleapis.com',
          }),
          { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Request a higher quota limit.', url: 'https://cloud.google.com/docs/quotas/help/request_increase' }] },
        ],
      },
    );
  }
}

/** Quota costs per method (§7.2). `units` = number of contacts in a batch create/update. */
export function costOf(method: string, opts: { units?: number; fullSyncFirstPage?: boolean } = {}): Costs {
  switch (method) {
    case 'people.connections.list':
      return opts.fullSyncFirstPage ? { criticalRead: 1, fullSyncFirstPage: 1 } : { criticalRead: 1 };
    case 'people.get':
    case 'people.getBatchGet':
    case 'people.searchContacts':
      return { criticalRead: 1 };
    case 'people.createContact':
    case 'people.updateContact':
      return { criticalRead: 1, criticalWrite: 1, dailyContactWrites: 1 };
    case 'people.batchCreateContacts':
    case 'people.batchUpdateContacts':
      return { criticalRead: 6, criticalWrite: 6, dailyContactWrites: opts.units ?? 0 };
    case 'people.deleteContact':
      return { writeRequests: 1 };
    case 'people.batchDeleteContacts':
      return { writeRequests: 10 };
    case 'people.updateContactPhoto':
    case 'people.deleteContactPhoto':
      return { photoWrites: 1 };
    case 'contactGroups.list':
    case 'contactGroups.get':
    case 'contactGroups.batchGet':
      return { groupReads: 1 };
    case 'contactGroups.create':
    case 'contactGroups.update':
    case 'contactGroups.delete':
    case 'contactGroups.members.modify':
      return { writeRequests: 1 };
    default:
      return {};
  }
}
