// A numbered migration: `up` runs inside the runner's single transaction and must not commit,
// change PRAGMAs that are no-ops in a transaction (foreign_keys, journal_mode), or depend on time.
import type { WritableDb } from '../handle.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: WritableDb): void;
}
