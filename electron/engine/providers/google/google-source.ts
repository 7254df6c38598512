// GoogleSource: one Google account as a ContactSource (providers/types.ts), plus what Google needs
// beyond that interface — batch writes, contact groups, typed updates with a mask.
// It composes: listing.ts (connections.list + sync tokens), reads.ts (getBatchGet), create.ts
// (createContact/batchCreate with marker reconciliation), update.ts, delete.ts (with the read-first
// precondition), groups.ts; all requests through caller.ts (budget, backoff, one mutation at a time)
// and recent-writes.ts (read-your-writes over listings).
// Invariants: one instance per account for the app's lifetime (the serial queue, the in-doubt
// creates and the recent writes are per instance and in memory); every public write holds the serial
// queue for its whole duration, including its reads and retries, so Google never sees two mutations
// of this account at once (google-people-api.md §5, §12 item 13); payloads are Person JSON
// ('application/json'); nothing here imports electron or reads process.env (config.ts).
import { people } from '@googleapis/people';
import type { OAuth2Client } from 'google-auth-library';
import { clientMarkerOf, isSystemGroup, missingGroups } from '../../model/person/index.ts';
import type { Person, UpdatePersonField } from '../../model/person/index.ts';
import type { Clock, Logger } from '../../ports.ts';
import type { CallOptions, ContactSource, SourceCapabilities } from '../types.ts';
import { ProviderError, throwIfAborted } from '../types.ts';
import type { RetryPolicy } from './backoff.ts';
import { defaultRetryPolicy } from './backoff.ts';
import { createBody, decodeUpdate } from './bodies.ts';
import { Budget } from './budget.ts';
import type { BudgetLimits } from './budget.ts';
import type { CallStats, Sleep } from './caller.ts';
import { GoogleCaller, realSleep } from './caller.ts';
import { googleDefaults } from './config.ts';
import type { GoogleContext } from './context.ts';
import type { CreateDeps } from './create.ts';
import { createMany, createOne } from './create.ts';
import { deleteMany, deleteOne } from './delete.ts';
import type { DeleteRequest } from './delete.ts';
import type { GroupMaps } from './groups.ts';
import { ensureGroups, listGroups } from './groups.ts';
import { InDoubtCreates } from './in-doubt.ts';
import { listChanges } from './listing.ts';
import type { GoogleChangePage } from './listing.ts';
import { maxPageSize } from './person-fields.ts';
import { getPeople } from './reads.ts';
import { RecentWrites } from './recent-writes.ts';
import type { GoogleRemoteItem } from './remote-item.ts';
import { parsePerson } from './remote-item.ts';
import type { WriteResult } from './results.ts';
import { updateMany, updateOne } from './update.ts';

export interface GoogleSourceOptions {
  /** An authorised client (oauth.ts createAuthClient): refreshes the access token by itself. */
  auth: OAuth2Client;
  /** People API origin (config.ts); default https://people.googleapis.com/. */
  apiRoot?: string;
  /** connections.list pageSize, 1–1000 (default 1000, §3.1). Also capabilities.maxBatch. */
  pageSize?: number;
  /** Per-user request budget per quota bucket, or false for none (budget.ts). */
  budget?: Partial<BudgetLimits> | false;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout (default 60 s). A timed-out create is reconciled, not repeated. */
  requestTimeoutMs?: number;
  /** How long this source covers for Google's listing propagation delay (default 15 min). */
  readAfterWriteWindowMs?: number;
  /** How long an unfound create stays in doubt before it may be sent again (default 10 min). */
  inDoubtWindowMs?: number;
  /** Pause before the marker scan after a lost response (default 2 s). */
  settleMs?: number;
  clock?: Clock;
  /** Test hook: how to wait (default a timer); lets tests run backoffs on a fake clock. */
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
}

export interface BatchCreateEntry {
  /** Person JSON (names/unstructuredName…, memberships as built by model/person). */
  payload: string;
  /** The hub contact id: written as Concord's marker and used to match Google's answer. */
  idHint: string;
}

export interface BatchUpdateEntry {
  id: string;
  etag: string;
  /** An update envelope (bodies.ts encodeUpdate) or a plain Person JSON. */
  payload: string;
}

/** Puts the results of the entries that were sent back among the ones refused before sending. */
function merge<T>(requests: readonly (ProviderError | object)[], sent: readonly WriteResult<T>[]): WriteResult<T>[] {
  let next = 0;
  return requests.map((r) => {
    if (r instanceof ProviderError) return { ok: false, error: r };
    return sent[next++] ?? { ok: false, error: new ProviderError('unavailable', 'The contact was not sent.') };
  });
}

function rejected(error: unknown): ProviderError {
  return new ProviderError('rejected', error instanceof Error ? error.message : String(error), { cause: error });
}

export class GoogleSource implements ContactSource {
  readonly capabilities: SourceCapabilities;
  /** §5.4: the most contacts one batch call carries. */
  readonly batchLimits = { create: 200, update: 200, delete: 500 } as const;
  private readonly ctx: GoogleContext;
  private readonly caller: GoogleCaller;
  private readonly createDeps: CreateDeps;
  private readonly doubts: InDoubtCreates;
  /** The account's user groups, read once and then kept current in place (ensureGroups). */
  private groupMaps: GroupMaps | null = null;
  private groupMapsReadAt = 0;

  constructor(options: GoogleSourceOptions) {
    const clock = options.clock;
    const now = clock ? () => clock.now() : () => Date.now();
    const pageSize = options.pageSize ?? maxPageSize;
    if (!(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= maxPageSize)) throw new Error(`pageSize must be 1–1000, got ${pageSize}`);
    const sleep = options.sleep ?? realSleep;
    this.caller = new GoogleCaller({
      budget: new Budget(options.budget ?? {}, now),
      policy: { ...defaultRetryPolicy, ...options.retry },
      now,
      sleep,
      random: options.random ?? Math.random,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.ctx = {
      api: people({ version: 'v1', auth: options.auth, rootUrl: options.apiRoot ?? googleDefaults.apiRoot }),
      caller: this.caller,
      recent: new RecentWrites(options.readAfterWriteWindowMs ?? 15 * 60_000, now),
      now,
      pageSize,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      logger: options.logger,
      latestCursor: null,
    };
    this.doubts = new InDoubtCreates(options.inDoubtWindowMs ?? 10 * 60_000, now);
    this.createDeps = {
      ctx: this.ctx,
      doubts: this.doubts,
      settleMs: options.settleMs ?? 2_000,
      pause: async (ms, signal) => {
        if (ms > 0) await sleep(ms, signal);
      },
    };
    this.capabilities = { clientChosenIds: false, maxBatch: pageSize };
  }

  /** Requests sent (by method), retries and pauses, since this source was made. */
  get stats(): CallStats {
    return this.caller.stats;
  }

  /** Hub ids whose create may have happened at Google but has not been found yet (in-doubt.ts). */
  get createsInDoubt(): string[] {
    return this.doubts.markers();
  }

  // ── ContactSource ───────────────────────────────────────────────────────────

  listChanges(cursor: string | null, options: CallOptions = {}): AsyncIterable<GoogleChangePage> {
    return this.withKnownGroups(listChanges(this.ctx, cursor, options), options);
  }

  /**
   * Pages pass only once every user group their people belong to is in the group maps the codec
   * reads with: an unknown one (a label made in Google since the maps were read) re-reads them first
   * (same object, fresh maps), so no membership is dropped because its name was not known yet.
   */
  private async *withKnownGroups(pages: AsyncIterable<GoogleChangePage>, options: CallOptions): AsyncIterable<GoogleChangePage> {
    for await (const page of pages) {
      const maps = this.groupMaps;
      if (maps && page.changed.some((item) => this.hasUnknownGroup(item.payload, maps))) {
        await this.refreshGroups(maps, options);
      }
      yield page;
    }
  }

  /**
   * Whether the person is in a user group the maps lack. Read from the payload text, not parsed:
   * the codec parses every person anyway, and this runs on every listed one (resource names are
   * plain ids, never escaped in JSON).
   */
  private hasUnknownGroup(payload: string, maps: GroupMaps): boolean {
    for (const [, group] of payload.matchAll(/"contactGroupResourceName":"(contactGroups\/[^"\\]+)"/g)) {
      if (group && !isSystemGroup(group) && !maps.namesByResource.has(group)) return true;
    }
    for (const [, id] of payload.matchAll(/"contactGroupId":"([^"\\]+)"/g)) {
      const group = `contactGroups/${id}`;
      if (!isSystemGroup(group) && !maps.namesByResource.has(group)) return true;
    }
    return false;
  }

  private async refreshGroups(maps: GroupMaps, options: CallOptions): Promise<void> {
    const fresh = await this.caller.serial(() => listGroups(this.ctx, options));
    Object.assign(maps, fresh);
  }

  async get(ids: readonly string[], options: CallOptions = {}): Promise<GoogleRemoteItem[]> {
    throwIfAborted(options.signal);
    return getPeople(this.ctx, ids, options);
  }

  async create(payload: string, options: CallOptions & { idHint?: string } = {}): Promise<GoogleRemoteItem> {
    throwIfAborted(options.signal);
    let person: Person;
    try {
      person = parsePerson(payload);
    } catch (error) {
      throw rejected(error);
    }
    const marker = options.idHint ?? clientMarkerOf(person);
    const body = createBody(person, marker);
    return this.caller.serial(() => createOne(this.createDeps, { body, marker }, options));
  }

  async update(id: string, etag: string, payload: string, options: CallOptions = {}): Promise<GoogleRemoteItem> {
    throwIfAborted(options.signal);
    let decoded: ReturnType<typeof decodeUpdate>;
    try {
      decoded = decodeUpdate(payload);
    } catch (error) {
      throw rejected(error);
    }
    return this.caller.serial(() => updateOne(this.ctx, { id, etag, person: decoded.person, mask: decoded.mask }, options));
  }

  async delete(id: string, etag: string, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    return this.caller.serial(() => deleteOne(this.ctx, { id, etag }, options));
  }

  // ── Google-specific ─────────────────────────────────────────────────────────

  /** update() for a patchPerson() result held as objects: exactly `updatePersonFields`, no extra read. */
  async updatePerson(id: string, etag: string, person: Person, updatePersonFields: readonly UpdatePersonField[], options: CallOptions = {}): Promise<GoogleRemoteItem> {
    throwIfAborted(options.signal);
    return this.caller.serial(() => updateOne(this.ctx, { id, etag, person, mask: [...updatePersonFields] }, options));
  }

  /** batchCreateContacts, ≤200 per call, calls in sequence; one result per entry, in order. */
  async batchCreate(entries: readonly BatchCreateEntry[], options: CallOptions = {}): Promise<WriteResult<GoogleRemoteItem>[]> {
    throwIfAborted(options.signal);
    const requests = entries.map((entry) => {
      try {
        return { body: createBody(parsePerson(entry.payload), entry.idHint), marker: entry.idHint };
      } catch (error) {
        return rejected(error);
      }
    });
    const valid = requests.flatMap((r) => (r instanceof ProviderError ? [] : [r]));
    const sent = await this.caller.serial(() => createMany(this.createDeps, valid, options));
    return merge(requests, sent);
  }

  /** batchUpdateContacts, grouped by mask, ≤200 per call, in sequence; one result per entry. */
  async batchUpdate(entries: readonly BatchUpdateEntry[], options: CallOptions = {}): Promise<WriteResult<GoogleRemoteItem>[]> {
    throwIfAborted(options.signal);
    const requests = entries.map((entry) => {
      try {
        const { person, mask } = decodeUpdate(entry.payload);
        return { id: entry.id, etag: entry.etag, person, mask };
      } catch (error) {
        return rejected(error);
      }
    });
    const valid = requests.flatMap((r) => (r instanceof ProviderError ? [] : [r]));
    const sent = await this.caller.serial(() => updateMany(this.ctx, valid, options));
    return merge(requests, sent);
  }

  /** batchDeleteContacts, ≤500 per call after an etag check of each contact; one result per entry. */
  async batchDelete(entries: readonly DeleteRequest[], options: CallOptions = {}): Promise<WriteResult<void>[]> {
    throwIfAborted(options.signal);
    return this.caller.serial(() => deleteMany(this.ctx, entries, options));
  }

  /** The account's user contact groups, read fresh. */
  async groups(options: CallOptions = {}): Promise<GroupMaps> {
    throwIfAborted(options.signal);
    return listGroups(this.ctx, options);
  }

  /** Creates the groups among `names` that do not exist yet (model/person missingGroups); fresh maps. */
  /**
   * The group maps with every group of `names` present in Google. They are read once per source
   * and kept (the codec holds this object, whose maps are swapped for fresh ones): a no-change sync then costs its one listing
   * request. They are read again when a name is missing here (Google may have it already: a 409 on
   * create is answered by re-reading, groups.ts) and when a listed person is in a group not in them.
   */
  async ensureGroups(names: readonly string[], options: CallOptions = {}): Promise<GroupMaps> {
    throwIfAborted(options.signal);
    const known = this.groupMaps;
    // An hour at most: a label deleted or renamed in Google meanwhile is noticed by the next sync after it.
    const recent = this.ctx.now() - this.groupMapsReadAt < 60 * 60_000;
    if (known && recent && missingGroups(names, known.resourcesByName).length === 0) return known;
    const fresh = await this.caller.serial(() => ensureGroups(this.ctx, names, options));
    this.groupMapsReadAt = this.ctx.now();
    if (!known) return (this.groupMaps = fresh);
    return Object.assign(known, fresh);
  }
}

