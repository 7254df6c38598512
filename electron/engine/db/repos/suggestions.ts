// SQL for merge suggestions. Pairs are stored once, ordered (a < b); a pair the user dismissed as
// "not the same person" (dismissals) is never suggested again. Clusters (three cards of one person
// = one suggestion) are not stored: they are grouped from the open pairs when listed, so a pair
// added or removed by a rescan can never leave a stale cluster behind.
// Rows: status 'open' (shown), 'accepted' (merged), 'dismissed'; origin 'link' (raised while
// linking a new record, the contact is held back from other accounts) or 'scan' (duplicate finder).
// Also here: the duplicate scan's one read of the whole hub, and which contacts a run changed.
// Invariant: no statement here stores a pair that has a row in dismissals.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { evidence as note } from '../../../../shared/model/duplicate-reasons.ts';
import type { DuplicateEvidence } from '../../../../shared/model/duplicate-reasons.ts';
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export type SuggestionTier = 'high' | 'medium' | 'low';
export type SuggestionOrigin = 'scan' | 'link';

export interface SuggestionPair {
  a: string;
  b: string;
  score: number;
  tier: SuggestionTier;
  reasons: string[];
  /** The reasons as codes for translation; absent for text-only reasons (stored as 'note' evidence). */
  evidence?: DuplicateEvidence[];
}

export interface OpenSuggestion extends SuggestionPair {
  origin: SuggestionOrigin;
  evidence: DuplicateEvidence[];
}

/**
 * The reasons column: a JSON array of strings (linking suggestions, rows stored before evidence
 * existed) or { reasons, evidence } for a scan's pairs. One column, so no migration is needed and
 * an older row still reads; text-only reasons read as 'note' evidence.
 */
function encodeReasons(p: SuggestionPair): string {
  return JSON.stringify(p.evidence ? { reasons: p.reasons, evidence: p.evidence } : p.reasons);
}

function decodeReasons(text: string): { reasons: string[]; evidence: DuplicateEvidence[] } {
  const v = JSON.parse(text) as string[] | { reasons: string[]; evidence: DuplicateEvidence[] };
  if (Array.isArray(v)) return { reasons: v, evidence: v.map((r) => note('note', { text: r })) };
  return v;
}

const ordered = <P extends { a: string; b: string }>(p: P): P => (p.a < p.b ? p : { ...p, a: p.b, b: p.a });

/** A suggestion raised while linking a new record; ignored when the pair was dismissed before. */
export function insertLinkSuggestion(db: WritableDb, a: string, b: string, score: number, tier: SuggestionTier, reasons: string[], at: number): void {
  const [x, y] = a < b ? [a, b] : [b, a];
  prepared(
    db,
    `INSERT INTO suggestions (contact_a, contact_b, score, tier, reasons, created_at, origin)
     SELECT ?, ?, ?, ?, ?, ?, 'link'
     WHERE NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.contact_a = ? AND d.contact_b = ?)
     ON CONFLICT (contact_a, contact_b) DO NOTHING`,
    // better-sqlite3 binds anonymous parameters only (?1 is refused): the pair is passed twice.
  ).run(x, y, score, tier, JSON.stringify(reasons), at, x, y);
}

/**
 * Stores a scan's finding. A pair already there keeps its origin (a linking suggestion stays one,
 * with the scan's fresher reasons); a dismissed pair stays dismissed; an accepted pair whose two
 * contacts both live again (the merge was undone) is open again.
 */
function upsertScanPair(db: WritableDb, p: SuggestionPair, at: number): void {
  const { a, b } = ordered(p);
  prepared(
    db,
    `INSERT INTO suggestions (contact_a, contact_b, score, tier, reasons, created_at, origin)
     SELECT ?, ?, ?, ?, ?, ?, 'scan'
     WHERE NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.contact_a = ? AND d.contact_b = ?)
     ON CONFLICT (contact_a, contact_b) DO UPDATE SET score = excluded.score, tier = excluded.tier, reasons = excluded.reasons,
       status = CASE WHEN suggestions.status = 'accepted' THEN 'open' ELSE suggestions.status END,
       decided_at = CASE WHEN suggestions.status = 'accepted' THEN NULL ELSE suggestions.decided_at END`,
  ).run(a, b, p.score, p.tier, encodeReasons(p), at, a, b);
}

/** A full scan's result replaces every open scan suggestion (linking suggestions stay until decided). */
export function replaceScanSuggestions(db: WritableDb, pairs: readonly SuggestionPair[], at: number): void {
  prepared(db, `DELETE FROM suggestions WHERE status = 'open' AND origin = 'scan'`).run();
  for (const p of pairs) upsertScanPair(db, p, at);
}

/** An incremental refresh: the open scan suggestions involving `contactId` become `pairs`. */
export function replaceSuggestionsOf(db: WritableDb, contactId: string, pairs: readonly SuggestionPair[], at: number): void {
  // Two statements, not one with OR: each side then uses its index.
  prepared(db, `DELETE FROM suggestions WHERE contact_a = ? AND status = 'open' AND origin = 'scan'`).run(contactId);
  prepared(db, `DELETE FROM suggestions WHERE contact_b = ? AND status = 'open' AND origin = 'scan'`).run(contactId);
  for (const p of pairs) upsertScanPair(db, p, at);
}

interface RawSuggestion {
  a: string;
  b: string;
  score: number;
  tier: SuggestionTier;
  reasons: string;
  origin: SuggestionOrigin;
}

/** Open pairs whose two contacts are live (not in the trash) and not dismissed. */
export function openSuggestions(db: ReadableDb): OpenSuggestion[] {
  return prepared<[], RawSuggestion>(
    db,
    `SELECT s.contact_a AS a, s.contact_b AS b, s.score, s.tier, s.reasons, s.origin FROM suggestions s
     WHERE s.status = 'open'
       AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = s.contact_a)
       AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = s.contact_b)
       AND NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.contact_a = s.contact_a AND d.contact_b = s.contact_b)
     ORDER BY s.id`,
  )
    .all()
    .map((r) => ({ ...r, ...decodeReasons(r.reasons) }));
}

/** Marks every open pair among `contactIds` accepted (merged) or dismissed; returns how many. */
export function decideSuggestions(db: WritableDb, contactIds: readonly string[], status: 'accepted' | 'dismissed', at: number): number {
  const set = JSON.stringify([...contactIds]);
  return prepared(
    db,
    `UPDATE suggestions SET status = ?, decided_at = ?
     WHERE status = 'open' AND contact_a IN (SELECT value FROM json_each(?)) AND contact_b IN (SELECT value FROM json_each(?))`,
  ).run(status, at, set, set).changes;
}

/** Marks the open pairs between one contact and the others dismissed (split one card off a cluster). */
export function dismissSuggestionsBetween(db: WritableDb, contactId: string, others: readonly string[], at: number): number {
  const set = JSON.stringify([...others]);
  return prepared(
    db,
    `UPDATE suggestions SET status = 'dismissed', decided_at = ?
     WHERE status = 'open' AND ((contact_a = ? AND contact_b IN (SELECT value FROM json_each(?))) OR (contact_b = ? AND contact_a IN (SELECT value FROM json_each(?))))`,
  ).run(at, contactId, set, contactId, set).changes;
}

/** Whether a contact still has an open suggestion raised while linking (its hold is still needed). */
export function hasOpenLinkSuggestion(db: ReadableDb, contactId: string): boolean {
  return (
    prepared<[string, string], { n: number }>(
      db,
      `SELECT (SELECT count(*) FROM suggestions WHERE contact_a = ? AND status = 'open' AND origin = 'link')
            + (SELECT count(*) FROM suggestions WHERE contact_b = ? AND status = 'open' AND origin = 'link') AS n`,
    ).get(contactId, contactId)!.n > 0
  );
}

/** The duplicate scan's read of the hub: every live contact, streamed in one pass. */
export function* liveContactFields(db: ReadableDb): Generator<{ id: string; fields: ContactFields }> {
  const rows = prepared<[], { id: string; fields: string }>(
    db,
    'SELECT c.id, c.fields FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM trash t WHERE t.contact_id = c.id) ORDER BY c.seq',
  ).iterate();
  for (const r of rows) yield { id: r.id, fields: JSON.parse(r.fields) as ContactFields };
}

/** Contacts a run created, changed or restored (what a refresh after that run re-scores). */
export function contactsChangedInRun(db: ReadableDb, runId: number): string[] {
  return prepared<[number], { id: string }>(
    db,
    `SELECT DISTINCT contact_id AS id FROM journal
     WHERE run_id = ? AND contact_id IS NOT NULL AND action IN ('contact.create', 'contact.update', 'contact.restore', 'contact.trash')`,
  )
    .all(runId)
    .map((r) => r.id);
}

/**
 * Contacts of merges that were undone (a 'merge' run reversed by an 'undo' run): the opt-in
 * auto-merge leaves them to the user, so undoing an automatic merge is not redone by the next sync.
 */
export function contactsOfUndoneMerges(db: ReadableDb): Set<string> {
  const rows = prepared<[], { id: string }>(
    db,
    `SELECT DISTINCT c.value AS id FROM journal m, json_each(m.before, '$.contactIds') c
     WHERE m.action = 'merge'
       AND EXISTS (SELECT 1 FROM runs u WHERE u.trigger = 'undo' AND json_extract(u.report, '$.undid') = m.run_id)`,
  ).all();
  return new Set(rows.map((r) => r.id));
}
