// One sync run over every enabled account (DESIGN.md §4): pull from all accounts first, then push
// hub changes out, so an edit made in one account reaches the others in the same run. Single-flight
// (a second run while one is going answers BUSY), cancellable, with progress events and a report
// stored in `runs`. An account that fails (sign-in needed, server down) is reported and skipped;
// the others still sync.
import type { SyncPhase } from '../../../shared/api/events.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Account } from '../../../shared/model/account.ts';
import type { EngineContext } from '../api/context.ts';
import { secretKey } from '../api/accounts.ts';
import { listAccounts } from '../db/repos/accounts.ts';
import { countOpenConflicts } from '../db/repos/conflicts.ts';
import { linksOfContact } from '../db/repos/links.ts';
import { finishRun, startRun } from '../db/repos/runs.ts';
import type { RunTrigger } from '../db/repos/runs.ts';
import { getAccountIdOfRecord } from '../db/repos/records.ts';
import { getSyncState, setAccountStatus, setSyncState } from '../db/repos/sync.ts';
import { inTransaction } from '../db/handle.ts';
import { isProviderError } from '../providers/types.ts';
import { refreshAfterRun } from '../match/finder.ts';
import type { AccountRun } from './account-run.ts';
import { dryRunSource } from './dry-run.ts';
import { pullAccount } from './pull.ts';
import { pushAccount } from './push.ts';
import { emptyAccountReport } from './report.ts';
import type { AccountReport, SyncSummary } from './report.ts';
import type { SourceBinding, SourceFactories } from './sources.ts';

export interface SyncOptions {
  accountIds?: string[];
  dryRun?: boolean;
  /** Approves a pending safety stop for this run. */
  approve?: boolean;
  trigger?: RunTrigger;
  signal?: AbortSignal;
}

function summarize(run: number, dryRun: boolean, accounts: AccountReport[]): SyncSummary {
  const sum = (f: (r: AccountReport) => number) => accounts.reduce((n, r) => n + f(r), 0);
  return {
    run,
    dryRun,
    created: sum((r) => r.hubCreated + r.remoteCreated),
    updated: sum((r) => r.hubUpdated + r.remoteUpdated),
    deleted: sum((r) => r.hubTrashed + r.remoteDeleted),
    conflicts: sum((r) => r.conflicts),
    errors: sum((r) => r.errors.length),
    paused: accounts.some((r) => r.paused !== null),
    accounts,
  };
}

type Progress = (phase: SyncPhase, done: number, total: number) => void;

/** At most one progress event per phase every 100 ms (and always the last one of a phase). */
function throttledProgress(emit: Progress): Progress {
  let last = 0;
  let lastPhase: SyncPhase | null = null;
  return (phase, done, total) => {
    const now = Date.now();
    if (phase === lastPhase && done < total && now - last < 100) return;
    last = now;
    lastPhase = phase;
    emit(phase, done, total);
  };
}

export interface SyncRunner {
  run(options?: SyncOptions): Promise<SyncSummary>;
  readonly running: boolean;
  /** A dry run holds a transaction that will be rolled back: other writes must wait for it. */
  readonly previewing: boolean;
}

export function createSyncRunner(ctx: EngineContext, factories: SourceFactories): SyncRunner {
  let running = false;
  let previewing = false;

  async function bind(account: Account): Promise<SourceBinding> {
    const factory = factories[account.kind];
    if (!factory) throw new ConcordError('PROVIDER_ERROR', `Syncing ${account.kind} accounts is not available in this version of Concord.`);
    return factory(account, await ctx.ports.secrets.get(secretKey(account.id)), { db: ctx.db });
  }

  function outranksFor(account: Account, accounts: Account[]): (contactId: string) => boolean {
    const priorityOf = new Map(accounts.map((a) => [a.id, a.settings.priority]));
    return (contactId) =>
      linksOfContact(ctx.db, contactId)
        .map((l) => getAccountIdOfRecord(ctx.db, l.recordId))
        .every((id) => id === account.id || id === null || (priorityOf.get(id) ?? 0) < account.settings.priority);
  }

  async function runAll(options: SyncOptions, runId: number, dryRun: boolean): Promise<AccountReport[]> {
    const all = listAccounts(ctx.db);
    const chosen = all.filter((a) => a.enabled && (!options.accountIds || options.accountIds.includes(a.id)));
    const settings = ctx.settings();
    const runs: AccountRun[] = [];
    const reports: AccountReport[] = [];
    for (const account of chosen) {
      const report = emptyAccountReport(account.id, account.name);
      reports.push(report);
      let binding: SourceBinding;
      try {
        binding = await bind(account);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const signIn = isProviderError(error, 'auth') || (error instanceof ConcordError && error.code === 'AUTH_REQUIRED');
        report.errors.push({ contactId: null, remoteId: null, code: signIn ? 'auth' : 'PROVIDER_ERROR', message });
        if (!dryRun) setAccountStatus(ctx.db, account.id, signIn ? 'auth-required' : 'error', message, null);
        continue;
      }
      runs.push({
        db: ctx.db,
        account,
        source: dryRun ? dryRunSource(binding.source) : binding.source,
        codec: binding.codec,
        options: { defaultRegion: account.settings.defaultRegion },
        policy: account.settings.conflictPolicy,
        outranks: outranksFor(account, all),
        limits: { minContacts: settings.guardMinContacts, fraction: settings.guardFraction },
        approve: options.approve ?? false,
        runId,
        now: () => ctx.ports.clock.now(),
        signal: options.signal,
        report,
        progress: throttledProgress((phase, done, total) => ctx.emit('sync.progress', { runId, accountId: account.id, phase, done, total })),
      });
    }
    const stopped = new Set<string>();
    const step = async (r: AccountRun, phase: (r: AccountRun) => Promise<boolean>) => {
      if (stopped.has(r.account.id)) return;
      try {
        if (!(await phase(r))) stopped.add(r.account.id);
      } catch (error) {
        if (isProviderError(error, 'cancelled') || options.signal?.aborted) throw error;
        stopped.add(r.account.id);
        const kind = isProviderError(error) ? error.kind : 'internal';
        r.report.errors.push({ contactId: null, remoteId: null, code: kind, message: error instanceof Error ? error.message : String(error) });
        if (!dryRun) setAccountStatus(ctx.db, r.account.id, kind === 'auth' ? 'auth-required' : 'error', error instanceof Error ? error.message : String(error), null);
        if (kind === 'internal') ctx.ports.logger.error('sync failed', { account: r.account.id, error: error instanceof Error ? error.stack : String(error) });
      }
    };
    for (const r of runs) {
      if (!dryRun) setAccountStatus(ctx.db, r.account.id, 'syncing', null, null);
      if (r.account.settings.direction !== 'push') await step(r, pullAccount);
    }
    for (const r of runs) if (r.account.settings.direction !== 'pull') await step(r, pushAccount);
    for (const r of runs) {
      if (dryRun || r.report.errors.some((e) => e.contactId === null)) continue;
      const now = ctx.ports.clock.now();
      if (r.report.paused) {
        inTransaction(ctx.db, () => setSyncState(ctx.db, r.account.id, { ...getSyncState(ctx.db, r.account.id), pausedFor: r.report.paused }));
        setAccountStatus(ctx.db, r.account.id, 'paused', r.report.paused, null);
      } else setAccountStatus(ctx.db, r.account.id, 'idle', null, now);
    }
    return reports;
  }

  return {
    get running() {
      return running;
    },
    get previewing() {
      return previewing;
    },
    async run(options = {}) {
      if (running) throw new ConcordError('BUSY', 'A sync is already running.');
      running = true;
      const dryRun = options.dryRun ?? false;
      // A dry run's writes all happen inside this transaction and are rolled back at the end.
      if (dryRun) {
        ctx.db.exec('BEGIN IMMEDIATE');
        previewing = true;
      }
      try {
        const runId = startRun(ctx.db, options.trigger ?? 'manual', ctx.ports.clock.now(), dryRun);
        let reports: AccountReport[];
        try {
          reports = await runAll(options, runId, dryRun);
        } catch (error) {
          if (!dryRun) finishRun(ctx.db, runId, options.signal?.aborted ? 'cancelled' : 'failed', ctx.ports.clock.now(), { error: String(error) });
          if (options.signal?.aborted) throw new ConcordError('CANCELLED', 'The sync was cancelled.', { cause: error });
          throw error;
        }
        const summary = summarize(runId, dryRun, reports);
        const status = summary.paused ? 'paused' : summary.errors > 0 ? 'partial' : 'ok';
        if (!dryRun) {
          finishRun(ctx.db, runId, status, ctx.ports.clock.now(), summary as unknown as Record<string, unknown>);
          // Duplicate suggestions stay fresh incrementally: only what this run touched is re-scored.
          refreshAfterRun(ctx.db, runId, ctx.ports.clock.now());
        }
        return summary;
      } finally {
        if (dryRun) ctx.db.exec('ROLLBACK');
        previewing = false;
        running = false;
        ctx.emit('sync.progress', { runId: -1, accountId: null, phase: 'done', done: 1, total: 1 });
        ctx.emit('contacts.changed', { ids: null });
        ctx.emit('conflicts.changed', { open: countOpenConflicts(ctx.db) });
        ctx.emit('accounts.changed', { accounts: listAccounts(ctx.db) });
      }
    },
  };
}
