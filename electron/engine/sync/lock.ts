// One sync at a time per data folder, across processes. The engine is single-flight within a
// process; two processes (a `concord sync` from cron while `concord serve` or the desktop app runs) would otherwise
// both pull the same new cards and race to link them. SQLite's busy timeout keeps the database
// itself consistent; this lock keeps the *work* from being done twice.
// Invariants: the lock is a file created with O_EXCL (atomic on every local file system) holding
// the owner's pid and host; a lock whose owner process is gone on this host is stale and taken
// over; a process only ever removes a lock file that still names itself.
// Host-neutral (plain Node), so both hosts share it: the headless CLI/serve and the Electron app.
import { hostname } from 'node:os';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Envelope } from '../../../shared/api/transport.ts';

export const LOCK_FILE = 'sync.lock';

/** Lock files this process holds (a lock naming our pid that is not here was left by an earlier process with the same pid). */
const heldHere = new Set<string>();

interface Holder {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

export interface SyncLock {
  release(): void;
}

function readHolder(path: string): Holder | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as Holder) : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string, holder: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

function busy(holder: Holder | null): ConcordError {
  const who = holder ? ` (pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}: ${holder.purpose})` : '';
  return new ConcordError('BUSY', `Another Concord process${who} is syncing this data folder; try again when it has finished.`);
}

/**
 * Takes the data folder's sync lock, waiting up to `waitMs` for another process to finish.
 * Throws ConcordError BUSY with a one-line explanation when it stays taken.
 */
export async function acquireSyncLock(dataDir: string, purpose: string, waitMs = 0): Promise<SyncLock> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(path, me)) break;
    const holder = readHolder(path);
    const ownerGone = holder
      ? holder.host === me.host && (holder.pid === me.pid ? !heldHere.has(path) : !alive(holder.pid))
      : // Unreadable: a crash between creating and writing it, unless it is being written right now.
        Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10_000;
    if (ownerGone) {
      // Left behind by a process that died (kill -9, power loss): take it over.
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first
      }
      continue;
    }
    if (Date.now() >= deadline) throw busy(holder);
    await sleep(Math.min(250, Math.max(10, deadline - Date.now())));
  }
  heldHere.add(path);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    heldHere.delete(path);
    process.off('exit', release);
    const holder = readHolder(path);
    if (holder?.pid === me.pid && holder.host === me.host) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', release);
  return { release };
}

/** Runs `work` holding the sync lock. */
export async function withSyncLock<T>(dataDir: string, purpose: string, waitMs: number, work: () => Promise<T>): Promise<T> {
  const lock = await acquireSyncLock(dataDir, purpose, waitMs);
  try {
    return await work();
  } finally {
    lock.release();
  }
}

/** Methods that sync (and so must hold the data folder's sync lock when called from a host). */
export const lockedMethods: ReadonlySet<string> = new Set(['sync.run', 'history.undo']);

/**
 * Wraps an engine's dispatch so sync.run and history.undo hold the data folder's sync lock; a
 * lock another process holds answers BUSY (the engine's own answer for a run already going).
 */
export function withLockedSyncs<E extends { dispatch(method: string, params: unknown): Promise<Envelope> }>(
  engine: E,
  dataDir: string,
  purpose: string,
): E['dispatch'] {
  return async (method, params) => {
    if (!lockedMethods.has(method)) return engine.dispatch(method, params);
    let lock: SyncLock;
    try {
      lock = await acquireSyncLock(dataDir, purpose);
    } catch (error) {
      if (error instanceof ConcordError) return { ok: false, error: error.toInfo() };
      throw error;
    }
    try {
      return await engine.dispatch(method, params);
    } finally {
      lock.release();
    }
  };
}
