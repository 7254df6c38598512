// SQL for merge suggestions. Pairs are stored once, ordered (a < b); a pair the user dismissed as
// "not the same person" (dismissals) is never suggested again.
import type { WritableDb } from '../handle.ts';
import { prepared } from '../handle.ts';

export type SuggestionTier = 'high' | 'medium' | 'low';

/** A suggestion raised while linking a new record; ignored when the pair was dismissed before. */
export function insertLinkSuggestion(db: WritableDb, a: string, b: string, score: number, tier: SuggestionTier, reasons: string[], at: number): void {
  const [x, y] = a < b ? [a, b] : [b, a];
  prepared(
    db,
    `INSERT INTO suggestions (contact_a, contact_b, score, tier, reasons, created_at, origin)
     SELECT ?, ?, ?, ?, ?, ?, 'link'
     WHERE NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.contact_a = ?1 AND d.contact_b = ?2)
     ON CONFLICT (contact_a, contact_b) DO NOTHING`,
  ).run(x, y, score, tier, JSON.stringify(reasons), at);
}
