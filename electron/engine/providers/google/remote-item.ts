// A Google Person as the engine's RemoteItem (providers/types.ts): id = resourceName, etag = the
// CONTACT source etag, payload = the Person JSON text.
// Why the CONTACT source etag and not the person etag: the person etag depends on the requested
// field mask (google-people-api.md §2.1, §10 item 4), while `metadata.sources[type=CONTACT].etag`
// names one version of the contact whatever was asked; it is also the documented precondition of
// updateContact (§5.2) and what §12 item 12 recommends for change detection.
// Invariants: the payload is the person exactly as the API returned it (re-serialised JSON, never
// edited); a person without a CONTACT source (not expected with sources=CONTACT) falls back to the
// person etag so it still has a version; `previousIds` carries metadata.previousResourceNames (§2.1,
// §12 item 11) so the engine can re-key a contact Google renamed.
import type { Person, Source } from '../../model/person/types.ts';
import type { RemoteItem } from '../types.ts';

export interface GoogleRemoteItem extends RemoteItem {
  /** Former resource names of this contact (metadata.previousResourceNames); usually empty. */
  previousIds: string[];
}

export function contactSourceOf(person: Person): Source | undefined {
  return person.metadata?.sources?.find((s) => s.type === 'CONTACT');
}

/** The version tag Concord compares and sends back as the precondition. */
export function etagOf(person: Person): string {
  return contactSourceOf(person)?.etag ?? person.etag ?? '';
}

export function updatedAtOf(person: Person): number | null {
  const time = contactSourceOf(person)?.updateTime;
  const ms = time ? Date.parse(time) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

export function toRemoteItem(person: Person): GoogleRemoteItem {
  if (!person.resourceName) throw new Error('Google returned a person without a resourceName');
  return {
    id: person.resourceName,
    etag: etagOf(person),
    payload: JSON.stringify(person),
    contentType: 'application/json',
    updatedAt: updatedAtOf(person),
    previousIds: [...(person.metadata?.previousResourceNames ?? [])],
  };
}

/** The Person inside a payload; throws 'rejected'-worthy errors as plain Errors for the caller to map. */
export function parsePerson(payload: string): Person {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    throw new Error('The payload is not JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('The payload is not a Person object.');
  return parsed as Person;
}
