// One background or tray-started sync: takes the data folder's sync lock (the same one
// `concord sync` and `concord serve` take, electron/engine/sync/lock.ts), runs every enabled account
// and says how it went, for the scheduler's backoff.
// Invariant: an account that could not be reached or signed in to (an error not tied to one
// contact) makes the run 'failed'; one bad contact does not (the run did its work); a lock held by
// another process or a run already going is 'busy', not a failure.
import { ConcordError } from '../../shared/api/errors.ts';
import type { SyncSummary } from '../../shared/model/sync.ts';
import type { Logger } from '../engine/ports.ts';
import { acquireSyncLock } from '../engine/sync/lock.ts';
import type { RunOutcome, Trigger } from './scheduler.ts';

export function outcomeOf(summary: SyncSummary): RunOutcome {
  return summary.accounts.some((a) => a.errors.some((e) => e.contactId === null)) ? 'failed' : 'ok';
}

export interface SyncJobDeps {
  dataDir: string;
  /** engine.context.sync.run: in-process, with the trigger recorded in the run's history. */
  run(options: { trigger: Trigger }): Promise<SyncSummary>;
  logger: Logger;
}

export function syncJob(deps: SyncJobDeps): (trigger: Trigger) => Promise<RunOutcome> {
  return async (trigger) => {
    let lock;
    try {
      lock = await acquireSyncLock(deps.dataDir, 'Concord desktop app');
    } catch (error) {
      if (error instanceof ConcordError && error.code === 'BUSY') {
        deps.logger.info('background sync skipped: the data folder is being synced by another process', { trigger });
        return 'busy';
      }
      throw error;
    }
    try {
      const summary = await deps.run({ trigger });
      const outcome = outcomeOf(summary);
      if (outcome === 'failed') deps.logger.warn('sync finished with failing accounts', { trigger, run: summary.run });
      return outcome;
    } catch (error) {
      if (error instanceof ConcordError && error.code === 'BUSY') return 'busy';
      deps.logger.warn('sync failed', { trigger, error: error instanceof Error ? error.message : String(error) });
      return 'failed';
    } finally {
      lock.release();
    }
  };
}
