// SQL for runs: one row per sync, import, merge or undo, with its report. Journal rows point here.
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export type RunTrigger = 'manual' | 'schedule' | 'startup' | 'resume' | 'online' | 'cli' | 'import' | 'merge' | 'undo';
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'paused' | 'cancelled';

export interface RunRow {
  id: number;
  trigger: RunTrigger;
  status: RunStatus;
  dryRun: boolean;
  startedAt: number;
  finishedAt: number | null;
  report: Record<string, unknown>;
}

interface RawRunRow {
  id: number;
  trigger: RunTrigger;
  status: RunStatus;
  dry_run: 0 | 1;
  started_at: number;
  finished_at: number | null;
  report: string;
}

const toRun = (r: RawRunRow): RunRow => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  dryRun: r.dry_run === 1,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  report: JSON.parse(r.report) as Record<string, unknown>,
});

export function startRun(db: WritableDb, trigger: RunTrigger, at: number, dryRun = false): number {
  return prepared<[RunTrigger, number, number], { id: number }>(
    db,
    `INSERT INTO runs (trigger, status, dry_run, started_at) VALUES (?, 'running', ?, ?) RETURNING id`,
  ).get(trigger, Number(dryRun), at)!.id;
}

export function finishRun(db: WritableDb, id: number, status: Exclude<RunStatus, 'running'>, at: number, report: Record<string, unknown>): void {
  const r = prepared(db, `UPDATE runs SET status = ?, finished_at = ?, report = ? WHERE id = ? AND status = 'running'`).run(
    status,
    at,
    JSON.stringify(report),
    id,
  );
  if (r.changes !== 1) throw new Error(`run ${id} is not running`);
}

export function getRun(db: ReadableDb, id: number): RunRow | undefined {
  const r = prepared<[number], RawRunRow>(db, 'SELECT * FROM runs WHERE id = ?').get(id);
  return r && toRun(r);
}

export function listRuns(db: ReadableDb, limit: number): RunRow[] {
  return prepared<[number], RawRunRow>(db, 'SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit).map(toRun);
}
