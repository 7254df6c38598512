// SQL for the journal: append-only record of every contact change and remote write, with the
// state before and after. It is what history shows and what undo replays backwards.
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';
import { fieldsJson } from './fields-json.ts';

export type JournalAction =
  | 'contact.create'
  | 'contact.update'
  | 'contact.trash'
  | 'contact.restore'
  | 'remote.create'
  | 'remote.update'
  | 'remote.delete'
  | 'link'
  | 'unlink'
  | 'merge'
  | 'account.add'
  | 'account.remove';

export interface JournalEntry {
  runId: number | null;
  at: number;
  action: JournalAction;
  contactId: string | null;
  accountId: string | null;
  remoteId: string | null;
  before: unknown;
  after: unknown;
}

export interface JournalRow extends JournalEntry {
  id: number;
  undoneBy: number | null;
}

interface RawJournalRow {
  id: number;
  run_id: number | null;
  at: number;
  action: JournalAction;
  contact_id: string | null;
  account_id: string | null;
  remote_id: string | null;
  before: string | null;
  after: string | null;
  undone_by: number | null;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'object' ? fieldsJson(v) : JSON.stringify(v));
const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

export function appendJournal(db: WritableDb, e: JournalEntry): number {
  return prepared<object, { id: number }>(
    db,
    `INSERT INTO journal (run_id, at, action, contact_id, account_id, remote_id, before, after)
     VALUES (@runId, @at, @action, @contactId, @accountId, @remoteId, @before, @after) RETURNING id`,
  ).get({ ...e, before: json(e.before), after: json(e.after) })!.id;
}

const toEntry = (r: RawJournalRow): JournalRow => ({
  id: r.id,
  runId: r.run_id,
  at: r.at,
  action: r.action,
  contactId: r.contact_id,
  accountId: r.account_id,
  remoteId: r.remote_id,
  before: parse(r.before),
  after: parse(r.after),
  undoneBy: r.undone_by,
});

export function journalOfRun(db: ReadableDb, runId: number): JournalRow[] {
  return prepared<[number], RawJournalRow>(db, 'SELECT * FROM journal WHERE run_id = ? ORDER BY id').all(runId).map(toEntry);
}

export function journalOfContact(db: ReadableDb, contactId: string): JournalRow[] {
  return prepared<[string], RawJournalRow>(db, 'SELECT * FROM journal WHERE contact_id = ? ORDER BY id').all(contactId).map(toEntry);
}

/** Marks an entry as reversed by the undo run's entry `undoneBy` (or by the run itself when it wrote none). */
export function markUndone(db: WritableDb, entryId: number, undoneBy: number | null): void {
  prepared(db, 'UPDATE journal SET undone_by = ? WHERE id = ?').run(undoneBy, entryId);
}

export function lastEntryOfRun(db: ReadableDb, runId: number): number | null {
  return prepared<[number], { id: number | null }>(db, 'SELECT max(id) AS id FROM journal WHERE run_id = ?').get(runId)!.id;
}
