// addresses (google-people-api.md §2.2), including countryCode.
// Invariant: formattedValue is derived (Google builds it from the parts when unset): kept on an
// unchanged address, dropped on an edited one; an address typed as free text (formattedValue only)
// reads as its street, so it is never lost.
import type { Address } from '../../../../../shared/model/contact.ts';
import { compact, primaryFlag, text } from '../field-spec.ts';
import type { FieldSpec } from '../field-spec.ts';
import { labelFromGoogle, labelToGoogle } from '../labels.ts';
import { isPrimaryItem } from '../source.ts';
import type { PersonAddress } from '../types.ts';

export const addresses: FieldSpec<Address, PersonAddress> = {
  path: 'addresses',
  singleton: false,
  modelled: ['type', 'poBox', 'extendedAddress', 'streetAddress', 'city', 'region', 'postalCode', 'country', 'countryCode'],
  // "If this is not set by the user it will be automatically constructed from structured values."
  derived: ['formattedValue'],
  outputOnly: ['formattedType'],
  get: (f) => f.addresses.map((a) => ({ ...a })),
  set: (f, items) => {
    f.addresses = items;
  },
  read: (a) => {
    const parts = {
      poBox: text(a.poBox),
      extended: text(a.extendedAddress),
      street: text(a.streetAddress),
      locality: text(a.city),
      region: text(a.region),
      postalCode: text(a.postalCode),
      country: text(a.country),
      countryCode: text(a.countryCode),
    };
    // An address typed as one free-form string has only formattedValue: it is the street, not lost.
    if (Object.values(parts).every((p) => p === '')) parts.street = text(a.formattedValue);
    if (Object.values(parts).every((p) => p === '')) return null;
    return { label: labelFromGoogle('address', a.type), primary: isPrimaryItem(a), ...parts };
  },
  write: (a) => {
    const parts = compact({
      poBox: a.poBox,
      extendedAddress: a.extended,
      streetAddress: a.street,
      city: a.locality,
      region: a.region,
      postalCode: a.postalCode,
      country: a.country,
      countryCode: a.countryCode,
    });
    const type = labelToGoogle('address', a.label);
    return parts && type ? { type, ...parts } : parts;
  },
  key: (a) => a.label ?? '',
  primary: primaryFlag,
};
