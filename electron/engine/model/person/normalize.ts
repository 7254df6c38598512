// What of a canonical contact Google can carry, in the form Google gives it back: the reference for
// "same meaning" in the round trip, in updateMask and in the reader's own output.
// Google cannot carry (google-people-api.md §2.2, §5.5, §6): the contact's kind (no Person field);
// the photo through a Person body (photos are output only, written by updateContactPhoto); empty
// items (no value, no date); dates with no known part or out-of-range parts; a list with no or
// several primary items ("each non-empty field is guaranteed to have exactly one field with
// metadata.primary", so the first primary stays, or the first item becomes primary); an empty
// label (no `type` = no label); custom labels that spell a Google type of that field ("homeFax" on a
// phone reads back as 'home fax'); duplicate or empty group names.
// Invariant: carriedByGoogle is idempotent, and personToCanonical(canonicalToPerson(f)) equals
// carriedByGoogle(f) except for the photo (test/unit/model/person-roundtrip.test.ts).
import { emptyContactFields } from '../../../../shared/model/contact.ts';
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { AnyFieldSpec } from './field-spec.ts';
import { fieldSpecs } from './fields/index.ts';
import { normalizeGroupNames } from './groups.ts';

const ignore = (): void => undefined;

/** Exactly one primary in a non-empty list: the first one marked, else the first item. */
function withOnePrimary(items: unknown[], flag: NonNullable<AnyFieldSpec['primary']>): unknown[] {
  const marked = items.findIndex((item) => flag.get(item));
  const chosen = marked < 0 ? 0 : marked;
  return items.map((item, i) => flag.set(item, i === chosen));
}

/** The items of one field as Google would store and return them. */
export function googleForm(spec: AnyFieldSpec, items: readonly unknown[]): unknown[] {
  const carried = items.flatMap((item) => {
    const written = spec.write(item);
    const back = written === null ? null : spec.read(written, ignore);
    if (back === null) return [];
    return [spec.primary ? spec.primary.set(back, spec.primary.get(item)) : back];
  });
  return spec.primary && carried.length > 0 ? withOnePrimary(carried, spec.primary) : carried;
}

export function carriedByGoogle(fields: ContactFields): ContactFields {
  const out: ContactFields = { ...emptyContactFields(), photo: fields.photo };
  for (const spec of fieldSpecs) spec.set(out, googleForm(spec, spec.get(fields)));
  out.groups = normalizeGroupNames(fields.groups);
  return out;
}
