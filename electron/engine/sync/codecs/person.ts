// The codec for Google accounts: Person JSON ⇄ canonical via model/person. New contacts carry the
// hub contact id in clientData (so an ambiguous create is reconciled, not duplicated); updates are
// sent as the minimal updatePersonFields mask with everything else of the stored person kept.
// Group names resolve through the account's contact groups, loaded (and created) before the run.
import { canonicalToPerson, clientMarkerOf, isDeletedPerson, patchPerson, personToCanonical, withClientMarker } from '../../model/person/index.ts';
import type { GroupNamesByResource, GroupResourcesByName, Person } from '../../model/person/index.ts';
// bodies.ts, not the provider's index: the codec needs no Google client library loaded.
import { encodeUpdate } from '../../providers/google/bodies.ts';
import { ProviderError } from '../../providers/types.ts';
import type { RecordCodec } from '../codec.ts';

export interface PersonGroups {
  namesByResource: GroupNamesByResource;
  resourcesByName: GroupResourcesByName;
}

function parse(payload: string): Person | null {
  try {
    const value: unknown = JSON.parse(payload);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Person) : null;
  } catch {
    return null;
  }
}

export function personCodec(groups: PersonGroups): RecordCodec {
  return {
    decode(item) {
      const person = parse(item.payload);
      if (!person) return { kind: 'invalid', reason: 'Google sent a contact Concord cannot read (not a JSON object).' };
      if (isDeletedPerson(person)) return { kind: 'other', description: 'deleted person' };
      const { fields } = personToCanonical(person, { groupNames: groups.namesByResource });
      return { kind: 'contact', fields, hubId: clientMarkerOf(person) };
    },
    encodeNew(fields, hubId) {
      const person = withClientMarker(canonicalToPerson(fields, undefined, groups.resourcesByName), hubId);
      return { payload: JSON.stringify(person), idHint: hubId };
    },
    encodeUpdate(raw, before, after) {
      const person = parse(raw);
      if (!person) throw new ProviderError('rejected', 'The stored Google contact is unreadable; it will be read again.');
      return encodeUpdate(patchPerson(person, before, after, { groups: groups.resourcesByName }));
    },
  };
}
