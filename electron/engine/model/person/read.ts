// Person → canonical contact fields: what a Google contact holds, as Concord models it.
// Invariants: only the contact's own items are read (CONTACT source or none; PROFILE data merged
// in by Google is ignored, google-people-api.md §2.4); a tombstone (metadata.deleted, §3.3) yields
// empty fields; the result is Google-normal (carriedByGoogle(result) = result, normalize.ts), so
// comparing it with what Concord wrote never shows a difference Google cannot store (§10 item 5);
// anything skipped or ambiguous is named in `warnings`, never silently guessed.
import { emptyContactFields } from '../../../../shared/model/contact.ts';
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { AnyFieldSpec } from './field-spec.ts';
import { fieldSpecs } from './fields/index.ts';
import { groupsFromMemberships } from './groups.ts';
import { carriedByGoogle } from './normalize.ts';
import { contactItems, primaryOrFirst } from './source.ts';
import type { GroupNamesByResource, MappedField, Person } from './types.ts';

export interface PersonReadOptions {
  /** contactGroups resource name → group name (from contactGroups.list, §6.2). */
  groupNames: GroupNamesByResource;
}

export interface PersonReadResult {
  fields: ContactFields;
  /** The contact's own, non-default photo (output only, §5.5); also in fields.photo.uri. */
  photoUrl: string | null;
  warnings: string[];
}

export function isDeletedPerson(person: Person): boolean {
  return person.metadata?.deleted === true;
}

/** The items of one mapped field, whatever its item type. */
export function fieldItems(person: Person | undefined, path: MappedField): readonly object[] {
  const items: readonly object[] | null | undefined = person?.[path];
  return items ?? [];
}

/** The contact items of one field; for singletons (§2.2) the primary one when Google sent several. */
function itemsToRead(person: Person, spec: AnyFieldSpec, warn: (message: string) => void): object[] {
  const items = contactItems(fieldItems(person, spec.path));
  if (!spec.singleton || items.length <= 1) return items;
  warn(`${spec.path}: ${items.length} contact items where Google allows one; kept the primary one`);
  return primaryOrFirst(items);
}

/** The contact's own photo: a `default: true` photo is Google's generated monogram, not a photo (§5.5). */
function photoUrlOf(person: Person): string | null {
  const photos = contactItems(person.photos).filter((p) => p.default !== true && p.url);
  return primaryOrFirst(photos)[0]?.url ?? null;
}

export function personToCanonical(person: Person, options: PersonReadOptions): PersonReadResult {
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
  };
  const fields = emptyContactFields();
  if (isDeletedPerson(person)) {
    return { fields, photoUrl: null, warnings: ['metadata.deleted: the person is a tombstone and carries no contact data'] };
  }
  for (const spec of fieldSpecs) {
    const items = itemsToRead(person, spec, warn).flatMap((item) => {
      const read = spec.read(item, warn);
      return read === null ? [] : [read];
    });
    spec.set(fields, items);
  }
  fields.groups = groupsFromMemberships(person.memberships, options.groupNames, warn);
  const photoUrl = photoUrlOf(person);
  fields.photo = photoUrl === null ? null : { hash: null, mediaType: null, uri: photoUrl };
  return { fields: carriedByGoogle(fields), photoUrl, warnings };
}
