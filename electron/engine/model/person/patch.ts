// A minimal updateContact request: the raw person as last read, with only the changed fields
// rewritten. Invariants: every top-level field of `raw` outside the mask is byte-identical in the
// body (unknown and future fields included: DESIGN.md §3 "writes patch that payload"); the etag
// and metadata.sources travel unchanged as the precondition (google-people-api.md §5.2); within a
// masked field the per-item data Concord does not model is kept (write.ts); the mask is exactly
// updateMask(before, after), plus clientData when the engine's marker must be set.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { clientMarkerOf, withClientMarker } from './client-marker.ts';
import { membershipsFor } from './groups.ts';
import { updateMask } from './mask.ts';
import { carriedByGoogle } from './normalize.ts';
import type { GroupResourcesByName, Person, UpdatePersonField } from './types.ts';
import { assertLive, specOf, writeField } from './write.ts';

export interface PatchOptions {
  /** Group name → contactGroups resource name; names missing here throw UnknownGroupsError. */
  groups: GroupResourcesByName;
  /** The hub contact id: when the raw person lacks this marker, it is added (and clientData masked). */
  marker?: string;
}

export interface PersonPatch {
  body: Person;
  updatePersonFields: UpdatePersonField[];
}

/**
 * `before` is the canonical reading of `raw` (or the merge base it was read as); `after` the fields
 * Google should now hold. An empty mask means there is nothing to send.
 */
export function patchPerson(raw: Person, before: ContactFields, after: ContactFields, options: PatchOptions): PersonPatch {
  assertLive(raw);
  const mask = updateMask(before, after);
  const normal = carriedByGoogle(after);
  const body = structuredClone(raw) as Record<string, unknown>;
  for (const path of mask) {
    if (path === 'memberships') body.memberships = membershipsFor(normal.groups, raw, options.groups);
    else if (path !== 'clientData') body[path] = writeField(specOf(path), normal, raw);
  }
  let person = body as Person;
  if (options.marker !== undefined && clientMarkerOf(raw) !== options.marker) {
    person = withClientMarker(person, options.marker);
    mask.push('clientData');
  }
  return { body: person, updatePersonFields: mask };
}
