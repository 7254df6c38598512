// Google People API Person ⇄ Concord's canonical contact (shared/model/contact.ts): the public
// surface providers/google and the sync engine use. Pure functions over JSON data, no I/O; the
// Person shape is our own structural subset of the API schema (types.ts), so nothing here imports
// the Google client (DESIGN.md §1). Behaviour follows ../shared/docs/google-people-api.md §2, §5, §6.
export { personToCanonical, isDeletedPerson } from './read.ts';
export type { PersonReadOptions, PersonReadResult } from './read.ts';
export { canonicalToPerson } from './write.ts';
export { updateMask } from './mask.ts';
export { patchPerson } from './patch.ts';
export type { PatchOptions, PersonPatch } from './patch.ts';
export { carriedByGoogle } from './normalize.ts';
export { clientMarkerKey, clientMarkerOf, withClientMarker } from './client-marker.ts';
export { isSystemGroup, membershipGroup, missingGroups, starredGroupName, UnknownGroupsError } from './groups.ts';
export type { GroupNamesByResource, GroupResourcesByName, Person, UpdatePersonField } from './types.ts';
