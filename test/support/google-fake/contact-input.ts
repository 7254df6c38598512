// Validates a Person sent by a client (createContact, updateContact, batch*) and turns it into stored data.
// Invariants (doc §5.1, §5.2, §6.3, §11 items 31, 32, 38, 39): unknown JSON keys → 400 naming the path;
// more than one item in a contact singleton (names, birthdays, biographies, genders) → 400; memberships
// may only name existing groups, and only user groups or myContacts/starred can be added; output-only
// data is dropped; the fields taken are exactly `fields` (masked-but-absent fields become empty).

import { badRequest, GENERIC_INVALID, invalidArgument } from './errors.ts';
import type { GroupsStore } from './groups-store.ts';
import { ADDABLE_SYSTEM_GROUPS } from './groups-store.ts';
import type { PersonData, VersionContent } from './people-store.ts';
import { checkKnownFields, cleanItem, SINGLETON_FIELDS, WRITE_FIELDS } from './person-schema.ts';
import type { Item, WriteField } from './person-schema.ts';
import { snake } from './params.ts';

export type PersonJson = Record<string, unknown>;

/** 400 with Google's generic text and a field violation explaining the rule (text of these is unknown, §8.2). */
export function violation(field: string, description: string) {
  return invalidArgument(GENERIC_INVALID, { details: [badRequest([{ field, description }])], why: description });
}

/** Schema check of a Person body; `at` is its proto path ('person', 'contacts[3].contact_person'). */
export function checkPerson(body: unknown, at: string): PersonJson {
  checkKnownFields(body, 'Person', at);
  return body as PersonJson;
}

/**
 * The writable content of `person` for `fields`, merged over `base` (fields outside `fields` keep the base
 * value). A system group the contact is already in may be kept; only adding one is refused.
 */
export function takeFields(
  person: PersonJson,
  fields: Iterable<WriteField>,
  base: VersionContent,
  groups: GroupsStore,
  at: string,
): VersionContent {
  const data: PersonData = structuredClone(base.data);
  let memberships = [...base.groups];
  for (const field of fields) {
    const raw = person[field];
    // §2.4 / REF-UPDATE: "Any non-contact data in the person to update will be ignored."
    const items = (Array.isArray(raw) ? (raw as Item[]) : []).filter((item) => {
      const type = (item.metadata as { source?: { type?: unknown } } | undefined)?.source?.type;
      return type === undefined || type === 'CONTACT';
    });
    if (SINGLETON_FIELDS.includes(field) && items.length > 1) {
      throw violation(`${at}.${snake(field)}`, `Only one ${field.replace(/s$/, '').replace(/ie$/, 'y')} is allowed per contact; got ${items.length}.`);
    }
    if (field === 'memberships') {
      memberships = membershipGroups(items, groups, base.groups, `${at}.memberships`);
      continue;
    }
    const cleaned = items.map((item) => cleanItem(field, item)).filter((item) => Object.keys(item).some((k) => k !== 'metadata'));
    if (cleaned.length > 0) data[field] = cleaned;
    else delete data[field];
  }
  return { data, groups: memberships, photoId: base.photoId };
}

/** Fields a create request carries: every writable field present in the body. */
export function presentFields(person: PersonJson): WriteField[] {
  return WRITE_FIELDS.filter((f) => person[f] !== undefined && person[f] !== null);
}

function membershipGroups(items: Item[], groups: GroupsStore, current: readonly string[], at: string): string[] {
  const out: string[] = [];
  items.forEach((item, i) => {
    const rn = (item.contactGroupMembership as { contactGroupResourceName?: unknown } | undefined)?.contactGroupResourceName;
    if (typeof rn !== 'string' || rn === '') {
      // §6.3: "Only contact_group_resource_name can be used for modifying memberships."
      if (item.domainMembership !== undefined) return; // output only, ignored
      throw violation(`${at}[${i}]`, 'Only contact_group_resource_name can be used for modifying memberships.');
    }
    const group = groups.find(rn);
    if (!group) throw violation(`${at}[${i}].contact_group_membership.contact_group_resource_name`, `Contact group "${rn}" does not exist.`);
    if (group.groupType === 'SYSTEM_CONTACT_GROUP' && !ADDABLE_SYSTEM_GROUPS.includes(rn) && !current.includes(rn)) {
      throw violation(`${at}[${i}].contact_group_membership.contact_group_resource_name`, `Contacts cannot be added to the system contact group "${rn}"; only user groups, myContacts and starred.`);
    }
    out.push(rn);
  });
  return [...new Set(out)];
}
