// The engine's own marker on a Google contact: clientData {key: "concord.contactId", value: hub id}.
// Why: a timed-out createContact may have succeeded and is not retried by the client library, so
// the next sync recognises Concord's contact by this marker instead of creating a duplicate
// (google-people-api.md §2.2 clientData, §5.4, §10 item 9, §12 item 18).
// Invariant: clientData is not part of the canonical model; other clients' entries are always kept
// and only the one marker entry is set or replaced.
import { contactItems, isContactItem, writableMetadata } from './source.ts';
import type { ClientData, Person } from './types.ts';

export const clientMarkerKey = 'concord.contactId';

const isMarker = (entry: ClientData): boolean => isContactItem(entry) && entry.key === clientMarkerKey;

/** The hub contact id this Google contact was created for, or null. */
export function clientMarkerOf(person: Person): string | null {
  const entry = contactItems(person.clientData).find((c) => c.key === clientMarkerKey && c.value);
  return entry?.value ?? null;
}

/** A copy of `person` whose clientData carries the marker for `contactId` (exactly once). */
export function withClientMarker(person: Person, contactId: string): Person {
  const data = person.clientData ?? [];
  const at = data.findIndex(isMarker);
  if (at < 0) return { ...person, clientData: [...data, { key: clientMarkerKey, value: contactId }] };
  const clientData = data.flatMap((entry, i) => {
    if (i !== at) return isMarker(entry) ? [] : [entry];
    const { metadata, ...rest } = entry;
    const meta = writableMetadata(metadata, null);
    return [{ ...(meta ? { metadata: meta } : {}), ...rest, value: contactId }];
  });
  return { ...person, clientData };
}
