// The data folder's cross-process sync lock now lives in the engine (electron/engine/sync/lock.ts)
// so the desktop app takes the same lock; this re-export keeps the headless imports unchanged.
export { LOCK_FILE, acquireSyncLock, withSyncLock } from '../engine/sync/lock.ts';
export type { SyncLock } from '../engine/sync/lock.ts';
