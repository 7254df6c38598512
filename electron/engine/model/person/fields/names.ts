// names (a contact singleton, google-people-api.md §2.2) ⇄ name + formattedName, and nicknames.
// Invariant: the structured parts and unstructuredName (the name as entered, canonical FN) are
// Concord's; phoneticFullName and the phonetic honorifics are kept as Google has them, and the
// output-only displayName* are never sent.
import { emptyName } from '../../../../../shared/model/contact.ts';
import type { StructuredName } from '../../../../../shared/model/contact.ts';
import { compact, text } from '../field-spec.ts';
import type { FieldSpec } from '../field-spec.ts';
import type { Nickname, PersonName } from '../types.ts';

/** The names item carries the structured name and, as unstructuredName, the name as entered (FN). */
export interface NameItem {
  name: StructuredName;
  formattedName: string;
}

function isEmptyName(item: NameItem): boolean {
  return Object.values(item.name).every((part) => part === '') && item.formattedName === '';
}

export const names: FieldSpec<NameItem, PersonName> = {
  path: 'names',
  singleton: true,
  modelled: [
    'honorificPrefix',
    'givenName',
    'middleName',
    'familyName',
    'honorificSuffix',
    'phoneticGivenName',
    'phoneticMiddleName',
    'phoneticFamilyName',
    'unstructuredName',
  ],
  derived: [],
  // displayName* are computed by Google from the parts; phoneticFullName and the phonetic honorifics
  // are writable but not modelled, so they are kept (unmodelled) rather than dropped.
  outputOnly: ['displayName', 'displayNameLastFirst'],
  get: (f) => (isEmptyName(f) ? [] : [{ name: { ...f.name }, formattedName: f.formattedName }]),
  set: (f, [item]) => {
    f.name = item ? { ...item.name } : emptyName();
    f.formattedName = item?.formattedName ?? '';
  },
  read: (n) => {
    const item: NameItem = {
      name: {
        prefix: text(n.honorificPrefix),
        given: text(n.givenName),
        middle: text(n.middleName),
        family: text(n.familyName),
        suffix: text(n.honorificSuffix),
        phoneticGiven: text(n.phoneticGivenName),
        phoneticMiddle: text(n.phoneticMiddleName),
        phoneticFamily: text(n.phoneticFamilyName),
      },
      // unstructuredName is "the free form name value" (as entered); displayName is output only.
      formattedName: text(n.unstructuredName),
    };
    return isEmptyName(item) ? null : item;
  },
  write: ({ name, formattedName }) =>
    compact({
      honorificPrefix: name.prefix,
      givenName: name.given,
      middleName: name.middle,
      familyName: name.family,
      honorificSuffix: name.suffix,
      phoneticGivenName: name.phoneticGiven,
      phoneticMiddleName: name.phoneticMiddle,
      phoneticFamilyName: name.phoneticFamily,
      unstructuredName: formattedName,
    }),
  key: () => '',
};

export const nicknames: FieldSpec<string, Nickname> = {
  path: 'nicknames',
  singleton: false,
  modelled: ['value'],
  derived: [],
  outputOnly: [],
  // `type` (DEFAULT, ALTERNATE_NAME, …) is not modelled: kept on the item it came with.
  get: (f) => [...f.nicknames],
  set: (f, items) => {
    f.nicknames = items;
  },
  read: (n) => (n.value ? n.value : null),
  write: (value) => compact({ value }),
  key: (value) => value,
};
