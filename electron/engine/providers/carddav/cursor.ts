// The cursor CardDavSource hands the engine. Two kinds, by how the server reports changes:
// - `sync`: the RFC 6578 sync-token, verbatim (it is an opaque URI; carddav-icloud.md §2.1);
// - `ctag`: the collection's getctag when the server has no sync-collection (§2.6). A ctag only says
//   "something changed"; which items did is computed against the etags the engine already holds
//   (CardDavSourceOptions.knownEtags), so the cursor stays a few bytes instead of a 10,000-entry map.
// Both carry the collection's path: a cursor from another address book is refused, not misapplied.
// Invariants: a cursor this code did not issue, or issued for another collection, is
// `cursor-invalid` before any request is sent; the format is versioned (`cd1:`).
import { ProviderError } from '../types.ts';

export type CardDavCursor = { mode: 'sync'; token: string; collection: string } | { mode: 'ctag'; ctag: string | null; collection: string };

export function encodeCursor(cursor: CardDavCursor): string {
  const state = cursor.mode === 'sync' ? { m: 's', t: cursor.token, c: cursor.collection } : { m: 'c', g: cursor.ctag, c: cursor.collection };
  return `cd1:${JSON.stringify(state)}`;
}

/** Decodes a cursor for the collection at `collection` (canonical path); throws cursor-invalid. */
export function decodeCursor(text: string, collection: string): CardDavCursor {
  const invalid = (why: string): ProviderError => new ProviderError('cursor-invalid', `The CardDAV sync cursor ${why}; a full listing follows.`);
  if (!text.startsWith('cd1:')) throw invalid('is not one Concord issued');
  let state: unknown;
  try {
    state = JSON.parse(text.slice(4));
  } catch {
    throw invalid('is damaged');
  }
  if (typeof state !== 'object' || state === null) throw invalid('is damaged');
  const s = state as Record<string, unknown>;
  if (s['c'] !== collection) throw invalid('belongs to another address book');
  if (s['m'] === 's' && typeof s['t'] === 'string' && s['t'] !== '') return { mode: 'sync', token: s['t'], collection };
  if (s['m'] === 'c' && (typeof s['g'] === 'string' || s['g'] === null)) return { mode: 'ctag', ctag: s['g'], collection };
  throw invalid('is damaged');
}
