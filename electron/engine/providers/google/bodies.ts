// The request bodies Concord sends for createContact and updateContact, and how an update payload
// tells the source which fields to replace.
// Mask transport (the choice, documented for the engine): `update(id, etag, payload)` accepts
//   (a) an update envelope `{"updatePersonFields": [...], "person": {...}}` — encodeUpdate() of
//       model/person patchPerson()'s result. The source sends exactly that mask; no extra read.
//       A Person never has `person` or `updatePersonFields` keys, so the envelope is unambiguous.
//   (b) a plain Person JSON. The source then reads the contact once (people.getBatchGet) and
//       replaces the writable fields the payload carries whose contact items differ from Google's
//       (merge-patch: fields the payload leaves out are untouched). One extra read per update.
// GoogleSource.updatePerson() is the typed form of (a) for callers that hold the objects.
// Invariants: the precondition is always the `etag` argument, sent as the CONTACT source etag in
// `metadata.sources` (the documented form, §5.2) and never alongside a top-level person etag that
// could disagree; a create body carries no identity of another contact (resourceName, etag,
// metadata) nor output-only fields, keeps every clientData entry including Concord's marker, and
// is always in contactGroups/myContacts so the contact shows in Google Contacts (§6.3, §12 item 17).
import { sameItems } from '../../model/person/equal.ts';
import type { UpdatePersonField } from '../../model/person/index.ts';
import { withClientMarker } from '../../model/person/index.ts';
import type { PersonPatch } from '../../model/person/index.ts';
import type { Membership, Person } from '../../model/person/types.ts';
import { parsePerson } from './remote-item.ts';

/** §1.3: fields updatePersonFields may name (no photos, no metadata). */
export const writableFields = [
  'addresses', 'biographies', 'birthdays', 'calendarUrls', 'clientData', 'emailAddresses', 'events', 'externalIds',
  'genders', 'imClients', 'interests', 'locales', 'locations', 'memberships', 'miscKeywords', 'names', 'nicknames',
  'occupations', 'organizations', 'phoneNumbers', 'relations', 'sipAddresses', 'urls', 'userDefined',
] as const;

export type WritableField = (typeof writableFields)[number];

export interface UpdateEnvelope {
  updatePersonFields: string[];
  person: Person;
}

/** The update payload for a patch made by model/person patchPerson(). */
export function encodeUpdate(patch: PersonPatch): string {
  const envelope: UpdateEnvelope = { updatePersonFields: [...patch.updatePersonFields], person: patch.body };
  return JSON.stringify(envelope);
}

/** An update payload: the person and, for an envelope, its mask (null = compute it). */
export function decodeUpdate(payload: string): { person: Person; mask: string[] | null } {
  const parsed = parsePerson(payload) as Person & Partial<Record<keyof UpdateEnvelope, unknown>>;
  if ('person' in parsed || 'updatePersonFields' in parsed) {
    const { person, updatePersonFields } = parsed;
    if (typeof person !== 'object' || person === null || Array.isArray(person)) throw new Error('The update envelope has no person object.');
    if (!Array.isArray(updatePersonFields) || updatePersonFields.some((f) => typeof f !== 'string')) {
      throw new Error('The update envelope has no updatePersonFields list.');
    }
    const unknown = updatePersonFields.filter((f) => !(writableFields as readonly string[]).includes(f));
    if (unknown.length > 0) throw new Error(`updatePersonFields names fields Google cannot update: ${unknown.join(', ')}`);
    return { person: person as Person, mask: [...new Set(updatePersonFields as string[])] };
  }
  return { person: parsed, mask: null };
}

const myContacts = 'contactGroups/myContacts';

function inMyContacts(memberships: readonly Membership[]): boolean {
  return memberships.some(
    (m) => m.contactGroupMembership?.contactGroupResourceName === myContacts || m.contactGroupMembership?.contactGroupId === 'myContacts',
  );
}

/** A createContact body: `person` without identity or output-only data, with the marker and myContacts. */
export function createBody(person: Person, marker: string | null): Person {
  const {
    resourceName: _resourceName,
    etag: _etag,
    metadata: _metadata,
    photos: _photos,
    ...rest
  } = person as Person & { coverPhotos?: unknown; ageRanges?: unknown };
  const body = { ...rest } as Person & { coverPhotos?: unknown; ageRanges?: unknown };
  delete body.coverPhotos;
  delete body.ageRanges;
  const memberships = (body.memberships ?? []).map((m) => {
    const { domainMembership: _domain, contactGroupMembership, ...keep } = m;
    const resource = contactGroupMembership?.contactGroupResourceName ??
      (contactGroupMembership?.contactGroupId ? `contactGroups/${contactGroupMembership.contactGroupId}` : null);
    return resource ? { ...keep, contactGroupMembership: { contactGroupResourceName: resource } } : keep;
  });
  body.memberships = inMyContacts(memberships) ? memberships : [{ contactGroupMembership: { contactGroupResourceName: myContacts } }, ...memberships];
  return marker === null ? body : withClientMarker(body, marker);
}

/** An updateContact body: `person` with the precondition set to `etag` on its CONTACT source. */
export function updateBody(person: Person, id: string, etag: string, sourceId: string): Person {
  const { etag: _personEtag, metadata: _metadata, ...rest } = person;
  return { ...rest, resourceName: id, metadata: { sources: [{ type: 'CONTACT', id: sourceId, etag }] } };
}

const outputOnlyKeys = new Set(['displayName', 'displayNameLastFirst', 'formattedType', 'canonicalForm', 'formattedProtocol', 'contactGroupId', 'domainMembership']);

/** The contact's own items of a field, stripped of what Google computes, for comparison. */
function comparable(items: unknown): unknown[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [item];
    const { metadata, ...rest } = item as { metadata?: { source?: { type?: string | null }; sourcePrimary?: boolean | null } };
    const type = metadata?.source?.type;
    if (type !== undefined && type !== null && type !== 'CONTACT') return [];
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) if (!outputOnlyKeys.has(key) && value !== null && value !== undefined && value !== '') out[key] = value;
    // Only the writable sourcePrimary: `primary` is output only and Google sets it on some item anyway.
    if (metadata?.sourcePrimary === true) out.sourcePrimary = true;
    return [out];
  });
}

/**
 * Mask for a plain Person payload: writable fields it carries whose contact items differ from
 * `current`. A harmless over-approximation at worst (a field sent unchanged is replaced by itself).
 */
export function diffMask(person: Person, current: Person): WritableField[] {
  const p = person as Record<string, unknown>;
  const c = current as Record<string, unknown>;
  return writableFields.filter((field) => field in p && p[field] !== undefined && !sameItems(comparable(p[field]), comparable(c[field])));
}

/** The mask as Google's comma-joined field mask, in a stable order. */
export function maskParam(mask: readonly (string | UpdatePersonField)[]): string {
  return [...new Set(mask)].sort().join(',');
}
