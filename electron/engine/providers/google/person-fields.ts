// The one read mask every Google request of Concord uses, and the parameters that go with it.
// Why one mask: person etags depend on the requested fields (google-people-api.md §2.1, §10 item 4)
// and a sync token only works with the exact parameters of the call that issued it (§3.1, §10
// item 15), so listings, gets and the post-write reads of creates/updates all ask for the same thing.
// Invariants: the mask is every Person field the mapping reads (model/person/fields, so it cannot
// drift from the mapping) plus memberships (groups), clientData (Concord's marker), photos (the
// contact's own photo, read.ts) and metadata (sources, etags, deleted, previousResourceNames, §12
// item 4); reads are restricted to the CONTACT source (§2.4); the fingerprint of these parameters
// travels in every cursor, so changing them in an update of Concord turns old cursors invalid
// instead of silently mismatching (§12 item 5).
import { createHash } from 'node:crypto';
import { fieldSpecs } from '../../model/person/fields/index.ts';

/** Sorted, comma-joined `personFields` / `readMask` (§1.3). */
export const readMask: string = [...new Set([...fieldSpecs.map((spec) => spec.path), 'memberships', 'clientData', 'photos', 'metadata'])]
  .sort()
  .join(',');

/** §2.4: only the contact's own data; PROFILE data merged in by Google is never read or written. */
export const readSources = ['READ_SOURCE_TYPE_CONTACT'];

/** §3.1: 1–1000; Concord reads at the maximum so a full listing costs ceil(N / 1000) calls. */
export const maxPageSize = 1000;

/** §5.4 batch limits. */
export const batchLimits = { create: 200, update: 200, delete: 500, get: 200 } as const;

/** The listing parameters a sync token is bound to (§3.1 "must match the first call"). */
export function listingFingerprint(pageSize: number): string {
  return createHash('sha256').update(JSON.stringify({ readMask, readSources, pageSize })).digest('base64url').slice(0, 12);
}
