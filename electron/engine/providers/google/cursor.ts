// The cursor GoogleSource hands the engine: Google's sync token wrapped with what is needed to know
// whether Google will still accept it.
// Why wrap it: a sync token only works with the parameters that issued it (google-people-api.md
// §3.1, §10 item 15), so the cursor carries their fingerprint; and tokens die "7 days after the full
// sync" with the counting base ambiguous (§3.5), so the cursor carries when its chain's full listing
// started and is retired after 6 days — safe under either reading (§12 item 10, the Sailfish client's
// rule, §10 item 19) — instead of waiting for the expired-token error.
// Invariants: a cursor this code cannot read, or whose fingerprint or age does not fit, is
// `cursor-invalid` before any request is sent; the format is versioned (`g1.`).
import { ProviderError } from '../types.ts';

export interface GoogleCursor {
  fingerprint: string;
  /** When the full listing that began this chain of tokens started (ms). */
  chainStartedAt: number;
  syncToken: string;
}

export const maxCursorAgeMs = 6 * 24 * 60 * 60 * 1000;

export function encodeCursor(cursor: GoogleCursor): string {
  return `g1.${cursor.fingerprint}.${cursor.chainStartedAt.toString(36)}.${cursor.syncToken}`;
}

/** Decodes and checks a cursor for the current listing parameters; throws cursor-invalid. */
export function decodeCursor(text: string, fingerprint: string, now: number): GoogleCursor {
  const m = /^g1\.([A-Za-z0-9_-]+)\.([0-9a-z]+)\.(.+)$/s.exec(text);
  if (!m || !m[1] || !m[2] || !m[3]) throw new ProviderError('cursor-invalid', 'The Google sync cursor is not one Concord issued; a full listing follows.');
  const cursor: GoogleCursor = { fingerprint: m[1], chainStartedAt: parseInt(m[2], 36), syncToken: m[3] };
  if (cursor.fingerprint !== fingerprint) {
    throw new ProviderError('cursor-invalid', 'The Google sync cursor was made with other listing parameters; a full listing follows.');
  }
  if (!(now - cursor.chainStartedAt < maxCursorAgeMs)) {
    throw new ProviderError('cursor-invalid', 'The Google sync cursor is close to its 7-day expiry; a full listing follows.');
  }
  return cursor;
}
