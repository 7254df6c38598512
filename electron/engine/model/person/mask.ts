// The minimal `updatePersonFields` for a change: the Person fields whose meaning changed.
// Why minimal: updateContact replaces every masked field wholesale (google-people-api.md §5.2,
// §10 item 12) and each needless field risks clobbering a concurrent edit or a value Concord cannot
// see; false diffs cause update storms (§10 item 5). Invariants: fields are compared on what Google
// can carry (normalize.ts), lists as multisets ("no guaranteed order", §2.2) and groups as sets,
// so a kind or photo change, a reorder or an empty label → null alone give []; photos are never in
// the mask (§1.3: no `photos`), clientData only through patchPerson's marker option.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { sameItems } from './equal.ts';
import { fieldSpecs } from './fields/index.ts';
import { carriedByGoogle } from './normalize.ts';
import type { UpdatePersonField } from './types.ts';

export function updateMask(before: ContactFields, after: ContactFields): UpdatePersonField[] {
  const a = carriedByGoogle(before);
  const b = carriedByGoogle(after);
  const mask: UpdatePersonField[] = fieldSpecs.filter((spec) => !sameItems(spec.get(a), spec.get(b))).map((spec) => spec.path);
  if (!sameItems(a.groups, b.groups)) mask.push('memberships');
  return mask;
}
