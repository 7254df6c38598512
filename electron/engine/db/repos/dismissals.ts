// SQL for "not the same person" decisions. They are kept by stable contact id, apart from the
// suggestions, so they survive every edit of either contact and every rescan: a dismissed pair is
// never suggested again (suggestions.ts filters on this table). A merge hands the merged contacts'
// decisions to the survivor (B is not C, A is B, so A is not C).
// Invariant: each pair is stored once, ordered (contact_a < contact_b).
import type { ReadableDb, WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** The key dismissedPairs uses for a pair, in either order. */
export function pairKey(a: string, b: string): string {
  const [x, y] = ordered(a, b);
  return `${x}\u0001${y}`;
}

export function dismissPair(db: WritableDb, a: string, b: string, at: number): void {
  if (a === b) return;
  const [x, y] = ordered(a, b);
  prepared(db, 'INSERT OR IGNORE INTO dismissals (contact_a, contact_b, decided_at) VALUES (?, ?, ?)').run(x, y, at);
}

export function isDismissed(db: ReadableDb, a: string, b: string): boolean {
  const [x, y] = ordered(a, b);
  return prepared<[string, string], { n: number }>(db, 'SELECT count(*) AS n FROM dismissals WHERE contact_a = ? AND contact_b = ?').get(x, y)!.n > 0;
}

/** Every dismissed pair, as pairKey strings (a full scan skips them without a query per pair). */
export function dismissedPairs(db: ReadableDb): Set<string> {
  const rows = prepared<[], { a: string; b: string }>(db, 'SELECT contact_a AS a, contact_b AS b FROM dismissals').all();
  return new Set(rows.map((r) => `${r.a}\u0001${r.b}`));
}

/** The contacts a contact was declared different from. */
export function dismissedWith(db: ReadableDb, contactId: string): string[] {
  return prepared<[string, string], { other: string }>(
    db,
    `SELECT contact_b AS other FROM dismissals WHERE contact_a = ?
     UNION SELECT contact_a AS other FROM dismissals WHERE contact_b = ?`,
  )
    .all(contactId, contactId)
    .map((r) => r.other);
}

/** After a merge: every contact `from` was declared different from is different from `to` too. */
export function inheritDismissals(db: WritableDb, from: string, to: string, at: number): void {
  for (const other of dismissedWith(db, from)) if (other !== to) dismissPair(db, to, other, at);
}
